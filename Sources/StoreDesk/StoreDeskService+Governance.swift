import DeskUI
import EscalationConfig
import EscalationCore
import EscalationStore
import Foundation

// MARK: - Matrix governance

extension StoreDeskService {
    /// Every version with where it stands now, newest first.
    public func matrixVersions() throws(DeskError) -> [MatrixVersionEntry] {
        let register = try desk { () throws(StoreError) in try store.matrixRegister() }
        let t = Int64((now().timeIntervalSince1970 * 1000).rounded())
        return register.versions.reversed().map { MatrixVersionEntry(version: $0, standing: register.standing(of: $0, at: t)) }
    }

    /// A version's policy, or the one in force.
    public func matrixPolicy(version: String?) throws(DeskError) -> EscalationPolicy {
        try desk { () throws(StoreError) in try store.matrixVersion(version, at: now()).policy }
    }

    /// The core's answer under the version in force.
    public func mayGovernMatrix() throws(DeskError) -> Bool {
        MatrixGovernance.mayGovern(member.role, under: try matrixPolicy(version: nil))
    }

    /// Approves as me; the store refuses its own proposer and a stale base.
    public func approveMatrix(version: String, rationale: String?) throws(DeskError) {
        _ = try desk { () throws(StoreError) in
            try store.approveMatrix(version: version, rationale: rationale, actor: member.id, now: clock.actionClock)
        }
    }

    /// Rejects as me.
    public func rejectMatrix(version: String, rationale: String) throws(DeskError) {
        _ = try desk { () throws(StoreError) in
            try store.rejectMatrix(version: version, rationale: rationale, actor: member.id, now: clock.actionClock)
        }
    }

    /// Rebases as me.
    public func rebaseMatrix(version: String) throws(DeskError) -> MatrixDiff {
        try desk { () throws(StoreError) in try store.rebaseMatrix(version: version, actor: member.id, now: clock.actionClock) }.1
    }

    /// Proposes as me: the version id, or nil for an unchanged draft.
    public func proposeMatrix(_ draft: EscalationPolicy, rationale: String, effective: Date?) throws(DeskError) -> String? {
        let outcome = try desk { () throws(StoreError) in
            try store.proposeMatrix(draft, rationale: rationale, effective: effective, actor: member.id, now: clock.actionClock)
        }
        switch outcome {
        case .proposed(let version, _, _): return version
        case .unchanged: return nil
        }
    }

    /// Reads a typed cell with `config validate`'s reader.
    public func readCell(_ text: String, role: String, action: String) throws(DeskError) -> AuthorityCell {
        let policy = try matrixPolicy(version: nil)
        do { return try PolicyDraft.cell(text, role: role, action: action, in: policy) } catch {
            throw DeskError(.invalid, PolicyDraft.sentences(error))
        }
    }

    /// The cell as the file writes it.
    public func cellText(_ cell: AuthorityCell) -> String { PolicyDraft.text(of: cell) }

    /// `config validate`'s sentences for the centre under the draft.
    public func draftProblems(_ draft: EscalationPolicy) -> [String] { PolicyDraft.problems(draft, in: store.centre) }

    /// The store's what-if replay.
    public func simulate(_ draft: EscalationPolicy, days: Int) throws(DeskError) -> SimulationResult {
        try desk { () throws(StoreError) in try store.simulate(draft, days: days, now: now()) }
    }

    /// Reads a typed rule with `config validate`'s referral reader.
    public func readReferral(id: String, when: String, minRole: String, reason: String) throws(DeskError) -> ReferralRule {
        do { return try PolicyDraft.rule(id: id, when: when, minRole: minRole, reason: reason, in: store.centre) } catch {
            throw DeskError(.invalid, PolicyDraft.sentences(error))
        }
    }

    /// The condition as the file writes it.
    public func conditionText(_ condition: ReferralCondition) -> String { PolicyDraft.text(of: condition) }
}
