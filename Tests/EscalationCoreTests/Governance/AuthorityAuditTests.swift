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
                                        rulebook: Self.rulebook, heldRole: "agent").isEmpty)
    }

    @Test func onlyTheRemedyOutsideAuthorityIsNamedWithTheCoresReason() {
        let c = CaseFixture.history([])
        let found = AuthorityAudit.breaches(of: grant("agent", [Fixture.refund("80"), Fixture.request("goodwill", "10")]),
                                            on: c, context: DecisionContext(), rulebook: Self.rulebook, heldRole: "agent")
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
                                            rulebook: Self.rulebook, heldRole: "agent")
        #expect(found.map(\.action) == ["refund"])
    }

    @Test func aReferralRuleBlocksEveryRemedyUnlessADelegationCoversIt() {
        let vulnerable = DecisionContext(customerFlags: ["vulnerable"])
        let remedies = [Fixture.refund("10"), Fixture.request("goodwill", "5")]
        let plain = CaseFixture.history([])
        #expect(AuthorityAudit.breaches(of: grant("agent", remedies), on: plain, context: vulnerable,
                                        rulebook: Self.rulebook, heldRole: "agent").count == 2)
        let returned = CaseFixture.history([
            ("tom", .escalated(routeTo: "team_leader", decision: CaseFixture.decision, note: CaseFixture.note)),
            ("priya", .claimed(queue: "team_leader")),
            ("priya", .returned(to: "tom", note: CaseFixture.note)),
        ])
        #expect(AuthorityAudit.breaches(of: grant("agent", remedies), on: returned, context: vulnerable,
                                        rulebook: Self.rulebook, heldRole: "agent").isEmpty)
    }

    @Test func anActingCoverIsJudgedUnderTheRoleItGave() {
        let c = CaseFixture.history([])
        let remedies = [Fixture.refund("80")]
        #expect(!AuthorityAudit.breaches(of: grant("agent", remedies), on: c, context: DecisionContext(),
                                         rulebook: Self.rulebook, heldRole: "agent").isEmpty)
        // The store records the role the cover gave; the replay finds the cover in force.
        #expect(AuthorityAudit.breaches(of: grant("team_leader", remedies), on: c, context: DecisionContext(),
                                        rulebook: Self.rulebook, heldRole: "team_leader").isEmpty)
    }

    @Test func aRecordedRoleThePersonDidNotHoldIsOutsideAuthority() {
        let c = CaseFixture.history([])
        // Within what the recorded role allows, and within what the held one allows too: the
        // record itself claims authority nobody gave, so every remedy is named.
        let small = AuthorityAudit.breaches(of: grant("team_leader", [Fixture.refund("10")]), on: c,
                                            context: DecisionContext(), rulebook: Self.rulebook, heldRole: "agent")
        #expect(small.count == 1)
        #expect(small.first?.reasons == ["the log records tom acting as Team Leader, but they were Customer Service Agent then"],
                "\(small)")
        let large = AuthorityAudit.breaches(of: grant("team_leader", [Fixture.refund("80")]), on: c,
                                            context: DecisionContext(), rulebook: Self.rulebook, heldRole: "agent")
        #expect(large.first?.reasons.count == 2)
        #expect(large.first?.reasons.last?.contains("£50.00") == true, "\(large)")
        let stranger = AuthorityAudit.breaches(of: grant("agent", [Fixture.refund("10")]), on: c,
                                               context: DecisionContext(), rulebook: Self.rulebook, heldRole: nil)
        #expect(stranger.first?.reasons == ["tom is not on the centre's staff list"])
    }

    @Test func aGrantTheVersionCannotDecideIsOutsideAuthority() {
        let c = CaseFixture.history([])
        let found = AuthorityAudit.breaches(of: grant("agent", [Fixture.request("voucher", "5")]), on: c,
                                            context: DecisionContext(), rulebook: Self.rulebook, heldRole: "agent")
        #expect(found.count == 1)
        #expect(found.first?.reasons.first?.contains("unknown action") == true)
    }

    @Test func aCustomerReplayCountsWhatWasRecordedBefore() {
        var customer = CustomerReplay(flags: ["vulnerable"])
        let day = ContextWindows.dayMillis
        customer.received("C-1", at: 0)
        customer.granted([Fixture.refund("40")], at: day)
        customer.received("C-2", at: 40 * day)
        customer.granted([Fixture.refund("30"), Fixture.request("goodwill", "5")], at: 41 * day)
        #expect(customer.contacts(after: 10 * day, atMost: 5) == 1)
        #expect(customer.contacts(after: -1, atMost: 1) == 1)
        // Contacts count by when each was received, as last corrected: a case recorded
        // late but received long before is not a recent contact.
        customer.received("C-3", at: 2 * day)
        #expect(customer.contacts(after: 10 * day, atMost: 5) == 1)
        customer.received("C-3", at: 42 * day)
        #expect(customer.contacts(after: 10 * day, atMost: 5) == 2)
        customer.received("C-3", at: 2 * day)
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
