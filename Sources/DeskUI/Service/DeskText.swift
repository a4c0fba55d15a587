import EscalationCore

/// The desk's wording for core values: decisions, remedies, outcomes, flags and authority
/// cells. Only words: every decision itself comes from the service.
public enum DeskText {
    /// "Within your authority", "Needs Team Leader", or "Outside the matrix: goes to …".
    public static func headline(_ decision: Decision, ladder: Ladder) -> String {
        switch decision.verdict {
        case .withinAuthority: return "Within your authority"
        case .escalate: return "Needs \(ladder.title(of: decision.required))"
        case .outsideMatrix: return "Outside the matrix: goes to \(ladder.title(of: decision.routeTo ?? ladder.top.id))"
        }
    }

    /// The headline followed by every reason, as one sentence for a notice or a refusal.
    public static func sentence(_ decision: Decision, ladder: Ladder) -> String {
        let reasons = decision.reasons.map(\.detail)
        return reasons.isEmpty ? headline(decision, ladder: ladder) : headline(decision, ladder: ladder) + ": " + reasons.joined(separator: " ")
    }

    /// "Refund £75.00" or "Cancel contract".
    public static func remedy(_ request: RemedyRequest, actions: [Action]) -> String {
        let title = actions.first { $0.id == request.action }?.title ?? request.action
        return request.amount.map { "\(title) \($0.formatted)" } ?? title
    }

    /// "partly upheld" for `partly_upheld`.
    public static func outcome(_ outcome: Outcome) -> String { words(outcome.rawValue) }

    /// A root cause by its title: "billing_error" → "Billing error".
    public static func rootCause(_ id: String) -> String {
        let text = words(id)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// A configuration id as words: "legal_threat" → "legal threat".
    public static func words(_ id: String) -> String {
        String(id.map { $0 == "_" ? " " : $0 })
    }

    /// A role's authority for one action, in full: "up to £50.00 a case and £100.00 in 30 days",
    /// "permitted", "not permitted", "any amount".
    public static func authority(_ cell: Authority, kind: ActionKind) -> String {
        switch cell {
        case .deny: return "not permitted"
        case .allow: return kind == .permission ? "permitted" : "any amount"
        case .unlimited: return "any amount"
        case .limit(let perCase, let rolling):
            switch (perCase, rolling) {
            case (let p?, let r?): return "up to \(p.formatted) a case and \(r.amount.formatted) in \(days(r.days))"
            case (let p?, nil): return "up to \(p.formatted) a case"
            case (nil, let r?): return "up to \(r.amount.formatted) in \(days(r.days))"
            case (nil, nil): return "any amount"
            }
        }
    }

    /// A cell as a grid shows it, in at most two short lines: "£50.00 a case" over
    /// "£100.00/30d", "yes", "any", or "—" for not permitted.
    public static func shortAuthority(_ cell: Authority, kind: ActionKind) -> [String] {
        switch cell {
        case .deny: return ["—"]
        case .allow: return [kind == .permission ? "yes" : "any"]
        case .unlimited: return ["any"]
        case .limit(let perCase, let rolling):
            var lines: [String] = []
            if let perCase { lines.append("\(perCase.formatted) a case") }
            if let rolling { lines.append("\(rolling.amount.formatted)/\(rolling.days)d") }
            return lines.isEmpty ? ["any"] : lines
        }
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}
