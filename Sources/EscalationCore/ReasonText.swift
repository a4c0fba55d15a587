/// The sentences a decision gives, in words a team leader would accept. Kept apart from the
/// decision steps so the wording can change without touching the law.
///
/// Everything in a sentence except the amount asked and a rolling total depends only on the
/// matrix, so those phrases are built once per policy (`ReasonPhrases`) and a decision only
/// joins them: reasons cost little enough to give on every keypress of the live panel.
struct ReasonPhrases: Sendable {
    /// `authority.<action>` and `identity.<action>`, by action index.
    let authorityRule: [String]
    let identityRule: [String]
    /// "; a Team Leader may grant up to £500.00." by [action][rank of the role that may].
    let mayGrant: [[String]]
    /// " is over the Customer Service Agent per-case limit of £50.00" by [action][handler rank].
    let overPerCase: [[String]]
    /// " is not within the Customer Service Agent's authority" by [action][handler rank].
    let notWithin: [[String]]
    /// The whole identity sentence by [action][rank that may override].
    let identity: [[String]]
    /// "; it goes to the Head of Customer Service as an exception."
    let exception: String

    init(matrix: AuthorityMatrix) {
        let roles = matrix.ladder.roles
        authorityRule = matrix.actions.map { "authority.\($0.id)" }
        identityRule = matrix.actions.map { "identity.\($0.id)" }
        mayGrant = matrix.actions.indices.map { a in
            roles.indices.map { r in
                let action = matrix.actions[a]
                let what = action.kind == .permission ? "it" : ReasonPhrases.describe(matrix.cells[a][r].authority)
                return "; a \(roles[r].title) may grant \(what)."
            }
        }
        overPerCase = matrix.actions.indices.map { a in
            roles.indices.map { r in
                if case .limit(let perCase?, _) = matrix.cells[a][r].authority {
                    return " is over the \(roles[r].title) per-case limit of \(perCase.formatted)"
                }
                return ""
            }
        }
        notWithin = matrix.actions.indices.map { _ in roles.map { " is not within the \($0.title)'s authority" } }
        identity = matrix.actions.map { action in
            roles.map {
                "\(action.title) needs a verified identity and this customer is not verified; "
                    + "a \($0.title) may override the failed check."
            }
        }
        exception = "; it goes to the \(matrix.ladder.top.title) as an exception."
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

extension EscalationPolicy {
    /// Why the handler may not grant a remedy that a role at `need.rank` may.
    func authorityReason(remedy: RemedyRequest, need: Requirement, handlerRank: Int, context: DecisionContext) -> Reason {
        let a = need.actionIndex
        let rank = need.rank!
        let action = matrix.actions[a]
        var detail = ""
        detail.reserveCapacity(160)
        detail += action.title
        if let amount = remedy.amount {
            detail += " "
            detail += amount.formatted
            switch authority(action: a, rank: handlerRank).shortfall(amount: amount, granted: context.granted, action: action.id) {
            case .overPerCase?:
                detail += phrases.overPerCase[a][handlerRank]
            case .overRolling(let cap, let already)?:
                detail += " would take this customer's \(action.title.lowercased()) total in the last "
                    + "\(ReasonPhrases.days(cap.days)) to \((already + amount).formatted), over the "
                    + "\(ladder.roles[handlerRank].title) limit of \(cap.amount.formatted)"
            case .denied?, nil:
                detail += phrases.notWithin[a][handlerRank]
            }
        } else {
            detail += phrases.notWithin[a][handlerRank]
        }
        detail += phrases.mayGrant[a][rank]
        return Reason(rule: phrases.authorityRule[a], requires: roleIDs[rank], detail: detail)
    }

    func identityReason(need: Requirement, rank: Int) -> Reason {
        Reason(rule: phrases.identityRule[need.actionIndex], requires: roleIDs[rank],
               detail: phrases.identity[need.actionIndex][rank])
    }

    /// Why no role on the ladder may grant a remedy.
    func outsideReason(remedy: RemedyRequest, need: Requirement) -> Reason {
        let a = need.actionIndex
        let action = matrix.actions[a]
        let top = roleIDs[roleIDs.count - 1]
        if need.identityImpossible {
            return Reason(rule: phrases.identityRule[a], requires: top,
                          detail: "\(action.title) needs a verified identity, this customer is not verified, "
                            + "and no role may override a failed check" + phrases.exception)
        }
        let detail: String
        if let amount = remedy.amount {
            detail = "\(action.title) \(amount.formatted) is beyond the authority of every role on the ladder" + phrases.exception
        } else {
            detail = "No role on the ladder may grant \(action.title)" + phrases.exception
        }
        return Reason(rule: phrases.authorityRule[a], requires: top, detail: detail)
    }
}
