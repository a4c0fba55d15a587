import EscalationCore
import GRDB

extension SQLiteTransaction {
    /// The centre's events of these kinds, through the index of events with no case.
    func centreEvents(kinds: [EventKind]) throws -> [StoredEvent] {
        guard !kinds.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
        return try DBEvent.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM events WHERE case_id IS NULL AND kind IN (\(marks)) ORDER BY seq
            """), arguments: StatementArguments(kinds.map(\.rawValue))).map(\.stored)
    }
}
