import Foundation
import GRDB

/// Plain SQLite inserts with the store's own durability settings, for the benchmark's
/// yardstick: how fast could a durable append be with no chain, no sealing, no projections?
/// It lives here because SQL does not leave the store.
public enum SQLiteBaseline {
    /// Inserts `rows` rows of about `bytesPerRow` bytes into a fresh file at `path`, one
    /// transaction each (WAL, `synchronous = FULL`, busy timeout), and returns the seconds taken.
    public static func durableInserts(at path: String, rows: Int, bytesPerRow: Int) throws(StoreError) -> TimeInterval {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        return try DeskStore.guarded(path) {
            var config = Configuration()
            config.busyMode = .timeout(SQLiteLedger.busyTimeout)
            let pool = try DatabasePool(path: path, configuration: config)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: """
                    PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;
                    CREATE TABLE rows (seq INTEGER PRIMARY KEY, case_id TEXT, at INTEGER, actor TEXT, kind TEXT,
                                       payload TEXT, prev_hash TEXT, hash TEXT)
                    """)
            }
            let payload = String(repeating: "x", count: max(0, bytesPerRow - 160))
            let hash = String(repeating: "0", count: 64)
            let start = Date()
            for i in 0..<rows {
                try pool.write { db in
                    try db.cachedStatement(sql: "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .execute(arguments: [i + 1, "C-000001", i, "tom", "case_opened", payload, hash, hash])
                }
            }
            return Date().timeIntervalSince(start)
        }
    }
}

extension DeskStore {
    /// The average stored size of an event row in bytes (for a like-for-like baseline).
    public func averageEventBytes() throws(StoreError) -> Int {
        try Self.guarded(path) { try (ledger as! SQLiteLedger).integer("""
            SELECT CAST(avg(length(payload) + length(hash) + length(prev_hash) + length(actor) + length(kind)
                            + coalesce(length(case_id), 0) + 16) AS INTEGER) FROM events
            """) ?? 0 }
    }
}
