/// How an escalation climbs the ladder.
public enum RoutingMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Straight to the lowest role that may decide.
    case direct
    /// One rung above the handler at a time.
    case stepwise
}

/// The law in force: the authority matrix, the referral rules and the routing mode. Every
/// decision the desk makes about authority is `decide(...)` on one of these.
public struct EscalationPolicy: Sendable, Hashable {
    public let matrix: AuthorityMatrix
    public let referrals: [ReferralRule]
    public let routing: RoutingMode
    /// Referral rules with their min_role resolved to a rank (validation guarantees every
    /// min_role is on the ladder; an unknown one would require the top role).
    private let referralRanks: [Int]
    /// Role ids by rank, and the fixed phrases of every reason, worked out once.
    let roleIDs: [String]
    let phrases: ReasonPhrases
    /// The rank of the lowest role that may override a failed identity check, if any.
    private let identityOverrideRank: Int?
    /// The matrix's cells in one flat array (`[action * roles + rank]`): the hot loop reads
    /// it without touching nested arrays.
    private let grid: [Authority]
    private let roleCount: Int
    /// Per action, by index: id, kind and identity requirement, read on every request.
    private let actionIDs: [String]
    private let actionKinds: [ActionKind]
    private let needsVerifiedIdentity: [Bool]

    public init(matrix: AuthorityMatrix, referrals: [ReferralRule], routing: RoutingMode) {
        self.matrix = matrix
        self.referrals = referrals
        self.routing = routing
        self.referralRanks = referrals.map { matrix.ladder.rank(of: $0.minRole) ?? matrix.ladder.topRank }
        self.roleIDs = matrix.ladder.roles.map(\.id)
        self.phrases = ReasonPhrases(matrix: matrix)
        self.identityOverrideRank = matrix.actionIndex(Action.overrideIdentityCheckID).flatMap { o in
            matrix.cells[o].firstIndex { $0.authority.allowsPermission }
        }
        self.grid = matrix.cells.flatMap { $0.map(\.authority) }
        self.roleCount = matrix.ladder.roles.count
        self.actionIDs = matrix.actions.map(\.id)
        self.actionKinds = matrix.actions.map(\.kind)
        self.needsVerifiedIdentity = matrix.actions.map(\.requiresVerifiedIdentity)
    }

    /// The authority of the role at `rank` for the action at index `action`.
    @inline(__always)
    func authority(action: Int, rank: Int) -> Authority { grid[action * roleCount + rank] }

    public static func == (lhs: EscalationPolicy, rhs: EscalationPolicy) -> Bool {
        lhs.matrix == rhs.matrix && lhs.referrals == rhs.referrals && lhs.routing == rhs.routing
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(matrix)
        hasher.combine(referrals)
        hasher.combine(routing)
    }

    public var ladder: Ladder { matrix.ladder }

    /// Decides whether `handler` may grant `requests` in `context`, and if not, where the
    /// case goes and why (CONFIG.md, "Decision semantics", steps 1–4).
    public func decide(handler: String, requests: [RemedyRequest],
                       context: DecisionContext) throws(DecisionInputError) -> Decision {
        guard let handlerRank = Self.position(of: handler, in: roleIDs) else {
            throw .unknownRole(handler, known: ladder.roles.map(\.id))
        }
        var required = 0
        var exception = false
        var reasons: [Reason] = []
        var requestedTotal: Int64 = 0

        // Step 1: each remedy's required role, from its cells and the identity check.
        // Two requests for one action count as one larger request (both are per case).
        if requests.count > Self.maxRemedies { throw .tooManyRemedies(action: nil, limit: Self.maxRemedies) }
        for i in requests.indices {
            let actionIndex = try checkedActionIndex(requests[i])
            guard let remedy = try merged(requests, at: i) else { continue }
            if let amount = remedy.amount {
                let (sum, overflow) = requestedTotal.addingReportingOverflow(amount.minor)
                if overflow { throw .amountOverflow(action: nil) }
                requestedTotal = sum
            }
            let need = requirement(for: remedy, actionIndex: actionIndex, context: context)
            if let rank = need.rank {
                required = max(required, rank)
                if rank > handlerRank {
                    reasons.append(authorityReason(remedy: remedy, need: need, handlerRank: handlerRank, context: context))
                }
            } else {
                exception = true
                reasons.append(outsideReason(remedy: remedy, need: need))
            }
            if let identityRank = need.identityRank, identityRank > handlerRank {
                required = max(required, identityRank)
                reasons.append(identityReason(need: need, rank: identityRank))
            }
        }

        // Step 2: every referral rule whose condition holds.
        for i in referrals.indices where referrals[i].when.holds(in: context, requestedTotal: requestedTotal) {
            let rank = referralRanks[i]
            required = max(required, rank)
            if rank > handlerRank {
                reasons.append(Reason(rule: referrals[i].id, requires: roleIDs[rank], detail: referrals[i].reason))
            }
        }

        // Steps 3 and 4: the highest requirement against the handler, routed by the mode.
        if exception {
            let top = roleIDs[roleIDs.count - 1]
            return Decision(verdict: .outsideMatrix, handler: handler, routeTo: top,
                            required: top, reasons: reasons, matrixVersion: matrix.version)
        }
        if required <= handlerRank {
            return Decision(verdict: .withinAuthority, handler: handler, routeTo: nil,
                            required: roleIDs[required], reasons: [], matrixVersion: matrix.version)
        }
        let route = routing == .direct ? required : handlerRank + 1
        return Decision(verdict: .escalate, handler: handler, routeTo: roleIDs[route],
                        required: roleIDs[required], reasons: reasons, matrixVersion: matrix.version)
    }

    /// What one remedy needs: the lowest rank whose cell covers it (nil: no role may) and,
    /// for an unverified customer on an action that needs verified identity, the lowest rank
    /// that may override the check (`identityImpossible` when none may: then no role covers it).
    struct Requirement {
        var actionIndex: Int
        var rank: Int?
        var identityRank: Int?
        var identityImpossible = false
    }

    func requirement(for remedy: RemedyRequest, actionIndex a: Int, context: DecisionContext) -> Requirement {
        var need = Requirement(actionIndex: a)
        if let amount = remedy.amount?.minor {
            // What the customer already had inside a window is read once per window length.
            var windowDays = -1
            var windowGranted: Int64 = 0
            ranks: for r in 0..<roleCount {
                switch authority(action: a, rank: r) {
                case .unlimited:
                    need.rank = r
                    break ranks
                case .limit(let perCase, let rolling):
                    if let perCase, amount > perCase.minor { continue }
                    if let rolling {
                        if rolling.days != windowDays {
                            windowDays = rolling.days
                            windowGranted = context.granted.granted(action: remedy.action, days: rolling.days)
                        }
                        if GrantHistory.saturatingSum(windowGranted, amount) > rolling.amount.minor { continue }
                    }
                    need.rank = r
                    break ranks
                case .deny, .allow:
                    continue
                }
            }
        } else {
            for r in 0..<roleCount where authority(action: a, rank: r).allowsPermission {
                need.rank = r
                break
            }
        }
        if needsVerifiedIdentity[a] && !context.identityVerified {
            if let rank = identityOverrideRank {
                need.identityRank = rank
            } else {
                need.identityImpossible = true
                need.rank = nil
            }
        }
        return need
    }

    /// Where an id stands in a short list. A ladder has a handful of roles and a matrix a
    /// dozen actions: comparing a few ids is cheaper than hashing one.
    @inline(__always)
    static func position(of id: String, in ids: [String]) -> Int? {
        for i in ids.indices where ids[i] == id { return i }
        return nil
    }

    /// The action's index, after checking the request names a known action with the right
    /// kind of amount in the matrix's currency.
    func checkedActionIndex(_ request: RemedyRequest) throws(DecisionInputError) -> Int {
        guard let index = Self.position(of: request.action, in: actionIDs) else {
            throw .unknownAction(request.action, known: matrix.actions.map(\.id))
        }
        switch (actionKinds[index], request.amount) {
        case (.monetary, nil): throw .amountMissing(action: request.action)
        case (.permission, .some): throw .amountOnPermission(action: request.action)
        case (.monetary, .some(let amount)) where amount.currency != matrix.currency:
            throw .currencyMismatch(action: request.action, expected: matrix.currency.code, got: amount.currency.code)
        case (.monetary, .some(let amount)) where amount.minor < 0:
            throw .negativeAmount(action: request.action)
        default: return index
        }
    }

    /// The most remedies one decision takes, and the most for one action: a case asks for a
    /// handful, and a long list is a mistake or an attempt to add amounts up past a limit.
    public static let maxRemedies = 50
    public static let maxRemediesPerAction = 10

    /// The request at `i` with the amounts of later requests for the same action added, or
    /// nil if an earlier request already stands for this action. (No array is built: a case
    /// asks for a handful of remedies, and this runs on every keypress of the live panel.)
    /// Amounts that add up past what an amount can hold are refused, never wrapped round.
    func merged(_ requests: [RemedyRequest], at i: Int) throws(DecisionInputError) -> RemedyRequest? {
        let action = requests[i].action
        for j in 0..<i where requests[j].action == action { return nil }
        var count = 1
        var total = requests[i].amount?.minor ?? 0
        for j in (i + 1)..<requests.count where requests[j].action == action {
            count += 1
            if count > Self.maxRemediesPerAction { throw .tooManyRemedies(action: action, limit: Self.maxRemediesPerAction) }
            let (sum, overflow) = total.addingReportingOverflow(requests[j].amount?.minor ?? 0)
            if overflow { throw .amountOverflow(action: action) }
            total = sum
        }
        guard count > 1, let amount = requests[i].amount else { return requests[i] }
        return RemedyRequest(action: action, amount: Money(minor: total, currency: amount.currency))
    }
}
