import EscalationCore

/// Acting-cover steps as the log stores them (on the centre's log, no case), and back.
/// Covers have no table of their own: every action folds them from the events read through
/// the index of the centre's events (a centre has a handful), so there is no copy to
/// disagree with the log. A rationale says why a person covers a role, not anything about a
/// customer, so like a matrix rationale it is kept as written and sanitised by every printer.
enum CoverEvents {
    static let kinds: [EventKind] = [.coverGranted, .coverApproved, .coverEnded]

    static func kind(_ event: CoverEvent) -> EventKind {
        switch event {
        case .granted: .coverGranted
        case .approved: .coverApproved
        case .ended: .coverEnded
        }
    }

    static func payload(_ event: CoverEvent) -> JSONValue {
        var object: [String: JSONValue] = ["cover": .string(event.cover)]
        if case .granted(_, let staff, let role, let from, let to, let rationale) = event {
            object["staff"] = .string(staff)
            object["role"] = .string(role)
            object["from"] = .int(from)
            object["to"] = .int(to)
            object["rationale"] = .string(rationale)
        }
        return .object(JSONObject(object))
    }

    static func event(_ e: StoredEvent) -> CoverEvent? {
        guard let payload = try? JSONValue.parse(e.payload), let cover = payload["cover"]?.string else { return nil }
        switch EventKind(rawValue: e.kind) {
        case .coverGranted?:
            guard let staff = payload["staff"]?.string, let role = payload["role"]?.string, let from = payload["from"]?.int,
                  let to = payload["to"]?.int, let rationale = payload["rationale"]?.string else { return nil }
            return .granted(cover: cover, staff: staff, role: role, from: from, to: to, rationale: rationale)
        case .coverApproved?: return .approved(cover: cover)
        case .coverEnded?: return .ended(cover: cover)
        default: return nil
        }
    }

    /// The covers the log records, or the first event that does not follow.
    enum Folded {
        case register(CoverRegister)
        case broken(RecordMismatch)
    }

    static func register(_ reader: any LedgerReader) throws -> Folded {
        var register = CoverRegister()
        for e in try reader.centreEvents(kinds: kinds) {
            guard let event = event(e) else {
                return .broken(RecordMismatch(table: "events", key: String(e.seq), detail: "its payload cannot be read"))
            }
            do { register = try register.applying(event, actor: e.actor, at: e.at) } catch {
                return .broken(RecordMismatch(table: "events", key: String(e.seq), detail: error.description))
            }
        }
        return .register(register)
    }

    /// The covers, for a command: a log that does not fold is damage, not a refusal.
    static func checked(_ reader: any LedgerReader) throws -> CoverRegister {
        switch try register(reader) {
        case .register(let register): return register
        case .broken(let mismatch): throw StoreError.corrupt(mismatch.description)
        }
    }

    /// Appends a step and returns the register it leaves.
    static func append(_ event: CoverEvent, to register: CoverRegister, tx: any LedgerTransaction, actor: String,
                       at: Int64) throws -> CoverRegister {
        _ = try EventChain.append(tx, caseID: nil, at: at, actor: actor, kind: kind(event), payload: payload(event))
        do { return try register.applying(event, actor: actor, at: at) } catch { throw StoreError.corrupt(error.description) }
    }
}
