/// A named person given a higher role's authority for a period ("acting team leader,
/// 8–19 December"): granted by one manager, in effect only once a second approves it,
/// ending by itself at `to` (or earlier when ended).
public struct ActingCover: Sendable, Hashable {
    public let id: String
    /// The person covering.
    public let staff: String
    /// The role they act in.
    public let role: String
    /// The period, milliseconds: from `from` (inclusive) to `to` (exclusive).
    public let from: Int64
    public let to: Int64
    public let rationale: String
    public let grantedBy: String
    public let grantedAt: Int64
    public var approvedBy: String?
    public var approvedAt: Int64?
    public var endedBy: String?
    public var endedAt: Int64?

    public init(id: String, staff: String, role: String, from: Int64, to: Int64, rationale: String, grantedBy: String,
                grantedAt: Int64, approvedBy: String? = nil, approvedAt: Int64? = nil, endedBy: String? = nil,
                endedAt: Int64? = nil) {
        self.id = id
        self.staff = staff
        self.role = role
        self.from = from
        self.to = to
        self.rationale = rationale
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.endedBy = endedBy
        self.endedAt = endedAt
    }

    /// When it stops: at `to`, or when ended earlier.
    public var until: Int64 { min(to, endedAt ?? .max) }

    /// Whether it gives its role's authority at `t`: approved, and `t` within its period
    /// and before it was ended.
    public func isInEffect(at t: Int64) -> Bool {
        approvedAt != nil && from <= t && t < until
    }

    /// Where it stands at `t`, in words.
    public func standing(at t: Int64) -> CoverStanding {
        if let ended = endedAt, ended < to, t >= ended { return .ended }
        if t >= to { return .expired }
        if approvedAt == nil { return .awaitingApproval }
        return t < from ? .approved : .inEffect
    }
}

/// Where an acting cover stands at a moment.
public enum CoverStanding: String, Sendable, Hashable {
    case awaitingApproval = "awaiting_approval"
    /// Approved; its period has not begun.
    case approved
    case inEffect = "in_effect"
    /// Its period is over.
    case expired
    /// Ended early by a manager.
    case ended

    public var words: String {
        switch self {
        case .awaitingApproval: "awaiting a second person's approval"
        case .approved: "approved, not yet begun"
        case .inEffect: "in effect"
        case .expired: "over"
        case .ended: "ended"
        }
    }
}

/// A step in an acting cover's life, as the log records it (on the centre's log).
public enum CoverEvent: Sendable, Hashable {
    case granted(cover: String, staff: String, role: String, from: Int64, to: Int64, rationale: String)
    case approved(cover: String)
    case ended(cover: String)

    public var cover: String {
        switch self {
        case .granted(let c, _, _, _, _, _), .approved(let c), .ended(let c): c
        }
    }
}

/// An acting-cover event that does not follow from those before it (a log edited by hand).
public struct CoverFoldError: Error, Sendable, Hashable, CustomStringConvertible {
    public let cover: String
    public let reason: String

    public var description: String { "acting cover \(cover): \(reason)" }
}

/// Every acting cover of a centre, folded from its events, and the answer to "which role
/// does this person act with at this moment?".
public struct CoverRegister: Sendable, Hashable {
    public private(set) var covers: [ActingCover]

    public init(_ covers: [ActingCover] = []) {
        self.covers = covers
    }

    public func cover(_ id: String) -> ActingCover? { covers.first { $0.id == id } }

    /// The id the next cover gets.
    public var nextID: String { "AC-\((covers.count + 1))" }

    /// The cover `staff` acts under at `t`: of their covers in effect whose role is above
    /// `ownRole` on `ladder`, the highest role, and of equal roles the latest approved. Nil:
    /// they act in their own role.
    public func acting(_ staff: String, ownRole: String, at t: Int64, ladder: Ladder) -> ActingCover? {
        let own = ladder.rank(of: ownRole) ?? 0
        var best: ActingCover?
        for c in covers where c.staff == staff && c.isInEffect(at: t) {
            guard let rank = ladder.rank(of: c.role), rank > own else { continue }
            if let b = best {
                let bestRank = ladder.rank(of: b.role) ?? 0
                if rank < bestRank || (rank == bestRank && (c.approvedAt ?? 0) < (b.approvedAt ?? 0)) { continue }
            }
            best = c
        }
        return best
    }

    /// The role `member` decides with at `t`, and the cover that gives it (nil: their own).
    public func role(of member: StaffMember, at t: Int64, ladder: Ladder) -> (role: String, cover: ActingCover?) {
        guard let c = acting(member.id, ownRole: member.role, at: t, ladder: ladder) else { return (member.role, nil) }
        return (c.role, c)
    }

    /// The register after one more step, recorded at `at` by `actor`. Who may take it is
    /// `CoverRules`' question, asked before the event is written.
    public func applying(_ event: CoverEvent, actor: String, at: Int64) throws(CoverFoldError) -> CoverRegister {
        var next = self
        let index = covers.firstIndex { $0.id == event.cover }
        func fail(_ reason: String) -> CoverFoldError { CoverFoldError(cover: event.cover, reason: reason) }
        switch event {
        case .granted(let id, let staff, let role, let from, let to, let rationale):
            if index != nil { throw fail("granted a second time") }
            if to <= from { throw fail("ends before it begins") }
            next.covers.append(ActingCover(id: id, staff: staff, role: role, from: from, to: to, rationale: rationale,
                                           grantedBy: actor, grantedAt: at))
        case .approved:
            guard let i = index, covers[i].approvedAt == nil, covers[i].endedAt == nil else {
                throw fail("approved but not awaiting approval")
            }
            if actor == covers[i].grantedBy || actor == covers[i].staff { throw fail("approved by \(actor), who may not (four eyes)") }
            next.covers[i].approvedBy = actor
            next.covers[i].approvedAt = at
        case .ended:
            guard let i = index, covers[i].endedAt == nil else { throw fail("ended but not running") }
            next.covers[i].endedBy = actor
            next.covers[i].endedAt = at
        }
        return next
    }
}
