/// A remedy the customer asks for: an action, with an amount when it is monetary.
public struct RemedyRequest: Sendable, Hashable, Codable {
    public let action: String
    public let amount: Money?

    public init(action: String, amount: Money? = nil) {
        self.action = action
        self.amount = amount
    }
}

/// How many contacts this customer made about the issue within a number of days, this one
/// included. The store counts each window the rules name; the command line gives one count
/// for every window.
public struct ContactHistory: Sendable, Hashable {
    public var byDays: [Int: Int]
    public var everyWindow: Int

    /// - Parameter everyWindow: the count for any window not in `byDays` (1: only this contact).
    public init(byDays: [Int: Int] = [:], everyWindow: Int = 1) {
        self.byDays = byDays
        self.everyWindow = everyWindow
    }

    @inlinable
    public func within(days: Int) -> Int { byDays.isEmpty ? everyWindow : (byDays[days] ?? everyWindow) }
}

/// What this customer was already granted of each monetary action inside each rolling window.
public struct GrantHistory: Sendable, Hashable {
    /// action id → window days → minor units granted in that window.
    public var byAction: [String: [Int: Int64]]
    /// action id → minor units counted toward every window (the command line's `--granted`).
    public var everyWindow: [String: Int64]

    public init(byAction: [String: [Int: Int64]] = [:], everyWindow: [String: Int64] = [:]) {
        self.byAction = byAction
        self.everyWindow = everyWindow
    }

    @inlinable
    public func granted(action: String, days: Int) -> Int64 {
        // Most cases have no history at all: skip hashing the action id then.
        if byAction.isEmpty && everyWindow.isEmpty { return 0 }
        return Self.saturatingSum(byAction[action]?[days] ?? 0, everyWindow[action] ?? 0)
    }

    /// Adds what a customer was already granted. A total too large to hold is held at the
    /// largest amount instead: it is over every cap either way, and wrapping round would
    /// turn it into a small number that fits under one.
    @inlinable
    public static func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b < 0 ? Int64.min : Int64.max) : sum
    }

    /// Counts `minor` more of `action` toward every window (the command line's `--granted`);
    /// a total that cannot be represented is refused.
    public mutating func addToEveryWindow(action: String, minor: Int64) throws(DecisionInputError) {
        let (sum, overflow) = (everyWindow[action] ?? 0).addingReportingOverflow(minor)
        if overflow { throw .amountOverflow(action: action) }
        everyWindow[action] = sum
    }

    public var isEmpty: Bool { byAction.isEmpty && everyWindow.isEmpty }
}

/// Everything about the case, besides the remedies, that a decision depends on.
public struct DecisionContext: Sendable, Hashable {
    public var customerFlags: [String]
    public var caseFlags: [String]
    public var channel: String?
    public var identityVerified: Bool
    public var contacts: ContactHistory
    public var granted: GrantHistory

    public init(customerFlags: [String] = [], caseFlags: [String] = [], channel: String? = nil,
                identityVerified: Bool = true, contacts: ContactHistory = ContactHistory(),
                granted: GrantHistory = GrantHistory()) {
        self.customerFlags = customerFlags
        self.caseFlags = caseFlags
        self.channel = channel
        self.identityVerified = identityVerified
        self.contacts = contacts
        self.granted = granted
    }
}
