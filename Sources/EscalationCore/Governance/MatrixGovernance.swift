/// Why a governance step is refused: one sentence a manager can act on.
public enum GovernanceRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The person's role lacks the power to govern the matrix (exit 77).
    case lacksPower(person: String, role: String, doing: String, power: String, holders: [String])
    /// Four eyes: the proposer may not approve or reject their own proposal (exit 77).
    case ownProposal(person: String, version: String, doing: String)
    /// Only the proposer may rebase their proposal: they read it again against the version
    /// now in force and stand by it before a second person decides (exit 77).
    case notProposer(person: String, version: String)
    case unknownVersion(String)
    /// The version is not waiting for a decision (already approved or rejected).
    case notPending(version: String, standing: MatrixVersionStanding)
    /// The proposal changes a version that is no longer the newest approved one.
    case mustRebase(version: String, base: String, current: String)
    /// Rebasing a proposal that already changes the newest approved version.
    case alreadyCurrent(version: String, base: String)
    /// A proposal that would change what is not the matrix's to change.
    case invalidProposal(String)
    /// An effective time before the moment of proposing.
    case effectiveInPast

    /// Whether the refusal is about who is asking (exit 77) rather than the data (65).
    public var isNotPermitted: Bool {
        switch self {
        case .lacksPower, .ownProposal, .notProposer: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .lacksPower(let person, let role, let doing, let power, let holders):
            let held = holders.isEmpty ? "no role holds it" : "it is held by " + holders.joined(separator: ", ")
            return "\(person) (\(role)) may not \(doing): the role lacks \(power); \(held)"
        case .ownProposal(let person, let version, let doing):
            return "\(person) proposed matrix version \(version) and may not \(doing) it: a second person must (four eyes)"
        case .notProposer(let person, let version):
            return "\(person) did not propose matrix version \(version) and may not rebase it: its proposer reads it again "
                + "against the version now in force and stands by it (or anyone drafts afresh from that version)"
        case .unknownVersion(let id):
            return "there is no matrix version \(InputQuote.clip(id))"
        case .notPending(let version, let standing):
            return "matrix version \(version) is not waiting for approval: it is \(standing.words)"
        case .mustRebase(let version, let base, let current):
            return "rebase: matrix version \(version) was proposed as a change of version \(base), but version \(current) "
                + "is now the newest approved version; run `escdesk matrix rebase \(version)` and read the diff again, "
                + "or propose again"
        case .alreadyCurrent(let version, let base):
            return "matrix version \(version) already changes version \(base), the newest approved version; nothing to rebase"
        case .invalidProposal(let sentence):
            return sentence
        case .effectiveInPast:
            return "the effective time is in the past; a version comes into force now or later"
        }
    }
}

/// The rules of matrix governance, once: who may propose, approve, reject or rebase a
/// version, what a proposal may change, and when an approved version comes into force.
/// The store asks these inside the write transaction that records the step, so a role
/// without the power, or a proposer approving their own change, is refused there and not
/// only on screen.
public enum MatrixGovernance {
    /// The desk power that governs the matrix (CONFIG.md).
    public static let power = "approve_matrix"

    /// Whether a role may govern the matrix under the policy in force: its cell for
    /// `approve_matrix` allows it (a matrix that does not declare the power leaves it to
    /// the top role, as every desk power).
    public static func mayGovern(_ role: String, under policy: EscalationPolicy) -> Bool {
        let matrix = policy.matrix
        if matrix.action(power) != nil { return matrix.cell(role: role, action: power).authority.allowsPermission }
        return role == matrix.ladder.top.id
    }

    /// The titles of the roles that may govern, lowest first.
    public static func governors(under policy: EscalationPolicy) -> [String] {
        policy.ladder.roles.filter { mayGovern($0.id, under: policy) }.map(\.title)
    }

    static func requirePower(_ actor: StaffMember, doing: String, under policy: EscalationPolicy) throws(GovernanceRefusal) {
        guard mayGovern(actor.role, under: policy) else {
            let title = policy.matrix.action(power)?.title ?? "the power to approve a matrix proposal"
            throw .lacksPower(person: actor.name, role: policy.ladder.title(of: actor.role), doing: doing, power: title,
                              holders: governors(under: policy))
        }
    }

    /// May `actor` propose `proposal` as a change of `base` (the newest approved version),
    /// effective at `effectiveAt` (nil: on approval), at `now`? The power is the one the
    /// version in force (`current`) gives.
    public static func checkPropose(_ proposal: EscalationPolicy, by actor: StaffMember, current: EscalationPolicy,
                                    base: EscalationPolicy, effectiveAt: Int64?, now: Int64) throws(GovernanceRefusal) {
        try requirePower(actor, doing: "propose a matrix change", under: current)
        if let effectiveAt, effectiveAt < now { throw .effectiveInPast }
        try checkShape(proposal, against: base)
    }

    /// What a proposal may not change: the currency (every stored amount is in it), the
    /// ladder's roles (staff hold them and queues are named by them), an action cases may
    /// already ask for; and it must leave someone able to approve the next change.
    public static func checkShape(_ proposal: EscalationPolicy, against current: EscalationPolicy) throws(GovernanceRefusal) {
        let (new, old) = (proposal.matrix, current.matrix)
        if new.currency != old.currency {
            throw .invalidProposal("the proposal is in \(new.currency.code) but the centre's amounts are in \(old.currency.code); "
                                   + "the currency cannot change through a proposal")
        }
        let (newRoles, oldRoles) = (new.ladder.roles.map(\.id), old.ladder.roles.map(\.id))
        if newRoles != oldRoles {
            throw .invalidProposal("the proposal's roles are \(newRoles.joined(separator: ", ")) but the ladder is "
                                   + "\(oldRoles.joined(separator: ", ")); staff hold these roles, so the ladder cannot "
                                   + "change through a proposal (role titles may)")
        }
        for action in old.actions {
            guard let kept = new.action(action.id) else {
                throw .invalidProposal("the proposal removes action \(action.id); cases may already ask for it, so keep it "
                                       + "(deny it to every role instead)")
            }
            if kept.kind != action.kind {
                throw .invalidProposal("the proposal makes \(action.id) \(kept.kind.rawValue) but it is \(action.kind.rawValue); "
                                       + "an action's kind cannot change")
            }
        }
        if governors(under: proposal).isEmpty {
            throw .invalidProposal("under the proposal no role may approve a matrix change (\(power)), so nobody could "
                                   + "approve the next one; keep \(power) allowed for at least one role")
        }
    }

    /// The proposal `id`, waiting for a decision.
    static func pending(_ id: String, in register: MatrixRegister, at now: Int64) throws(GovernanceRefusal) -> MatrixVersion {
        guard let v = register.version(id) else { throw .unknownVersion(id) }
        guard v.status == .proposed else { throw .notPending(version: id, standing: register.standing(of: v, at: now)) }
        return v
    }

    /// May `actor` approve version `id` at `now`? A second person (never the proposer) whose
    /// role holds `approve_matrix` under the version in force, and only while the proposal
    /// still changes the newest approved version.
    public static func checkApprove(_ id: String, by actor: StaffMember, register: MatrixRegister,
                                    current: EscalationPolicy, now: Int64) throws(GovernanceRefusal) -> MatrixVersion {
        let v = try fourEyes(id, by: actor, doing: "approve", register: register, current: current, now: now)
        if let newest = register.newestApproved, v.base != newest.id {
            throw .mustRebase(version: id, base: v.base ?? "none", current: newest.id)
        }
        return v
    }

    /// May `actor` reject version `id`? The same four eyes as approval; a stale base is no
    /// reason not to reject.
    public static func checkReject(_ id: String, by actor: StaffMember, register: MatrixRegister,
                                   current: EscalationPolicy, now: Int64) throws(GovernanceRefusal) -> MatrixVersion {
        try fourEyes(id, by: actor, doing: "reject", register: register, current: current, now: now)
    }

    /// A decision on a pending proposal by someone with the power who did not propose it.
    static func fourEyes(_ id: String, by actor: StaffMember, doing: String, register: MatrixRegister,
                                 current: EscalationPolicy, now: Int64) throws(GovernanceRefusal) -> MatrixVersion {
        let v = try pending(id, in: register, at: now)
        try requirePower(actor, doing: "\(doing) a matrix proposal", under: current)
        if v.proposedBy == actor.id { throw .ownProposal(person: actor.name, version: id, doing: doing) }
        return v
    }

    /// May `actor` rebase version `id` onto the newest approved version? Its proposer, with
    /// the power still: rebasing changes nothing the proposal says, only what it is read
    /// against, and what it now takes back from the version in between is theirs to stand by
    /// (an approver who rebased and approved at once would decide both sides). Returns the
    /// new base.
    public static func checkRebase(_ id: String, by actor: StaffMember, register: MatrixRegister,
                                   current: EscalationPolicy, now: Int64) throws(GovernanceRefusal) -> MatrixVersion {
        let v = try pending(id, in: register, at: now)
        try requirePower(actor, doing: "rebase a matrix proposal", under: current)
        if v.proposedBy != actor.id { throw .notProposer(person: actor.name, version: id) }
        guard let newest = register.newestApproved else { throw .unknownVersion(id) }
        if v.base == newest.id { throw .alreadyCurrent(version: id, base: newest.id) }
        return newest
    }

    /// When an approved version comes into force: the time its proposer asked for, but
    /// never before the approval (decisions already taken stand) nor before the version it
    /// changes (so versions come into force in the order they were approved).
    public static func effectiveTime(requested: Int64?, approvedAt: Int64, base: MatrixVersion?) -> Int64 {
        max(requested ?? approvedAt, approvedAt, base?.effectiveAt ?? .min)
    }
}

extension MatrixGovernance {
    /// The settings of an `escalation.yaml` that are the centre's, not the policy's, and
    /// differ from the stored centre: a proposal changes only the matrix, the referral rules
    /// and the routing, so a file that changes these too is refused rather than half applied.
    public static func settingsOutsideThePolicy(file: Centre, stored: Centre) -> [String] {
        var differing: [String] = []
        func check(_ key: String, _ same: Bool) { if !same { differing.append(key) } }
        check("organisation", file.organisation == stored.organisation)
        check("timezone", file.timezone == stored.timezone)
        check("retention", file.retention == stored.retention)
        check("referral_scope", file.referralScope == stored.referralScope)
        check("case_kinds", file.caseKinds == stored.caseKinds)
        check("channels", file.channels == stored.channels)
        check("root_causes", file.rootCauses == stored.rootCauses)
        check("case_flags", file.declaredCaseFlags == stored.declaredCaseFlags)
        check("customer_flags", file.declaredCustomerFlags == stored.declaredCustomerFlags)
        check("calendar", file.defaultCalendar == stored.defaultCalendar)
        return differing
    }
}
