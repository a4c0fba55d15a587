import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Team routing as the store records and lists it: the escalation event names the team,
/// the case waits for it, "Referred to me" and "Other teams" read it through the listing
/// indexes, a claim by another team is recorded as cover, and outcomes reach the escalator.
@Suite struct TeamRoutingStoreTests {
    static let refund = RemedyRequest(action: "refund", amount: Fixtures.pounds(75))

    /// Two teams; Tom (Billing A) and Chloe (Billing B) each refer a case to the team-leader rung.
    private func twoTeams(scope: ReferralScope? = nil) throws -> (DeskStore, tom: String, chloe: String) {
        let (store, _) = try Fixtures.newStore(centre: Fixtures.centre(twoTeams: true, referralScope: scope))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        var ids: [String] = []
        for (i, agent) in ["tom", "chloe"].enumerated() {
            let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)", requests: [Self.refund]),
                                            actor: agent, now: Fixtures.minutes(Double(i)))
            _ = try store.escalate(caseID: opened.id, note: "Over my limit", actor: agent, now: Fixtures.minutes(Double(i) + 0.5))
            ids.append(opened.id)
        }
        return (store, ids[0], ids[1])
    }

    private func ids(_ store: DeskStore, _ queue: CaseQueue) throws -> [String] {
        try store.casePage(queue: queue, limit: 100).map(\.id)
    }

    @Test func aReferralToTheTeamLeaderRungWaitsForTheEscalatorsTeam() throws {
        let (store, tom, chloe) = try twoTeams()
        #expect(try ids(store, .referred(role: "team_leader", staffID: "priya")) == [tom])
        #expect(try ids(store, .referred(role: "team_leader", staffID: "marcus")) == [chloe])
        #expect(try ids(store, .otherTeams(role: "team_leader", staffID: "marcus")) == [tom])
        #expect(try ids(store, .otherTeams(role: "team_leader", staffID: "priya")) == [chloe])
        #expect(try store.countCases(queue: .referred(role: "team_leader", staffID: "priya")) == 1)
        #expect(try store.countCases(queue: .otherTeams(role: "team_leader", staffID: "priya")) == 1)
        // The role's queue as a whole, and every case, still show both.
        #expect(try store.countCases(queue: .role("team_leader")) == 2)
        let escalation = try store.caseDetail(id: tom).timeline.last
        #expect(escalation?.kind == .caseEscalated)
        #expect(escalation?.team == "billing_a")
        #expect(try store.verifyChain().isIntact)
    }

    /// A list line says which team a referral waits for (the queue's "With" column names it).
    @Test func aListedReferralCarriesItsTeam() throws {
        let (store, tom, _) = try twoTeams()
        let waiting = try store.listCases(queue: .referred(role: "team_leader", staffID: "priya")).cases
        #expect(waiting.map(\.id) == [tom])
        #expect(waiting.first?.queueTeam == "billing_a")
        let (roleWide, tomRoleWide, _) = try twoTeams(scope: .role)
        #expect(try roleWide.listCases(queue: .all).cases.first { $0.id == tomRoleWide }?.queueTeam == nil)
    }

    @Test func aClaimFromAnotherTeamIsRecordedAsCover() throws {
        let (store, tom, _) = try twoTeams()
        try store.claim(caseID: tom, actor: "marcus", now: Fixtures.minutes(5))
        let claim = try store.caseDetail(id: tom).timeline.last
        #expect(claim?.kind == .caseClaimed)
        #expect(claim?.coverFor == "billing_a")
        // Now his: in his "Referred to me", gone from both teams' waiting lists.
        #expect(try ids(store, .referred(role: "team_leader", staffID: "marcus")).contains(tom))
        #expect(try !ids(store, .referred(role: "team_leader", staffID: "priya")).contains(tom))
        #expect(try ids(store, .otherTeams(role: "team_leader", staffID: "marcus")).isEmpty)
        // Priya claiming her own team's referral is no cover.
        let (again, tomAgain, _) = try twoTeams()
        try again.claim(caseID: tomAgain, actor: "priya", now: Fixtures.minutes(5))
        #expect(try again.caseDetail(id: tomAgain).timeline.last?.coverFor == nil)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func higherRungsAndRoleScopeStayRoleWide() throws {
        let (store, tom, chloe) = try twoTeams(scope: .role)
        for leader in ["priya", "marcus"] {
            #expect(Set(try ids(store, .referred(role: "team_leader", staffID: leader))) == [tom, chloe])
            #expect(try ids(store, .otherTeams(role: "team_leader", staffID: leader)).isEmpty)
        }
        #expect(try store.caseDetail(id: tom).timeline.last?.team == nil)

        let (teams, _, _) = try twoTeams()
        let big = RemedyRequest(action: "refund", amount: Fixtures.pounds(900))
        let opened = try teams.openCase(NewCase(customer: "CU-1", summary: "Big", requests: [big]), actor: "tom", now: Fixtures.minutes(9))
        let referral = try teams.escalate(caseID: opened.id, note: "Manager", actor: "tom", now: Fixtures.minutes(10))
        #expect(referral.routeTo == "manager")
        #expect(try teams.caseDetail(id: opened.id).timeline.last?.team == nil)
        #expect(try ids(teams, .referred(role: "manager", staffID: "maria")) == [opened.id])
    }

    /// The bug: an agent's status bar said "Referred 1" for their own open case. "Referred to
    /// me" is referrals waiting for me and cases I claimed, never my own open, returned or
    /// reopened ones.
    @Test func referredToMeNeverListsMyOwnOpenOrReturnedCases() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        let open = try store.openCase(NewCase(customer: "CU-1", summary: "Mine"), actor: "tom", now: Fixtures.minutes(1))
        let returned = try store.openCase(NewCase(customer: "CU-1", summary: "Back", requests: [Self.refund]),
                                          actor: "tom", now: Fixtures.minutes(2))
        _ = try store.escalate(caseID: returned.id, note: "Up", actor: "tom", now: Fixtures.minutes(3))
        try store.claim(caseID: returned.id, actor: "priya", now: Fixtures.minutes(4))
        try store.returnCase(caseID: returned.id, guidance: "Offer a plan", actor: "priya", now: Fixtures.minutes(5))
        #expect(try store.countCases(queue: .referred(role: "agent", staffID: "tom")) == 0)
        #expect(try ids(store, .referred(role: "agent", staffID: "tom")).isEmpty)
        #expect(Set(try ids(store, .mine(staffID: "tom"))) == [open.id, returned.id])
        // A team leader's own open case is not referred to them either.
        let own = try store.openCase(NewCase(customer: "CU-1", summary: "Priya's"), actor: "priya", now: Fixtures.minutes(6))
        #expect(try !ids(store, .referred(role: "team_leader", staffID: "priya")).contains(own.id))
    }

    @Test func outcomesReachWhoeverReferredTheCase() throws {
        let (store, tom, chloe) = try twoTeams()
        let start = try store.outcomes(for: "tom", after: nil)
        #expect(start.outcomes.isEmpty)
        try store.claim(caseID: tom, actor: "marcus", now: Fixtures.minutes(5))
        try store.claim(caseID: chloe, actor: "priya", now: Fixtures.minutes(6))
        let granted = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))
        _ = try store.resolve(caseID: tom, resolution: Resolution(outcome: .upheld, rationale: "Duplicate", grants: [granted]),
                              actor: "marcus", now: Fixtures.minutes(7))
        let news = try store.outcomes(for: "tom", after: start.through)
        #expect(news.outcomes.map(\.kind) == [.claimed, .resolved])
        #expect(news.outcomes.map(\.caseID) == [tom, tom])
        #expect(news.outcomes.first?.coverFor == "Billing A")
        #expect(news.outcomes.last?.actorName == "Marcus Bell")
        #expect(news.outcomes.last?.outcome == .upheld)
        #expect(news.outcomes.last?.grants == [granted])
        #expect(news.outcomes.map(\.rings) == [false, true])
        // Asked again from where it got to: nothing new. Chloe hears of her own case only.
        #expect(try store.outcomes(for: "tom", after: news.through).outcomes.isEmpty)
        #expect(try store.outcomes(for: "chloe", after: start.through).outcomes.map(\.caseID) == [chloe])
        #expect(try store.outcomes(for: "marcus", after: start.through).outcomes.isEmpty)
        // A return reaches him too, and rings.
        try store.returnCase(caseID: chloe, guidance: "Offer a plan", actor: "priya", now: Fixtures.minutes(8))
        #expect(try store.outcomes(for: "chloe", after: news.through).outcomes.map(\.kind) == [.returned])
    }

    @Test func escalatedByMeListsEveryStateWithItsHolder() throws {
        let (store, tom, chloe) = try twoTeams()
        try store.claim(caseID: tom, actor: "priya", now: Fixtures.minutes(5))
        _ = try store.resolve(caseID: tom, resolution: Resolution(outcome: .notUpheld, rationale: "No error"),
                              actor: "priya", now: Fixtures.minutes(6))
        let mine = try store.listCases(queue: .escalatedBy(staffID: "tom"), limit: 10)
        #expect(mine.cases.map(\.id) == [tom])
        #expect(mine.cases.first?.state == .resolved)
        #expect(mine.cases.first?.outcome == .notUpheld)
        #expect(try store.listCases(queue: .escalatedBy(staffID: "chloe")).cases.first?.outcome == nil)
        #expect(try ids(store, .escalatedBy(staffID: "chloe")) == [chloe])
        #expect(try store.countCases(queue: .escalatedBy(staffID: "chloe"), state: .escalated) == 1)
    }

    @Test func teamListingsNeverScanOrSort() throws {
        let (store, _, _) = try twoTeams()
        let queues: [CaseQueue] = [.referred(role: "team_leader", staffID: "priya"), .otherTeams(role: "team_leader", staffID: "priya"),
                                   .escalatedBy(staffID: "tom")]
        for queue in queues {
            for state in [nil, CaseState.escalated, .claimed] {
                let plan = try store.listingPlan(queue: queue, state: state)
                let scans = plan.filter { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }
                #expect(scans.isEmpty, "\(queue) \(String(describing: state)): \(scans)")
            }
        }
        let plan = try store.listingPlan(queue: .otherTeams(role: "team_leader", staffID: "priya"))
        #expect(plan.contains { $0.contains("cases_by_team") }, "\(plan)")
        #expect(try store.listingPlan(queue: .escalatedBy(staffID: "tom")).contains { $0.contains("case_escalators_by_staff") })
        // A team leader's role-wide referrals come from their own index, never from reading
        // every team's waiting case to see it names none (schema 15).
        let referred = try store.listingPlan(queue: .referred(role: "team_leader", staffID: "priya"), state: .escalated)
        #expect(referred.contains { $0.contains("cases_by_role_wide") }, "\(referred)")
        #expect(!referred.contains { $0.contains("USING INDEX cases_by_queue") }, "\(referred)")
        // The claimed ones are counted and listed from the holder index alone, never by
        // reading each held case's row for its queue role (schema 16).
        let claimed = try store.listingPlan(queue: .referred(role: "team_leader", staffID: "priya"), state: .claimed)
        #expect(claimed.contains { $0.contains("COVERING INDEX cases_by_holder") }, "\(claimed)")
        #expect(!claimed.contains { $0.contains("USING INDEX cases_by_holder") }, "\(claimed)")
    }

    @Test func aSchemaFifteenFileGainsTheQueueRoleInTheHolderIndexAndListsAsBefore() throws {
        let (store, tom, _) = try twoTeams()
        try store.claim(caseID: tom, actor: "priya", now: Fixtures.minutes(5))
        let priya = CaseQueue.referred(role: "team_leader", staffID: "priya")
        #expect(try store.countCases(queue: priya) == 1)
        let before = (try ids(store, priya), try store.countCases(queue: priya))
        try Fixtures.downgradeToSchemaFifteen(store)
        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: store.path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[15, SQLiteSchema.schemaVersion]])
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%number, queue_role)%'") == 1)
        #expect(try ids(again, priya) == before.0)
        #expect(try again.countCases(queue: priya) == before.1)
        #expect(try again.verifyChain().isIntact)
    }

    @Test func aSchemaFourteenFileGainsTheRoleWideIndexAndListsAsBefore() throws {
        let (store, _, _) = try twoTeams()
        let before = try ids(store, .referred(role: "team_leader", staffID: "priya"))
        try Fixtures.downgradeToSchemaFourteen(store)
        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: store.path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[14, SQLiteSchema.schemaVersion]])
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_role_wide'") == 1)
        #expect(try ids(again, .referred(role: "team_leader", staffID: "priya")) == before)
        #expect(try again.verifyChain().isIntact)
    }
}
