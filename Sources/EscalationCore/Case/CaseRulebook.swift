/// Every rule of who may do what to a case, once: the store checks each action against it
/// inside the action's transaction, the desk asks it which keys to offer, and the desk's
/// test double is built on it. Pure: the case, the person and what the store read come in
/// as arguments.
///
/// - An open, reopened, returned or claimed case is *held* (by its opener, reopener, the
///   referrer it was returned to, or its claimer): only the holder may resolve, escalate,
///   return it or mark identity on it, whatever their role.
/// - An escalated case waits in a role's queue: anyone at or above that role may claim it;
///   identity may be marked by whoever referred it or anyone who could claim it.
/// - A resolved case may be closed by its resolver or anyone whose role ranks at or above the
///   role it was resolved in (a peer covers an absent colleague; a junior may not close what
///   a senior decided).
/// - A resolved or closed case may be reopened by anyone on the ladder, and is then theirs:
///   a customer ringing back reaches whoever answers.
public struct CaseRulebook: Sendable {
    public let policy: EscalationPolicy
    public let staff: StaffDirectory
    /// Which team a referral waits for, and who sees which referrals (`referral_scope`).
    public let teams: TeamRouting
    private let staffByID: [String: StaffMember]

    /// - Parameter referralScope: `referral_scope` as configured (nil: the default).
    public init(policy: EscalationPolicy, staff: StaffDirectory, referralScope: ReferralScope? = nil) {
        self.policy = policy
        self.staff = staff
        teams = TeamRouting(ladder: policy.ladder, staff: staff, declared: referralScope)
        var byID: [String: StaffMember] = [:]
        for member in staff.staff where byID[member.id] == nil { byID[member.id] = member }
        staffByID = byID
    }

    public var ladder: Ladder { policy.ladder }

    /// A role's rank, or -1 for a role that is not on the ladder (below everyone).
    public func rank(_ role: String) -> Int { ladder.rank(of: role) ?? -1 }

    public func member(_ id: String) -> StaffMember? { staffByID[id] }

    /// A staff member's role, or nil when they are not on the staff list.
    public func role(of id: String) -> String? { staffByID[id]?.role }

    /// A person's name for sentences, or their id when they have left the staff list.
    public func name(of id: String) -> String { staffByID[id]?.name ?? id }
    /// A role as a refusal names it to people: its title ("Team Leader"), never its id.
    public func title(_ role: String) -> String { ladder.title(of: role) }

    // MARK: Holding

    /// A held case belongs to its holder until they let it go.
    public func checkHolder(_ c: Case, actor: StaffMember) throws(CaseRefusal) {
        guard c.state.isHeld else { return }
        guard let holder = c.holder else { throw .damaged("\(c.id) is \(c.state.rawValue) but nobody holds it") }
        guard holder != actor.id else { return }
        throw .heldByOther(caseID: c.id, holder: name(of: holder))
    }

    /// The state `transition` leads to from where the case stands, or the lifecycle's refusal.
    public func step(_ transition: CaseTransition, _ c: Case) throws(CaseRefusal) -> CaseState {
        do { return try CaseLifecycle.apply(transition, to: c.state) } catch { throw .lifecycle(caseID: c.id, error) }
    }

    // MARK: Each action

    /// Where an escalation goes: where the engine routes it, or for a voluntary referral (the
    /// actor could decide it) the next rung above the actor. Only the holder may escalate,
    /// and not from the top of the ladder.
    public func escalation(of c: Case, by actor: StaffMember, decision: Decision) throws(CaseRefusal) -> String {
        try checkHolder(c, actor: actor)
        _ = try step(.escalate, c)
        let actorRank = rank(actor.role)
        let routed = decision.routeTo.map(rank) ?? -1
        let route = max(routed, actorRank + 1)
        guard route <= ladder.topRank else { throw .atTop(caseID: c.id, role: title(actor.role)) }
        return ladder.role(at: route).id
    }

    /// The queue a claim takes the case from. A second claimer is told who has it; anyone
    /// below the queue's role may not take it.
    public func claim(of c: Case, by actor: StaffMember) throws(CaseRefusal) -> String {
        if c.state == .claimed {
            let holder = c.holder.flatMap(member)
            throw .alreadyClaimed(caseID: c.id, holder: holder?.name ?? c.holder ?? "someone",
                                  role: title(holder?.role ?? c.queueRole ?? ""))
        }
        _ = try step(.claim, c)
        let queue = c.queueRole ?? ladder.top.id
        guard rank(actor.role) >= rank(queue) else { throw .roleTooLow(caseID: c.id, role: title(actor.role), needed: title(queue)) }
        return queue
    }

    /// Who a return hands the case back to: whoever referred it up (or opened it).
    public func returnTarget(of c: Case, by actor: StaffMember) throws(CaseRefusal) -> StaffMember {
        try checkHolder(c, actor: actor)
        _ = try step(.return, c)
        let id = c.escalatedBy ?? c.openedBy
        guard let to = member(id) else { throw .damaged("\(c.id) would go back to \(id), who is not on the staff list") }
        return to
    }

    /// Whether the holder may resolve the case now (the grants are judged by
    /// `blockingReasons`, on the decision taken with the store's totals).
    /// Whether every remedy asked for (`doing`: "asked for") or granted ("granted") is one a
    /// customer can have: never a desk power (`Action.isRemedy`).
    public func checkRemedies(_ remedies: [RemedyRequest], doing: String) throws(CaseRefusal) {
        for remedy in remedies {
            guard let action = policy.matrix.action(remedy.action), !action.isRemedy else { continue }
            throw .notARemedy(action: action.title, doing: doing)
        }
    }

    public func checkResolve(_ c: Case, by actor: StaffMember) throws(CaseRefusal) {
        try checkHolder(c, actor: actor)
        _ = try step(.resolve, c)
    }

    /// The reasons in a decision on grants that stop this actor resolving. Authority and
    /// identity reasons always stop them; a referral rule does not when the case was returned
    /// by someone whose role met the rule (a recorded delegation).
    public func blockingReasons(_ decision: Decision, on c: Case) -> [Reason] {
        switch decision.verdict {
        case .withinAuthority: return []
        case .outsideMatrix: return decision.reasons
        case .escalate:
            let delegated = c.delegatedRole.map(rank) ?? -1
            return decision.reasons.filter { reason in
                let isReferral = !(reason.rule.hasPrefix("authority.") || reason.rule.hasPrefix("identity."))
                return !(isReferral && delegated >= rank(reason.requires))
            }
        }
    }

    /// The decision as it bears on resolving: within authority when nothing blocks (a
    /// delegation covered every referral rule), otherwise only the blocking reasons, with the
    /// lowest role that could decide them.
    public func effective(_ decision: Decision, blocking: [Reason]) -> Decision {
        if blocking.count == decision.reasons.count { return decision }
        if blocking.isEmpty {
            return Decision(verdict: .withinAuthority, handler: decision.handler, routeTo: nil, required: decision.handler,
                            reasons: [], matrixVersion: decision.matrixVersion)
        }
        let required = blocking.map(\.requires).max { rank($0) < rank($1) } ?? decision.required
        return Decision(verdict: decision.verdict, handler: decision.handler, routeTo: decision.routeTo, required: required,
                        reasons: blocking, matrixVersion: decision.matrixVersion)
    }

    /// Whether the actor may close a resolved case resolved by `resolver` in `resolvedAs`.
    public func checkClose(_ c: Case, by actor: StaffMember, resolver: String, resolvedAs: String) throws(CaseRefusal) {
        _ = try step(.close, c)
        if resolver != actor.id && rank(actor.role) < rank(resolvedAs) {
            throw .notPermitted("\(c.id) was resolved by \(name(of: resolver)) (\(title(resolvedAs))); "
                                + "only they or a \(title(resolvedAs)) or above may close it")
        }
    }

    /// Whether the actor may reopen the case: anyone on the ladder.
    public func checkReopen(_ c: Case, by actor: StaffMember) throws(CaseRefusal) {
        _ = try step(.reopen, c)
        guard rank(actor.role) >= 0 else {
            throw .notPermitted("\(actor.name) (\(title(actor.role))) is not on the escalation ladder and may not reopen \(c.id)")
        }
    }

    /// Whether the actor may record an identity check: on an active case, its holder; on one
    /// waiting in a queue, whoever referred it (often still on the line) or anyone who could
    /// claim it.
    public func checkMarkIdentity(_ c: Case, by actor: StaffMember) throws(CaseRefusal) {
        guard c.state.isActive else {
            throw .notPermitted("\(c.id) is \(c.state.rawValue); identity can only be marked on an active case")
        }
        try checkHolder(c, actor: actor)
        try checkQueueSide(c, by: actor, may: "mark identity")
    }

    /// Whether the actor may record this identity check, given the checks `events` already
    /// record: as `checkMarkIdentity`, and once a check has failed, only a role that may
    /// override a failed identity check may record it passed (asking again is not a way past
    /// a failure; the override is that role's to give).
    public func checkMarkIdentity(_ c: Case, verified: Bool, events: [CaseEventRecord], by actor: StaffMember) throws(CaseRefusal) {
        try checkMarkIdentity(c, by: actor)
        guard verified else { return }
        let last = events.last { if case .identityMarked = $0.event { true } else { false } }
        guard case .identityMarked(false)? = last?.event, !may(actor.role, use: Action.overrideIdentityCheckID) else { return }
        let power = policy.matrix.action(Action.overrideIdentityCheckID)?.title ?? "the power to override a failed identity check"
        throw .notPermitted("the identity check on \(c.id) failed; \(actor.name) (\(title(actor.role))) may not mark it "
                            + "verified: that needs \(power)")
    }

    /// On a case waiting in a queue, whoever referred it (often still on the line) or anyone
    /// who could claim it may `doing`; nobody else.
    func checkQueueSide(_ c: Case, by actor: StaffMember, may doing: String) throws(CaseRefusal) {
        guard c.state == .escalated, c.escalatedBy != actor.id else { return }
        let queue = c.queueRole ?? ladder.top.id
        guard rank(actor.role) >= rank(queue) else {
            throw .notPermitted("\(c.id) waits for a \(title(queue)); only they or whoever referred it may \(doing)")
        }
    }

    /// Whether the actor may correct when a case was received (every clock follows it): a
    /// role holding `correct_receipt` when the matrix declares that power; otherwise a Team
    /// Leader or above (the rung named `team_leader`, else any rung above the first), since
    /// moving a receipt moves legal deadlines and an agent must not move their own.
    public func checkCorrectReceipt(_ c: Case, by actor: StaffMember) throws(CaseRefusal) {
        let allowed: Bool
        if policy.matrix.action(Self.correctReceipt) != nil {
            allowed = may(actor.role, use: Self.correctReceipt)
        } else {
            allowed = rank(actor.role) >= (ladder.rank(of: "team_leader") ?? 1)
        }
        guard allowed else {
            throw .notPermitted("\(actor.name) (\(title(actor.role))) may not correct when \(c.id) was received: "
                                + "only a Team Leader or above, or a role holding \(Self.correctReceipt), may")
        }
    }

    /// The desk power that lets a role correct a case's receipt.
    public static let correctReceipt = "correct_receipt"

    // MARK: Powers and the desk's keys

    /// Whether a role holds a desk power (`erase_personal_data`, `export_personal_data`,
    /// `override_retention`, `approve_matrix`). A matrix that does not declare the power
    /// leaves it to the top role alone, so an older configuration is never more permissive
    /// than a newer one.
    public func may(_ role: String, use power: String) -> Bool {
        let matrix = policy.matrix
        if matrix.action(power) != nil { return matrix.cell(role: role, action: power).authority.allowsPermission }
        return role == ladder.top.id
    }

    /// Whether a role may see the whole authority matrix: managers and above (the rank of
    /// `manager` when the ladder has one, else the top two rungs: a ladder without a manager
    /// still has someone who governs the matrix).
    public func mayViewMatrix(_ role: String) -> Bool {
        let threshold = ladder.rank(of: "manager") ?? max(0, ladder.topRank - 1)
        return (ladder.rank(of: role) ?? 0) >= threshold
    }

    public func checkPower(_ power: String, actor: StaffMember, doing: String) throws(CaseRefusal) {
        guard may(actor.role, use: power) else {
            throw .notPermitted("\(actor.name) (\(title(actor.role))) may not \(doing): the role lacks \(policy.matrix.action(power)?.title ?? power)")
        }
    }

    /// What the actor may do to the case now: exactly the actions the checks above accept,
    /// short of what depends on the store (grants beyond authority, a claim lost to a race).
    /// `resolvedBy` is who resolved it last and in which role, when it is resolved.
    public func commands(for actor: StaffMember, on c: Case,
                         resolvedBy: (resolver: String, role: String)? = nil) -> Set<CaseCommandKind> {
        var allowed: Set<CaseCommandKind> = []
        func accepts(_ check: () throws(CaseRefusal) -> Void) -> Bool {
            do { try check(); return true } catch { return false }
        }
        if accepts({ () throws(CaseRefusal) in try checkHolder(c, actor: actor); _ = try step(.escalate, c)
                     guard rank(actor.role) < ladder.topRank else { throw .atTop(caseID: c.id, role: title(actor.role)) } }) {
            allowed.insert(.escalate)
        }
        if accepts({ () throws(CaseRefusal) in _ = try claim(of: c, by: actor) }) { allowed.insert(.claim) }
        if accepts({ () throws(CaseRefusal) in _ = try returnTarget(of: c, by: actor) }) { allowed.insert(.return) }
        if accepts({ () throws(CaseRefusal) in try checkResolve(c, by: actor) }) { allowed.insert(.resolve) }
        if let resolvedBy,
           accepts({ () throws(CaseRefusal) in try checkClose(c, by: actor, resolver: resolvedBy.resolver, resolvedAs: resolvedBy.role) }) {
            allowed.insert(.close)
        }
        if accepts({ () throws(CaseRefusal) in try checkReopen(c, by: actor) }) { allowed.insert(.reopen) }
        if accepts({ () throws(CaseRefusal) in try checkMarkIdentity(c, by: actor) }) { allowed.insert(.markIdentity) }
        return allowed
    }
}

/// The things a person may do to a case.
public enum CaseCommandKind: String, Sendable, Hashable, CaseIterable {
    case escalate, claim, `return`, resolve, close, reopen, markIdentity
}

/// Why the rulebook refuses an action on a case, as a sentence a person at the desk
/// understands.
/// Roles in a refusal are their titles ("Team Leader"), as people say them, never ids.
public enum CaseRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case heldByOther(caseID: String, holder: String)
    case lifecycle(caseID: String, LifecycleError)
    case alreadyClaimed(caseID: String, holder: String, role: String)
    case roleTooLow(caseID: String, role: String, needed: String)
    case atTop(caseID: String, role: String)
    case notPermitted(String)
    case emptyText(field: String)
    case textTooLong(field: String, bytes: Int, limit: Int)
    /// The case's record contradicts itself (a holder missing from a held case).
    case damaged(String)
    /// A regulated complaint resolved without the letter that tells the customer the decision.
    case letterRequired(String)
    /// A clock change the case's clocks do not allow (a regulatory clock paused, a clock
    /// extended twice): the sentence says which.
    case clockChange(String)
    /// A desk power named as something a customer asks for or is granted.
    case notARemedy(action: String, doing: String)

    public var description: String {
        switch self {
        case .heldByOther(let caseID, let holder): return "\(caseID) is held by \(holder); only they can act on it now"
        case .lifecycle(let caseID, let error): return "\(caseID): \(error.description)"
        case .alreadyClaimed(let caseID, let holder, let role): return "\(caseID) is already claimed by \(holder) (\(role))"
        case .roleTooLow(let caseID, let role, let needed): return "\(caseID) is queued for \(needed); a \(role) cannot claim it"
        case .atTop(let caseID, let role):
            return "\(caseID) is already with the top role (\(role)); there is no one to escalate it to"
        case .notPermitted(let sentence): return sentence
        case .emptyText(let field): return "the \(field) is empty; write a few words"
        case .textTooLong(let field, let bytes, let limit):
            return "the \(field) is \(bytes) bytes long; the most accepted is \(limit) bytes"
        case .damaged(let detail): return "the database is damaged: \(detail)"
        case .letterRequired(let sentence), .clockChange(let sentence): return sentence
        case .notARemedy(let action, let doing):
            return "\(action) is a power of the desk, not a remedy; it cannot be \(doing)"
        }
    }
}

extension CaseState {
    /// In one person's hands: the opener's (open), the reopener's (reopened), the
    /// referrer's (returned) or the claimer's (claimed).
    public var isHeld: Bool { self == .open || self == .reopened || self == .returned || self == .claimed }
}
