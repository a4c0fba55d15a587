/// Why an acting-cover step is refused: one sentence a manager can act on.
public enum CoverRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The person's role lacks `approve_matrix` (exit 77).
    case lacksPower(person: String, role: String, doing: String, holders: [String])
    /// Four eyes: the granter, or the person covered, may not approve (exit 77).
    case fourEyes(person: String, cover: String, why: String)
    /// The cover would give a role above the granter's own (exit 77).
    case aboveGranter(person: String, role: String, granted: String)
    case unknownCover(String)
    case unknownRole(String)
    /// The person named to cover is not on the staff list (the data is wrong, not the granter).
    case unknownPerson(String)
    /// The role is not above the person's own: there is nothing to cover.
    case notHigher(person: String, role: String, own: String)
    case badPeriod(String)
    case notPending(cover: String, standing: CoverStanding)
    case notRunning(cover: String, standing: CoverStanding)

    /// Whether the refusal is about who is asking (exit 77) rather than the data (65).
    public var isNotPermitted: Bool {
        switch self {
        case .lacksPower, .fourEyes, .aboveGranter: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .lacksPower(let person, let role, let doing, let holders):
            let held = holders.isEmpty ? "no role holds it" : "it is held by " + holders.joined(separator: ", ")
            return "\(person) (\(role)) may not \(doing): the role lacks \(MatrixGovernance.power); \(held)"
        case .fourEyes(let person, let cover, let why):
            return "\(person) \(why) and may not approve acting cover \(cover): a second person must (four eyes)"
        case .aboveGranter(let person, let role, let granted):
            return "\(person) (\(role)) may not grant \(granted) authority: a cover may not give a role above the granter's own"
        case .unknownCover(let id): return "there is no acting cover \(InputQuote.clip(id))"
        case .unknownRole(let id): return "there is no role \(InputQuote.clip(id)) on the ladder"
        case .unknownPerson(let id):
            return "\(InputQuote.clip(id)) is not on the staff list; acting cover names a member of staff by their id"
        case .notHigher(let person, let role, let own):
            return "\(person) is already \(own); acting cover gives a role above one's own, and \(role) is not"
        case .badPeriod(let why): return why
        case .notPending(let cover, let standing):
            return "acting cover \(cover) is not awaiting approval: it is \(standing.words)"
        case .notRunning(let cover, let standing): return "acting cover \(cover) is already \(standing.words)"
        }
    }
}

/// The rules of acting cover, once: who may grant, approve and end a cover, and what a
/// cover may give. The store asks these inside the write transaction that records the step.
public enum CoverRules {
    /// The longest cover, in days: a standing change of role is a staff-list change, not cover.
    public static let maxDays: Int64 = 92

    static func requirePower(_ actor: StaffMember, doing: String, under policy: EscalationPolicy) throws(CoverRefusal) {
        guard MatrixGovernance.mayGovern(actor.role, under: policy) else {
            throw .lacksPower(person: actor.name, role: policy.ladder.title(of: actor.role), doing: doing,
                              holders: MatrixGovernance.governors(under: policy))
        }
    }

    /// May `granter` give `staff` the authority of `role` from `from` to `to` (ms), at `now`?
    /// A manager with `approve_matrix`, never a role above their own, only a role above the
    /// person's own, for a period that ends after it begins, after now, and within `maxDays`.
    public static func checkGrant(staff: StaffMember, role: String, from: Int64, to: Int64, by granter: StaffMember,
                                  under policy: EscalationPolicy, now: Int64) throws(CoverRefusal) {
        try checkAuthority(staff: staff, role: role, by: granter, under: policy)
        if to <= from { throw .badPeriod("the cover ends (--to) before it begins (--from)") }
        if to <= now { throw .badPeriod("the cover's period is already over; --to must be later than now") }
        let (span, overflow) = to.subtractingReportingOverflow(from)
        if overflow || span > maxDays * 86_400_000 {
            throw .badPeriod("a cover lasts at most \(maxDays) days; change the person's role on the staff list instead")
        }
    }

    /// Whether `granter` may give `staff` the role at all: the power, a role no higher than
    /// the granter's own, and higher than the person's own.
    static func checkAuthority(staff: StaffMember, role: String, by granter: StaffMember,
                               under policy: EscalationPolicy) throws(CoverRefusal) {
        let ladder = policy.ladder
        try requirePower(granter, doing: "grant acting cover", under: policy)
        guard let rank = ladder.rank(of: role) else { throw .unknownRole(role) }
        if rank > (ladder.rank(of: granter.role) ?? -1) {
            throw .aboveGranter(person: granter.name, role: ladder.title(of: granter.role), granted: ladder.title(of: role))
        }
        if rank <= (ladder.rank(of: staff.role) ?? Int.max) {
            throw .notHigher(person: staff.name, role: ladder.title(of: role), own: ladder.title(of: staff.role))
        }
    }

    /// May `approver` approve cover `id` at `now`? A second manager with `approve_matrix`:
    /// never the granter, never the person covered, and only while it is awaiting approval
    /// and its period is not over.
    public static func checkApprove(_ id: String, by approver: StaffMember, register: CoverRegister,
                                    under policy: EscalationPolicy, now: Int64) throws(CoverRefusal) -> ActingCover {
        guard let c = register.cover(id) else { throw .unknownCover(id) }
        let standing = c.standing(at: now)
        guard standing == .awaitingApproval else { throw .notPending(cover: id, standing: standing) }
        try checkApprover(approver, of: c, under: policy)
        return c
    }

    /// A second manager with the power: never the granter, never the person covered.
    static func checkApprover(_ approver: StaffMember, of c: ActingCover, under policy: EscalationPolicy) throws(CoverRefusal) {
        try requirePower(approver, doing: "approve acting cover", under: policy)
        if approver.id == c.grantedBy { throw .fourEyes(person: approver.name, cover: c.id, why: "granted it") }
        if approver.id == c.staff { throw .fourEyes(person: approver.name, cover: c.id, why: "is the person it covers") }
    }

    /// May `actor` end cover `id` at `now`? A manager with `approve_matrix`, while it is
    /// awaiting approval, approved or in effect (one person may stop what four eyes began).
    public static func checkEnd(_ id: String, by actor: StaffMember, register: CoverRegister,
                                under policy: EscalationPolicy, now: Int64) throws(CoverRefusal) -> ActingCover {
        guard let c = register.cover(id) else { throw .unknownCover(id) }
        let standing = c.standing(at: now)
        if standing == .expired || standing == .ended { throw .notRunning(cover: id, standing: standing) }
        try requirePower(actor, doing: "end acting cover", under: policy)
        return c
    }
}
