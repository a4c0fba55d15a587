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
    /// Referral rules with their min_role resolved to a rank (unknown roles are dropped by
    /// validation before a policy is built).
    private let referralRanks: [Int]

    public init(matrix: AuthorityMatrix, referrals: [ReferralRule], routing: RoutingMode) {
        self.matrix = matrix
        self.referrals = referrals
        self.routing = routing
        self.referralRanks = referrals.map { matrix.ladder.rank(of: $0.minRole) ?? matrix.ladder.topRank }
    }

    public var ladder: Ladder { matrix.ladder }

    /// Decides whether `handler` may grant `requests` in `context`, and if not, where the
    /// case goes and why (CONFIG.md, "Decision semantics", steps 1–4).
    public func decide(handler: String, requests: [RemedyRequest],
                       context: DecisionContext) throws(DecisionInputError) -> Decision {
        guard let handlerRank = ladder.rank(of: handler) else {
            throw .unknownRole(handler, known: ladder.roles.map(\.id))
        }
        let remedies = try mergedRemedies(requests)
        var required = 0
        var exception = false
        var reasons: [Reason] = []
        var requestedTotal: Int64 = 0

        // Step 1: each remedy's required role, from its cells and the identity check.
        for remedy in remedies {
            if let amount = remedy.amount { requestedTotal &+= amount.minor }
            let need = requirement(for: remedy, context: context)
            if let rank = need.rank {
                required = max(required, rank)
                if rank > handlerRank {
                    reasons.append(ReasonText.authority(remedy: remedy, need: need, handlerRank: handlerRank,
                                                        policy: self, context: context))
                }
            } else {
                exception = true
                reasons.append(ReasonText.outside(remedy: remedy, need: need, policy: self))
            }
            if let identityRank = need.identityRank, identityRank > handlerRank {
                required = max(required, identityRank)
                reasons.append(ReasonText.identity(remedy: remedy, rank: identityRank, policy: self))
            }
        }

        // Step 2: every referral rule whose condition holds.
        for (i, rule) in referrals.enumerated() where rule.when.holds(in: context, requestedTotal: requestedTotal) {
            let rank = referralRanks[i]
            required = max(required, rank)
            if rank > handlerRank {
                reasons.append(Reason(rule: rule.id, requires: ladder.role(at: rank).id, detail: rule.reason))
            }
        }

        // Steps 3 and 4: the highest requirement against the handler, routed by the mode.
        if exception {
            return Decision(verdict: .outsideMatrix, handler: handler, routeTo: ladder.top.id,
                            required: ladder.top.id, reasons: reasons, matrixVersion: matrix.version)
        }
        if required <= handlerRank {
            return Decision(verdict: .withinAuthority, handler: handler, routeTo: nil,
                            required: ladder.role(at: required).id, reasons: [], matrixVersion: matrix.version)
        }
        let route = routing == .direct ? required : handlerRank + 1
        return Decision(verdict: .escalate, handler: handler, routeTo: ladder.role(at: route).id,
                        required: ladder.role(at: required).id, reasons: reasons, matrixVersion: matrix.version)
    }

    /// What one remedy needs: the lowest rank whose cell covers it (nil: no role may) and,
    /// for an unverified customer on an action that needs verified identity, the lowest rank
    /// that may override the check (`noOverride` when none may).
    struct Requirement {
        var actionIndex: Int
        var rank: Int?
        var identityRank: Int?
        var identityImpossible = false
    }

    func requirement(for remedy: RemedyRequest, context: DecisionContext) -> Requirement {
        let a = matrix.actionIndex(remedy.action)!
        let row = matrix.cells[a]
        var need = Requirement(actionIndex: a)
        if let amount = remedy.amount {
            let granted = { (days: Int) in
                Money(minor: context.granted.granted(action: remedy.action, days: days), currency: amount.currency)
            }
            need.rank = row.firstIndex { $0.authority.shortfall(amount: amount, granted: granted) == nil }
        } else {
            need.rank = row.firstIndex { $0.authority.allowsPermission }
        }
        if matrix.actions[a].requiresVerifiedIdentity && !context.identityVerified {
            if let o = matrix.actionIndex(Action.overrideIdentityCheckID),
               let rank = matrix.cells[o].firstIndex(where: { $0.authority.allowsPermission }) {
                need.identityRank = rank
            } else {
                need.identityImpossible = true
                need.rank = nil
            }
        }
        return need
    }

    /// Checks every request names a known action with the right kind of amount, and sums
    /// repeated requests for one action: two refunds on one case count as one larger refund.
    func mergedRemedies(_ requests: [RemedyRequest]) throws(DecisionInputError) -> [RemedyRequest] {
        var merged: [RemedyRequest] = []
        merged.reserveCapacity(requests.count)
        for request in requests {
            guard let action = matrix.action(request.action) else {
                throw .unknownAction(request.action, known: matrix.actions.map(\.id))
            }
            switch (action.kind, request.amount) {
            case (.monetary, nil): throw .amountMissing(action: action.id)
            case (.permission, .some): throw .amountOnPermission(action: action.id)
            case (.monetary, .some(let amount)) where amount.currency != matrix.currency:
                throw .currencyMismatch(action: action.id, expected: matrix.currency.code, got: amount.currency.code)
            default: break
            }
            if let i = merged.firstIndex(where: { $0.action == request.action }) {
                if let extra = request.amount, let sofar = merged[i].amount {
                    merged[i] = RemedyRequest(action: request.action, amount: sofar + extra)
                }
            } else {
                merged.append(request)
            }
        }
        return merged
    }
}
