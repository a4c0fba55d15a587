import EscalationCore
import GRDB

/// Counts over one customer's cases, each a range of `cases_by_customer`.
extension SQLiteTransaction {
    private static let activeStates = CaseState.allCases.filter(\.isActive).map(\.rawValue)

    func activeCaseCounts(customers: [String]) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let statement = try db.cachedStatement(sql: Self.activeCountSQL)
        for customer in Set(customers) {
            let n = try Int.fetchOne(statement, arguments: [customer] + StatementArguments(Self.activeStates)) ?? 0
            if n > 0 { counts[customer] = n }
        }
        return counts
    }

    /// One customer's active cases: the customer's range of `cases_by_customer`, each row's
    /// state checked (a customer has a handful of cases, never a table scan).
    static let activeCountSQL = "SELECT count(*) FROM cases INDEXED BY cases_by_customer WHERE customer_id = ? AND state IN ("
        + activeStates.map { _ in "?" }.joined(separator: ", ") + ")"

    /// SQLite's plan for the count (tests check it uses the index).
    func activeCountPlan() throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.activeCountSQL, arguments: ["x"] + StatementArguments(Self.activeStates))
            .map { $0["detail"] as String }
    }
}
