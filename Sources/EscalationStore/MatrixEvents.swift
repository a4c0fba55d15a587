import EscalationCore

/// The governance events as the log stores them (on the centre's log, no case), and back.
/// Rationales are kept as written: they are about the matrix, not about a customer, so
/// they are not sealed; every printer sanitises them like any other stored text.
enum MatrixEvents {
    static let eventKinds: [EventKind] = [.matrixProposed, .matrixApproved, .matrixRejected, .matrixRebased]
    static let kinds = eventKinds.map(\.rawValue)

    static func kind(_ event: MatrixEvent) -> EventKind {
        switch event {
        case .proposed: .matrixProposed
        case .approved: .matrixApproved
        case .rejected: .matrixRejected
        case .rebased: .matrixRebased
        }
    }

    static func payload(_ event: MatrixEvent) -> JSONValue {
        var object: [String: JSONValue] = ["version": .string(event.version)]
        switch event {
        case .proposed(_, let base, let digest, let rationale, let effectiveAt):
            object["base_version"] = .string(base)
            object["policy_sha256"] = .string(digest)
            object["rationale"] = .string(rationale)
            if let effectiveAt { object["effective_at"] = .int(effectiveAt) }
        case .approved(_, let rationale, let effectiveAt):
            if let rationale { object["rationale"] = .string(rationale) }
            object["effective_at"] = .int(effectiveAt)
        case .rejected(_, let rationale):
            object["rationale"] = .string(rationale)
        case .rebased(_, let base):
            object["base_version"] = .string(base)
        }
        return .object(JSONObject(object))
    }

    /// The governance event a stored event records, or nil when it is not one or its
    /// payload does not read as one.
    static func event(_ e: StoredEvent) -> MatrixEvent? {
        guard let payload = try? JSONValue.parse(e.payload), let version = payload["version"]?.string else { return nil }
        switch EventKind(rawValue: e.kind) {
        case .matrixProposed?:
            guard let base = payload["base_version"]?.string, let digest = payload["policy_sha256"]?.string,
                  let rationale = payload["rationale"]?.string else { return nil }
            return .proposed(version: version, base: base, policyDigest: digest, rationale: rationale,
                             effectiveAt: payload["effective_at"]?.int)
        case .matrixApproved?:
            guard let effectiveAt = payload["effective_at"]?.int else { return nil }
            return .approved(version: version, rationale: payload["rationale"]?.string, effectiveAt: effectiveAt)
        case .matrixRejected?:
            guard let rationale = payload["rationale"]?.string else { return nil }
            return .rejected(version: version, rationale: rationale)
        case .matrixRebased?:
            guard let base = payload["base_version"]?.string else { return nil }
            return .rebased(version: version, base: base)
        default:
            return nil
        }
    }

    /// Appends a governance step to the chain and returns the register it leaves.
    static func append(_ event: MatrixEvent, to register: MatrixRegister, tx: any LedgerTransaction, actor: String,
                       at: Int64) throws -> MatrixRegister {
        let stored = try EventChain.append(tx, caseID: nil, at: at, actor: actor, kind: kind(event), payload: payload(event))
        do { return try register.applying(event, actor: actor, at: at, seq: stored.seq) } catch {
            throw StoreError.corrupt(error.description)
        }
    }
}
