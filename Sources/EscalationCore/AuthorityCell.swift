/// A cap on what one customer may be granted of an action over a number of days.
public struct RollingCap: Sendable, Hashable, Codable {
    public let amount: Money
    public let days: Int

    public init(amount: Money, days: Int) {
        self.amount = amount
        self.days = days
    }
}

/// What one role may do with one action: the cells of the authority matrix.
public enum Authority: Sendable, Hashable {
    /// Not within this role's authority (also what a missing cell means).
    case deny
    /// A permission this role holds.
    case allow
    /// Any amount of a monetary action.
    case unlimited
    /// A monetary action up to a per-case amount (nil: no per-case limit) and optionally a
    /// rolling cap per customer.
    case limit(perCase: Money?, rolling: RollingCap?)

    /// True when this cell can never grant anything.
    public var isDeny: Bool { if case .deny = self { return true } else { return false } }
}

/// One cell as configured: the authority and whether a manager has accepted that it is
/// lower than a role beneath it (`inverted_ok: true`).
public struct AuthorityCell: Sendable, Hashable {
    public let authority: Authority
    public let invertedOK: Bool

    public init(_ authority: Authority, invertedOK: Bool = false) {
        self.authority = authority
        self.invertedOK = invertedOK
    }

    public static let deny = AuthorityCell(.deny)
}

/// Why a cell does not cover a request: the first limit it breaks.
public enum CellShortfall: Sendable, Hashable {
    case denied
    case overPerCase(limit: Money)
    /// `alreadyGranted` + the request exceeds `cap.amount` within `cap.days`.
    case overRolling(cap: RollingCap, alreadyGranted: Money)
}

extension Authority {
    /// Whether this cell covers a monetary request of `amount`, given what this customer was
    /// already granted of `action` inside each rolling window; nil when it does.
    @inlinable
    public func shortfall(amount: Money, granted: GrantHistory, action: String) -> CellShortfall? {
        switch self {
        case .deny, .allow:
            return .denied
        case .unlimited:
            return nil
        case .limit(let perCase, let rolling):
            if let perCase, amount.minor > perCase.minor { return .overPerCase(limit: perCase) }
            if let rolling {
                let already = granted.granted(action: action, days: rolling.days)
                if GrantHistory.saturatingSum(already, amount.minor) > rolling.amount.minor {
                    return .overRolling(cap: rolling, alreadyGranted: Money(minor: already, currency: amount.currency))
                }
            }
            return nil
        }
    }

    /// Whether this cell grants a permission.
    @inlinable
    public var allowsPermission: Bool {
        if case .allow = self { return true }
        return false
    }
}
