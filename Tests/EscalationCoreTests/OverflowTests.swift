import PropertyBased
import Testing
@testable import EscalationCore

/// Money is added with checked arithmetic everywhere: a sum that cannot be represented is
/// refused, never wrapped round to a small amount that fits under a limit.
@Suite struct OverflowTests {
    let policy = Fixture.policy()
    static let largest = Money(minor: 99_999_999_999_999_999, currency: .gbp)   // £999,999,999,999,999.99

    func refund(minor: Int64) -> RemedyRequest { RemedyRequest(action: "refund", amount: Money(minor: minor, currency: .gbp)) }

    /// The campaign's attack: amounts whose wrapped sum is £1.00.
    @Test func amountsThatWrapRoundAreRefused() {
        // Ten amounts just over a ninth of the largest integer: their wrapped sum would be small.
        let big = Int64.max / 9 + 1
        let requests = Array(repeating: refund(minor: big), count: 9) + [refund(minor: big)]
        #expect(throws: DecisionInputError.amountOverflow(action: "refund")) {
            try policy.decide(handler: "agent", requests: requests, context: DecisionContext())
        }
    }

    @Test func moreRemediesForOneActionThanTheCapAreRefused() throws {
        let requests = Array(repeating: refund(minor: 100), count: EscalationPolicy.maxRemediesPerAction + 1)
        #expect(throws: DecisionInputError.tooManyRemedies(action: "refund", limit: EscalationPolicy.maxRemediesPerAction)) {
            try policy.decide(handler: "agent", requests: requests, context: DecisionContext())
        }
        let atCap = Array(repeating: refund(minor: 100), count: EscalationPolicy.maxRemediesPerAction)
        #expect(try policy.decide(handler: "agent", requests: atCap, context: DecisionContext()).verdict == .withinAuthority)
    }

    @Test func moreRemediesInAllThanTheCapAreRefused() {
        let requests = (0...EscalationPolicy.maxRemedies).map { _ in RemedyRequest(action: "cancel_contract") }
        #expect(throws: DecisionInputError.tooManyRemedies(action: nil, limit: EscalationPolicy.maxRemedies)) {
            try policy.decide(handler: "agent", requests: requests, context: DecisionContext())
        }
    }

    /// Amounts for different actions that together pass what an amount holds (the
    /// requested-total referral rule adds them up).
    @Test func aTotalAcrossActionsThatCannotBeHeldIsRefused() {
        let requests = [refund(minor: Int64.max - 10),
                        RemedyRequest(action: "goodwill", amount: Money(minor: 100, currency: .gbp))]
        #expect(throws: DecisionInputError.amountOverflow(action: nil)) {
            try policy.decide(handler: "head", requests: requests, context: DecisionContext())
        }
    }

    @Test func negativeAmountsAreRefused() {
        let requests = [refund(minor: 6_000), refund(minor: -1_000)]
        #expect(throws: DecisionInputError.negativeAmount(action: "refund")) {
            try policy.decide(handler: "agent", requests: requests, context: DecisionContext())
        }
    }

    /// What a customer already had can be near the largest amount (a history written before
    /// this fix): adding a request to it never wraps round under the cap.
    @Test func aHugeHistoryNeverMakesARequestFitUnderTheRollingCap() throws {
        let context = DecisionContext(granted: GrantHistory(byAction: ["refund": [30: Int64.max - 50]],
                                                           everyWindow: ["refund": 200]))
        let decision = try policy.decide(handler: "team_leader", requests: [refund(minor: 100)], context: context)
        #expect(decision.verdict != .withinAuthority)
        #expect(decision.reasons.contains { $0.rule == "authority.refund" })
        #expect(GrantHistory.saturatingSum(Int64.max, 1) == Int64.max)
        #expect(GrantHistory.saturatingSum(Int64.min, -1) == Int64.min)
    }

    @Test func addingMoneyThatCannotBeHeldGivesNothing() {
        #expect(Self.largest.adding(Self.largest)?.minor == 199_999_999_999_999_998)
        #expect(Money(minor: Int64.max, currency: .gbp).adding(Money(minor: 1, currency: .gbp)) == nil)
    }

    @Test func grantedTotalsThatCannotBeHeldAreRefused() {
        var history = GrantHistory()
        #expect(throws: Never.self) { try history.addToEveryWindow(action: "refund", minor: Int64.max - 1) }
        #expect(throws: DecisionInputError.amountOverflow(action: "refund")) {
            try history.addToEveryWindow(action: "refund", minor: 2)
        }
    }

    /// Amounts from a handful of pence to the largest a person can type, several for one
    /// action, on top of any history: whenever the engine says the agent may grant them,
    /// their true total (in 128 bits) is within the agent's per-case limit and, with the
    /// history, within the rolling cap.
    static let amount = Gen<Int64>.oneOf(Gen<Int64>.value(in: 0...10_000), Gen<Int64>.value(in: 0...Int64.max))
    static let history = Gen<Int64>.oneOf(Gen<Int64>.value(in: 0...20_000), Gen<Int64>.value(in: 0...Int64.max))

    @Test func noRemediesWhoseTrueTotalExceedsACapAreEverWithinAuthority() async {
        await propertyCheck(count: 500, input: Self.amount.array(of: 1...12), Self.history) { amounts, granted in
            let requests = amounts.map(refund(minor:))
            let context = DecisionContext(granted: GrantHistory(everyWindow: ["refund": granted]))
            guard let decision = try? policy.decide(handler: "agent", requests: requests, context: context) else { return }
            let total = amounts.reduce(Int128(0)) { $0 + Int128($1) }
            if decision.verdict == .withinAuthority {
                #expect(total <= 5_000)
                #expect(total + Int128(granted) <= 10_000)
            }
        }
    }
}
