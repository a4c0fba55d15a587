/// The agreed authority boundaries: for every action, what every role on the ladder may do.
/// A missing cell is `deny`. Each decision records the version it was taken under.
public struct AuthorityMatrix: Sendable, Hashable {
    public let version: String
    /// Every amount in the matrix, and every amount decided under it, is in this currency.
    public let currency: Currency
    public let ladder: Ladder
    public let actions: [Action]
    /// `cells[actionIndex][rank]`.
    public let cells: [[AuthorityCell]]
    private let actionIndexByID: [String: Int]

    /// - Parameter cells: role id → action id → cell; missing cells are `deny`.
    public init(version: String, currency: Currency, ladder: Ladder, actions: [Action],
                cells: [String: [String: AuthorityCell]]) {
        self.version = version
        self.currency = currency
        self.ladder = ladder
        self.actions = actions
        var index: [String: Int] = [:]
        for (i, action) in actions.enumerated() where index[action.id] == nil { index[action.id] = i }
        self.actionIndexByID = index
        self.cells = actions.map { action in
            ladder.roles.map { role in cells[role.id]?[action.id] ?? .deny }
        }
    }

    public func actionIndex(_ id: String) -> Int? { actionIndexByID[id] }

    public func action(_ id: String) -> Action? { actionIndexByID[id].map { actions[$0] } }

    /// The cell of a role for an action (`deny` for anything unknown).
    public func cell(role: String, action: String) -> AuthorityCell {
        guard let a = actionIndexByID[action], let r = ladder.rank(of: role) else { return .deny }
        return cells[a][r]
    }

    /// How a version is named to people, in the same words on the desk and by every command
    /// that prints a decision (`decide`, `case open`, `case show`): "matrix version 1",
    /// "matrix version file-3f2a9c1e04b7d615" (a matrix read straight from a file).
    public static func versionName(_ version: String) -> String { "matrix version \(version)" }

    /// The same matrix under another version label.
    public func relabelled(_ version: String) -> AuthorityMatrix {
        AuthorityMatrix(version: version, currency: currency, ladder: ladder, actions: actions, cells: cellsByRole)
    }

    public static func == (lhs: AuthorityMatrix, rhs: AuthorityMatrix) -> Bool {
        lhs.version == rhs.version && lhs.currency == rhs.currency && lhs.ladder == rhs.ladder && lhs.actions == rhs.actions && lhs.cells == rhs.cells
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(version); hasher.combine(actions); hasher.combine(cells)
    }
}

/// A cell that gives a higher role less than a role below it, which is almost always a
/// typo in a hand-edited matrix; `inverted_ok: true` on the higher cell accepts it.
public struct Inversion: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The higher role is denied what the lower role may do.
        case denied
        /// The higher role's per-case limit is below the lower role's.
        case perCaseBelow(higher: Money, lower: Money?)
        /// Both have rolling caps over the same days and the higher one's is lower.
        case rollingBelow(days: Int, higher: Money, lower: Money)
    }
    public let action: String
    public let higherRole: String
    public let lowerRole: String
    public let kind: Kind
}

extension AuthorityMatrix {
    /// Every inverted cell not marked `inverted_ok`, each compared with the first lower role
    /// that may do more.
    public func inversions() -> [Inversion] {
        var found: [Inversion] = []
        for (a, action) in actions.enumerated() {
            for high in 1..<max(1, ladder.roles.count) {
                let highCell = cells[a][high]
                if highCell.invertedOK { continue }
                for low in 0..<high {
                    if let kind = Self.inversion(higher: highCell.authority, lower: cells[a][low].authority) {
                        found.append(Inversion(action: action.id, higherRole: ladder.roles[high].id,
                                               lowerRole: ladder.roles[low].id, kind: kind))
                        break
                    }
                }
            }
        }
        return found
    }

    static func inversion(higher: Authority, lower: Authority) -> Inversion.Kind? {
        if lower.isDeny { return nil }
        if higher.isDeny { return .denied }
        guard case .limit(let highPerCase, let highRolling) = higher else { return nil }
        let lowPerCase: Money?
        let lowRolling: RollingCap?
        switch lower {
        case .limit(let p, let r): (lowPerCase, lowRolling) = (p, r)
        default: (lowPerCase, lowRolling) = (nil, nil)
        }
        if let highPerCase {
            if lowPerCase == nil || lowPerCase!.minor > highPerCase.minor {
                return .perCaseBelow(higher: highPerCase, lower: lowPerCase)
            }
        }
        if let highRolling, let lowRolling, highRolling.days == lowRolling.days,
           highRolling.amount.minor < lowRolling.amount.minor {
            return .rollingBelow(days: highRolling.days, higher: highRolling.amount, lower: lowRolling.amount)
        }
        return nil
    }
}
