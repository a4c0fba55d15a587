import Foundation
import Testing
@testable import EscalationCore

/// CONFIG.md's decision semantics as a table: every rule, every cell kind, both routings,
/// and the boundaries (exactly at a limit, one penny over, a rolling window exactly full).
@Suite struct DecisionTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let name: String
        let handler: String
        let requests: [RemedyRequest]
        var context = DecisionContext()
        var routing = RoutingMode.direct
        let verdict: Verdict
        let routeTo: String?
        let rules: [String]
        var testDescription: String { name }
    }

    static let f = Fixture.self

    static let rows: [Row] = [
        Row(name: "per-case: exactly at the agent limit", handler: "agent", requests: [f.refund("50.00")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "per-case: one penny over the agent limit", handler: "agent", requests: [f.refund("50.01")],
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.refund"]),
        Row(name: "per-case: over two rungs goes direct to the manager", handler: "agent", requests: [f.refund("600")],
            verdict: .escalate, routeTo: "manager", rules: ["authority.refund"]),
        Row(name: "per-case: stepwise goes one rung", handler: "agent", requests: [f.refund("600")], routing: .stepwise,
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.refund"]),
        Row(name: "bare amount cell", handler: "agent", requests: [f.request("goodwill", "25.01")],
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.goodwill"]),
        Row(name: "unlimited cell", handler: "head", requests: [f.refund("999999")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "missing cell is deny (monetary)", handler: "agent", requests: [f.request("compensation", "1")],
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.compensation"]),
        Row(name: "rolling-only cell: within", handler: "head", requests: [f.request("compensation", "5000")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "rolling cap counts what was granted in its window", handler: "team_leader",
            requests: [f.request("compensation", "1")],
            context: DecisionContext(granted: GrantHistory(byAction: ["compensation": [7: 20_000]])),
            verdict: .escalate, routeTo: "manager", rules: ["authority.compensation"]),
        Row(name: "per-case and rolling: per-case breaks first", handler: "team_leader",
            requests: [f.request("compensation", "200.01")],
            verdict: .escalate, routeTo: "manager", rules: ["authority.compensation"]),
        Row(name: "rolling window exactly full", handler: "agent", requests: [f.refund("40.00")],
            context: DecisionContext(granted: GrantHistory(byAction: ["refund": [30: 6000]])),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "rolling window one penny over", handler: "agent", requests: [f.refund("40.01")],
            context: DecisionContext(granted: GrantHistory(byAction: ["refund": [30: 6000]])),
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.refund"]),
        Row(name: "granted in another window does not count", handler: "agent", requests: [f.refund("40.00")],
            context: DecisionContext(granted: GrantHistory(byAction: ["refund": [7: 9000]])),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "permission allow", handler: "team_leader", requests: [f.request("cancel_contract")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "permission deny", handler: "agent", requests: [f.request("cancel_contract")],
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.cancel_contract"]),
        Row(name: "identity: verified customer", handler: "agent", requests: [f.request("disclose_account_data")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "identity: unverified needs an override role", handler: "agent",
            requests: [f.request("disclose_account_data")], context: DecisionContext(identityVerified: false),
            verdict: .escalate, routeTo: "team_leader", rules: ["identity.disclose_account_data"]),
        Row(name: "identity: the override role may act", handler: "team_leader",
            requests: [f.request("disclose_account_data")], context: DecisionContext(identityVerified: false),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "referral: customer flag", handler: "agent", requests: [],
            context: DecisionContext(customerFlags: ["vulnerable"]),
            verdict: .escalate, routeTo: "team_leader", rules: ["vulnerable_customer"]),
        Row(name: "referral: case flag forces manager whatever the amount", handler: "team_leader",
            requests: [f.refund("1")], context: DecisionContext(caseFlags: ["legal_threat"]),
            verdict: .escalate, routeTo: "manager", rules: ["legal_threat"]),
        Row(name: "referral: repeat contacts at the count", handler: "agent", requests: [],
            context: DecisionContext(contacts: ContactHistory(byDays: [30: 3])),
            verdict: .escalate, routeTo: "team_leader", rules: ["repeat_contact"]),
        Row(name: "referral: repeat contacts below the count", handler: "agent", requests: [],
            context: DecisionContext(contacts: ContactHistory(byDays: [30: 2])),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "referral: requested total exactly at the threshold does not trigger", handler: "manager",
            requests: [f.refund("700"), f.request("goodwill", "50")],
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "referral: requested total over the threshold (any)", handler: "team_leader",
            requests: [f.refund("450"), f.request("goodwill", "100"), f.request("compensation", "200.01")],
            verdict: .escalate, routeTo: "manager", rules: ["authority.compensation", "large_total"]),
        Row(name: "referral: any of the case flags", handler: "agent", requests: [],
            context: DecisionContext(caseFlags: ["media"]),
            verdict: .escalate, routeTo: "manager", rules: ["large_total"]),
        Row(name: "referral: all: both hold", handler: "agent", requests: [f.refund("50"), f.request("goodwill", "25"), f.refund("30")],
            context: DecisionContext(channel: "social"),
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.refund", "social_and_costly"]),
        Row(name: "referral: all: only one holds", handler: "agent", requests: [f.refund("50")],
            context: DecisionContext(channel: "social"),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "referral at or below the handler gives no reason", handler: "manager", requests: [],
            context: DecisionContext(customerFlags: ["vulnerable"]),
            verdict: .withinAuthority, routeTo: nil, rules: []),
        Row(name: "highest requirement wins, every reason listed", handler: "agent",
            requests: [f.refund("75"), f.request("cancel_contract")],
            context: DecisionContext(customerFlags: ["vulnerable"], caseFlags: ["legal_threat"]),
            verdict: .escalate, routeTo: "manager",
            rules: ["authority.refund", "authority.cancel_contract", "vulnerable_customer", "legal_threat"]),
        Row(name: "stepwise from the team leader", handler: "team_leader", requests: [],
            context: DecisionContext(caseFlags: ["legal_threat"]), routing: .stepwise,
            verdict: .escalate, routeTo: "manager", rules: ["legal_threat"]),
        Row(name: "outside the matrix: beyond every limit", handler: "agent",
            requests: [f.request("compensation", "5000.01")],
            verdict: .outsideMatrix, routeTo: "head", rules: ["authority.compensation", "large_total"]),
        Row(name: "outside the matrix: stepwise still goes to the top", handler: "agent",
            requests: [f.request("compensation", "9000")], routing: .stepwise,
            verdict: .outsideMatrix, routeTo: "head", rules: ["authority.compensation", "large_total"]),
        Row(name: "outside the matrix for the top role too", handler: "head",
            requests: [f.request("compensation", "9000")],
            verdict: .outsideMatrix, routeTo: "head", rules: ["authority.compensation"]),
        Row(name: "two requests for one action are summed", handler: "agent", requests: [f.refund("30"), f.refund("30")],
            verdict: .escalate, routeTo: "team_leader", rules: ["authority.refund"]),
        Row(name: "no remedies, no flags", handler: "agent", requests: [],
            verdict: .withinAuthority, routeTo: nil, rules: []),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) throws {
        let decision = try Fixture.policy(row.routing).decide(handler: row.handler, requests: row.requests,
                                                              context: row.context)
        #expect(decision.verdict == row.verdict)
        #expect(decision.routeTo == row.routeTo)
        #expect(decision.reasons.map(\.rule) == row.rules)
        #expect(decision.matrixVersion == "v-test")
        #expect(decision.handler == row.handler)
    }

    @Test func identityCannotBeOverriddenWhenNoRoleMay() throws {
        var cells = Fixture.cells
        for role in cells.keys { cells[role]?["override_identity_check"] = nil }
        let decision = try Fixture.policy(cells: cells).decide(
            handler: "agent", requests: [Fixture.request("disclose_account_data")],
            context: DecisionContext(identityVerified: false))
        #expect(decision.verdict == .outsideMatrix)
        #expect(decision.routeTo == "head")
        #expect(decision.reasons.map(\.rule) == ["identity.disclose_account_data"])
    }

    @Test func reasonsReadAsSentences() throws {
        let policy = Fixture.policy()
        func detail(_ handler: String, _ requests: [RemedyRequest], _ context: DecisionContext = DecisionContext()) throws -> [String] {
            try policy.decide(handler: handler, requests: requests, context: context).reasons.map(\.detail)
        }
        #expect(try detail("agent", [Fixture.refund("75.00")]) == [
            "Refund £75.00 is over the Customer Service Agent per-case limit of £50.00; "
                + "a Team Leader may grant up to £500.00 a case and £1,000.00 in 30 days.",
        ])
        #expect(try detail("agent", [Fixture.refund("45.00")],
                           DecisionContext(granted: GrantHistory(everyWindow: ["refund": 7000]))) == [
            "Refund £45.00 would take this customer's refund total in the last 30 days to £115.00, "
                + "over the Customer Service Agent limit of £100.00; a Team Leader may grant up to £500.00 a case "
                + "and £1,000.00 in 30 days.",
        ])
        #expect(try detail("agent", [Fixture.request("cancel_contract")]) == [
            "Cancel contract is not within the Customer Service Agent's authority; a Team Leader may grant it.",
        ])
        #expect(try detail("agent", [Fixture.request("compensation", "10")]) == [
            "Compensation £10.00 is not within the Customer Service Agent's authority; "
                + "a Team Leader may grant up to £200.00 a case and £200.00 in 7 days.",
        ])
        #expect(try detail("team_leader", [Fixture.refund("600")]) == [
            "Refund £600.00 is over the Team Leader per-case limit of £500.00; a Contact Centre Manager may grant up to £5,000.00.",
        ])
        #expect(try detail("manager", [Fixture.refund("6000")]) == [
            "Refund £6,000.00 is over the Contact Centre Manager per-case limit of £5,000.00; "
                + "a Head of Customer Service may grant any amount.",
        ])
        #expect(try detail("agent", [Fixture.request("disclose_account_data")], DecisionContext(identityVerified: false)) == [
            "Disclose account data needs a verified identity and this customer is not verified; "
                + "a Team Leader may override the failed check.",
        ])
        #expect(try detail("agent", [Fixture.request("compensation", "6000")]) == [
            "Compensation £6,000.00 is beyond the authority of every role on the ladder; "
                + "it goes to the Head of Customer Service as an exception.",
            "Large total or media interest",
        ])
        #expect(try detail("agent", [], DecisionContext(customerFlags: ["vulnerable"])) == ["Customer is flagged as vulnerable"])
    }

    @Test func reasonsNameTheRoleTheyRequire() throws {
        let decision = try Fixture.policy().decide(handler: "agent", requests: [Fixture.refund("600")],
                                                   context: DecisionContext(customerFlags: ["vulnerable"]))
        #expect(decision.reasons.map(\.requires) == ["manager", "team_leader"])
        #expect(decision.required == "manager")
    }

    @Test func refusesRequestsItCannotDecide() {
        let policy = Fixture.policy()
        #expect(throws: DecisionInputError.unknownRole("intern", known: ["agent", "team_leader", "manager", "head"])) {
            try policy.decide(handler: "intern", requests: [], context: DecisionContext())
        }
        #expect(throws: DecisionInputError.self) {
            try policy.decide(handler: "agent", requests: [Fixture.request("teleport")], context: DecisionContext())
        }
        #expect(throws: DecisionInputError.amountMissing(action: "refund")) {
            try policy.decide(handler: "agent", requests: [Fixture.request("refund")], context: DecisionContext())
        }
        #expect(throws: DecisionInputError.amountOnPermission(action: "cancel_contract")) {
            try policy.decide(handler: "agent", requests: [Fixture.request("cancel_contract", "5")], context: DecisionContext())
        }
        let euros = RemedyRequest(action: "refund", amount: Money(minor: 100, currency: Currency.named("EUR")!))
        #expect(throws: DecisionInputError.currencyMismatch(action: "refund", expected: "GBP", got: "EUR")) {
            try policy.decide(handler: "agent", requests: [euros], context: DecisionContext())
        }
    }

    @Test func inversionsAreFoundUnlessAccepted() {
        var cells = Fixture.cells
        cells["manager"]?["goodwill"] = Fixture.limit("50")
        cells["head"]?["cancel_contract"] = nil
        cells["manager"]?["compensation"] = Fixture.limit(nil, rolling: ("100", 7))
        let found = Fixture.policy(cells: cells).matrix.inversions()
        #expect(found.map { "\($0.action):\($0.higherRole)<\($0.lowerRole)" } == [
            "goodwill:manager<team_leader", "cancel_contract:head<team_leader", "compensation:manager<team_leader",
        ])
        cells["manager"]?["goodwill"] = AuthorityCell(.limit(perCase: Fixture.money("50"), rolling: nil), invertedOK: true)
        cells["head"]?["cancel_contract"] = AuthorityCell(.deny, invertedOK: true)
        cells["manager"]?["compensation"] = Fixture.limit("1000")
        #expect(Fixture.policy(cells: cells).matrix.inversions().isEmpty)
        #expect(Fixture.policy().matrix.inversions().isEmpty)
    }

    @Test func aDecisionWritesItsRouteAsNullWhenThereIsNone() throws {
        let decision = try Fixture.policy().decide(handler: "agent", requests: [Fixture.refund("10")], context: DecisionContext())
        let text = String(decoding: try JSONEncoderShim.encode(decision), as: UTF8.self)
        #expect(text.contains("\"routeTo\":null"))
        #expect(try JSONEncoderShim.decode(Decision.self, from: Data(text.utf8)) == decision)
    }

    @Test func policyRoundTripsThroughJSON() throws {
        // The store keeps matrix versions as JSON; decoding must give back the same law.
        let policy = Fixture.policy(.stepwise)
        let data = try JSONEncoderShim.encode(policy)
        let back = try JSONEncoderShim.decode(EscalationPolicy.self, from: data)
        #expect(back == policy)
    }
}
