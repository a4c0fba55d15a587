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

    func replaceCaseClocks(caseNumber: Int64, rows: [ClockRow]) throws {
        try DBCaseClock.filter(DBCaseClock.Columns.caseNumber == caseNumber).deleteAll(db)
        for row in rows { try DBCaseClock(row).insert(db) }
    }

    func claimClockEscalation(caseNumber: Int64, clock: String) throws -> Bool {
        try db.execute(sql: """
            UPDATE case_clocks SET escalate_to = NULL
            WHERE case_number = ? AND clock = ? AND escalate_to IS NOT NULL
            """, arguments: [caseNumber, clock])
        return db.changesCount == 1
    }
}
