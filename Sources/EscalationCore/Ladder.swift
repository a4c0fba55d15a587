/// A rung on the ladder: a role staff hold, such as `agent` or `team_leader`.
public struct Role: Sendable, Hashable, Codable {
    public let id: String
    public let title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// The ordered list of roles, lowest first. Escalation goes up the ladder; a role's rank is
/// its position, so "higher" and "lower" are plain integer comparisons.
public struct Ladder: Sendable, Hashable {
    public let roles: [Role]
    private let rankByID: [String: Int]

    /// - Precondition: at least one role, ids unique (the configuration loader checks both).
    public init(_ roles: [Role]) {
        precondition(!roles.isEmpty, "a ladder needs at least one role")
        self.roles = roles
        var ranks: [String: Int] = [:]
        for (i, role) in roles.enumerated() where ranks[role.id] == nil { ranks[role.id] = i }
        self.rankByID = ranks
    }

    /// The rank of a role (0 = lowest), or nil if the ladder has no such role.
    public func rank(of id: String) -> Int? { rankByID[id] }

    public func role(at rank: Int) -> Role { roles[rank] }

    public var top: Role { roles[roles.count - 1] }
    public var topRank: Int { roles.count - 1 }

    public func contains(_ id: String) -> Bool { rankByID[id] != nil }

    public func title(of id: String) -> String {
        rankByID[id].map { roles[$0].title } ?? id
    }

    public static func == (lhs: Ladder, rhs: Ladder) -> Bool { lhs.roles == rhs.roles }
    public func hash(into hasher: inout Hasher) { hasher.combine(roles) }
}
