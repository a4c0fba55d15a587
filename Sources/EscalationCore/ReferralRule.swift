/// A condition on a case that, when it holds, forces a minimum role whatever the amount.
public indirect enum ReferralCondition: Sendable, Hashable, Codable {
    /// The customer carries any of these flags (e.g. `vulnerable`).
    case customerFlag([String])
    /// The case carries any of these flags (e.g. `legal_threat`).
    case caseFlag([String])
    /// At least `count` contacts, this one included, within `days`.
    case repeatContacts(count: Int, days: Int)
    /// The sum of the monetary remedies requested is strictly over this amount.
    case requestedTotalOver(Money)
    /// The contact came through any of these channels.
    case channel([String])
    case all([ReferralCondition])
    case any([ReferralCondition])

    /// Whether the condition holds for a case.
    public func holds(in context: DecisionContext, requestedTotal: Int64) -> Bool {
        switch self {
        case .customerFlag(let flags):
            return Self.anyShared(flags, context.customerFlags)
        case .caseFlag(let flags):
            return Self.anyShared(flags, context.caseFlags)
        case .repeatContacts(let count, let days):
            return context.contacts.within(days: days) >= count
        case .requestedTotalOver(let amount):
            return requestedTotal > amount.minor
        case .channel(let channels):
            guard let channel = context.channel else { return false }
            return channels.contains(channel)
        case .all(let conditions):
            for condition in conditions where !condition.holds(in: context, requestedTotal: requestedTotal) { return false }
            return true
        case .any(let conditions):
            for condition in conditions where condition.holds(in: context, requestedTotal: requestedTotal) { return true }
            return false
        }
    }

    /// Whether two short lists of flags share one (plain loops: this runs on every decision).
    private static func anyShared(_ wanted: [String], _ present: [String]) -> Bool {
        for flag in present {
            for w in wanted where w == flag { return true }
        }
        return false
    }
}

/// A referral indicator: vulnerable customer, legal threat, regulator contact, repeat
/// contacts, a large total... Its `reason` is the sentence a handler reads.
public struct ReferralRule: Sendable, Hashable, Codable {
    public let id: String
    public let when: ReferralCondition
    public let minRole: String
    public let reason: String

    public init(id: String, when: ReferralCondition, minRole: String, reason: String) {
        self.id = id
        self.when = when
        self.minRole = minRole
        self.reason = reason
    }
}
