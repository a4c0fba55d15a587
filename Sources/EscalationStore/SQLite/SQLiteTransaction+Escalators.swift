import EscalationCore
import GRDB

/// Everyone who referred a case up (`case_escalators`, schema v12), kept with the case in
/// the transaction that updates it, so "Escalated by me" and outcome notices follow every
/// escalator, not only the last.
extension SQLiteTransaction {
    /// The case's escalator of the moment joins its escalators (a referral is the only
    /// event that sets it), and every escalator's row takes the case's queue-order columns
    /// (state and liveness; receipt and deadline, which a corrected receipt moves).
    func keepEscalators(of c: DBCase) throws {
        if let by = c.escalatedBy {
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO case_escalators (case_number, staff_id, state, live, deadline_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [c.number, by, c.state, c.live, c.deadlineAt, c.receivedAt])
        }
        try db.cachedStatement(sql: """
            UPDATE case_escalators SET state = ?, live = ?, deadline_at = ?, received_at = ?
            WHERE case_number = ? AND (state <> ? OR live <> ? OR deadline_at <> ? OR received_at <> ?)
            """).execute(arguments: [c.state, c.live, c.deadlineAt, c.receivedAt, c.number,
                                     c.state, c.live, c.deadlineAt, c.receivedAt])
    }

    /// Everyone who referred the case up, in staff-id order.
    func escalators(caseNumber: Int64) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT staff_id FROM case_escalators WHERE case_number = ? ORDER BY staff_id"),
                            arguments: [caseNumber])
    }
}
