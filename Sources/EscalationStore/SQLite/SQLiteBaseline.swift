import Foundation
import GRDB

/// Plain SQLite inserts with the store's own durability settings, for the benchmark's
/// yardstick: how fast could a durable append be with no chain, no sealing, no projections?
/// It lives here because SQL does not leave the store. A benchmark alternates rounds of
/// store appends and raw inserts, so a disk whose fsync speed drifts during the run
/// weighs on both alike.
///
/// Given a case row size it is the benchmark's floor instead: each transaction also inserts
/// a case row into a table with the store's three listing indexes (queue, holder, customer):
/// the rows this schema writes for a case open, with nothing read, sealed, hashed or decided.
public final class SQLiteBaseline {
    private let pool: DatabasePool
    private let payload: String
    private let caseBody: String?
    private let hash = String(repeating: "0", count: 64)
    private var next = 1

    /// Creates a fresh file at `path` (WAL, the store's writer pragmas, busy timeout) for rows of
    /// about `bytesPerRow` bytes, and case rows of about `caseRowBytes` if given.
    public init(path: String, bytesPerRow: Int, caseRowBytes: Int? = nil) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        // What the other columns of each row take on disk (texts, small integers, the header).
        payload = String(repeating: "x", count: max(0, bytesPerRow - 161))
        caseBody = caseRowBytes.map { String(repeating: "y", count: max(0, $0 - 33)) }
        // The same I/O layer as the store's (its write-ahead log writes gathered per transaction).
        _ = SQLiteLedger.logBufferInstalled
        let withCases = caseRowBytes != nil
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
                guard withCases else { return }
                // The store's listing indexes, on the columns they key.
                try db.execute(sql: """
                    CREATE TABLE cases (number INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, state TEXT NOT NULL,
                                        live INTEGER NOT NULL, queue_role TEXT, holder TEXT, received_at INTEGER NOT NULL,
                                        deadline_at INTEGER NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
                    CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number)
                        WHERE holder IS NOT NULL;
                    CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
                    """)
            }
            return pool
        }
    }

    /// Inserts `rows` rows (and as many case rows, for the floor), one transaction each, and
    /// returns the seconds taken. The rows are bound through SQLite's C API, as the store's
    /// own hot statements are.
    public func insert(rows: Int) throws(StoreError) -> TimeInterval {
        try DeskStore.guarded("baseline") {
            let start = Date()
            for _ in 0..<rows {
                let i = next
                next += 1
                try pool.immediateTransaction { db in
                    try db.cachedStatement(sql: "INSERT INTO rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .run(i, "C-000001", i, "tom", "case_opened", payload, hash, hash)
                    guard let caseBody else { return }
                    try db.cachedStatement(sql: "INSERT INTO cases VALUES (?, 'CU-1', 'open', 1, 'agent', 'tom', ?, ?, ?)")
                        .run(i, i, i + 86_400_000, caseBody)
                }
            }
            return Date().timeIntervalSince(start)
        }
    }
}

extension DeskStore {
    /// The average stored size in bytes of an event row (its record), of one kind or of all,
    /// over the newest `newest` such events or all of them (for a like-for-like baseline).
    public func averageEventBytes(kind: EventKind? = nil, newest: Int? = nil) throws(StoreError) -> Int {
        let filter = kind.map { " WHERE kind = '\($0.rawValue)'" } ?? ""
        let limit = newest.map { " ORDER BY seq DESC LIMIT \($0)" } ?? ""
        // Texts as stored, `at` (6 bytes) and the record's header (10).
        return try Self.guarded(path) { try (ledger as! SQLiteLedger).integer("""
            SELECT CAST(avg(length(payload) + length(hash) + length(prev_hash) + length(actor) + length(kind)
                            + coalesce(length(case_id), 0) + 16) AS INTEGER) FROM (SELECT * FROM events\(filter)\(limit))
            """) ?? 0 }
    }

    /// The average stored size in bytes of a case row (its record), over the newest `newest`
    /// cases or all of them (for the benchmark's floor).
    public func averageCaseRowBytes(newest: Int? = nil) throws(StoreError) -> Int {
        let limit = newest.map { " ORDER BY number DESC LIMIT \($0)" } ?? ""
        // Texts as stored; the two or more 6-byte times, the version; the 25 columns' header.
        return try Self.guarded(path) { try (ledger as! SQLiteLedger).integer("""
            SELECT CAST(avg(length(id) + length(customer_id) + length(kind) + length(channel) + length(summary_sealed)
                            + length(state) + length(case_flags) + coalesce(length(queue_role), 0)
                            + coalesce(length(holder), 0) + coalesce(length(escalated_by), 0)
                            + coalesce(length(delegated_by), 0) + coalesce(length(delegated_role), 0) + length(opened_by)
                            + length(requests) + length(decision) + length(timeline)
                            + 6 * (2 + (escalated_at IS NOT NULL) + (resolved_at IS NOT NULL) + (closed_at IS NOT NULL))
                            + 2 + 27) AS INTEGER) FROM (SELECT * FROM cases\(limit))
            """) ?? 0 }
    }
}

/// The second yardstick: the statements and pages of one case open, through the same
/// ledger (reads for the decision, the next number, the head, the event, the case row),
/// with nothing sealed, hashed, serialised or decided. Next to the store it shows how much
/// of an action is SQL and disk and how much is the store's own work.
public final class LedgerOnlyBaseline {
    private let ledger: SQLiteLedger
    private let caseTemplate: CaseRow
    private let eventTemplate: StoredEvent

    /// Copies the store's file to `path` (after emptying its write-ahead log into it) and
    /// takes its newest case and that case's first event as the rows every append repeats.
    public init(copying store: DeskStore, to path: String) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        (ledger, caseTemplate, eventTemplate) = try DeskStore.guarded(path) {
            guard store.ledger.purgeResidue(waitingUpTo: 0) else {
                throw StoreError.unavailable(path: store.path, detail: "its write-ahead log could not be emptied for the copy")
            }
            try FileManager.default.copyItem(atPath: store.path, toPath: path)
            let ledger = try SQLiteLedger.open(path: path)
            let templates = try ledger.read { reader -> (CaseRow, StoredEvent)? in
                guard let last = try reader.listCases(.all(state: nil), limit: 1, offset: 0, total: nil).first,
                      let event = try reader.events(caseID: last.id).first else { return nil }
                return (last, event)
            }
            guard let (row, event) = templates else { throw StoreError.unknownCase("(the store has no case to copy)") }
            return (ledger, row, event)
        }
    }

    /// Appends `count` cases, one transaction each, and returns the seconds taken. (The
    /// customer's key is read with its status, as a case open reads it.)
    public func openCases(_ count: Int) throws(StoreError) -> TimeInterval {
        let template = caseTemplate, event = eventTemplate
        return try DeskStore.guarded(ledger.path) {
            let start = Date()
            for _ in 0..<count {
                try ledger.write { tx in
                    _ = try tx.customerStatus(id: template.customerID)
                    _ = try tx.countCases(customer: template.customerID, receivedAfter: 0, atMost: 3)
                    _ = try tx.grantedTotal(customer: template.customerID, action: "refund", after: 0)
                    var row = template
                    row.number = try tx.nextCaseNumber()
                    row.id = CaseNumbers.id(row.number)
                    let head = try tx.chainHead()
                    var next = event
                    (next.seq, next.caseID, next.prevHash) = (head.seq + 1, row.id, head.hash)
                    try tx.appendEvent(next, after: head)
                    try tx.insertCase(row)
                }
            }
            return Date().timeIntervalSince(start)
        }
    }
}
