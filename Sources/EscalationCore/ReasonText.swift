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
    /// The tables below are flat, indexed `[action * roles + rank]`, so a lookup touches one
    /// array. "; a Team Leader may grant up to £500.00." by the rank of the role that may.
    let mayGrant: [String]
    /// " is over the Customer Service Agent per-case limit of £50.00" by the handler's rank.
    let overPerCase: [String]
    /// " is not within the Customer Service Agent's authority" by the handler's rank.
    let notWithin: [String]
    /// The whole identity sentence by the rank that may override.
    let identity: [String]
    /// Action titles, by action index.
    let titles: [String]
    /// "; it goes to the Head of Customer Service as an exception."
    let exception: String

    init(matrix: AuthorityMatrix) {
        let roles = matrix.ladder.roles
        authorityRule = matrix.actions.map { "authority.\($0.id)" }
        identityRule = matrix.actions.map { "identity.\($0.id)" }
        titles = matrix.actions.map(\.title)
        mayGrant = matrix.actions.indices.flatMap { a in
            roles.indices.map { r in
                let action = matrix.actions[a]
                let what = action.kind == .permission ? "it" : ReasonPhrases.describe(matrix.cells[a][r].authority)
                return "; a \(roles[r].title) may grant \(what)."
            }
        }
        overPerCase = matrix.actions.indices.flatMap { a in
            roles.indices.map { r in
                if case .limit(let perCase?, _) = matrix.cells[a][r].authority {
                    return " is over the \(roles[r].title) per-case limit of \(perCase.formatted)"
                }
                return ""
            }
        }
        notWithin = matrix.actions.indices.flatMap { _ in roles.map { " is not within the \($0.title)'s authority" } }
        identity = matrix.actions.flatMap { action in
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
        let cell = a * roleIDs.count
        guard let amount = remedy.amount else {
            return Reason(rule: phrases.authorityRule[a], requires: roleIDs[rank],
                          detail: Sentence.join(phrases.titles[a], phrases.notWithin[cell + handlerRank],
                                                phrases.mayGrant[cell + rank]))
        }
        let why: String
        switch authority(action: a, rank: handlerRank).shortfall(amount: amount, granted: context.granted,
                                                                 action: remedy.action) {
        case .overPerCase?:
            why = phrases.overPerCase[cell + handlerRank]
        case .overRolling(let cap, let already)?:
            let total = already.adding(amount)?.formatted ?? "more than any amount the desk can record"
            why = " would take this customer's \(phrases.titles[a].lowercased()) total in the last "
                + "\(ReasonPhrases.days(cap.days)) to \(total), over the "
                + "\(ladder.roles[handlerRank].title) limit of \(cap.amount.formatted)"
        case .denied?, nil:
            why = phrases.notWithin[cell + handlerRank]
        }
        let detail = amount.withFormattedUTF8 { asked in
            Sentence.join(phrases.titles[a], asked: asked, why, phrases.mayGrant[cell + rank])
        }
        return Reason(rule: phrases.authorityRule[a], requires: roleIDs[rank], detail: detail)
    }

    func identityReason(need: Requirement, rank: Int) -> Reason {
        Reason(rule: phrases.identityRule[need.actionIndex], requires: roleIDs[rank],
               detail: phrases.identity[need.actionIndex * roleIDs.count + rank])
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

/// Joins a reason's pieces into one string with a single allocation: the pieces are fixed
/// phrases and one formatted amount, so their length is known before any byte is copied.
enum Sentence {
    static func join(_ title: String, asked: UnsafeBufferPointer<UInt8>, _ why: String, _ tail: String) -> String {
        var title = title, why = why, tail = tail
        let total = title.utf8.count + 1 + asked.count + why.utf8.count + tail.utf8.count
        return String(unsafeUninitializedCapacity: total) { out in
            var at = copy(&title, into: out, at: 0)
            out[at] = UInt8(ascii: " ")
            at += 1
            for byte in asked { out[at] = byte; at += 1 }
            at = copy(&why, into: out, at: at)
            return copy(&tail, into: out, at: at)
        }
    }

    static func join(_ a: String, _ b: String, _ c: String) -> String {
        var a = a, b = b, c = c
        let total = a.utf8.count + b.utf8.count + c.utf8.count
        return String(unsafeUninitializedCapacity: total) { out in
            copy(&c, into: out, at: copy(&b, into: out, at: copy(&a, into: out, at: 0)))
        }
    }

    /// Copies a string's UTF-8 into `out` at `at`; returns the index after it.
    private static func copy(_ text: inout String, into out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return at }
            (out.baseAddress! + at).update(from: base, count: bytes.count)
            return at + bytes.count
        }
    }
}
