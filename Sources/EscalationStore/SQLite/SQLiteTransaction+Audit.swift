import Foundation
import GRDB

extension SQLiteTransaction: LedgerAuditReader {
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        let rows = try Row.fetchCursor(database, sql: "SELECT * FROM events ORDER BY seq")
        while let row = try rows.next() { try body(Self.event(row)) }
    }

    func firstEvent() throws -> StoredEvent? {
        try Row.fetchOne(database, sql: "SELECT * FROM events ORDER BY seq LIMIT 1").map(Self.event)
    }

    func forEachCase(_ body: (CaseRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(database, sql: "SELECT \(Self.caseColumns) FROM cases ORDER BY number")
        while let row = try rows.next() { try body(Self.caseRow(row)) }
    }

    func forEachCustomer(_ body: (CustomerRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(database, sql: "SELECT * FROM customers ORDER BY id")
        while let row = try rows.next() { try body(Self.customerRow(row)) }
    }

    func grants(caseNumber: Int64) throws -> [GrantRow] {
        try Row.fetchAll(database.cachedStatement(sql: """
            SELECT c.id, g.customer_id, g.action, g.minor, g.granted_at FROM grants g JOIN cases c ON c.number = g.case_number
            WHERE g.case_number = ? ORDER BY g.id
            """), arguments: [caseNumber]).map {
            GrantRow(caseID: $0[0], customerID: $0[1], action: $0[2], minor: $0[3], grantedAt: $0[4])
        }
    }

    func resolutions(caseNumber: Int64) throws -> [ResolutionRow] {
        try Row.fetchAll(database.cachedStatement(sql: """
            SELECT r.*, c.id AS case_id FROM resolutions r JOIN cases c ON c.number = r.case_number
            WHERE r.case_number = ? ORDER BY r.seq
            """), arguments: [caseNumber]).map {
            ResolutionRow(seq: $0["seq"], caseID: $0["case_id"], outcome: $0["outcome"], rootCause: $0["root_cause"],
                          matrixVersion: $0["matrix_version"], handlerRole: $0["handler_role"], resolver: $0["resolver"],
                          receivedAt: $0["received_at"], escalatedAt: $0["escalated_at"], resolvedAt: $0["resolved_at"],
                          grants: $0["grants"])
        }
    }

    func forEachSearchTerm(_ body: (String, String) throws -> Void) throws {
        let rows = try Row.fetchCursor(database, sql: "SELECT customer_id, term FROM customer_terms ORDER BY customer_id, term")
        while let row = try rows.next() { try body(row[0], row[1]) }
    }

    func keyOwners() throws -> Set<String> {
        Set(try String.fetchAll(database, sql: "SELECT owner FROM vault_keys"))
    }

    func matrixVersions() throws -> [MatrixVersionRow] {
        try Row.fetchAll(database, sql: "SELECT * FROM matrix_versions ORDER BY version").map {
            MatrixVersionRow(version: $0["version"], policyJSON: $0["policy_json"], status: $0["status"],
                             effectiveAt: $0["effective_at"], createdAt: $0["created_at"], createdBy: $0["created_by"])
        }
    }

    func rowCount(_ table: ProjectionTable) throws -> Int {
        try Int.fetchOne(database, sql: "SELECT count(*) FROM \(table.rawValue)") ?? 0
    }

    func caseEventsOffTimelines(limit: Int) throws -> [(seq: Int64, caseID: String)] {
        try Row.fetchAll(database, sql: """
            SELECT e.seq, e.case_id FROM events e
            WHERE e.case_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM cases c, json_each(c.timeline) t
                WHERE c.id = e.case_id AND c.number = CAST(substr(e.case_id, 3) AS INTEGER) AND t.value = e.seq)
            ORDER BY e.seq LIMIT ?
            """, arguments: [limit]).map { ($0[0], $0[1]) }
    }
}
