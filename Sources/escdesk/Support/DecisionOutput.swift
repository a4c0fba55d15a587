import EscalationCore

/// The decision as a person reads it in a terminal.
enum DecisionText {
    static func render(_ decision: Decision, ladder: Ladder, requests: [RemedyRequest], matrix: AuthorityMatrix) -> String {
        let handler = "\(ladder.title(of: decision.handler)) (\(decision.handler))"
        var lines: [String] = []
        let asked = requests.map { r in
            let title = matrix.action(r.action)?.title ?? r.action
            return r.amount.map { "\(title) \($0.formatted)" } ?? title
        }
        switch decision.verdict {
        case .withinAuthority:
            lines.append("WITHIN AUTHORITY: a \(handler) may decide this.")
        case .escalate:
            let route = decision.routeTo.map { "\(ladder.title(of: $0)) (\($0))" } ?? "-"
            lines.append("ESCALATE to \(route).")
            if decision.routeTo != decision.required {
                lines.append("  Stepwise routing: one rung up; it needs a \(ladder.title(of: decision.required)) in the end.")
            }
        case .outsideMatrix:
            lines.append("OUTSIDE THE MATRIX: no role may grant this; it goes to the \(ladder.top.title) (\(ladder.top.id)) as an exception.")
        }
        lines.append("  Handler:  \(handler)")
        lines.append("  Asked:    \(asked.isEmpty ? "no remedies" : asked.joined(separator: ", "))")
        if !decision.reasons.isEmpty {
            lines.append("  Reasons:")
            for reason in decision.reasons {
                lines.append("    - \(reason.detail) [\(reason.rule); needs \(reason.requires)]")
            }
        }
        lines.append("  Under:    \(matrix.versionName(of: decision.matrixVersion))")
        return lines.joined(separator: "\n")
    }
}
