/// The policy's cells and referral conditions in the words a manager reads in a diff or
/// a listing: "per case £50.00, rolling £100.00 in 30 days", "over £750.00".
public enum PolicyWords {
    public static func cell(_ authority: Authority) -> String {
        switch authority {
        case .deny: return "deny"
        case .allow: return "allow"
        case .unlimited: return "unlimited"
        case .limit(nil, nil): return "unlimited (no limit given)"
        case .limit(let perCase, let rolling):
            return [perCase.map(perCaseWords), rolling.map(rollingWords)].compactMap { $0 }.joined(separator: ", ")
        }
    }

    static func perCaseWords(_ amount: Money) -> String { "per case \(amount.formatted)" }

    static func rollingWords(_ cap: RollingCap) -> String { "rolling \(capWords(cap))" }

    static func capWords(_ cap: RollingCap) -> String {
        "\(cap.amount.formatted) in \(cap.days) \(cap.days == 1 ? "day" : "days")"
    }

    public static func condition(_ c: ReferralCondition) -> String {
        switch c {
        case .customerFlag(let flags): return "customer flag " + flags.joined(separator: " or ")
        case .caseFlag(let flags): return "case flag " + flags.joined(separator: " or ")
        case .repeatContacts(let count, let days): return "\(count) contacts in \(days) days"
        case .requestedTotalOver(let amount): return "over \(amount.formatted)"
        case .channel(let channels): return "channel " + channels.joined(separator: " or ")
        case .all(let parts): return "all of (" + parts.map(condition).joined(separator: "; ") + ")"
        case .any(let parts): return "any of (" + parts.map(condition).joined(separator: "; ") + ")"
        }
    }

    /// "at least manager when over £750.00".
    public static func rule(_ r: ReferralRule) -> String { "at least \(r.minRole) when \(condition(r.when))" }
}
