/// One difference between two policies, cell by cell and rule by rule.
public enum PolicyChange: Sendable, Hashable {
    case cell(role: String, action: String, from: AuthorityCell, to: AuthorityCell)
    case actionAdded(Action)
    case actionRemoved(Action)
    case actionChanged(from: Action, to: Action)
    case roleRetitled(role: String, from: String, to: String)
    case referralAdded(ReferralRule)
    case referralRemoved(ReferralRule)
    case referralChanged(from: ReferralRule, to: ReferralRule)
    case routing(from: RoutingMode, to: RoutingMode)

    /// The same change read the other way (the diff from B to A).
    public var inverted: PolicyChange {
        switch self {
        case .cell(let role, let action, let from, let to): .cell(role: role, action: action, from: to, to: from)
        case .actionAdded(let a): .actionRemoved(a)
        case .actionRemoved(let a): .actionAdded(a)
        case .actionChanged(let from, let to): .actionChanged(from: to, to: from)
        case .roleRetitled(let role, let from, let to): .roleRetitled(role: role, from: to, to: from)
        case .referralAdded(let r): .referralRemoved(r)
        case .referralRemoved(let r): .referralAdded(r)
        case .referralChanged(let from, let to): .referralChanged(from: to, to: from)
        case .routing(let from, let to): .routing(from: to, to: from)
        }
    }

    /// The change in words: "agent · refund · per case £50.00 → £75.00",
    /// "referral large_total: over £750.00 → over £1,000.00", "routing: direct → stepwise".
    public var sentence: String {
        switch self {
        case .cell(let role, let action, let from, let to):
            return "\(role) · \(action) · " + Self.cellChange(from, to)
        case .actionAdded(let a):
            return "action \(a.id) added (\(a.kind.rawValue), \"\(a.title)\")"
        case .actionRemoved(let a):
            return "action \(a.id) removed (\(a.kind.rawValue), \"\(a.title)\")"
        case .actionChanged(let from, let to):
            var parts: [String] = []
            if from.title != to.title { parts.append("title \"\(from.title)\" → \"\(to.title)\"") }
            if from.kind != to.kind { parts.append("kind \(from.kind.rawValue) → \(to.kind.rawValue)") }
            if from.requiresVerifiedIdentity != to.requiresVerifiedIdentity {
                parts.append("requires verified identity \(yesNo(from.requiresVerifiedIdentity)) → \(yesNo(to.requiresVerifiedIdentity))")
            }
            return "action \(to.id): " + parts.joined(separator: "; ")
        case .roleRetitled(let role, let from, let to):
            return "role \(role): title \"\(from)\" → \"\(to)\""
        case .referralAdded(let r):
            return "referral \(r.id) added: \(PolicyWords.rule(r))"
        case .referralRemoved(let r):
            return "referral \(r.id) removed (was: \(PolicyWords.rule(r)))"
        case .referralChanged(let from, let to):
            return "referral \(to.id): " + Self.ruleChange(from, to)
        case .routing(let from, let to):
            return "routing: \(from.rawValue) → \(to.rawValue)"
        }
    }

    /// A cell's change without its role and action: "per case £50.00 → £75.00".
    static func cellChange(_ from: AuthorityCell, _ to: AuthorityCell) -> String {
        var parts: [String] = []
        if case .limit(let p1, let r1) = from.authority, case .limit(let p2, let r2) = to.authority,
           p1 != nil || r1 != nil, p2 != nil || r2 != nil {
            if p1 != p2 {
                parts.append("per case \(p1?.formatted ?? "no limit") → \(p2?.formatted ?? "no limit")")
            }
            if r1 != r2 {
                parts.append("rolling \(r1.map(PolicyWords.capWords) ?? "no cap") → \(r2.map(PolicyWords.capWords) ?? "no cap")")
            }
        } else if from.authority != to.authority {
            parts.append("\(PolicyWords.cell(from.authority)) → \(PolicyWords.cell(to.authority))")
        }
        if from.invertedOK != to.invertedOK {
            parts.append("inverted_ok \(yesNo(from.invertedOK)) → \(yesNo(to.invertedOK))")
        }
        return parts.joined(separator: "; ")
    }

    static func ruleChange(_ from: ReferralRule, _ to: ReferralRule) -> String {
        var parts: [String] = []
        if from.when != to.when { parts.append("\(PolicyWords.condition(from.when)) → \(PolicyWords.condition(to.when))") }
        if from.minRole != to.minRole { parts.append("at least \(from.minRole) → at least \(to.minRole)") }
        if from.reason != to.reason { parts.append("reason \"\(from.reason)\" → \"\(to.reason)\"") }
        return parts.joined(separator: "; ")
    }
}

private func yesNo(_ flag: Bool) -> String { flag ? "yes" : "no" }
