import EscalationCore
import GRDB

/// Listings and searches: each a merge of index ranges already in queue order, written as
/// SQL (`UNION ALL` of ranges, `json_each`) where the query interface cannot say it, and
/// read into case records.
extension SQLiteTransaction {
    /// Live cases first, then by the time each is due (`due_at`: its nearest unmet clock's,
    /// else its flat deadline), oldest receipt first, then by number.
    private static let order = "ORDER BY live DESC, due_at, received_at, number"
    /// The same order walked from the other end.
    private static let reverseOrder = "ORDER BY live, due_at DESC, received_at DESC, number DESC"
    private static let activeStates = CaseState.allCases.filter(\.isActive).map(\.rawValue)
    private static let allStates = CaseState.allCases.map(\.rawValue)

    /// A part of a listing: one condition served by one index range, already in queue order.
    private typealias Part = (sql: String, arguments: StatementArguments)

    /// The columns a listing skips through: the order's and the case number, all held by
    /// each listing index, so a skipped position reads no case row.
    private static let keyColumns = "live, due_at, received_at, number"

    /// Where a filter's parts are read: the cases table, or for "Escalated by me" everyone
    /// who referred each case up (`case_escalators`, which carries the queue order's columns
    /// and names the case number as the cases table does).
    private static func source(_ filter: CaseFilter) -> String {
        guard case .escalatedBy = filter else { return "cases" }
        return "(SELECT case_number AS number, staff_id, state, live, due_at, received_at FROM case_escalators)"
    }

    /// One indexed range per part, merged in queue order (or its reverse), with `LIMIT ?
    /// OFFSET ?` left to bind: SQLite walks each range of the filter's index already sorted
    /// and never sorts the whole set (`MERGE (UNION ALL)`).
    private static func merged(_ parts: [Part], columns: String, from source: String = "cases",
                               reversed: Bool = false) -> (String, StatementArguments) {
        var all: StatementArguments = []
        for part in parts { all += part.arguments }
        let sql = parts.map { "SELECT \(columns) FROM \(source) WHERE \($0.sql)" }.joined(separator: " UNION ALL ")
        return (sql + " \(reversed ? reverseOrder : order) LIMIT ? OFFSET ?", all)
    }

    /// Every queue role present, found by seeking `cases_by_queue` once per role (a loose
    /// index scan: a few seeks, however many cases each role has), and whether any case
    /// has no queue role.
    private func queueRoles() throws -> (roles: [String], anyWithout: Bool) {
        let queueRole = DBCase.Columns.queueRole
        var roles: [String] = []
        var after = ""
        while let role = try DBCase.select(queueRole, as: String.self).filter(queueRole > after).order(queueRole)
            .fetchOne(db) {
            roles.append(role)
            after = role
        }
        let without = try !DBCase.filter(queueRole == nil).isEmpty(db)
        return (roles, without)
    }

    /// The filter as one condition per state, each served by an index: a person's cases
    /// through the holder index, a role's through the queue index, the referred queue's
    /// waiting cases through the queue index and held ones through the holder index (one
    /// condition with an OR would walk every active case of the role), and all cases as
    /// every (role, state) range of the queue index. `extra` narrows each part (a search).
    private func parts(_ filter: CaseFilter, extra: Part? = nil) throws -> [Part] {
        func states(_ state: CaseState?, _ fallback: [String]) -> [String] { state.map { [$0.rawValue] } ?? fallback }
        var parts: [Part]
        switch filter {
        case .holder(let id, let state):
            parts = states(state, Self.activeStates).map { ("holder = ? AND state = ?", [id, $0]) }
        case .queueRole(let role, let state):
            parts = states(state, Self.activeStates).map { ("queue_role = ? AND state = ?", [role, $0]) }
        case .referred(let role, let staffID, let view, let state):
            // Waiting: role-wide, or for my team (its own index range) and role-wide; held:
            // only what I claimed there (never my own open, returned or reopened cases).
            parts = []
            for state in states(state, Self.activeStates) {
                switch (state, view) {
                case (CaseState.escalated.rawValue, .roleWide):
                    parts.append(("queue_role = ? AND state = ?", [role, state]))
                case (CaseState.escalated.rawValue, .team(let team, _)):
                    parts.append(("queue_role = ? AND state = ? AND queue_team IS NULL", [role, state]))
                    parts.append(("queue_role = ? AND state = ? AND queue_team = ?", [role, state, team]))
                case (CaseState.claimed.rawValue, _):
                    parts.append(("holder = ? AND state = ? AND queue_role = ?", [staffID, state, role]))
                default:
                    break
                }
            }
        case .otherTeams(let role, let teams, let state):
            let waiting = CaseState.escalated.rawValue
            let asked = state.map { $0.rawValue == waiting } ?? true
            parts = asked ? teams.map { ("queue_role = ? AND state = ? AND queue_team = ?", [role, waiting, $0]) } : []
        case .escalatedBy(let staffID, let state):
            parts = states(state, Self.allStates).map { ("staff_id = ? AND state = ?", [staffID, $0]) }
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
    func listCases(_ filter: CaseFilter, limit: Int, offset: Int, total: Int?, currency: Currency) throws -> [Case] {
        let parts = try parts(filter)
        guard !parts.isEmpty, limit > 0 else { return [] }
        var (skip, take, reversed) = (offset, limit, false)
        if let total, offset > total / 2 {
            guard offset < total else { return [] }
            take = min(limit, total - offset)
            (skip, reversed) = (total - offset - take, true)
        }
        let (keys, arguments) = Self.merged(parts, columns: Self.keyColumns, from: Self.source(filter), reversed: reversed)
        let numbers = try Row.fetchAll(db.cachedStatement(sql: keys), arguments: arguments + [take, skip]).map { $0[3] as Int64 }
        guard !numbers.isEmpty else { return [] }
        let found = try DBCase.fetchAll(db, keys: numbers)
        let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return try (reversed ? numbers.reversed() : numbers).compactMap { try byNumber[$0]?.readCase(currency: currency) }
    }

    /// SQLite's plan for a listing's keys, both ways, and for its counts (tests check no
    /// step scans the table or sorts).
    func plan(_ filter: CaseFilter) throws -> [String] {
        let parts = try parts(filter)
        // A filter with no range to read (referrals in a state they never wait or are held
        // in) runs no statement at all.
        guard !parts.isEmpty else { return ["NONE (no index range to read)"] }
        var statements = [false, true].map { reversed in
            let (keys, arguments) = Self.merged(parts, columns: Self.keyColumns, from: Self.source(filter), reversed: reversed)
            return (keys, arguments + [10, 0])
        }
        for part in parts { statements.append(("SELECT count(*) FROM \(Self.source(filter)) WHERE \(part.sql)", part.arguments)) }
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
            // A case is numbered one after the last and never deleted (`audit verify` names a
            // row missing or added by hand), so the last number is the count: read from the
            // end of the key, where counting visits every entry of an index (7,000 pages from
            // a cold disk, most of a desk's first paint at a million cases).
            return Int(try nextCaseNumber() - 1)
        }
        var total = 0
        for part in try parts(filter) {
            total += try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM \(Self.source(filter)) WHERE \(part.sql)"),
                                      arguments: part.arguments) ?? 0
        }
        return total
    }

    /// Up to this many case numbers in its id ranges (among the cases there are), a search
    /// reads its matches through those ranges of the table's key and the customer index and
    /// keeps the most urgent (SQLite's sorter holds only the page and what precedes it);
    /// above it (`C-`, or one digit at a million cases), matches are most of the table and
    /// the search walks each (role, state) range in queue order instead, where they are dense.
    static let searchReadLimit: Int64 = 150_000

    /// Ids starting with the prefix are ranges of the table's key (`CaseNumbers.ranges`).
    private static func idRanges(_ match: CaseMatch) -> [ClosedRange<Int64>] {
        CaseNumbers.ranges(idPrefix: match.caseIDPrefix).flatMap { range -> [ClosedRange<Int64>] in
            guard let except = match.exceptNumber, range.contains(except) else { return [range] }
            var parts: [ClosedRange<Int64>] = []
            if range.lowerBound < except { parts.append(range.lowerBound...(except - 1)) }
            if except < range.upperBound { parts.append((except + 1)...range.upperBound) }
            return parts
        }
    }

    private static func matchClause(_ match: CaseMatch) -> Part {
        let ranges = idRanges(match)
        var arguments: StatementArguments = []
        for range in ranges { arguments += [range.lowerBound, range.upperBound] }
        arguments += [StoredList.encode(match.customerIDs)]
        let terms = ranges.map { _ in "number BETWEEN ? AND ?" } + ["customer_id IN (SELECT value FROM json_each(?))"]
        return ("(" + terms.joined(separator: " OR ") + ")", arguments)
    }

    /// How many existing case numbers the id ranges cover: what reading the matches through
    /// them costs.
    private func numbersInRanges(_ match: CaseMatch) throws -> Int64 {
        let top = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(number) FROM cases")) ?? 0
        return Self.idRanges(match).reduce(0) { sum, range in
            guard range.lowerBound <= top else { return sum }
            return sum + (min(range.upperBound, top) - range.lowerBound + 1)
        }
    }

    /// A search's count, and its page's case numbers read through the id ranges and the
    /// customer index, then the most urgent kept (`LIMIT ? OFFSET ?` left to bind): as
    /// searches run them and the plan test checks them.
    private static func searchStatements(_ match: CaseMatch) -> (count: Part, sortedPage: Part) {
        let clause = matchClause(match)
        return (("SELECT count(*) FROM (SELECT 1 FROM cases WHERE \(clause.sql) LIMIT ?)", clause.arguments),
                ("SELECT number FROM cases WHERE \(clause.sql) \(order) LIMIT ? OFFSET ?", clause.arguments))
    }

    func searchCases(_ match: CaseMatch, limit: Int, offset: Int, total: Int, currency: Currency) throws -> [Case] {
        let walk = try total > DeskStore.maxIDMatches && numbersInRanges(match) > Self.searchReadLimit
        return try searchCases(match, limit: limit, offset: offset, walking: walk, currency: currency)
    }

    /// A search's page read one way or the other (`walking` the queue order, or through the
    /// id ranges and the customer index), which give the same page.
    func searchCases(_ match: CaseMatch, limit: Int, offset: Int, walking: Bool, currency: Currency) throws -> [Case] {
        if walking {
            let parts = try parts(.all(state: nil), extra: Self.matchClause(match))
            guard !parts.isEmpty else { return [] }
            let (sql, all) = Self.merged(parts, columns: "*")
            return try DBCase.fetchAll(db.cachedStatement(sql: sql), arguments: all + [limit, offset])
                .map { try $0.readCase(currency: currency) }
        }
        let page = Self.searchStatements(match).sortedPage
        let numbers = try Int64.fetchAll(db.cachedStatement(sql: page.sql), arguments: page.arguments + [limit, offset])
        return try cases(numbers: numbers, currency: currency)
    }

    /// SQLite's plan for a search's count and its sorted page (tests check neither scans).
    func plan(_ match: CaseMatch) throws -> [String] {
        let (count, page) = Self.searchStatements(match)
        return try explain([(count.sql, count.arguments + [DeskStore.maxIDMatches + 1]), (page.sql, page.arguments + [10, 0])])
    }

    func countCases(_ match: CaseMatch, atMost: Int) throws -> Int {
        let count = Self.searchStatements(match).count
        return try Int.fetchOne(db.cachedStatement(sql: count.sql), arguments: count.arguments + [atMost]) ?? 0
    }

    /// A few index seeks per role on `cases_by_queue` (role, state, live), never a scan of
    /// the closed cases that make up most of a large database.
    func queueCounts(roles: [String]) throws -> [QueueCount] {
        typealias Columns = DBCase.Columns
        var counts: [QueueCount] = []
        for role in Set(roles).sorted() {
            let queue = DBCase.filter(Columns.queueRole == role)
            let active = queue.filter(Self.activeStates.contains(Columns.state))
            guard try !active.isEmpty(db) else { continue }
            counts.append(QueueCount(role: role,
                                     waiting: try queue.filter(Columns.state == CaseState.escalated.rawValue).fetchCount(db),
                                     held: try queue.filter(Columns.state == CaseState.claimed.rawValue).fetchCount(db),
                                     live: try active.filter(Columns.live == true).fetchCount(db)))
        }
        return counts
    }
}
