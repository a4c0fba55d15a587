import EscalationCore
import Foundation

/// A matrix version as the commands show it: its governance, where it stands at the time
/// asked about, and its policy.
public struct MatrixVersionDetail: Sendable, Hashable {
    public let version: MatrixVersion
    public let standing: MatrixVersionStanding
    public let policy: EscalationPolicy
}

// Matrix governance: reads of the versions, and the four writes (propose, approve, reject,
// rebase), each one transaction whose rule is the core's `MatrixGovernance`.

extension DeskStore {
    /// Every version's governance, checked against the log.
    public func matrixRegister() throws(StoreError) -> MatrixRegister {
        try query { reader in try checkedRegister(reader) }
    }

    /// A version (nil: the one in force at `at`) with its policy and where it stands at `at`.
    ///
    /// - Throws: `.refused` for a version that does not exist (65).
    public func matrixVersion(_ id: String?, at: Date) throws(StoreError) -> MatrixVersionDetail {
        let (path, t) = (path, Millis.from(at))
        return try query { reader in
            let register = try checkedRegister(reader)
            let found = id.map(register.version) ?? (register.inForce(at: t) ?? register.versions.first)
            guard let version = found else { throw StoreError(GovernanceRefusal.unknownVersion(id ?? "in force")) }
            return MatrixVersionDetail(version: version, standing: register.standing(of: version, at: t),
                                       policy: try PolicyBook.policy(reader, version: version, path: path))
        }
    }

    /// The centre with the policy in force at `at`.
    public func centre(at: Date) throws(StoreError) -> Centre {
        centre.withPolicy(try matrixVersion(nil, at: at).policy)
    }

    /// Proposes a policy as the next version, a change of the newest approved version, to
    /// come into force on approval or at `effective` if later. An unchanged policy creates
    /// no version (`.unchanged`). Needs `approve_matrix` under the version in force (77).
    public func proposeMatrix(_ policy: EscalationPolicy, rationale: String, effective: Date?, actor: String,
                              now: ActionClock) throws(StoreError) -> MatrixProposalOutcome {
        let member = try member(actor)
        let effectiveAt = effective.map(Millis.from)
        return try command(at: now) {
            try $0.proposeMatrix(policy, rationale: rationale, effectiveAt: effectiveAt, actor: member, now: $1)
        }
    }

    /// Approves a proposal: by a second person (never its proposer) whose role holds
    /// `approve_matrix` (77 otherwise, nothing written), and only while it changes the
    /// newest approved version (65 "rebase: …" otherwise).
    public func approveMatrix(version: String, rationale: String?, actor: String,
                              now: ActionClock) throws(StoreError) -> MatrixVersion {
        let member = try member(actor)
        return try command(at: now) { try $0.approveMatrix(version, rationale: rationale, actor: member, now: $1) }
    }

    /// Rejects a proposal with a rationale: the same four eyes as approval.
    public func rejectMatrix(version: String, rationale: String, actor: String,
                             now: ActionClock) throws(StoreError) -> MatrixVersion {
        let member = try member(actor)
        return try command(at: now) { try $0.rejectMatrix(version, rationale: rationale, actor: member, now: $1) }
    }

    /// Rebases a proposal onto the newest approved version and returns how it now changes it.
    public func rebaseMatrix(version: String, actor: String, now: ActionClock) throws(StoreError) -> (MatrixVersion, MatrixDiff) {
        let member = try member(actor)
        return try command(at: now) { try $0.rebaseMatrix(version, actor: member, now: $1) }
    }

    private func checkedRegister(_ reader: any LedgerReader) throws -> MatrixRegister {
        if let altered = try GovernanceBinding.mismatches(reader).first {
            throw StoreError.recordAltered(path: path, altered.description)
        }
        return try reader.matrixRegister()
    }
}
