import Foundation
import GRDB

/// Plain SQLite inserts with the store's own durability settings, for the benchmark's
/// yardstick: how fast could a durable append be with no chain, no sealing, no projections?
/// It lives here because SQL does not leave the store. A benchmark alternates rounds of
/// store appends and raw inserts, so a disk whose fsync speed drifts during the run
/// weighs on both alike.
public final class SQLiteBaseline {
    private let pool: DatabasePool
    private let payload: String
    private let hash = String(repeating: "0", count: 64)
    private var next = 1

    /// Creates a fresh file at `path` (WAL, the store's writer pragmas, busy timeout) for rows of
    /// about `bytesPerRow` bytes.
    public init(path: String, bytesPerRow: Int) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        payload = String(repeating: "x", count: max(0, bytesPerRow - 160))
        pool = try DeskStore.guarded(path) {
            var config = Configuration()
            config.busyMode = .timeout(SQLiteLedger.busyTimeout)
            let pool = try DatabasePool(path: path, configuration: config)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: SQLiteLedger.writerPragmas)
                try db.execute(sql: """
                    CREATE TABLE rows (seq INTEGER PRIMARY KEY, case_id TEXT, at INTEGER, actor TEXT, kind TEXT,
                                       payload TEXT, prev_hash TEXT, hash TEXT)
                    """)
            }
            return pool
        }
    }

    /// Inserts `rows` rows, one transaction each, and returns the seconds taken.
    public func insert(rows: Int) throws(StoreError) -> TimeInterval {
        try DeskStore.guarded("baseline") {
            let start = Date()
            for _ in 0..<rows {
                let i = next
                next += 1
                try pool.immediateTransaction { db in
                    try db.cachedStatement(sql: "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(arguments: [i, "C-000001", i, "tom", "case_opened", payload, hash, hash])
                }
            }
            return Date().timeIntervalSince(start)
        }
    }
}

extension DeskStore {
    /// The average stored size in bytes of an event row, of one kind or of all (for a
    /// like-for-like baseline).
    public func averageEventBytes(kind: EventKind? = nil) throws(StoreError) -> Int {
        let filter = kind.map { " WHERE kind = '\($0.rawValue)'" } ?? ""
        return try Self.guarded(path) { try (ledger as! SQLiteLedger).integer("""
            SELECT CAST(avg(length(payload) + length(hash) + length(prev_hash) + length(actor) + length(kind)
                            + coalesce(length(case_id), 0) + 16) AS INTEGER) FROM events\(filter)
            """) ?? 0 }
    }
}
