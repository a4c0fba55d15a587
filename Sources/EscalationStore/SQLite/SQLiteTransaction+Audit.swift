import EscalationCore
import GRDB

extension SQLiteTransaction: LedgerAuditReader {
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        let events = try DBEvent.order(DBEvent.Columns.seq).fetchCursor(db)
        while let event = try events.next() { try body(event.stored) }
    }

    func firstEvent() throws -> StoredEvent? {
        try DBEvent.order(DBEvent.Columns.seq).fetchOne(db)?.stored
    }

    func forEachCase(currency: Currency, _ body: (Result<Case, UnreadableCase>) throws -> Void) throws {
        let cases = try DBCase.order(DBCase.Columns.number).fetchCursor(db)
        while let record = try cases.next() { try body(record.case(currency: currency)) }
    }

    func forEachCustomer(_ body: (SealedCustomer) throws -> Void) throws {
        let customers = try DBCustomer.order(DBCustomer.Columns.id).fetchCursor(db)
        while let record = try customers.next() { try body(record.row) }
    }

    func grants(caseID: String) throws -> [GrantRow] {
        let grants: [DBGrant] = try all("SELECT * FROM grants WHERE case_number = ? ORDER BY id", [try Self.number(ofCase: caseID)])
        return grants.map(\.row)
    }

    func resolutions(caseID: String) throws -> [ResolutionRow] {
        let resolutions: [DBResolution] = try all("SELECT * FROM resolutions WHERE case_number = ? ORDER BY seq",
                                                  [try Self.number(ofCase: caseID)])
        return resolutions.map(\.row)
    }

    func forEachSearchTerm(_ body: (String, String) throws -> Void) throws {
        typealias Columns = DBCustomerTerm.Columns
        let terms = try DBCustomerTerm.order(Columns.customerID, Columns.term).fetchCursor(db)
        while let term = try terms.next() { try body(term.customerID, term.term) }
    }

    func keyOwners() throws -> Set<String> {
        Set(try DBVaultKey.select(DBVaultKey.Columns.owner, as: String.self).fetchAll(db))
    }

    func matrixVersions() throws -> [MatrixVersionRow] {
        try DBMatrixVersion.order(DBMatrixVersion.Columns.version).fetchAll(db).map(\.row)
    }

    func rowCount(_ table: ProjectionTable) throws -> Int {
        switch table {
        case .cases: try DBCase.fetchCount(db)
        case .customers: try DBCustomer.fetchCount(db)
        case .grants: try DBGrant.fetchCount(db)
        case .resolutions: try DBResolution.fetchCount(db)
        case .caseEscalators: try Int.fetchOne(db, sql: "SELECT count(*) FROM case_escalators") ?? 0
        case .caseClocks: try DBCaseClock.fetchCount(db)
        }
    }

    func escalatorRows(caseNumber: Int64) throws -> [EscalatorRow] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT staff_id, state, live, deadline_at, received_at, due_at FROM case_escalators WHERE case_number = ?
            ORDER BY staff_id
            """), arguments: [caseNumber]).map {
            EscalatorRow(staffID: $0[0], state: $0[1], live: $0[2], deadlineAt: $0[3], receivedAt: $0[4], dueAt: $0[5])
        }
    }

    /// Case events whose case row does not list them (`json_each` over each timeline, which
    /// the query interface cannot say). A timeline edited into something other than JSON
    /// lists nothing (the case itself is named as unreadable) rather than stopping the audit.
    func caseEventsOffTimelines(limit: Int) throws -> [(seq: Int64, caseID: String)] {
        try Row.fetchAll(db, sql: """
            SELECT e.seq, e.case_id FROM events e
            WHERE e.case_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM cases c, json_each(CASE WHEN json_valid(c.timeline) THEN c.timeline ELSE '[]' END) t
                WHERE c.id = e.case_id AND c.number = CAST(substr(e.case_id, 3) AS INTEGER) AND t.value = e.seq)
            ORDER BY e.seq LIMIT ?
            """, arguments: [limit]).map { ($0[0], $0[1]) }
    }
}
