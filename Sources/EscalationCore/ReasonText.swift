/// The sentences a decision gives, in words a team leader would accept. Kept apart from the
/// decision steps so the wording can change without touching the law.
enum ReasonText {
    static func authority(remedy: RemedyRequest, need: EscalationPolicy.Requirement, handlerRank: Int,
                          policy: EscalationPolicy, context: DecisionContext) -> Reason {
        let matrix = policy.matrix
        let action = matrix.actions[need.actionIndex]
        let rank = need.rank!
        let handler = matrix.ladder.role(at: handlerRank)
        let required = matrix.ladder.role(at: rank)
        let requiredCell = matrix.cells[need.actionIndex][rank].authority
        let detail: String
        if let amount = remedy.amount {
            let asked = "\(action.title) \(amount.formatted)"
            let granted = { (days: Int) in
                Money(minor: context.granted.granted(action: action.id, days: days), currency: amount.currency)
            }
            let shortfall = matrix.cells[need.actionIndex][handlerRank].authority
                .shortfall(amount: amount, granted: granted) ?? .denied
            let why: String
            switch shortfall {
            case .denied:
                why = "\(asked) is not within the \(handler.title)'s authority"
            case .overPerCase(let limit):
                why = "\(asked) is over the \(handler.title) per-case limit of \(limit.formatted)"
            case .overRolling(let cap, let already):
                why = "\(asked) would take this customer's \(action.title.lowercased()) total in the last "
                    + "\(days(cap.days)) to \((already + amount).formatted), over the \(handler.title) "
                    + "limit of \(cap.amount.formatted)"
            }
            detail = "\(why); a \(required.title) may grant \(describe(requiredCell))."
        } else {
            detail = "\(action.title) is not within the \(handler.title)'s authority; a \(required.title) may grant it."
        }
        return Reason(rule: "authority.\(action.id)", requires: required.id, detail: detail)
    }

    static func identity(remedy: RemedyRequest, rank: Int, policy: EscalationPolicy) -> Reason {
        let action = policy.matrix.action(remedy.action)!
        let role = policy.ladder.role(at: rank)
        return Reason(rule: "identity.\(action.id)", requires: role.id,
                      detail: "\(action.title) needs a verified identity and this customer is not verified; "
                        + "a \(role.title) may override the failed check.")
    }

    static func outside(remedy: RemedyRequest, need: EscalationPolicy.Requirement, policy: EscalationPolicy) -> Reason {
        let matrix = policy.matrix
        let action = matrix.actions[need.actionIndex]
        let top = matrix.ladder.top
        let exception = "it goes to the \(top.title) as an exception."
        if need.identityImpossible {
            return Reason(rule: "identity.\(action.id)", requires: top.id,
                          detail: "\(action.title) needs a verified identity, this customer is not verified, "
                            + "and no role may override a failed check; " + exception)
        }
        let detail: String
        if let amount = remedy.amount {
            detail = "\(action.title) \(amount.formatted) is beyond the authority of every role on the ladder; " + exception
        } else {
            detail = "No role on the ladder may grant \(action.title); " + exception
        }
        return Reason(rule: "authority.\(action.id)", requires: top.id, detail: detail)
    }

    /// "up to £500.00 a case and £1,000.00 in 30 days", "any amount", ...
    static func describe(_ cell: Authority) -> String {
        switch cell {
        case .deny: return "nothing"
        case .allow, .unlimited: return "any amount"
        case .limit(let perCase, let rolling):
            switch (perCase, rolling) {
            case (let p?, let r?): return "up to \(p.formatted) a case and \(r.amount.formatted) in \(days(r.days))"
            case (let p?, nil): return "up to \(p.formatted)"
            case (nil, let r?): return "up to \(r.amount.formatted) in \(days(r.days))"
            case (nil, nil): return "any amount"
            }
        }
    }

    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
}
