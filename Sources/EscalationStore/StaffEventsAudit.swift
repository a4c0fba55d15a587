import EscalationCore

/// `audit verify` for the events that have no table of their own: acknowledgements and
/// acting covers must each follow from the log before them (a cover approved by its
/// granter, an acknowledgement of a version never in force: each is named).
enum StaffEventsAudit {
    static func mismatches(_ reader: any LedgerReader, staff: Set<String>) throws -> [RecordMismatch] {
        var found: [RecordMismatch] = []
        if case .broken(let mismatch) = try CoverEvents.register(reader) { found.append(mismatch) }
        if case .register(let register) = try GovernanceBinding.rebuilt(reader) {
            found += try AcknowledgementEvents.mismatches(reader, register: register, staff: staff)
        }
        return found
    }
}
