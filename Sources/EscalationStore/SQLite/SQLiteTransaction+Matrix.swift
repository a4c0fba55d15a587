import EscalationCore
import GRDB

/// The matrix versions: their governance (read on every action, so without the policies'
/// JSON), a policy when one is needed, and the governance events, found through the index
/// of the centre's own events rather than by reading the log.
extension SQLiteTransaction {
    func matrixRegister() throws -> MatrixRegister {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT version, policy_sha256, status, base_version, effective_at, created_at, created_by, proposal_rationale,
                   decided_at, decided_by, decision_rationale, approval_seq
            FROM matrix_versions ORDER BY created_at, version
            """))
        return MatrixRegister(try rows.map { row in
            guard let status = MatrixVersionStatus(rawValue: row["status"]) else {
                throw StoreError.corrupt("matrix version \(row["version"] as String) has a status no release writes")
            }
            return MatrixVersion(id: row["version"], status: status, base: row["base_version"], policyDigest: row["policy_sha256"],
                                 proposedBy: row["created_by"], proposedAt: row["created_at"],
                                 proposalRationale: row["proposal_rationale"], effectiveAt: row["effective_at"],
                                 decidedBy: row["decided_by"], decidedAt: row["decided_at"],
                                 decisionRationale: row["decision_rationale"], approvalOrder: row["approval_seq"])
        })
    }

    func matrixPolicy(version: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT policy_json FROM matrix_versions WHERE version = ?"),
                            arguments: [version])
    }

    func matrixEvents() throws -> [StoredEvent] {
        let kinds = MatrixEvents.kinds.map { "'\($0)'" }.joined(separator: ", ")
        return try DBEvent.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM events WHERE case_id IS NULL AND kind IN (\(kinds)) ORDER BY seq
            """)).map(\.stored)
    }

    func insertMatrixVersion(_ version: MatrixVersion, policyJSON: String) throws {
        try DBMatrixVersion(version, policyJSON: policyJSON).insert(db)
    }

    func updateMatrixVersion(_ v: MatrixVersion) throws {
        try db.execute(sql: """
            UPDATE matrix_versions SET status = ?, base_version = ?, effective_at = ?, decided_at = ?, decided_by = ?,
                decision_rationale = ?, approval_seq = ?
            WHERE version = ?
            """, arguments: [v.status.rawValue, v.base, v.effectiveAt, v.decidedAt, v.decidedBy, v.decisionRationale,
                             v.approvalOrder, v.id])
        if db.changesCount != 1 { throw StoreError.corrupt("matrix version \(v.id) is missing") }
    }
}

extension SQLiteTransaction {
    func countCases(customer: String, receivedAfter: Int64, upTo: Int64, atMost: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT 1 FROM cases WHERE customer_id = ? AND received_at > ? AND received_at <= ? LIMIT ?)
            """), arguments: [customer, receivedAfter, upTo, atMost]) ?? 0
    }

    func grantedTotal(customer: String, action: String, after: Int64, upTo: Int64) throws -> Int64 {
        let amounts = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT minor FROM grants WHERE customer_id = ? AND action = ? AND granted_at > ? AND granted_at <= ?
            """), arguments: [customer, action, after, upTo])
        return amounts.reduce(0, GrantHistory.saturatingSum)
    }
}
