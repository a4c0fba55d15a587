import EscalationCore
import Foundation
import Synchronization

/// The policies a store decides under, by version. Every action asks for the version in
/// force at its own time inside its own write transaction, so a version approved by
/// another desk, or coming into force while this desk is open, governs the next decision
/// without a restart, and an approval racing a decision is one before the other.
///
/// The register read in the transaction is checked against the log (`GovernanceBinding`)
/// whenever it is not the one last checked, so a status flipped by hand is refused before
/// any decision is taken under it.
final class PolicyBook: Sendable {
    private struct State {
        var checked: MatrixRegister?
        var rules: [String: DeskRules] = [:]
    }

    /// The centre as created: everything but its policy.
    private let base: Centre
    private let state = Mutex(State())

    init(base: Centre) {
        self.base = base
    }

    /// The rules of the version in force at `t` (milliseconds), read through `reader`.
    func rules(_ reader: any LedgerReader, at t: Int64, path: String) throws -> DeskRules {
        let register = try reader.matrixRegister()
        let known = state.withLock { $0.checked == register }
        if !known, let altered = try GovernanceBinding.mismatches(reader).first {
            throw StoreError.recordAltered(path: path, altered.description)
        }
        guard let version = register.deciding(at: t) else {
            throw StoreError.corrupt("no matrix version is approved")
        }
        if known, let cached = state.withLock({ $0.rules[version.id] }) { return cached }
        let rules = DeskRules(centre: base.withPolicy(try Self.policy(reader, version: version, path: path)))
        state.withLock {
            $0.checked = register
            $0.rules[version.id] = rules
        }
        return rules
    }

    /// A version's policy, refused unless it is the one its proposal's digest names.
    static func policy(_ reader: any LedgerReader, version: MatrixVersion, path: String) throws -> EscalationPolicy {
        guard let json = try reader.matrixPolicy(version: version.id) else {
            throw StoreError.recordAltered(path: path, "matrix_versions \(version.id): its policy is missing")
        }
        guard EventChain.digest(json) == version.policyDigest else {
            throw StoreError.recordAltered(path: path, "matrix_versions \(version.id): its policy is not the one its proposal recorded")
        }
        return try decode(json)
    }

    static func decode(_ json: String) throws -> EscalationPolicy {
        try JSONDecoder().decode(EscalationPolicy.self, from: Data(json.utf8))
    }

    /// The stored form of a policy (the form version 1 was stored in).
    static func encode(_ policy: EscalationPolicy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(policy), as: UTF8.self)
    }
}
