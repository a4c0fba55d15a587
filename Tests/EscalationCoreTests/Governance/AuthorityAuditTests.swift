import Testing
@testable import EscalationCore

/// Proof of authority, the pure part: a recorded grant judged again by `decide` under a
/// version, with its context, the case's delegation and any acting cover.
@Suite struct AuthorityAuditTests {
    static let rulebook = CaseFixture.rulebook

    func grant(_ role: String, _ remedies: [RemedyRequest]) -> RecordedGrant {
        RecordedGrant(caseID: "C-000001", seq: 9, at: 86_400_000, actor: "tom", role: role, grants: remedies)
    }

    @Test func aGrantWithinAuthorityHasNoBreach() {
        let c = CaseFixture.history([])
        #expect(AuthorityAudit.breaches(of: grant("agent", [Fixture.refund("50")]), on: c, context: DecisionContext(),
                                        rulebook: Self.rulebook).isEmpty)
    }

    @Test func onlyTheRemedyOutsideAuthorityIsNamedWithTheCoresReason() {
        let c = CaseFixture.history([])
        let found = AuthorityAudit.breaches(of: grant("agent", [Fixture.refund("80"), Fixture.request("goodwill", "10")]),
                                            on: c, context: DecisionContext(), rulebook: Self.rulebook)
        #expect(found.count == 1)
        #expect(found.first?.action == "refund")
        #expect(found.first?.amount == Fixture.money("80"))
        #expect(found.first?.version == "v-test")
        #expect(found.first?.reasons.first?.contains("£50.00") == true, "\(found)")
    }

    @Test func rollingTotalsInTheContextCount() {
        let c = CaseFixture.history([])
        var context = DecisionContext()
        context.granted.byAction["refund"] = [30: 6_000]
        let found = AuthorityAudit.breaches(of: grant("agent", [Fixture.refund("45")]), on: c, context: context,
                                            rulebook: Self.rulebook)
        #expect(found.map(\.action) == ["refund"])
    }

    @Test func aReferralRuleBlocksEveryRemedyUnlessADelegationCoversIt() {
        let vulnerable = DecisionContext(customerFlags: ["vulnerable"])
        let remedies = [Fixture.refund("10"), Fixture.request("goodwill", "5")]
        let plain = CaseFixture.history([])
        #expect(AuthorityAudit.breaches(of: grant("agent", remedies), on: plain, context: vulnerable,
                                        rulebook: Self.rulebook).count == 2)
        let returned = CaseFixture.history([
            ("tom", .escalated(routeTo: "team_leader", decision: CaseFixture.decision, note: CaseFixture.note)),
            ("priya", .claimed(queue: "team_leader")),
            ("priya", .returned(to: "tom", note: CaseFixture.note)),
        ])
        #expect(AuthorityAudit.breaches(of: grant("agent", remedies), on: returned, context: vulnerable,
                                        rulebook: Self.rulebook).isEmpty)
    }

    @Test func anActingCoverIsJudgedUnderTheRoleItGave() {
        let c = CaseFixture.history([])
        let remedies = [Fixture.refund("80")]
        #expect(!AuthorityAudit.breaches(of: grant("agent", remedies), on: c, context: DecisionContext(),
                                         rulebook: Self.rulebook).isEmpty)
        #expect(AuthorityAudit.breaches(of: grant("agent", remedies), on: c, context: DecisionContext(),
                                        rulebook: Self.rulebook, actingRole: "team_leader").isEmpty)
    }

    @Test func aGrantTheVersionCannotDecideIsOutsideAuthority() {
        let c = CaseFixture.history([])
        let found = AuthorityAudit.breaches(of: grant("agent", [Fixture.request("voucher", "5")]), on: c,
                                            context: DecisionContext(), rulebook: Self.rulebook)
        #expect(found.count == 1)
        #expect(found.first?.reasons.first?.contains("unknown action") == true)
    }

    @Test func aCustomerReplayCountsWhatWasRecordedBefore() {
        var customer = CustomerReplay(flags: ["vulnerable"])
        let day = ContextWindows.dayMillis
        customer.opened(at: 0)
        customer.granted([Fixture.refund("40")], at: day)
        customer.opened(at: 40 * day)
        customer.granted([Fixture.refund("30"), Fixture.request("goodwill", "5")], at: 41 * day)
        #expect(customer.contacts(after: 10 * day, atMost: 5) == 1)
        #expect(customer.contacts(after: -1, atMost: 1) == 1)
        #expect(customer.granted(action: "refund", after: 11 * day) == 3_000)
        #expect(customer.granted(action: "refund", after: -1) == 7_000)
        let context = customer.context(ContextWindows(Fixture.policy()), caseFlags: [], channel: "phone",
                                       identityVerified: true, requests: [Fixture.refund("10")], now: 45 * day)
        #expect(context.customerFlags == ["vulnerable"])
        #expect(context.contacts.within(days: 30) == 1)
        #expect(context.granted.granted(action: "refund", days: 30) == 3_000)
    }

    @Test func mergedWindowsCountWhatEitherPolicyAsks() {
        var cells = Fixture.cells
        cells["agent"]?["goodwill"] = Fixture.limit("25", rolling: ("60", 7))
        let referrals = [ReferralRule(id: "repeat", when: .repeatContacts(count: 5, days: 30), minRole: "team_leader", reason: "r")]
        let merged = ContextWindows(Fixture.policy()).merged(with: ContextWindows(Fixture.policy(cells: cells, referrals: referrals)))
        #expect(merged.repeatContacts.map(\.days) == [30])
        #expect(merged.repeatContacts.map(\.enough) == [5])
        #expect(merged.rolling["goodwill"] == [7])
        #expect(merged.rolling["refund"] == [30])
        #expect(merged.longestDays == 30)
    }
}
