import EscalationCore
import Foundation
import GRDB

/// The ledger's reads and writes as SQL on one GRDB connection, inside the transaction the
/// caller opened. Statements are cached: the demo generator runs millions of them.
final class SQLiteTransaction: LedgerTransaction {
    private let db: Database
    /// The connection, for reads kept in extensions of their own (`SQLiteTransaction+Audit`).
    var database: Database { db }
    /// The writer's statements, when this is a write transaction.
    private let writerStatements: WriterStatements?

    init(_ db: Database, writerStatements: WriterStatements? = nil) {
        self.db = db
        self.writerStatements = writerStatements
    }

    private func run(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row, read in place through a cursor (GRDB's `fetchOne` copies every row
    /// into a dictionary-backed value first, which cost more than the query on hot paths).
    private func row<T>(_ sql: String, _ arguments: StatementArguments = [], _ read: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        return try cursor.next().map(read)
    }

    /// A cached statement for the direct path (`DirectStatement.swift`).
    private func statement(_ sql: String) throws -> Statement {
        if let writerStatements { return try writerStatements.statement(sql, in: db) }
        return try db.cachedStatement(sql: sql)
    }

    private func rows<T>(_ sql: String, _ arguments: StatementArguments = [], _ read: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var all: [T] = []
        while let row = try cursor.next() { all.append(try read(row)) }
        return all
    }

    // MARK: Centre

    func centreRecord() throws -> (json: String, training: Bool)? {
        try row("SELECT centre_json, training FROM centre WHERE id = 1") { ($0["centre_json"], $0["training"]) }
    }

    func policyInForce(at: Int64) throws -> (version: String, json: String)? {
        try row("""
            SELECT version, policy_json FROM matrix_versions
            WHERE status = 'in_force' AND effective_at <= ? ORDER BY effective_at DESC LIMIT 1
            """, [at]) { ($0["version"], $0["policy_json"]) }
    }

    func insertCentre(organisation: String, json: String, training: Bool, at: Int64) throws {
        try run("INSERT INTO centre (id, organisation, centre_json, training, created_at) VALUES (1, ?, ?, ?, ?)",
                [organisation, json, training, at])
    }

    func insertMatrixVersion(version: String, policyJSON: String, status: String, effectiveAt: Int64?,
                             at: Int64, by: String) throws {
        try run("""
            INSERT INTO matrix_versions (version, policy_json, status, effective_at, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [version, policyJSON, status, effectiveAt, at, by])
    }

    // MARK: Chain

    /// The last row of the events table, read off the end of its key.
    func chainHead() throws -> ChainHead {
        try statement("SELECT seq, hash, head IS 1, at FROM events ORDER BY seq DESC LIMIT 1").first {
            ChainHead(seq: $0.int64(0), hash: $0.string(1), marked: $0.bool(2), at: $0.int64(3))
        } ?? .empty
    }

    /// Both rows sit in the table's last leaf page (unless the insert just split it), so
    /// moving the mark costs no page of its own.
    func appendEvent(_ e: StoredEvent, after previous: ChainHead) throws {
        if previous.marked && previous.seq > 0 { try statement("UPDATE events SET head = NULL WHERE seq = ?").run(previous.seq) }
        try statement("INSERT INTO events (seq, case_id, at, actor, kind, payload, prev_hash, hash, head) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)")
            .run(e.seq, e.caseID, e.at, e.actor, e.kind, e.payload, e.prevHash, e.hash)
    }

    static func event(_ row: Row) -> StoredEvent {
        StoredEvent(seq: row["seq"], caseID: row["case_id"], at: row["at"], actor: row["actor"], kind: row["kind"],
                    payload: row["payload"], prevHash: row["prev_hash"], hash: row["hash"], isHead: (row["head"] as Int?) == 1)
    }

    /// The events the case's row lists, read by seq (there is no index of events by case).
    func events(caseID: String) throws -> [StoredEvent] {
        guard let number = CaseNumbers.number(ofID: caseID) else { return [] }
        return try rows("""
            SELECT e.* FROM cases c, json_each(c.timeline) t, events e
            WHERE c.number = ? AND c.id = ? AND e.seq = t.value ORDER BY e.seq
            """, [number, caseID], Self.event)
    }

    func eventCount() throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM events")) ?? 0
    }

    // MARK: Keys

    func key(owner: String) throws -> [UInt8]? {
        try statement("SELECT key FROM vault_keys WHERE owner = ?").first(owner) { $0.bytes(0) }
    }

    func insertKey(owner: String, bytes: [UInt8]) throws {
        try statement("INSERT INTO vault_keys (owner, key) VALUES (?, ?)").run(owner, Data(bytes))
    }

    func deleteKey(owner: String) throws {
        try run("DELETE FROM vault_keys WHERE owner = ?", [owner])
    }

    // MARK: Customers

    func customer(id: String) throws -> CustomerRow? {
        try row("SELECT * FROM customers WHERE id = ?", [id], Self.customerRow)
    }

    static func customerRow(_ row: Row) -> CustomerRow {
        CustomerRow(id: row["id"], nameSealed: row["name_sealed"], contactSealed: row["contact_sealed"],
                    flags: StoredList.decode(row["flags"]), createdAt: row["created_at"], erasedAt: row["erased_at"])
    }

    func insertCustomer(_ c: CustomerRow) throws {
        try statement("INSERT INTO customers (id, name_sealed, contact_sealed, flags, created_at, erased_at) VALUES (?, ?, ?, ?, ?, ?)")
            .run(c.id, c.nameSealed, c.contactSealed, StoredList.encode(c.flags), c.createdAt, c.erasedAt)
    }

    func insertSearchTerms(customer: String, terms: [String]) throws {
        let insert = try statement("INSERT OR IGNORE INTO customer_terms (term, customer_id) VALUES (?, ?)")
        for term in terms { try insert.run(term, customer) }
    }

    func deleteSearchTerms(customer: String, terms: [String]?) throws {
        guard let terms else {
            try run("DELETE FROM customer_terms WHERE customer_id = ?", [customer])
            return
        }
        for term in terms {
            try run("DELETE FROM customer_terms WHERE term = ? AND customer_id = ?", [term, customer])
        }
    }

    func customerIDs(nameWordPrefixes prefixes: [String], limit: Int) throws -> [String] {
        guard !prefixes.isEmpty else { return [] }
        var arguments: StatementArguments = []
        var selects: [String] = []
        for prefix in prefixes {
            selects.append("SELECT customer_id FROM customer_terms WHERE term >= ? AND term < ?")
            arguments += [prefix, SearchTerms.upperBound(prefix)]
        }
        arguments += [limit]
        let sql = prefixes.count == 1
            ? "SELECT DISTINCT customer_id FROM customer_terms WHERE term >= ? AND term < ? LIMIT ?"
            : selects.joined(separator: " INTERSECT ") + " LIMIT ?"
        return try String.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func customers(idPrefix prefix: String, limit: Int) throws -> [CustomerRow] {
        try rows("""
            SELECT * FROM customers WHERE id >= ? COLLATE NOCASE AND id < ? COLLATE NOCASE
            ORDER BY id COLLATE NOCASE LIMIT ?
            """, [prefix, SearchTerms.upperBound(prefix), limit], Self.customerRow)
    }

    func customerIDs(equalIgnoringCase id: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM customers WHERE id = ? COLLATE NOCASE"), arguments: [id])
    }

    func markCustomerErased(id: String, at: Int64) throws {
        try run("UPDATE customers SET name_sealed = NULL, contact_sealed = NULL, erased_at = ? WHERE id = ?", [at, id])
    }

    func latestReceipt(customer: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(received_at) FROM cases WHERE customer_id = ?"),
                           arguments: [customer])
    }

    // MARK: Cases

    static let caseColumns = """
        id, number, customer_id, kind, channel, summary_sealed, state, live, case_flags, identity_verified,
        queue_role, holder, escalated_by, delegated_by, delegated_role, opened_by, requests, decision,
        received_at, escalated_at, resolved_at, closed_at, deadline_at, version, timeline
        """

    // Written out once: the hot statements' SQL is the key of GRDB's statement cache, and
    // building it again for every case cost more than the lookup.
    private static let caseByNumber = "SELECT \(caseColumns) FROM cases WHERE number = ? AND id = ?"
    private static let insertCaseRow = "INSERT INTO cases (\(caseColumns)) VALUES (\(Array(repeating: "?", count: 25).joined(separator: ", ")))"

    /// Reads the columns of `caseColumns` by position, in that order.
    static func caseRow(_ row: some PositionalRow) -> CaseRow {
        CaseRow(id: row.string(0), number: row.int64(1), customerID: row.string(2), kind: row.string(3),
                channel: row.string(4), summarySealed: row.string(5), state: row.string(6), live: row.bool(7),
                caseFlags: StoredList.decode(row.string(8)), identityVerified: row.bool(9), queueRole: row.optionalString(10),
                holder: row.optionalString(11), escalatedBy: row.optionalString(12), delegatedBy: row.optionalString(13),
                delegatedRole: row.optionalString(14), openedBy: row.string(15), requests: row.string(16),
                decision: row.string(17), receivedAt: row.int64(18), escalatedAt: row.optionalInt64(19),
                resolvedAt: row.optionalInt64(20), closedAt: row.optionalInt64(21), deadlineAt: row.int64(22),
                version: row.int64(23), timeline: StoredList.decodeNumbers(row.string(24)))
    }

    /// The number is the table's key: its maximum is the last row, read without a search.
    func nextCaseNumber() throws -> Int64 {
        (try statement("SELECT max(number) FROM cases").first { $0.int64(0) } ?? 0) + 1
    }

    /// Found by its number, the table's key (ids have no index of their own).
    func caseRow(id: String) throws -> CaseRow? {
        guard let number = CaseNumbers.number(ofID: id) else { return nil }
        return try statement(Self.caseByNumber).first(number, id, read: Self.caseRow)
    }

    func cases(customer: String) throws -> [CaseRow] {
        try rows("SELECT \(Self.caseColumns) FROM cases WHERE customer_id = ? ORDER BY number", [customer], Self.caseRow)
    }

    func insertCase(_ c: CaseRow) throws {
        try statement(Self.insertCaseRow).run { b in
            b.bind(c.id); b.bind(c.number); b.bind(c.customerID)
            Self.bindChangeableColumns(c, &b)
        }
    }

    /// Binds the columns of `caseColumns` after `customer_id`, in that order: every column
    /// an update may change, written by the insert and the update alike.
    @inline(__always)
    private static func bindChangeableColumns(_ c: CaseRow, _ b: inout SQLiteBinder) {
        b.bind(c.kind); b.bind(c.channel); b.bind(c.summarySealed); b.bind(c.state); b.bind(c.live)
        b.bind(StoredList.encode(c.caseFlags)); b.bind(c.identityVerified); b.bind(c.queueRole); b.bind(c.holder)
        b.bind(c.escalatedBy); b.bind(c.delegatedBy); b.bind(c.delegatedRole); b.bind(c.openedBy); b.bind(c.requests)
        b.bind(c.decision); b.bind(c.receivedAt); b.bind(c.escalatedAt); b.bind(c.resolvedAt); b.bind(c.closedAt)
        b.bind(c.deadlineAt); b.bind(c.version); b.bind(StoredList.encode(c.timeline))
    }

    /// Sets every column but the keys: naming a parent key in SET would make SQLite check
    /// every child row that references it (a scan per update).
    func updateCase(_ c: CaseRow) throws -> Bool {
        try statement("""
            UPDATE cases SET kind = ?, channel = ?, summary_sealed = ?, state = ?, live = ?, case_flags = ?,
                identity_verified = ?, queue_role = ?, holder = ?, escalated_by = ?, delegated_by = ?, delegated_role = ?,
                opened_by = ?, requests = ?, decision = ?, received_at = ?, escalated_at = ?, resolved_at = ?,
                closed_at = ?, deadline_at = ?, version = ?, timeline = ?
            WHERE number = ? AND version = ?
            """).run { b in
                Self.bindChangeableColumns(c, &b)
                b.bind(c.number); b.bind(c.version - 1)
            }
        return db.changesCount == 1
    }

    func countCases(customer: String, receivedAfter: Int64, atMost: Int) throws -> Int {
        try statement("""
            SELECT count(*) FROM (SELECT 1 FROM cases WHERE customer_id = ? AND received_at > ? LIMIT ?)
            """).first(customer, receivedAfter, atMost) { $0.int(0) } ?? 0
    }

    func customerStatus(id: String) throws -> CustomerStatus? {
        try statement("""
            SELECT c.flags, c.erased_at IS NOT NULL, k.key FROM customers c LEFT JOIN vault_keys k ON k.owner = c.id
            WHERE c.id = ?
            """).first(id) { row in
            CustomerStatus(id: id, flags: StoredList.decode(row.string(0)), erased: row.bool(1),
                           key: row.isNull(2) ? nil : row.bytes(2))
        }
    }

    // MARK: Grants and resolutions

    /// Added up here rather than by SQL's `sum()`, which fails the whole statement with
    /// "integer overflow" once a total passes what an integer holds.
    func grantedTotal(customer: String, action: String, after: Int64) throws -> Int64 {
        let amounts = try rows("SELECT minor FROM grants WHERE customer_id = ? AND action = ? AND granted_at > ?",
                               [customer, action, after]) { $0[0] as Int64 }
        return amounts.reduce(0, GrantHistory.saturatingSum)
    }

    /// The number of the case a grant or resolution belongs to (the command found the case
    /// by this id in the same transaction).
    private static func number(ofCase id: String) throws -> Int64 {
        guard let number = CaseNumbers.number(ofID: id) else { throw StoreError.unknownCase(id) }
        return number
    }

    func insertGrant(_ g: GrantRow) throws {
        try statement("INSERT INTO grants (case_number, customer_id, action, minor, granted_at) VALUES (?, ?, ?, ?, ?)")
            .run(try Self.number(ofCase: g.caseID), g.customerID, g.action, g.minor, g.grantedAt)
    }

    func latestResolution(caseID: String) throws -> (resolver: String, role: String)? {
        guard let number = CaseNumbers.number(ofID: caseID) else { return nil }
        return try statement("SELECT resolver, handler_role FROM resolutions WHERE case_number = ? ORDER BY seq DESC LIMIT 1")
            .first(number) { ($0.string(0), $0.string(1)) }
    }

    func insertResolution(_ r: ResolutionRow) throws {
        try statement("""
            INSERT INTO resolutions (seq, case_number, outcome, root_cause, matrix_version, handler_role, resolver,
                                     received_at, escalated_at, resolved_at, grants)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run(r.seq, try Self.number(ofCase: r.caseID), r.outcome, r.rootCause, r.matrixVersion, r.handlerRole, r.resolver,
                     r.receivedAt, r.escalatedAt, r.resolvedAt, r.grants)
    }

    // MARK: Listings

    private static let order = "ORDER BY live DESC, deadline_at, received_at, number"
    /// The same order walked from the other end.
    private static let reverseOrder = "ORDER BY live, deadline_at DESC, received_at DESC, number DESC"
    private static let activeStates = CaseState.allCases.filter(\.isActive).map(\.rawValue)
    private static let allStates = CaseState.allCases.map(\.rawValue)

    /// A part of a listing: one condition served by one index range, already in queue order.
    private typealias Part = (sql: String, arguments: StatementArguments)

    /// The columns a listing skips through: the order's and the case number, all held by
    /// each listing index, so a skipped position reads no case row.
    private static let keyColumns = "live, deadline_at, received_at, number"

    /// One indexed range per part, merged in queue order (or its reverse), with `LIMIT ?
    /// OFFSET ?` left to bind: SQLite walks each range of the filter's index already sorted
    /// and never sorts the whole set (`MERGE (UNION ALL)`).
    private static func merged(_ parts: [Part], columns: String, reversed: Bool = false) -> (String, StatementArguments) {
        var all: StatementArguments = []
        for part in parts { all += part.arguments }
        let sql = parts.map { "SELECT \(columns) FROM cases WHERE \($0.sql)" }.joined(separator: " UNION ALL ")
        return (sql + " \(reversed ? reverseOrder : order) LIMIT ? OFFSET ?", all)
    }

    /// Every queue role present, found by seeking `cases_by_queue` once per role (a loose
    /// index scan: a few seeks, however many cases each role has), and whether any case
    /// has no queue role.
    private func queueRoles() throws -> (roles: [String], anyWithout: Bool) {
        let next = try db.cachedStatement(sql: "SELECT queue_role FROM cases WHERE queue_role > ? ORDER BY queue_role LIMIT 1")
        var roles: [String] = []
        var after = ""
        while let role = try String.fetchOne(next, arguments: [after]) {
            roles.append(role)
            after = role
        }
        let without = try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM cases WHERE queue_role IS NULL)")) ?? false
        return (roles, without)
    }

    /// The filter as one condition per state, each served by an index: a person's cases
    /// through the holder index, a role's through the queue index, the referred queue's
    /// waiting cases through the queue index and held ones through the holder index (one
    /// condition with an OR would walk every active case of the role), and all cases as
    /// every (role, state) range of the queue index. `extra` narrows each part (a search).
    private func parts(_ filter: CaseFilter, extra: Part? = nil) throws -> [Part] {
        func states(_ state: String?, _ fallback: [String]) -> [String] { state.map { [$0] } ?? fallback }
        var parts: [Part]
        switch filter {
        case .holder(let id, let state):
            parts = states(state, Self.activeStates).map { ("holder = ? AND state = ?", [id, $0]) }
        case .queueRole(let role, let state):
            parts = states(state, Self.activeStates).map { ("queue_role = ? AND state = ?", [role, $0]) }
        case .referred(let role, let staffID, let state):
            parts = states(state, Self.activeStates).map { state in
                state == CaseState.escalated.rawValue
                    ? ("queue_role = ? AND state = ?", [role, state])
                    : ("holder = ? AND state = ? AND queue_role = ?", [staffID, state, role])
            }
        case .all(let state):
            let (roles, anyWithout) = try queueRoles()
            parts = []
            for state in states(state, Self.allStates) {
                parts += roles.map { ("queue_role = ? AND state = ?", [$0, state]) }
                if anyWithout { parts.append(("queue_role IS NULL AND state = ?", [state])) }
            }
        }
        guard let extra else { return parts }
        return parts.map { ("\($0.sql) AND (\(extra.sql))", $0.arguments + extra.arguments) }
    }

    /// A page in two steps: the rows before it are skipped in the listing indexes alone
    /// (each holds the order's columns and the case number, so no case row is read for a
    /// skipped position), then the page's own rows are read by number. A page in the far
    /// half of a queue of known size is found from the other end, so the last page of a
    /// million cases costs what the first does.
    func listCases(_ filter: CaseFilter, limit: Int, offset: Int, total: Int?) throws -> [CaseRow] {
        let parts = try parts(filter)
        guard !parts.isEmpty, limit > 0 else { return [] }
        var (skip, take, reversed) = (offset, limit, false)
        if let total, offset > total / 2 {
            guard offset < total else { return [] }
            take = min(limit, total - offset)
            (skip, reversed) = (total - offset - take, true)
        }
        let (keys, arguments) = Self.merged(parts, columns: Self.keyColumns, reversed: reversed)
        let numbers: [Int64] = try rows(keys, arguments + [take, skip]) { $0[3] }
        guard !numbers.isEmpty else { return [] }
        let found = try rows("SELECT \(Self.caseColumns) FROM cases WHERE number IN (SELECT value FROM json_each(?))",
                             [StoredList.encode(numbers)], Self.caseRow)
        let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return (reversed ? numbers.reversed() : numbers).compactMap { byNumber[$0] }
    }

    /// SQLite's plan for a listing's keys, both ways, and for its counts (tests check no
    /// step scans the table or sorts).
    func plan(_ filter: CaseFilter) throws -> [String] {
        let parts = try parts(filter)
        var statements = [false, true].map { reversed in
            let (keys, arguments) = Self.merged(parts, columns: Self.keyColumns, reversed: reversed)
            return (keys, arguments + [10, 0])
        }
        for part in parts { statements.append(("SELECT count(*) FROM cases WHERE \(part.sql)", part.arguments)) }
        return try explain(statements)
    }

    /// SQLite's plan steps for each statement, in order.
    private func explain(_ statements: [Part]) throws -> [String] {
        try statements.flatMap { sql, arguments in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    func countCases(_ filter: CaseFilter) throws -> Int {
        if case .all(nil) = filter {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM cases")) ?? 0
        }
        var total = 0
        for part in try parts(filter) {
            total += try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM cases WHERE \(part.sql)"),
                                      arguments: part.arguments) ?? 0
        }
        return total
    }

    /// Above this many matches a search walks each (role, state) range in queue order and
    /// filters (the page comes at once when most cases match); below it, it reads the
    /// matches through the case numbers and the customer index and sorts them.
    static let searchSortLimit = 5_000

    /// Ids starting with the prefix are ranges of the table's key (`CaseNumbers.ranges`).
    private static func matchClause(_ match: CaseMatch) -> Part {
        let ranges = CaseNumbers.ranges(idPrefix: match.caseIDPrefix)
        var arguments: StatementArguments = []
        for range in ranges { arguments += [range.lowerBound, range.upperBound] }
        arguments += [StoredList.encode(match.customerIDs)]
        let terms = ranges.map { _ in "number BETWEEN ? AND ?" } + ["customer_id IN (SELECT value FROM json_each(?))"]
        return ("(" + terms.joined(separator: " OR ") + ")", arguments)
    }

    /// A search's count, and its page read through case numbers and the customer index,
    /// then sorted (`LIMIT ? OFFSET ?` left to bind): as searches run them and the plan test
    /// checks them.
    private static func searchStatements(_ match: CaseMatch) -> (count: Part, sortedPage: Part) {
        let clause = matchClause(match)
        return (("SELECT count(*) FROM cases WHERE \(clause.sql)", clause.arguments),
                ("SELECT \(caseColumns) FROM cases WHERE \(clause.sql) \(order) LIMIT ? OFFSET ?", clause.arguments))
    }

    func searchCases(_ match: CaseMatch, limit: Int, offset: Int, total: Int) throws -> [CaseRow] {
        if total > Self.searchSortLimit {
            let parts = try parts(.all(state: nil), extra: Self.matchClause(match))
            guard !parts.isEmpty else { return [] }
            let (sql, all) = Self.merged(parts, columns: Self.caseColumns)
            return try rows(sql, all + [limit, offset], Self.caseRow)
        }
        let page = Self.searchStatements(match).sortedPage
        return try rows(page.sql, page.arguments + [limit, offset], Self.caseRow)
    }

    /// SQLite's plan for a search's count and its sorted page (tests check neither scans).
    func plan(_ match: CaseMatch) throws -> [String] {
        let (count, page) = Self.searchStatements(match)
        return try explain([count, (page.sql, page.arguments + [10, 0])])
    }

    func countCases(_ match: CaseMatch) throws -> Int {
        let count = Self.searchStatements(match).count
        return try Int.fetchOne(db.cachedStatement(sql: count.sql), arguments: count.arguments) ?? 0
    }

    /// A few index seeks per role on `cases_by_queue` (role, state, live), never a scan of
    /// the closed cases that make up most of a large database.
    func queueCounts(roles: [String]) throws -> [QueueCount] {
        let active = Self.activeStates.map { "'\($0)'" }.joined(separator: ", ")
        let statement = try db.cachedStatement(sql: """
            SELECT (SELECT count(*) FROM cases WHERE queue_role = ?1 AND state = 'escalated') AS waiting,
                   (SELECT count(*) FROM cases WHERE queue_role = ?1 AND state = 'claimed') AS held,
                   (SELECT count(*) FROM cases WHERE queue_role = ?1 AND state IN (\(active)) AND live = 1) AS live,
                   EXISTS (SELECT 1 FROM cases WHERE queue_role = ?1 AND state IN (\(active))) AS any
            """)
        var counts: [QueueCount] = []
        for role in Set(roles).sorted() {
            guard let row = try Row.fetchOne(statement, arguments: [role]), row["any"] as Bool else { continue }
            counts.append(QueueCount(role: role, waiting: row["waiting"], held: row["held"], live: row["live"]))
        }
        return counts
    }
}

/// Lists of flags stored as canonical JSON arrays of strings.
enum StoredList {
    static func encode(_ items: [String]) -> String { items.isEmpty ? "[]" : JSONValue.strings(items).canonicalString }

    static func decode(_ text: String) -> [String] {
        if text == "[]" { return [] }
        return ((try? JSONValue.parse(text))?.array ?? []).compactMap(\.string)
    }

    /// Numbers (a case's event seqs) as a JSON array, which SQL can also read (`json_each`).
    static func encode(_ numbers: [Int64]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(numbers.count * 8 + 2)
        for (i, number) in numbers.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeInt(number, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeNumbers(_ text: String) -> [Int64] {
        text.utf8.split { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ",") }
            .compactMap { Int64(String(decoding: $0, as: UTF8.self)) }
    }
}

extension SQLiteTransaction {
    /// One event by its key.
    func event(seq: Int64) throws -> StoredEvent? {
        try row("SELECT * FROM events WHERE seq = ?", [seq], Self.event)
    }
}
