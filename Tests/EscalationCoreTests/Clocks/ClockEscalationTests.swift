import Foundation
import Testing
@testable import EscalationCore

/// What the sweep does with a clock past its warning point, who may correct a receipt, and
/// how the two new case events fold (issue 15).
@Suite struct ClockEscalationTests {
    static let ladder = Fixture.ladder
    static let london = CentreTime(identifier: "Europe/London")!
    static let clock = RegulatoryClock(id: "final", title: "Final response", appliesTo: ["complaint"], starts: "received",
                                       limit: .calendarDays(56), warnAt: 0.25, escalateTo: "manager", calendar: nil,
                                       rule: "FCA DISP 1.6.2R")

    static func status(of c: Case, now: Date = Date(timeIntervalSince1970: 0), clock: RegulatoryClock = clock,
                       records: [CaseEventRecord] = []) -> ClockStatus {
        let facts = CaseClocks.facts(c, records: records, customerFlags: [], customerCalendar: nil, clocks: [clock])
        return ClockBook.status(of: clock, facts: facts, calendar: nil, time: london, now: now)!
    }

    @Test func aCaseBelowTheRoleIsReferredOnceAndOneAtOrAboveItIsLeftAlone() {
        let open = CaseFixture.history([])
        #expect(ClockEscalation.referral(for: Self.status(of: open), on: open, alreadyEscalated: false, ladder: Self.ladder) == "manager")
        #expect(ClockEscalation.referral(for: Self.status(of: open), on: open, alreadyEscalated: true, ladder: Self.ladder) == nil)
        let withLeader = CaseFixture.history([("tom", .escalated(routeTo: "team_leader", decision: CaseFixture.decision,
                                                                  note: CaseFixture.note))])
        #expect(ClockEscalation.referral(for: Self.status(of: withLeader), on: withLeader, alreadyEscalated: false,
                                         ladder: Self.ladder) == "manager")
        let withManager = CaseFixture.history([("tom", .escalated(routeTo: "manager", decision: CaseFixture.decision,
                                                                   note: CaseFixture.note))])
        #expect(ClockEscalation.referral(for: Self.status(of: withManager), on: withManager, alreadyEscalated: false,
                                         ladder: Self.ladder) == nil)
        let withHead = CaseFixture.history([("tom", .escalated(routeTo: "head", decision: CaseFixture.decision, note: CaseFixture.note))])
        #expect(ClockEscalation.referral(for: Self.status(of: withHead), on: withHead, alreadyEscalated: false,
                                         ladder: Self.ladder) == nil)
    }

    @Test func aCaseHandedBackByAManagerIsNotReferredBackUp() {
        let returned = CaseFixture.history([
            ("tom", .escalated(routeTo: "manager", decision: CaseFixture.decision, note: CaseFixture.note)),
            ("maria", .claimed(queue: "manager")),
            ("maria", .returned(to: "tom", note: CaseFixture.note)),
        ])
        #expect(returned.queueRole == "agent" && returned.delegatedRole == "manager")
        #expect(ClockEscalation.referral(for: Self.status(of: returned), on: returned, alreadyEscalated: false,
                                         ladder: Self.ladder) == nil)
    }

    @Test func metPausedOrUnconfiguredClocksAskNothing() {
        let open = CaseFixture.history([])
        let resolved = CaseFixture.history([("tom", .resolved(CaseFixture.resolution(open)))])
        let records = [CaseEventRecord(seq: 2, caseID: resolved.id, at: 60_000, actor: "tom", actorRole: "agent",
                                       event: .resolved(CaseFixture.resolution(open)))]
        let met = Self.status(of: resolved, records: records)
        #expect(met.state == .met)
        #expect(ClockEscalation.referral(for: met, on: open, alreadyEscalated: false, ladder: Self.ladder) == nil)
        let silent = RegulatoryClock(id: "quiet", title: "Quiet", appliesTo: ["complaint"], starts: "received",
                                     limit: .calendarDays(5), warnAt: 0.5, escalateTo: nil, calendar: nil)
        #expect(ClockEscalation.referral(for: Self.status(of: open, clock: silent), on: open, alreadyEscalated: false,
                                         ladder: Self.ladder) == nil)
        // A resolved case is not referred whatever its clock says.
        #expect(ClockEscalation.referral(for: Self.status(of: open), on: resolved, alreadyEscalated: false, ladder: Self.ladder) == nil)
    }

    @Test func referralsStartAndClaimsMeetReferredClocks() {
        let referral = RegulatoryClock(id: "claimed", title: "Claimed", appliesTo: ["complaint"], starts: "referred",
                                       limit: .hours(4), warnAt: 0.25, escalateTo: "manager", calendar: nil)
        let records = [
            CaseEventRecord(seq: 2, caseID: "C-000001", at: 60_000, actor: "system", actorRole: "system",
                            event: .clockEscalated(clock: "final", routeTo: "team_leader", team: nil, note: .withheld)),
            CaseEventRecord(seq: 3, caseID: "C-000001", at: 120_000, actor: "priya", actorRole: "team_leader",
                            event: .claimed(queue: "team_leader")),
        ]
        #expect(CaseClocks.events(records, clocks: [Self.clock, referral])
                == [.referred(at: Date(timeIntervalSince1970: 60)), .met(clock: "claimed", at: Date(timeIntervalSince1970: 120))])
        #expect(CaseClocks.escalations(records) == ["final": 60_000])
    }

    @Test func theReasonNamesTheClockItsRuleAndItsDueTime() {
        let due = Self.london.instant(LocalDate("2027-02-17")!, secondsIntoDay: 86_399)
        #expect(ClockEscalation.reason(Self.clock, due: due, role: "manager", ladder: Self.ladder, time: Self.london)
                == "Final response (FCA DISP 1.6.2R) is due 2027-02-17T23:59:59+00:00 and has passed its warning point: "
                + "referred to Contact Centre Manager automatically")
        // Found only after it was due (no desk or cron ran the sweep in time): a breach.
        #expect(ClockEscalation.reason(Self.clock, due: due, role: "manager", ladder: Self.ladder, time: Self.london,
                                       now: due.addingTimeInterval(60))
                == "Final response (FCA DISP 1.6.2R) was due 2027-02-17T23:59:59+00:00 and is breached: "
                + "referred to Contact Centre Manager automatically")
        #expect(ClockEscalation.reason(Self.clock, due: due, role: "manager", ladder: Self.ladder, time: Self.london,
                                       now: due.addingTimeInterval(-60)).contains("has passed its warning point"))
    }

    @Test func aReceiptIsNeverInTheFutureNorAfterTheOpening() {
        #expect(CaseReceipt.refusal(received: 10, now: 10) == nil)
        #expect(CaseReceipt.refusal(received: 11, now: 10)?.contains("in the future") == true)
        #expect(CaseReceipt.refusal(received: 8, now: 10, opened: 9) == nil)
        #expect(CaseReceipt.refusal(received: 9_500, now: 10_000, opened: 9_000)?.contains("after the case was opened") == true)
    }

    @Test func onlyATeamLeaderOrAboveOrTheDeclaredPowerCorrectsAReceipt() {
        let c = CaseFixture.history([])
        #expect(throws: CaseRefusal.self) { try CaseFixture.rulebook.checkCorrectReceipt(c, by: CaseFixture.person("tom")) }
        #expect(throws: CaseRefusal.self) { try CaseFixture.rulebook.checkCorrectReceipt(c, by: CaseFixture.person("olu")) }
        #expect(throws: Never.self) { try CaseFixture.rulebook.checkCorrectReceipt(c, by: CaseFixture.person("priya")) }
        #expect(throws: Never.self) { try CaseFixture.rulebook.checkCorrectReceipt(c, by: CaseFixture.person("helen")) }
    }

    @Test func aCorrectionMovesTheReceiptAndAClockReferralMovesTheCaseFromAnyActiveState() {
        let claimed = CaseFixture.history([
            ("tom", .escalated(routeTo: "team_leader", decision: CaseFixture.decision, note: CaseFixture.note)),
            ("priya", .claimed(queue: "team_leader")),
        ])
        let corrected = try! claimed.applying(CaseEventRecord(seq: 9, caseID: claimed.id, at: 600_000, actor: "priya",
                                                               actorRole: "team_leader",
                                                               event: .receiptCorrected(to: -86_400_000, rationale: CaseFixture.note)),
                                               roleOf: CaseFixture.rulebook.role(of:))
        #expect(corrected.receivedAt == -86_400_000)
        #expect(corrected.deadlineAt == CaseDeadline.due(kind: "complaint", receivedAt: -86_400_000))
        #expect(throws: CaseFoldError.self) {
            try claimed.applying(CaseEventRecord(seq: 9, caseID: claimed.id, at: 600_000, actor: "priya", actorRole: "team_leader",
                                                 event: .receiptCorrected(to: 700_000, rationale: CaseFixture.note)),
                                 roleOf: CaseFixture.rulebook.role(of:))
        }
        let moved = try! claimed.applying(CaseEventRecord(seq: 10, caseID: claimed.id, at: 700_000, actor: "system", actorRole: "system",
                                                           event: .clockEscalated(clock: "final", routeTo: "manager", team: nil,
                                                                                  note: CaseFixture.note)),
                                           roleOf: CaseFixture.rulebook.role(of:))
        #expect(moved.state == .escalated && moved.queueRole == "manager" && moved.holder == nil)
        #expect(moved.escalatedBy == "tom", "a return still goes back to whoever referred it")
        let closed = CaseFixture.history([("tom", .resolved(CaseFixture.resolution(claimed))), ("tom", .closed)])
        #expect(throws: CaseFoldError.self) {
            try closed.applying(CaseEventRecord(seq: 10, caseID: closed.id, at: 700_000, actor: "system", actorRole: "system",
                                                event: .clockEscalated(clock: "final", routeTo: "manager", team: nil, note: CaseFixture.note)),
                                roleOf: CaseFixture.rulebook.role(of:))
        }
    }
}
