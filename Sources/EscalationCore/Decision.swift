/// The engine's answer for a handler and a set of remedies.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// The handler may decide it.
    case withinAuthority = "within_authority"
    /// It must go up the ladder.
    case escalate
    /// No role on the ladder may grant it: it goes to the top role as an exception.
    case outsideMatrix = "outside_matrix"
}

/// One reason a case needs a higher role, naming the rule that produced it.
public struct Reason: Sendable, Hashable, Codable {
    /// `authority.<action>`, `identity.<action>` or a referral rule's id.
    public let rule: String
    /// The role this reason requires (the top role for an exception).
    public let requires: String
    /// A sentence a team leader would accept.
    public let detail: String

    public init(rule: String, requires: String, detail: String) {
        self.rule = rule
        self.requires = requires
        self.detail = detail
    }
}

/// A decision with everything needed to explain and audit it later.
public struct Decision: Sendable, Hashable, Codable {
    public let verdict: Verdict
    public let handler: String
    /// Where the case goes next (nil when within authority).
    public let routeTo: String?
    /// The lowest role that may decide everything asked (the top role for an exception).
    public let required: String
    public let reasons: [Reason]
    public let matrixVersion: String

    public init(verdict: Verdict, handler: String, routeTo: String?, required: String,
                reasons: [Reason], matrixVersion: String) {
        self.verdict = verdict
        self.handler = handler
        self.routeTo = routeTo
        self.required = required
        self.reasons = reasons
        self.matrixVersion = matrixVersion
    }

    private enum CodingKeys: String, CodingKey {
        case verdict, handler, routeTo, required, reasons, matrixVersion
    }

    /// Writes `routeTo` as null rather than leaving it out, so every JSON a decision appears
    /// in has the same keys (CONFIG.md's `"route_to": null`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(handler, forKey: .handler)
        if let routeTo { try c.encode(routeTo, forKey: .routeTo) } else { try c.encodeNil(forKey: .routeTo) }
        try c.encode(required, forKey: .required)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(matrixVersion, forKey: .matrixVersion)
    }
}

/// Why a request could not be decided at all (a caller's mistake, not a verdict).
public enum DecisionInputError: Error, Sendable, Equatable, CustomStringConvertible {
    // Usage mistakes (the command line exits 64 for these)…
    case unknownRole(String, known: [String])
    case unknownAction(String, known: [String])
    case amountMissing(action: String)
    case amountOnPermission(action: String)
    case currencyMismatch(action: String, expected: String, got: String)
    // …and amounts no decision can rest on (exit 65: the data is refused).
    /// A negative amount: a remedy is never taken back by asking for less than nothing.
    case negativeAmount(action: String)
    /// The amounts asked for one action, or for the whole case, add up to more than an
    /// amount can hold: refused rather than wrapped round to a small number.
    case amountOverflow(action: String?)
    /// More remedies for one action, or in all, than any real case asks for.
    case tooManyRemedies(action: String?, limit: Int)

    /// Whether the request's amounts, rather than its names, are at fault.
    public var isInvalidAmount: Bool {
        switch self {
        case .negativeAmount, .amountOverflow, .tooManyRemedies: return true
        case .unknownRole, .unknownAction, .amountMissing, .amountOnPermission, .currencyMismatch: return false
        }
    }

    public var description: String {
        switch self {
        case .unknownRole(let id, let known):
            return "unknown role \"\(InputQuote.clip(id))\"; the ladder is \(known.joined(separator: ", "))"
        case .unknownAction(let id, let known):
            return "unknown action \"\(InputQuote.clip(id))\"; actions are \(known.joined(separator: ", "))"
        case .amountMissing(let typed):
            let action = InputQuote.clip(typed)
            return "\(action) is a monetary action and needs an amount, like \(action)=50.00"
        case .amountOnPermission(let typed):
            let action = InputQuote.clip(typed)
            return "\(action) is a permission and takes no amount; write just \(action)"
        case .currencyMismatch(let typed, let expected, let got):
            let action = InputQuote.clip(typed)
            return "\(action) is in \(got) but the matrix is in \(expected)"
        case .negativeAmount(let action):
            return "\(action) has a negative amount; amounts must be zero or more"
        case .amountOverflow(let action?):
            return "the amounts for \(action) add up to more than any amount the desk can record"
        case .amountOverflow(nil):
            return "the amounts asked for add up to more than any amount the desk can record"
        case .tooManyRemedies(let action?, let limit):
            return "\(action) is asked for more than \(limit) times; put it in one amount"
        case .tooManyRemedies(nil, let limit):
            return "more than \(limit) remedies are asked for; a case asks for a handful"
        }
    }
}
