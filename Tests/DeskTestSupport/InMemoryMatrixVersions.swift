import DeskUI
import EscalationConfig
import EscalationCore
import Foundation

/// Matrix versions in memory, governed by the core's `MatrixGovernance` as the store governs
/// them: the same checks (power, four eyes, stale base) before each step, the same fold
/// (`MatrixRegister.applying`) after it. Version "1" is the centre's policy, in force from
/// the start. Decisions on cases stay under `InMemoryDeskData.policy`: the double governs
/// the register, not the law its cases were decided under.
struct InMemoryMatrixVersions {
    var register: MatrixRegister
    var policies: [String: EscalationPolicy]
    var seq: Int64 = 1

    init(founding policy: EscalationPolicy) {
        register = MatrixRegister([MatrixVersion.founding(id: "1", policyDigest: "", at: 0, by: "system", seq: 1)])
        policies = ["1": policy]
    }
}

extension InMemoryDeskData {
    /// Every matrix version as governed so far.
    public var matrixRegister: MatrixRegister { governance.matrix.register }

    /// The version in force at `at`, with its policy.
    func policyInForce(at: EpochMillis) -> EscalationPolicy {
        let versions = governance.matrix
        return versions.register.inForce(at: at).flatMap { versions.policies[$0.id] } ?? policy
    }

    /// Applies a governance step the core allowed, as the store appends its event.
    func record(_ event: MatrixEvent, policy proposed: EscalationPolicy? = nil, by actor: String, at: EpochMillis) throws(DeskError) {
        var versions = governance.matrix
        versions.seq += 1
        do { versions.register = try versions.register.applying(event, actor: actor, at: at, seq: versions.seq) } catch {
            throw DeskError(.invalid, error.description)
        }
        if let proposed { versions.policies[event.version] = proposed }
        governance.matrix = versions
        bump()
    }

    /// The centre as `config validate` would load it under `draft`.
    func centre(under draft: EscalationPolicy) -> Centre {
        Centre(organisation: centre.organisation, timezone: centre.timezone, retention: RetentionPeriod(years: 3), policy: draft,
               caseKinds: centre.caseKinds, channels: centre.channels, rootCauses: centre.rootCauses,
               staff: Self.directory(staff), declaredCaseFlags: centre.caseFlags, declaredCustomerFlags: centre.customerFlags)
    }
}

/// The core's refusal as the store words it for the desk (77 for who is asking, else invalid).
private func refused(_ error: GovernanceRefusal) -> DeskError {
    let text = error.description
    let sentence = (text.first.map { $0.uppercased() + text.dropFirst() } ?? text) + "."
    return DeskError(error.isNotPermitted ? .notPermitted : .invalid, sentence)
}

extension InMemoryDeskService {
    private var millisNow: EpochMillis { InMemoryDeskData.millis(data.clock()) }
    private var current: EscalationPolicy { data.policyInForce(at: millisNow) }

    public func matrixVersions() throws(DeskError) -> [MatrixVersionEntry] {
        let register = data.governance.matrix.register
        return register.versions.reversed().map { MatrixVersionEntry(version: $0, standing: register.standing(of: $0, at: millisNow)) }
    }

    public func matrixPolicy(version: String?) throws(DeskError) -> EscalationPolicy {
        guard let version else { return current }
        guard let policy = data.governance.matrix.policies[version] else { throw refused(.unknownVersion(version)) }
        return policy
    }

    public func mayGovernMatrix() throws(DeskError) -> Bool { MatrixGovernance.mayGovern(member.role, under: current) }

    public func approveMatrix(version: String, rationale: String?) throws(DeskError) {
        let register = data.governance.matrix.register
        let pending: MatrixVersion
        do { pending = try MatrixGovernance.checkApprove(version, by: member, register: register, current: current, now: millisNow) } catch {
            throw refused(error)
        }
        let effective = MatrixGovernance.effectiveTime(requested: pending.effectiveAt, approvedAt: millisNow,
                                                       base: pending.base.flatMap(register.version))
        try data.record(.approved(version: version, rationale: rationale, effectiveAt: effective), by: member.id, at: millisNow)
    }

    public func rejectMatrix(version: String, rationale: String) throws(DeskError) {
        do { _ = try MatrixGovernance.checkReject(version, by: member, register: data.governance.matrix.register, current: current,
                                                  now: millisNow) } catch {
            throw refused(error)
        }
        guard rationale.hasVisibleText else { throw DeskError(.invalid, "The rationale is empty; write why.") }
        try data.record(.rejected(version: version, rationale: rationale), by: member.id, at: millisNow)
    }

    public func rebaseMatrix(version: String) throws(DeskError) -> MatrixDiff {
        let newest: MatrixVersion
        do { newest = try MatrixGovernance.checkRebase(version, by: member, register: data.governance.matrix.register,
                                                       current: current, now: millisNow) } catch {
            throw refused(error)
        }
        try data.record(.rebased(version: version, base: newest.id), by: member.id, at: millisNow)
        return MatrixDiff(from: try matrixPolicy(version: newest.id), to: try matrixPolicy(version: version))
    }

    public func proposeMatrix(_ draft: EscalationPolicy, rationale: String, effective: Date?) throws(DeskError) -> String? {
        let register = data.governance.matrix.register
        guard let base = register.newestApproved else { throw DeskError(.invalid, "No matrix version is approved.") }
        let basePolicy = try matrixPolicy(version: base.id)
        let effectiveAt = effective.map(InMemoryDeskData.millis)
        do { try MatrixGovernance.checkPropose(draft, by: member, current: current, base: basePolicy, effectiveAt: effectiveAt,
                                               now: millisNow) } catch {
            throw refused(error)
        }
        guard rationale.hasVisibleText else { throw DeskError(.invalid, "The rationale is empty; write why.") }
        if MatrixDiff(from: basePolicy, to: draft).isEmpty { return nil }
        let id = register.nextID
        try data.record(.proposed(version: id, base: base.id, policyDigest: "", rationale: rationale, effectiveAt: effectiveAt),
                        policy: draft, by: member.id, at: millisNow)
        return id
    }

    public func readCell(_ text: String, role: String, action: String) throws(DeskError) -> AuthorityCell {
        do { return try PolicyDraft.cell(text, role: role, action: action, in: current) } catch {
            throw DeskError(.invalid, PolicyDraft.sentences(error))
        }
    }

    public func cellText(_ cell: AuthorityCell) -> String { PolicyDraft.text(of: cell) }

    public func draftProblems(_ draft: EscalationPolicy) -> [String] { PolicyDraft.problems(draft, in: data.centre(under: draft)) }

    /// Each case opened in the last `days` days, decided again for its opener's role by the
    /// core's `MatrixSimulation` with the context its opening had (counted over the policy in
    /// force's windows, as this double counts them).
    public func simulate(_ draft: EscalationPolicy, days: Int) throws(DeskError) -> SimulationResult {
        let since = millisNow - Int64(days) * InMemoryDeskData.day
        let recorded = data.cases.compactMap { stored -> RecordedRequest? in
            guard let first = stored.records.first, first.at >= since, case .opened(let opening) = first.event,
                  let customer = data.customer(opening.customer) else { return nil }
            let context = data.context(customer: customer, caseFlags: opening.caseFlags, channel: opening.channel,
                                       identityVerified: opening.identityVerified, requests: opening.requests, at: first.at,
                                       pendingContact: false)
            return RecordedRequest(caseID: stored.folded.id, handler: opening.decision.handler, requests: opening.requests,
                                   context: context)
        }
        return MatrixSimulation.replay(recorded, current: current, draft: draft)
    }

    public func readReferral(id: String, when: String, minRole: String, reason: String) throws(DeskError) -> ReferralRule {
        do { return try PolicyDraft.rule(id: id, when: when, minRole: minRole, reason: reason, in: data.centre(under: current)) } catch {
            throw DeskError(.invalid, PolicyDraft.sentences(error))
        }
    }

    public func conditionText(_ condition: ReferralCondition) -> String { PolicyDraft.text(of: condition) }
}
