import EscalationCore

/// What proposing a policy came to.
public enum MatrixProposalOutcome: Sendable, Hashable {
    /// A new version, waiting for a second person's approval, and how it changes its base.
    case proposed(version: String, base: String, diff: MatrixDiff)
    /// The policy is the newest approved version's: no version is created, nothing written.
    case unchanged(base: String)
}

// Governance steps: each asks the core's `MatrixGovernance` inside the write transaction,
// against the register and the version in force read in that same transaction, then
// appends its event and writes the versions table from the core's fold of it.

extension DeskCommands {
    func proposeMatrix(_ proposal: EscalationPolicy, rationale: String, effectiveAt: Int64?, actor: StaffMember,
                       now: Int64) throws -> MatrixProposalOutcome {
        let register = try tx.matrixRegister()
        guard let base = register.newestApproved else { throw StoreError.corrupt("no matrix version is approved") }
        let basePolicy = try policy(of: base)
        try governing { () throws(GovernanceRefusal) in
            try MatrixGovernance.checkPropose(proposal, by: actor, current: rules.policy, base: basePolicy,
                                              effectiveAt: effectiveAt, now: now)
        }
        let text = try rules.checkedText(rationale, field: "rationale")
        let diff = MatrixDiff(from: basePolicy, to: proposal)
        if diff.isEmpty { return .unchanged(base: base.id) }
        let id = register.nextID
        let labelled = EscalationPolicy(matrix: proposal.matrix.relabelled(id), referrals: proposal.referrals,
                                        routing: proposal.routing)
        let json = try PolicyBook.encode(labelled)
        let event = MatrixEvent.proposed(version: id, base: base.id, policyDigest: EventChain.digest(json), rationale: text,
                                         effectiveAt: effectiveAt)
        let next = try MatrixEvents.append(event, to: register, tx: tx, actor: actor.id, at: now)
        try tx.insertMatrixVersion(try version(id, in: next), policyJSON: json)
        return .proposed(version: id, base: base.id, diff: diff)
    }

    func approveMatrix(_ id: String, rationale: String?, actor: StaffMember, now: Int64) throws -> MatrixVersion {
        let register = try tx.matrixRegister()
        let pending = try governing { () throws(GovernanceRefusal) in
            try MatrixGovernance.checkApprove(id, by: actor, register: register, current: rules.policy, now: now)
        }
        let text = try rationale.map { try rules.checkedText($0, field: "rationale") }
        let effective = MatrixGovernance.effectiveTime(requested: pending.effectiveAt, approvedAt: now,
                                                       base: pending.base.flatMap(register.version))
        return try record(.approved(version: id, rationale: text, effectiveAt: effective), on: register, actor: actor, at: now)
    }

    func rejectMatrix(_ id: String, rationale: String, actor: StaffMember, now: Int64) throws -> MatrixVersion {
        let register = try tx.matrixRegister()
        _ = try governing { () throws(GovernanceRefusal) in
            try MatrixGovernance.checkReject(id, by: actor, register: register, current: rules.policy, now: now)
        }
        let text = try rules.checkedText(rationale, field: "rationale")
        return try record(.rejected(version: id, rationale: text), on: register, actor: actor, at: now)
    }

    /// Rebases a proposal onto the newest approved version; returns the proposal and how it
    /// now changes that version.
    func rebaseMatrix(_ id: String, actor: StaffMember, now: Int64) throws -> (MatrixVersion, MatrixDiff) {
        let register = try tx.matrixRegister()
        let newest = try governing { () throws(GovernanceRefusal) in
            try MatrixGovernance.checkRebase(id, by: actor, register: register, current: rules.policy, now: now)
        }
        let rebased = try record(.rebased(version: id, base: newest.id), on: register, actor: actor, at: now)
        return (rebased, MatrixDiff(from: try policy(of: newest), to: try policy(of: rebased)))
    }

    // MARK: Shared

    private func record(_ event: MatrixEvent, on register: MatrixRegister, actor: StaffMember, at: Int64) throws -> MatrixVersion {
        let next = try MatrixEvents.append(event, to: register, tx: tx, actor: actor.id, at: at)
        let changed = try version(event.version, in: next)
        try tx.updateMatrixVersion(changed)
        return changed
    }

    private func version(_ id: String, in register: MatrixRegister) throws -> MatrixVersion {
        guard let v = register.version(id) else { throw StoreError.corrupt("matrix version \(id) is missing") }
        return v
    }

    func policy(of version: MatrixVersion) throws -> EscalationPolicy {
        try PolicyBook.policy(tx, version: version, path: "the database")
    }

    /// Runs a governance check, turning its refusal into the store's.
    private func governing<T>(_ check: () throws(GovernanceRefusal) -> T) throws -> T {
        do { return try check() } catch { throw StoreError(error) }
    }
}
