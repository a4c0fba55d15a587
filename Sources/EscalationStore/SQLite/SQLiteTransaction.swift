import EscalationCore
import Foundation
import GRDB

/// The ledger's reads and writes on one GRDB connection, inside the transaction the caller
/// opened (`DatabasePool.write` or `read`): one record type per table (`DBEvent`, `DBCase`,
/// … in `Records/`, named apart from the values the ledger speaks), mapped here to the
/// core's `Case` (`DBCase`) and the log's own values (`StoredEvent`, `SealedCustomer`, …). The listings, which merge index ranges, are in
/// `SQLiteTransaction+Listing`; the reads only `audit verify` needs, in `+Audit`.
///
/// The reads every action makes (the chain head, the case, the customer, the totals a
/// decision counts) and the reads made once per case (its history, and in `audit verify`
/// its grants and resolutions) are SQL statements GRDB prepares once per connection
/// (`cachedStatement`); the query interface, which prepares its statement on each call,
/// serves the rest. Records write themselves, through statements GRDB caches.
final class SQLiteTransaction: LedgerTransaction {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    /// The first row of a statement run once per action or per case, as a record or a value.
    private func one<T: FetchableRecord>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try T.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func one<T: DatabaseValueConvertible & StatementColumnConvertible>(
        _ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try T.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row of a statement run once per action or per case, as records.
    func all<T: FetchableRecord>(_ sql: String, _ arguments: StatementArguments) throws -> [T] {
        try T.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    // MARK: Centre

    func centreRecord() throws -> (json: String, training: Bool)? {
        try DBCentre.fetchOne(db, key: DBCentre.onlyID).map { ($0.centreJSON, $0.training) }
    }

    func insertCentre(organisation: String, json: String, training: Bool, at: Int64) throws {
        try DBCentre(organisation: organisation, centreJSON: json, training: training, createdAt: at).insert(db)
    }

    // MARK: Chain

    /// The last row of the events table, read off the end of its key.
    func chainHead() throws -> ChainHead {
        guard let last: DBEvent = try one("SELECT * FROM events ORDER BY seq DESC LIMIT 1") else { return .empty }
        return ChainHead(seq: last.seq, hash: last.hash, marked: last.head == 1, at: last.at)
    }

    func appendEvent(_ e: StoredEvent, after previous: ChainHead) throws {
        if previous.marked && previous.seq > 0 {
            try db.cachedStatement(sql: "UPDATE events SET head = NULL WHERE seq = ?").execute(arguments: [previous.seq])
        }
        var event = e
        event.isHead = true
        try DBEvent(event).insert(db)
    }

    /// Found through `events_by_case`, in the order they were recorded.
    func events(caseID: String) throws -> [StoredEvent] {
        let events: [DBEvent] = try all(Self.history, [caseID])
        return events.map(\.stored)
    }

    private static let history = "SELECT * FROM events WHERE case_id = ? ORDER BY seq"

    /// SQLite's plan for reading a case's history (tests check it goes through the index).
    func historyPlan(caseID: String) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.history, arguments: [caseID]).map { $0["detail"] }
    }

    func event(seq: Int64) throws -> StoredEvent? {
        try DBEvent.fetchOne(db, key: seq)?.stored
    }

    func events(after seq: Int64, kinds: [String], limit: Int) throws -> [StoredEvent] {
        let marks = kinds.map { _ in "?" }.joined(separator: ", ")
        let sql = "SELECT * FROM events WHERE seq > ? AND kind IN (\(marks)) ORDER BY seq LIMIT ?"
        var arguments: StatementArguments = [seq]
        for kind in kinds { arguments += [kind] }
        arguments += [limit]
        let events = try DBEvent.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
        return events.map(\.stored)
    }

    func eventCount() throws -> Int {
        try DBEvent.fetchCount(db)
    }

    // MARK: Keys

    func key(owner: String) throws -> [UInt8]? {
        let key: DBVaultKey? = try one("SELECT * FROM vault_keys WHERE owner = ?", [owner])
        return key.map { Array($0.key) }
    }

    func insertKey(owner: String, bytes: [UInt8]) throws {
        try DBVaultKey(owner: owner, key: Data(bytes)).insert(db)
    }

    func deleteKey(owner: String) throws {
        try DBVaultKey.deleteOne(db, key: owner)
    }

    // MARK: Customers

    func customer(id: String) throws -> SealedCustomer? {
        try dbCustomer(id)?.row
    }

    private func dbCustomer(_ id: String) throws -> DBCustomer? {
        try one("SELECT * FROM customers WHERE id = ?", [id])
    }

    func insertCustomer(_ c: SealedCustomer) throws {
        try DBCustomer(c).insert(db)
    }

    func customerStatus(id: String) throws -> CustomerStatus? {
        guard let customer = try dbCustomer(id) else { return nil }
        return CustomerStatus(id: id, flags: StoredList.decode(customer.flags), erased: customer.erasedAt != nil,
                              key: try key(owner: id), calendar: customer.calendar)
    }

    func customerFlags(id: String) throws -> [String]? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT flags FROM customers WHERE id = ?"), arguments: [id])
            .map(StoredList.decode)
    }

    func markCustomerErased(id: String, at: Int64) throws {
        typealias Columns = DBCustomer.Columns
        try DBCustomer.filter(key: id).updateAll(db, Columns.nameSealed.set(to: nil), Columns.contactSealed.set(to: nil),
                                                 Columns.erasedAt.set(to: at))
    }

    func insertSearchTerms(customer: String, terms: [String]) throws {
        for term in terms { try DBCustomerTerm(term: term, customerID: customer).insert(db, onConflict: .ignore) }
    }

    func deleteSearchTerms(customer: String, terms: [String]?) throws {
        guard let terms else {
            try DBCustomerTerm.filter(DBCustomerTerm.Columns.customerID == customer).deleteAll(db)
            return
        }
        for term in terms {
            try DBCustomerTerm.deleteOne(db, key: ["term": term, "customer_id": customer])
        }
    }

    /// Customers having a word in each prefix's range: one range of `customer_terms` per
    /// prefix, intersected (which the query interface cannot say).
    func customerIDs(nameWordPrefixes prefixes: [String], limit: Int) throws -> [String] {
        guard !prefixes.isEmpty else { return [] }
        // A word no name begins with finds no one. An id typed into search ("C-12345") is
        // such a word, and seeing it first spares gathering every customer with a name
        // word beginning "c" only to intersect them with no one.
        let begun = "SELECT 1 FROM customer_terms WHERE term >= ? AND term < ? LIMIT 1"
        for prefix in prefixes where try Int.fetchOne(db.cachedStatement(sql: begun),
                                                       arguments: [prefix, SearchTerms.upperBound(prefix)]) == nil {
            return []
        }
        var arguments: StatementArguments = []
        for prefix in prefixes { arguments += [prefix, SearchTerms.upperBound(prefix)] }
        let sql = Array(repeating: "SELECT DISTINCT customer_id FROM customer_terms WHERE term >= ? AND term < ?",
                        count: prefixes.count).joined(separator: " INTERSECT ") + " LIMIT ?"
        return try String.fetchAll(db.cachedStatement(sql: sql), arguments: arguments + [limit])
    }

    func customers(idPrefix prefix: String, limit: Int) throws -> [SealedCustomer] {
        let id = DBCustomer.Columns.id.collating(.nocase)
        return try DBCustomer
            .filter(id >= prefix && id < SearchTerms.upperBound(prefix))
            .order(id)
            .limit(limit)
            .fetchAll(db)
            .map(\.row)
    }

    func customerIDs(equalIgnoringCase id: String) throws -> [String] {
        try DBCustomer
            .select(DBCustomer.Columns.id, as: String.self)
            .filter(DBCustomer.Columns.id.collating(.nocase) == id)
            .fetchAll(db)
    }

    // MARK: Cases

    /// Found by its number, the table's key (ids have no index of their own).
    func `case`(id: String, currency: Currency) throws -> Case? {
        guard let number = CaseNumbers.number(ofID: id) else { return nil }
        let found: DBCase? = try one("SELECT * FROM cases WHERE number = ? AND id = ?", [number, id])
        return try found?.readCase(currency: currency)
    }

    /// The number is the table's key: its maximum is the last row, read without a search.
    func nextCaseNumber() throws -> Int64 {
        (try one("SELECT max(number) FROM cases") as Int64? ?? 0) + 1
    }

    func cases(customer: String, currency: Currency) throws -> [Case] {
        try DBCase
            .filter(DBCase.Columns.customerID == customer)
            .order(DBCase.Columns.number)
            .fetchAll(db)
            .map { try $0.readCase(currency: currency) }
    }

    func insertCase(_ c: Case) throws {
        try DBCase(c).insert(db)
    }

    /// Only while the stored version is the one this update follows: the write transaction
    /// holds the write lock from its start, so the version read here cannot change before
    /// the update.
    func updateCase(_ c: Case) throws -> Bool {
        let row = DBCase(c)
        let stored: Int64? = try one("SELECT version FROM cases WHERE number = ?", [row.number])
        guard stored == c.version - 1 else { return false }
        try row.update(db)
        try keepEscalators(of: row)
        return true
    }

    func countCases(customer: String, receivedAfter: Int64, atMost: Int) throws -> Int {
        try one("SELECT count(*) FROM (SELECT 1 FROM cases WHERE customer_id = ? AND received_at > ? LIMIT ?)",
                [customer, receivedAfter, atMost]) ?? 0
    }

    func latestReceipt(customer: String) throws -> Int64? {
        try DBCase
            .filter(DBCase.Columns.customerID == customer)
            .select(max(DBCase.Columns.receivedAt), as: Int64.self)
            .fetchOne(db)
    }

    // MARK: Grants and resolutions

    /// Added up here rather than by SQL's `sum()`, which fails the whole statement with
    /// "integer overflow" once a total passes what an integer holds.
    func grantedTotal(customer: String, action: String, after: Int64) throws -> Int64 {
        let amounts = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT minor FROM grants WHERE customer_id = ? AND action = ? AND granted_at > ?"),
            arguments: [customer, action, after])
        return amounts.reduce(0, GrantHistory.saturatingSum)
    }

    /// The number of the case a grant or resolution belongs to (the command found the case
    /// by this id in the same transaction).
    static func number(ofCase id: String) throws -> Int64 {
        guard let number = CaseNumbers.number(ofID: id) else { throw StoreError.unknownCase(id) }
        return number
    }

    func insertGrant(_ g: GrantRow) throws {
        try DBGrant(g, caseNumber: try Self.number(ofCase: g.caseID)).insert(db)
    }

    func latestResolution(caseID: String) throws -> (resolver: String, role: String)? {
        guard let number = CaseNumbers.number(ofID: caseID) else { return nil }
        let latest: DBResolution? = try one("SELECT * FROM resolutions WHERE case_number = ? ORDER BY seq DESC LIMIT 1",
                                            [number])
        return latest.map { ($0.resolver, $0.handlerRole) }
    }

    func insertResolution(_ r: ResolutionRow) throws {
        try DBResolution(r, caseNumber: try Self.number(ofCase: r.caseID)).insert(db)
    }
}
