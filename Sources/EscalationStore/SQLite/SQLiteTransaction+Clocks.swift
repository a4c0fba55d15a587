import GRDB

/// The `case_clocks` projection: each active case's clocks, read through the due and
/// warning indexes (`case_clocks_by_due`, `case_clocks_by_warn`), never a scan.
extension SQLiteTransaction {
    func caseClocks(caseNumber: Int64) throws -> [ClockRow] {
        try DBCaseClock.filter(DBCaseClock.Columns.caseNumber == caseNumber).order(DBCaseClock.Columns.clock)
            .fetchAll(db).map(\.row)
    }

    func clocksWarned(by warnBy: Int64, limit: Int) throws -> [ClockRow] {
        try DBCaseClock.fetchAll(db, sql: """
            SELECT * FROM case_clocks INDEXED BY case_clocks_by_warn
            WHERE escalate_to IS NOT NULL AND warn_at <= ? ORDER BY warn_at, case_number, clock LIMIT ?
            """, arguments: [warnBy, limit]).map(\.row)
    }

    func clocksDue(by dueBy: Int64, limit: Int) throws -> [ClockRow] {
        try DBCaseClock.fetchAll(db, sql: """
            SELECT * FROM case_clocks INDEXED BY case_clocks_by_due
            WHERE state IN ('running', 'breached') AND due_at <= ? ORDER BY due_at, case_number, clock LIMIT ?
            """, arguments: [dueBy, limit]).map(\.row)
    }

    func replaceCaseClocks(caseNumber: Int64, rows: [ClockRow], dueAt: Int64) throws {
        try DBCaseClock.filter(DBCaseClock.Columns.caseNumber == caseNumber).deleteAll(db)
        for row in rows { try DBCaseClock(row).insert(db) }
        try db.cachedStatement(sql: "UPDATE cases SET due_at = ? WHERE number = ? AND due_at IS NOT ?")
            .execute(arguments: [dueAt, caseNumber, dueAt])
        try db.cachedStatement(sql: "UPDATE case_escalators SET due_at = ? WHERE case_number = ? AND due_at IS NOT ?")
            .execute(arguments: [dueAt, caseNumber, dueAt])
    }

    /// The time the case's queues order it by (`cases.due_at`).
    func queueDue(caseNumber: Int64) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT due_at FROM cases WHERE number = ?"), arguments: [caseNumber])
    }

    func claimClockEscalation(caseNumber: Int64, clock: String) throws -> Bool {
        try db.execute(sql: """
            UPDATE case_clocks SET escalate_to = NULL
            WHERE case_number = ? AND clock = ? AND escalate_to IS NOT NULL
            """, arguments: [caseNumber, clock])
        return db.changesCount == 1
    }
}
