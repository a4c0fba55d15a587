import PropertyBased
import Testing
@testable import EscalationCore

/// The engine's invariants, checked on random cases against the fixture matrix.
@Suite struct EnginePropertyTests {
    /// A random case: remedies, flags, history and identity.
    struct Scenario {
        let requests: [RemedyRequest]
        let context: DecisionContext

        /// - Parameters:
        ///   - amounts: pence for refund, goodwill and compensation (0 means not asked).
        ///   - bits: cancel_contract, disclose_account_data, vulnerable, legal_threat, media,
        ///     social channel, unverified identity.
        init(amounts: [Int64], bits: Int, contacts: Int, granted: Int64) {
            var requests: [RemedyRequest] = []
            for (action, pence) in zip(["refund", "goodwill", "compensation"], amounts) where pence > 0 {
                requests.append(RemedyRequest(action: action, amount: Money(minor: pence, currency: .gbp)))
            }
            func bit(_ n: Int) -> Bool { bits & (1 << n) != 0 }
            if bit(0) { requests.append(RemedyRequest(action: "cancel_contract")) }
            if bit(1) { requests.append(RemedyRequest(action: "disclose_account_data")) }
            self.requests = requests
            context = DecisionContext(
                customerFlags: bit(2) ? ["vulnerable"] : [],
                caseFlags: (bit(3) ? ["legal_threat"] : []) + (bit(4) ? ["media"] : []),
                channel: bit(5) ? "social" : "phone",
                identityVerified: !bit(6),
                contacts: ContactHistory(everyWindow: contacts),
                granted: GrantHistory(everyWindow: ["refund": granted, "compensation": granted / 2]))
        }
    }

    static let amounts = Gen<Int64>.value(in: 0...700_000).array(of: 3)
    static let bits = Gen<Int>.value(in: 0...127)
    static let contacts = Gen<Int>.value(in: 1...5)
    static let granted = Gen<Int64>.value(in: 0...150_000)
    static let rank = Gen<Int>.value(in: 0...3)
    static let routing = Gen.element(of: RoutingMode.allCases)

    let ladder = Fixture.ladder

    func decide(_ policy: EscalationPolicy, rank: Int, _ s: Scenario) throws -> Decision {
        try policy.decide(handler: ladder.role(at: rank).id, requests: s.requests, context: s.context)
    }

    @Test func aHigherHandlerNeverNeedsMoreEscalation() async {
        await propertyCheck(count: 300, input: Self.amounts, Self.bits, Self.contacts, Self.granted, Self.rank, Self.routing) {
            amounts, bits, contacts, granted, low, routing in
            let s = Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted)
            let policy = Fixture.policy(routing!)
            for high in low..<ladder.roles.count {
                let lower = try decide(policy, rank: low, s)
                let higher = try decide(policy, rank: high, s)
                #expect(higher.required == lower.required)
                if lower.verdict == .withinAuthority { #expect(higher.verdict == .withinAuthority) }
                #expect((lower.verdict == .outsideMatrix) == (higher.verdict == .outsideMatrix))
                #expect(higher.reasons.count <= lower.reasons.count)
            }
        }
    }

    @Test func aLargerAmountNeverLowersTheRequiredRole() async {
        await propertyCheck(count: 300, input: Self.amounts, Self.bits, Self.contacts, Self.granted,
                            Gen<Int64>.value(in: 1...500_000)) { amounts, bits, contacts, granted, extra in
            let policy = Fixture.policy()
            for i in 0..<3 {
                var larger = amounts
                larger[i] += extra
                let a = try decide(policy, rank: 0, Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted))
                let b = try decide(policy, rank: 0, Scenario(amounts: larger, bits: bits, contacts: contacts, granted: granted))
                #expect(ladder.rank(of: b.required)! >= ladder.rank(of: a.required)!)
                if a.verdict == .outsideMatrix { #expect(b.verdict == .outsideMatrix) }
            }
        }
    }

    @Test func withinAuthorityNeverExceedsAnyCellOfTheHandler() async {
        await propertyCheck(count: 400, input: Self.amounts, Self.bits, Self.contacts, Self.granted, Self.rank) {
            amounts, bits, contacts, granted, rank in
            let s = Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted)
            let policy = Fixture.policy()
            let decision = try decide(policy, rank: rank, s)
            guard decision.verdict == .withinAuthority else { return }
            let role = ladder.role(at: rank).id
            for request in s.requests {
                let cell = policy.matrix.cell(role: role, action: request.action).authority
                if let amount = request.amount {
                    switch cell {
                    case .unlimited: break
                    case .limit(let perCase, let rolling):
                        if let perCase { #expect(amount <= perCase) }
                        if let rolling {
                            let already = s.context.granted.granted(action: request.action, days: rolling.days)
                            #expect(already + amount.minor <= rolling.amount.minor)
                        }
                    default: Issue.record("\(role) granted \(request.action) through a \(cell) cell")
                    }
                } else {
                    #expect(cell == .allow)
                }
                if policy.matrix.action(request.action)!.requiresVerifiedIdentity && !s.context.identityVerified {
                    #expect(policy.matrix.cell(role: role, action: "override_identity_check").authority == .allow)
                }
            }
            let total = s.requests.compactMap(\.amount?.minor).reduce(0, +)
            for rule in policy.referrals where rule.when.holds(in: s.context, requestedTotal: total) {
                #expect(ladder.rank(of: rule.minRole)! <= rank, "referral \(rule.id) holds above \(role)")
            }
        }
    }

    @Test func stepwiseRoutesExactlyOneRung() async {
        await propertyCheck(count: 300, input: Self.amounts, Self.bits, Self.contacts, Self.granted, Self.rank) {
            amounts, bits, contacts, granted, rank in
            let s = Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted)
            let decision = try decide(Fixture.policy(.stepwise), rank: rank, s)
            if decision.verdict == .escalate {
                #expect(ladder.rank(of: decision.routeTo!) == rank + 1)
            }
            let direct = try decide(Fixture.policy(.direct), rank: rank, s)
            if direct.verdict == .escalate { #expect(direct.routeTo == direct.required) }
            #expect(direct.verdict == decision.verdict)
        }
    }

    @Test func addingAReferralRuleNeverLowersTheRequiredRole() async {
        let conditions: [ReferralCondition] = [
            .customerFlag(["vulnerable"]), .caseFlag(["media", "legal_threat"]), .channel(["social"]),
            .repeatContacts(count: 2, days: 30), .requestedTotalOver(Fixture.money("100")),
            .all([.channel(["phone"]), .customerFlag(["vulnerable"])]), .any([.caseFlag(["nope"]), .channel(["phone"])]),
        ]
        await propertyCheck(count: 300, input: Self.amounts, Self.bits, Self.contacts, Self.granted,
                            Gen.element(of: conditions), Self.rank) { amounts, bits, contacts, granted, condition, minRank in
            let s = Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted)
            let extra = ReferralRule(id: "extra", when: condition!, minRole: ladder.role(at: minRank).id, reason: "Extra")
            let before = try decide(Fixture.policy(), rank: 0, s)
            let after = try decide(Fixture.policy(referrals: Fixture.referrals + [extra]), rank: 0, s)
            #expect(ladder.rank(of: after.required)! >= ladder.rank(of: before.required)!)
            if before.verdict != .withinAuthority { #expect(after.verdict != .withinAuthority) }
        }
    }
}

/// Step 2 of a decision: a referral rule is a reason exactly when its condition holds and
/// it needs a role above the handler's, however its conditions nest and however many
/// flags the rules name.
@Suite struct ReferralStepTests {
    let ladder = Fixture.ladder

    @Test func everyHoldingRuleAboveTheHandlerIsAReasonAndNoOther() async {
        let rules = Fixture.referrals + [
            ReferralRule(id: "nested", when: .any([.all([.customerFlag(["bereaved", "vulnerable"]), .channel(["phone"])]),
                                                   .repeatContacts(count: 4, days: 7)]),
                         minRole: "manager", reason: "Nested"),
        ]
        let policy = Fixture.policy(referrals: rules)
        let ids = Set(rules.map(\.id))
        await propertyCheck(count: 500, input: EnginePropertyTests.amounts, EnginePropertyTests.bits,
                            EnginePropertyTests.contacts, EnginePropertyTests.granted, EnginePropertyTests.rank) {
            amounts, bits, contacts, granted, rank in
            let s = EnginePropertyTests.Scenario(amounts: amounts, bits: bits, contacts: contacts, granted: granted)
            var context = s.context
            if bits & 1 != 0 { context.customerFlags.append("bereaved") }
            if bits & 2 != 0 { context.channel = nil }
            let total = s.requests.compactMap(\.amount?.minor).reduce(0, +)
            let decision = try policy.decide(handler: ladder.role(at: rank).id, requests: s.requests, context: context)
            let expected = rules.filter { rule in
                rule.when.holds(in: context, requestedTotal: total) && ladder.rank(of: rule.minRole)! > rank
            }
            #expect(decision.reasons.map(\.rule).filter(ids.contains) == expected.map(\.id))
        }
    }

    @Test func moreThanSixtyFourFlagsStillWork() throws {
        let flags = (0..<70).map { "flag\($0)" }
        let rules = flags.map { ReferralRule(id: $0, when: .customerFlag([$0]), minRole: "team_leader", reason: $0) }
        let decision = try Fixture.policy(referrals: rules)
            .decide(handler: "agent", requests: [], context: DecisionContext(customerFlags: ["flag69", "flag3"]))
        #expect(decision.reasons.map(\.rule) == ["flag3", "flag69"])
    }
}
