import EscalationCore

/// Acknowledgements of the version in force as the log stores them (`matrix_acknowledged`
/// on the centre's log, no case; the actor is the person acknowledging), and back. They
/// have no table of their own: they are read through the index of the centre's events, so
/// there is no copy to disagree with the log; `audit verify` checks each follows the rules.
enum AcknowledgementEvents {
    static func payload(version: String) -> JSONValue {
        .object(JSONObject(["version": .string(version)]))
    }

    /// The acknowledgement a stored event records, or nil when its payload does not read as one.
    static func acknowledgement(_ e: StoredEvent) -> MatrixAcknowledgement? {
        guard let payload = try? JSONValue.parse(e.payload), let version = payload["version"]?.string else { return nil }
        return MatrixAcknowledgement(staff: e.actor, version: version, at: e.at)
    }

    /// Every acknowledgement recorded, oldest first.
    static func all(_ reader: any LedgerReader) throws -> [MatrixAcknowledgement] {
        try reader.centreEvents(kinds: [.matrixAcknowledged]).map { e in
            guard let ack = acknowledgement(e) else { throw StoreError.corrupt("event \(e.seq): its payload cannot be read") }
            return ack
        }
    }

    /// Acknowledgements that could not have been made: of a version not in force at their
    /// time, a second time, or by someone not on the staff list (`audit verify`).
    static func mismatches(_ reader: any LedgerReader, register: MatrixRegister, staff: Set<String>) throws -> [RecordMismatch] {
        var found: [RecordMismatch] = []
        var seen: [MatrixAcknowledgement] = []
        for e in try reader.centreEvents(kinds: [.matrixAcknowledged]) {
            func note(_ detail: String) { found.append(RecordMismatch(table: "events", key: String(e.seq), detail: detail)) }
            guard let ack = acknowledgement(e) else { note("its payload cannot be read"); continue }
            if !staff.contains(ack.staff) { note("an acknowledgement by \(ack.staff), who is not on the staff list") }
            do {
                try MatrixAcknowledgements.checkAcknowledge(ack.version, by: ack.staff, register: register, acks: seen, at: ack.at)
            } catch { note("an acknowledgement that could not be made: \(error.description)") }
            seen.append(ack)
        }
        return found
    }
}
