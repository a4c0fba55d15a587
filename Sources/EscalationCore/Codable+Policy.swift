// The policy is stored in the database as JSON, so a case decided today can be explained
// later under the exact version it was decided by. These encodings are a storage format:
// change them only with a migration.

extension Ladder: Codable {
    public init(from decoder: any Decoder) throws {
        let roles = try [Role](from: decoder)
        guard !roles.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty ladder"))
        }
        self.init(roles)
    }

    public func encode(to encoder: any Encoder) throws { try roles.encode(to: encoder) }
}

extension Authority: Codable {
    private enum CodingKeys: String, CodingKey { case kind, perCase = "per_case", rolling }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "deny": self = .deny
        case "allow": self = .allow
        case "unlimited": self = .unlimited
        case "limit":
            self = .limit(perCase: try c.decodeIfPresent(Money.self, forKey: .perCase),
                          rolling: try c.decodeIfPresent(RollingCap.self, forKey: .rolling))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown authority \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .deny: try c.encode("deny", forKey: .kind)
        case .allow: try c.encode("allow", forKey: .kind)
        case .unlimited: try c.encode("unlimited", forKey: .kind)
        case .limit(let perCase, let rolling):
            try c.encode("limit", forKey: .kind)
            try c.encodeIfPresent(perCase, forKey: .perCase)
            try c.encodeIfPresent(rolling, forKey: .rolling)
        }
    }
}

extension AuthorityCell: Codable {
    private enum CodingKeys: String, CodingKey { case authority, invertedOK = "inverted_ok" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(Authority.self, forKey: .authority),
                  invertedOK: try c.decodeIfPresent(Bool.self, forKey: .invertedOK) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(authority, forKey: .authority)
        if invertedOK { try c.encode(true, forKey: .invertedOK) }
    }
}

extension AuthorityMatrix: Codable {
    private enum CodingKeys: String, CodingKey { case version, currency, ladder, actions, cells }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(version: try c.decode(String.self, forKey: .version),
                  currency: try c.decode(Currency.self, forKey: .currency),
                  ladder: try c.decode(Ladder.self, forKey: .ladder),
                  actions: try c.decode([Action].self, forKey: .actions),
                  cells: try c.decode([String: [String: AuthorityCell]].self, forKey: .cells))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(currency, forKey: .currency)
        try c.encode(ladder, forKey: .ladder)
        try c.encode(actions, forKey: .actions)
        try c.encode(cellsByRole, forKey: .cells)
    }

    /// role id → action id → cell, omitting `deny` cells (a missing cell is deny).
    public var cellsByRole: [String: [String: AuthorityCell]] {
        var byRole: [String: [String: AuthorityCell]] = [:]
        for (a, action) in actions.enumerated() {
            for (r, role) in ladder.roles.enumerated() where cells[a][r] != .deny {
                byRole[role.id, default: [:]][action.id] = cells[a][r]
            }
        }
        return byRole
    }
}


extension EscalationPolicy: Codable {
    private enum CodingKeys: String, CodingKey { case matrix, referrals, routing }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(matrix: try c.decode(AuthorityMatrix.self, forKey: .matrix),
                  referrals: try c.decode([ReferralRule].self, forKey: .referrals),
                  routing: try c.decode(RoutingMode.self, forKey: .routing))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(matrix, forKey: .matrix)
        try c.encode(referrals, forKey: .referrals)
        try c.encode(routing, forKey: .routing)
    }
}
