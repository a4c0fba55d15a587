import Foundation
import Testing
@testable import EscalationCore

/// Team routing (`TeamRouting`): which rung goes to teams, which team a referral waits for,
/// who sees it as "Referred to me" or "Other teams", and when a claim is cover.
@Suite struct TeamRoutingTests {
    typealias F = CaseFixture

    static let teams = [Team(id: "billing_a", name: "Billing A", leader: "priya"),
                        Team(id: "billing_b", name: "Billing B", leader: "marcus")]
    static let staff = StaffDirectory(teams: teams, staff: [
        StaffMember(id: "tom", name: "Tom Reed", role: "agent", login: "tom", team: "billing_a"),
        StaffMember(id: "chloe", name: "Chloe Evans", role: "agent", login: "chloe", team: "billing_b"),
        StaffMember(id: "nat", name: "Nat Floater", role: "agent", login: "nat", team: nil),
        StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: "billing_a"),
        StaffMember(id: "marcus", name: "Marcus Bell", role: "team_leader", login: "marcus", team: "billing_b"),
        StaffMember(id: "sam", name: "Sam Okafor", role: "team_leader", login: "sam", team: nil),
        StaffMember(id: "maria", name: "Maria Jones", role: "manager", login: "maria", team: "billing_a"),
    ])
    static func routing(_ scope: ReferralScope? = nil, staff: StaffDirectory = staff) -> TeamRouting {
        TeamRouting(ladder: Fixture.ladder, staff: staff, declared: scope)
    }
    static func person(_ id: String) -> StaffMember { staff.member(id: id)! }

    /// A case Tom's history leaves waiting for `team` at the team-leader rung (then the steps).
    static func waiting(for team: String?, then steps: [(String, CaseEvent)] = []) -> Case {
        var c = F.history([])
        let events = [("tom", CaseEvent.escalated(routeTo: "team_leader", decision: F.decision, note: F.note, team: team))] + steps
        for (i, (actor, event)) in events.enumerated() {
            let record = CaseEventRecord(seq: Int64(i + 2), caseID: c.id, at: Int64(i + 1) * 60_000, actor: actor,
                                         actorRole: person(actor).role, event: event)
            c = try! c.applying(record, roleOf: { staff.member(id: $0)?.role })
        }
        return c
    }

    @Test func theTeamRungIsTheRoleTheLeadersHold() {
        #expect(Self.routing().teamRung == Fixture.ladder.rank(of: "team_leader"))
        #expect(Self.routing().scope == .team)
        // Leaders who hold the manager role put the team rung there.
        let managers = StaffDirectory(teams: [Team(id: "t", name: "T", leader: "maria")], staff: Self.staff.staff)
        #expect(Self.routing(staff: managers).teamRung == Fixture.ladder.rank(of: "manager"))
        // Teams that name no leader on the staff list: the rung just above the lowest.
        let leaderless = StaffDirectory(teams: [Team(id: "billing_a", name: "A", leader: nil)], staff: Self.staff.staff)
        #expect(Self.routing(staff: leaderless).teamRung == 1)
    }

    @Test func withoutTeamsOrWithRoleScopeEveryRungIsRoleWide() {
        #expect(Self.routing(.role).teamRung == nil)
        #expect(Self.routing(.role).team(forReferralTo: "team_leader", by: Self.person("tom")) == nil)
        let noTeams = Self.routing(staff: F.staff)
        #expect(noTeams.scope == .role)
        #expect(noTeams.teamRung == nil)
        #expect(noTeams.view(for: F.person("priya")) == .roleWide)
    }

    @Test func aReferralToTheTeamRungWaitsForTheEscalatorsTeam() {
        let r = Self.routing()
        #expect(r.team(forReferralTo: "team_leader", by: Self.person("tom")) == "billing_a")
        #expect(r.team(forReferralTo: "team_leader", by: Self.person("chloe")) == "billing_b")
        // No team, or a higher rung: role-wide.
        #expect(r.team(forReferralTo: "team_leader", by: Self.person("nat")) == nil)
        #expect(r.team(forReferralTo: "manager", by: Self.person("tom")) == nil)
        // A team with nobody at the routed role cannot take it: role-wide.
        let lonely = StaffDirectory(teams: Self.teams + [Team(id: "care", name: "Care", leader: nil)],
                                    staff: Self.staff.staff + [StaffMember(id: "owen", name: "Owen", role: "agent", login: "owen", team: "care")])
        #expect(Self.routing(staff: lonely).team(forReferralTo: "team_leader", by: lonely.member(id: "owen")!) == nil)
    }

    @Test func referredToMeIsMyTeamsAndRoleWideReferralsAndWhatIClaimed() {
        let r = Self.routing()
        let forA = Self.waiting(for: "billing_a"), roleWide = Self.waiting(for: nil)
        #expect(forA.queueTeam == "billing_a")
        #expect(r.isReferred(forA, to: Self.person("priya")))
        #expect(!r.isReferred(forA, to: Self.person("marcus")))
        #expect(r.isForOtherTeam(forA, member: Self.person("marcus")))
        #expect(!r.isForOtherTeam(forA, member: Self.person("priya")))
        #expect(r.isReferred(roleWide, to: Self.person("priya")) && r.isReferred(roleWide, to: Self.person("marcus")))
        #expect(!r.isForOtherTeam(roleWide, member: Self.person("marcus")))
        // A team leader without a team sees every referral to the role, and no "Other teams".
        #expect(r.isReferred(forA, to: Self.person("sam")))
        #expect(!r.seesOtherTeams(Self.person("sam")))
        #expect(r.seesOtherTeams(Self.person("marcus")))
        #expect(r.view(for: Self.person("priya")) == .team("billing_a", others: ["billing_b"]))
        // A team with nobody at the rung can have nothing waiting: it is no "other team".
        let care = StaffDirectory(teams: [Self.teams[0], Team(id: "care", name: "Care", leader: nil)],
                                  staff: Self.staff.staff.filter { $0.team != "billing_b" }
                                      + [StaffMember(id: "owen", name: "Owen", role: "agent", login: "owen", team: "care")])
        #expect(Self.routing(staff: care).view(for: Self.person("priya")) == .team("billing_a", others: []))
        #expect(!Self.routing(staff: care).seesOtherTeams(Self.person("priya")))
        // Claimed: the claimer's alone; returned: nobody's referral, and no longer waiting for a team.
        let claimed = Self.waiting(for: "billing_a", then: [("marcus", .claimed(queue: "team_leader", coverFor: "billing_a"))])
        #expect(r.isReferred(claimed, to: Self.person("marcus")))
        #expect(!r.isReferred(claimed, to: Self.person("priya")))
        let returned = Self.waiting(for: "billing_a", then: [("priya", .claimed(queue: "team_leader")),
                                                              ("priya", .returned(to: "tom", note: F.note))])
        #expect(returned.queueTeam == nil)
        #expect(!r.isReferred(returned, to: Self.person("tom")))
        // My own open case is never referred to me.
        #expect(!r.isReferred(F.open, to: Self.person("tom")))
    }

    @Test func aClaimByAnotherTeamIsCover() {
        let r = Self.routing()
        let forA = Self.waiting(for: "billing_a")
        #expect(r.coverFor(forA, by: Self.person("marcus")) == "billing_a")
        #expect(r.coverFor(forA, by: Self.person("priya")) == nil)
        #expect(r.coverFor(Self.waiting(for: nil), by: Self.person("marcus")) == nil)
        #expect(r.name(ofTeam: "billing_b") == "Billing B")
        #expect(r.name(ofTeam: "gone") == "gone")
    }

    @Test func outcomesAreOthersActionsOnCasesIReferred() {
        func record(_ actor: String, _ event: CaseEvent) -> CaseEventRecord {
            CaseEventRecord(seq: 9, caseID: "C-000001", at: 0, actor: actor, actorRole: "team_leader", event: event)
        }
        let claim = record("priya", .claimed(queue: "team_leader"))
        #expect(CaseOutcome.kind(of: claim, escalators: ["tom"], for: "tom") == .claimed)
        #expect(CaseOutcome.kind(of: claim, escalators: ["ana"], for: "tom") == nil)
        #expect(CaseOutcome.kind(of: record("priya", .returned(to: "tom", note: F.note)), escalators: ["tom"], for: "tom") == .returned)
        #expect(CaseOutcome.kind(of: record("priya", .resolved(F.resolution(F.claimed))), escalators: ["tom"], for: "tom") == .resolved)
        // My own resolution of a case returned to me, and events that are no outcome, are not news.
        #expect(CaseOutcome.kind(of: record("tom", .resolved(F.resolution(F.claimed))), escalators: ["tom"], for: "tom") == nil)
        #expect(CaseOutcome.kind(of: record("priya", .closed), escalators: ["tom"], for: "tom") == nil)
        // A clock referral is news to whoever held the case just before it, and to nobody else.
        let swept = CaseEventRecord(seq: 9, caseID: "C-000001", at: 9, actor: "system", actorRole: "system",
                                    event: .clockEscalated(clock: "final", routeTo: "manager", team: nil, note: F.note))
        #expect(CaseOutcome.kind(of: swept, escalators: ["tom"], holder: "priya", for: "priya") == .referredOnClock)
        #expect(CaseOutcome.kind(of: swept, escalators: ["tom"], holder: "priya", for: "tom") == nil)
        #expect(CaseOutcome.kind(of: swept, escalators: [], holder: nil, for: "priya") == nil)
        #expect(!CaseOutcome(seq: 9, caseID: "C-000001", kind: .referredOnClock, at: Date(), actorID: "system", actorName: "",
                             actorRole: "system").rings)
    }

    /// Everyone who referred a case up hears of it, not only the last; a return only reaches
    /// whom it hands the case back to.
    @Test func everyEscalatorHearsAndAReturnReachesItsAddressee() {
        func record(_ actor: String, _ event: CaseEvent) -> CaseEventRecord {
            CaseEventRecord(seq: 9, caseID: "C-000001", at: 0, actor: actor, actorRole: "team_leader", event: event)
        }
        let history = [record("tom", .escalated(routeTo: "team_leader", decision: F.decision, note: F.note)),
                       record("priya", .claimed(queue: "team_leader")),
                       record("priya", .escalated(routeTo: "manager", decision: F.decision, note: F.note)),
                       record("maria", .claimed(queue: "manager"))]
        let escalators = CaseOutcome.escalators(of: history)
        #expect(escalators == ["tom", "priya"])
        let resolved = record("maria", .resolved(F.resolution(F.claimed)))
        #expect(CaseOutcome.kind(of: resolved, escalators: escalators, for: "tom") == .resolved)
        #expect(CaseOutcome.kind(of: resolved, escalators: escalators, for: "priya") == .resolved)
        #expect(CaseOutcome.kind(of: resolved, escalators: escalators, for: "ana") == nil)
        let returned = record("maria", .returned(to: "priya", note: F.note))
        #expect(CaseOutcome.kind(of: returned, escalators: escalators, for: "priya") == .returned)
        #expect(CaseOutcome.kind(of: returned, escalators: escalators, for: "tom") == nil)
        #expect(CaseOutcome.escalators(of: [record("tom", .claimed(queue: "agent"))]).isEmpty)
    }
}
