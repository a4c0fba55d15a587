import EscalationCore
import Foundation

/// The embedded default: a path names an SQLite file (`SQLiteLedger`). The only place that
/// chooses a backend; another (PostgreSQL) opens its ledger and hands it to
/// `DeskStore.open(_:path:checkingConfiguration:)` or `create(path:centre:training:now:make:)`.
extension DeskStore {
    /// Opens an existing database.
    ///
    /// - Throws: `.missingDatabase`, `.notOurs`, `.newerSchema`, `.readOnly`, `.unavailable`.
    ///
    /// The configuration, staff list, policy and training mode are checked against the
    /// digests the first event recorded (`ConfigBinding`): a database whose tables were edited
    /// to change who may do what is refused (`.recordAltered`, exit 65).
    ///
    /// - Parameters:
    ///   - willUpgrade: called with the file's format and this build's before a file from an
    ///     older escdesk is upgraded in place (once; it can take seconds on a large centre),
    ///     so a caller can say why it waits.
    ///   - checkingConfiguration: false only for `audit verify`, which reports what differs
    ///     instead of refusing to look.
    public static func open(at path: String, willUpgrade: (_ from: Int, _ to: Int) -> Void = { _, _ in },
                            checkingConfiguration: Bool = true) throws(StoreError) -> DeskStore {
        let ledger = try guarded(path) {
            do { return try SQLiteLedger.open(path: path, willUpgrade: willUpgrade) } catch {
                throw SQLiteErrors.map(error, path: path)
            }
        }
        return try open(ledger, path: path, checkingConfiguration: checkingConfiguration)
    }

    /// Creates a database for a centre, its matrix as version 1 in force from `now`.
    /// Refuses to overwrite an existing file; on failure nothing is left behind.
    ///
    /// - Parameter training: a training database accepts `--as` and `--now` (fixed for life).
    public static func create(at path: String, centre: Centre, training: Bool, now: Date) throws(StoreError) -> DeskStore {
        try create(path: path, centre: centre, training: training, now: now) { setUp in
            try SQLiteLedger.create(path: path, setUp: setUp)
        }
    }
}

extension DeskStore {
    private var sqlite: SQLiteLedger { ledger as! SQLiteLedger }

    /// Raw SQL on the file, bypassing every command: for tests that tamper with the log.
    func executeRaw(_ sql: String) throws {
        try sqlite.executeRaw(sql)
    }

    /// SQLite's query plan for a queue's listing and counts, for tests.
    func listingPlan(queue: CaseQueue, state: CaseState? = nil) throws -> [String] {
        guard let filter = try filter(queue, state) else { return [] }
        return try sqlite.read { try ($0 as! SQLiteTransaction).plan(filter) }
    }

    /// SQLite's query plan for counting a customer's active cases, for tests.
    func activeCountPlan() throws -> [String] {
        try sqlite.read { try ($0 as! SQLiteTransaction).activeCountPlan() }
    }

    /// SQLite's query plan for a case search's count and page, for tests.
    func searchPlan(caseIDPrefix: String, customerIDs: [String]) throws -> [String] {
        let match = CaseMatch(caseIDPrefix: caseIDPrefix, customerIDs: customerIDs)
        return try sqlite.read { try ($0 as! SQLiteTransaction).plan(match) }
    }

    /// A search's id-and-customer count, stopped at `atMost` (tests check the cap).
    func searchCount(caseIDPrefix: String, customerIDs: [String], atMost: Int) throws -> Int {
        let match = CaseMatch(caseIDPrefix: caseIDPrefix, customerIDs: customerIDs)
        return try sqlite.read { try ($0 as! SQLiteTransaction).countCases(match, atMost: atMost) }
    }

    /// A search's id-and-customer page read by walking the queue order or through the id
    /// ranges (tests check both give the same).
    func searchPage(caseIDPrefix: String, customerIDs: [String], limit: Int, offset: Int, walking: Bool) throws -> [String] {
        let match = CaseMatch(caseIDPrefix: caseIDPrefix, customerIDs: customerIDs)
        let currency = rules.centre.currency
        return try sqlite.read {
            try ($0 as! SQLiteTransaction).searchCases(match, limit: limit, offset: offset, walking: walking, currency: currency).map(\.id)
        }
    }

    /// One integer from raw SQL on the writer connection (pragmas, counts), for tests.
    func integer(_ sql: String) throws -> Int? {
        try sqlite.integer(sql)
    }
}
