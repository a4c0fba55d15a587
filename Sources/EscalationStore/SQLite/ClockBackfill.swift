import EscalationCore
import GRDB

/// The clocks of every active case of a database being upgraded, worked out by the function
/// the commands use (`ClockProjection.projection`), so that `audit verify` finds exactly what
/// it rebuilds: for migrations that add to the clocks' projection.
enum ClockBackfill {
    /// Calls `body` with each active case, in number order, and its projection; nothing
    /// when the centre has no clocks.
    static func forEachActiveCase(_ db: Database,
                                  _ body: (Case, (rows: [ClockRow], dueAt: Int64)) throws -> Void) throws {
        guard let json = try String.fetchOne(db, sql: "SELECT centre_json FROM centre WHERE id = 1") else { return }
        let centre = try DeskStore.decodeCentre(json)
        guard !centre.clocks.isEmpty else { return }
        let currency = centre.currency
        let active = CaseState.allCases.filter(\.isActive).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let cases = try DBCase.fetchCursor(db, sql: "SELECT * FROM cases WHERE state IN (\(active)) ORDER BY number")
        let history = try db.makeStatement(sql: "SELECT * FROM events WHERE case_id = ? ORDER BY seq")
        let customer = try db.makeStatement(sql: "SELECT flags, calendar FROM customers WHERE id = ?")
        while let row = try cases.next() {
            let c = try row.readCase(currency: currency)
            let records = try ClockProjection.records(try DBEvent.fetchAll(history, arguments: [c.id]).map(\.stored),
                                                      currency: currency)
            let status = try Row.fetchOne(customer, arguments: [c.customerID]).map { r in
                CustomerStatus(id: c.customerID, flags: StoredList.decode(r["flags"]), erased: false, key: nil,
                               calendar: r["calendar"])
            }
            try body(c, ClockProjection.projection(c, records: records, customer: status, centre: centre))
        }
    }
}
