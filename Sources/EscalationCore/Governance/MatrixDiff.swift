/// What one role gains and loses between two policies, in words.
public struct AuthorityShift: Sendable, Hashable {
    public let role: String
    public var gains: [String]
    public var losses: [String]
}

/// The difference between two policies in words, cell by cell and rule by rule, with who
/// gains and who loses authority: what an approver reads before approving.
public struct MatrixDiff: Sendable, Hashable {
    public let changes: [PolicyChange]
    /// Roles whose authority widens or narrows, in ladder order (a change that both widens
    /// and narrows is listed as both).
    public let shifts: [AuthorityShift]

    public init(from old: EscalationPolicy, to new: EscalationPolicy) {
        var changes: [PolicyChange] = []
        for role in new.ladder.roles {
            if let before = old.ladder.roles.first(where: { $0.id == role.id }), before.title != role.title {
                changes.append(.roleRetitled(role: role.id, from: before.title, to: role.title))
            }
        }
        for action in new.matrix.actions {
            guard let before = old.matrix.action(action.id) else { changes.append(.actionAdded(action)); continue }
            if before != action { changes.append(.actionChanged(from: before, to: action)) }
        }
        for action in old.matrix.actions where new.matrix.action(action.id) == nil { changes.append(.actionRemoved(action)) }
        let roles = Self.union(new.ladder.roles.map(\.id), old.ladder.roles.map(\.id))
        let actions = Self.union(new.matrix.actions.map(\.id), old.matrix.actions.map(\.id))
        for action in actions {
            for role in roles {
                let (a, b) = (old.matrix.cell(role: role, action: action), new.matrix.cell(role: role, action: action))
                if a != b { changes.append(.cell(role: role, action: action, from: a, to: b)) }
            }
        }
        for rule in new.referrals {
            guard let before = old.referrals.first(where: { $0.id == rule.id }) else { changes.append(.referralAdded(rule)); continue }
            if before != rule { changes.append(.referralChanged(from: before, to: rule)) }
        }
        for rule in old.referrals where !new.referrals.contains(where: { $0.id == rule.id }) {
            changes.append(.referralRemoved(rule))
        }
        if old.routing != new.routing { changes.append(.routing(from: old.routing, to: new.routing)) }
        self.changes = changes
        self.shifts = Self.shifts(changes, ladder: roles)
    }

    public var isEmpty: Bool { changes.isEmpty }

    public var sentences: [String] { changes.map(\.sentence) }

    private static func union(_ a: [String], _ b: [String]) -> [String] { a + b.filter { !a.contains($0) } }

    // MARK: Who gains and who loses

    private static func shifts(_ changes: [PolicyChange], ladder: [String]) -> [AuthorityShift] {
        var byRole: [String: AuthorityShift] = [:]
        func note(_ role: String, _ breadth: Breadth, _ words: String) {
            var shift = byRole[role] ?? AuthorityShift(role: role, gains: [], losses: [])
            if breadth == .wider || breadth == .mixed { shift.gains.append(words) }
            if breadth == .narrower || breadth == .mixed { shift.losses.append(words) }
            byRole[role] = shift
        }
        /// Roles below `rank` for referral changes (they must refer such cases up).
        func below(_ role: String) -> ArraySlice<String> { ladder.prefix(ladder.firstIndex(of: role) ?? 0) }
        for change in changes {
            switch change {
            case .cell(let role, let action, let from, let to):
                let breadth = compare(from.authority, to.authority)
                if breadth != .same { note(role, breadth, "\(action): " + PolicyChange.cellChange(from, to)) }
            case .referralAdded(let rule):
                for role in below(rule.minRole) { note(role, .narrower, change.sentence) }
            case .referralRemoved(let rule):
                for role in below(rule.minRole) { note(role, .wider, change.sentence) }
            case .referralChanged(let from, let to):
                let (a, b) = (below(from.minRole), below(to.minRole))
                // Roles the rule now stops (or no longer stops) whatever its condition.
                for role in b where !a.contains(role) { note(role, .narrower, change.sentence) }
                for role in a where !b.contains(role) { note(role, .wider, change.sentence) }
                guard from.when != to.when else { continue }
                let breadth = compare(from.when, to.when)
                for role in b where a.contains(role) { note(role, breadth, change.sentence) }
            case .actionAdded, .actionRemoved, .actionChanged, .roleRetitled, .routing:
                continue
            }
        }
        return ladder.compactMap { byRole[$0] }
    }

    enum Breadth { case same, wider, narrower, mixed }

    private static func combine(_ parts: [Breadth]) -> Breadth {
        let moved = parts.filter { $0 != .same }
        if moved.isEmpty { return .same }
        if moved.allSatisfy({ $0 == .wider }) { return .wider }
        if moved.allSatisfy({ $0 == .narrower }) { return .narrower }
        return .mixed
    }

    /// How the second cell's authority compares with the first's.
    static func compare(_ a: Authority, _ b: Authority) -> Breadth {
        func level(_ x: Authority) -> Int { x.isDeny ? 0 : 1 }
        if level(a) != level(b) { return level(b) > level(a) ? .wider : .narrower }
        switch (a, b) {
        case (.deny, .deny), (.allow, .allow): return .same
        case (.allow, _), (_, .allow): return .mixed
        default: break
        }
        let (p1, r1) = limits(a), (p2, r2) = limits(b)
        return combine([compare(p1, p2), compare(r1, r2)])
    }

    private static func limits(_ x: Authority) -> (Int64?, RollingCap?) {
        if case .limit(let p, let r) = x { return (p?.minor, r) }
        return (nil, nil)
    }

    /// Limits where nil is no limit.
    private static func compare(_ a: Int64?, _ b: Int64?) -> Breadth {
        switch (a, b) {
        case (nil, nil): return .same
        case (nil, _): return .narrower
        case (_, nil): return .wider
        case (let x?, let y?): return x == y ? .same : (y > x ? .wider : .narrower)
        }
    }

    private static func compare(_ a: RollingCap?, _ b: RollingCap?) -> Breadth {
        guard let a, let b else { return compare(a.map { _ in 0 }, b.map { _ in 0 }) }
        // More money over fewer days is wider; less over more days is narrower.
        return combine([compare(a.amount.minor, b.amount.minor), compare(Int64(b.days), Int64(a.days))])
    }

    /// A referral condition that only moves its threshold is read as wider (it catches
    /// fewer cases) or narrower; any other change of condition counts as both.
    private static func compare(_ a: ReferralCondition, _ b: ReferralCondition) -> Breadth {
        switch (a, b) {
        case (.requestedTotalOver(let x), .requestedTotalOver(let y)): return compare(x.minor, y.minor)
        case (.repeatContacts(let c1, let d1), .repeatContacts(let c2, let d2)):
            return combine([compare(Int64(c1), Int64(c2)), compare(Int64(d2), Int64(d1))])
        default: return a == b ? .same : .mixed
        }
    }
}
