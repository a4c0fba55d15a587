import Foundation
import Testing
@testable import EscalationCore

/// The final-response gate, who may send which letter, and how letters move clocks.
@Suite struct LetterGateTests {
    static let received = ClockFixture.local("2026-12-23 10:00")
    static let clocks = [ClockFixture.summary, ClockFixture.finalResponse, ClockFixture.psd]

    static func millis(_ date: Date) -> EpochMillis { EpochMillis(date.timeIntervalSince1970 * 1000) }

    /// A case's records: opened by tom at receipt, then each (actor, minutes after receipt, event).
    static func records(kind: String = "complaint", _ steps: [(String, Int, CaseEvent)]) -> [CaseEventRecord] {
        let opening = CaseEvent.opened(CaseOpening(customer: "CU-1", kind: kind, channel: "phone", summary: "sealed",
                                                   live: false, caseFlags: [], identityVerified: false, requests: [],
                                                   decision: CaseFixture.decision))
        var out = [CaseEventRecord(seq: 1, caseID: "C-000001", at: millis(received), actor: "tom", actorRole: "agent",
                                   event: opening)]
        for (i, (actor, minutes, event)) in steps.enumerated() {
            out.append(CaseEventRecord(seq: Int64(i + 2), caseID: "C-000001", at: millis(received) + Int64(minutes) * 60_000,
                                       actor: actor, actorRole: CaseFixture.person(actor).role, event: event))
        }
        return out
    }

    static func letter(_ kind: LetterKind, _ outcome: Outcome? = .upheld, grants: [RemedyRequest] = []) -> CaseEvent {
        .letterSent(SentLetter(kind: kind, sha256: String(repeating: "a", count: 64), format: .text, outcome: outcome, grants: grants))
    }

    /// Resolving the case as `records` leave it, `minutes` after receipt: nil when allowed.
    static func gate(_ records: [CaseEventRecord], outcome: Outcome = .upheld, grants: [RemedyRequest] = [],
                     minutes: Int) -> CaseRefusal? {
        let c = try! Case.fold(records, roleOf: CaseFixture.rulebook.role(of:))
        let now = received.addingTimeInterval(Double(minutes) * 60)
        let facts = ClockFacts(received: received, kind: c.kind, events: CaseClocks.events(records, clocks: Self.clocks))
        let statuses = ClockBook.statuses(for: facts, clocks: clocks, calendars: [ClockFixture.england], time: ClockFixture.london,
                                          now: now)
        do {
            try CaseFixture.rulebook.checkResponseLetter(c, events: records, clocks: statuses, outcome: outcome, grants: grants,
                                                         now: now)
            return nil
        } catch { return error }
    }

    @Test func aRegulatedComplaintWaitsForItsFinalResponseLetter() {
        guard case .letterRequired(let sentence)? = Self.gate(Self.records([]), minutes: 60) else {
            Issue.record("resolved without a letter")
            return
        }
        #expect(sentence.contains("FCA DISP") == false) // the fixture's clocks name their rule "rule of …"
        #expect(sentence.contains("C-000001 is a regulated complaint (rule of disp_final_response)"))
        #expect(sentence.contains("escdesk case letter C-000001 --kind final_response"))
        // An acknowledgement or holding response does not tell the decision.
        #expect(Self.gate(Self.records([("tom", 5, Self.letter(.acknowledgement, nil)),
                                        ("tom", 6, Self.letter(.holdingResponse, nil))]), minutes: 60) != nil)
        #expect(Self.gate(Self.records([("tom", 30, Self.letter(.finalResponse))]), minutes: 60) == nil)
    }

    @Test func theResolutionMustBeTheDecisionTheLetterTold() {
        let refund = RemedyRequest(action: "refund", amount: Money(minor: 4000, currency: .gbp))
        let other = RemedyRequest(action: "refund", amount: Money(minor: 4001, currency: .gbp))
        let sent = Self.records([("tom", 30, Self.letter(.finalResponse, .partlyUpheld, grants: [refund]))])
        #expect(Self.gate(sent, outcome: .partlyUpheld, grants: [refund], minutes: 60) == nil)
        #expect(Self.gate(sent, outcome: .upheld, grants: [refund], minutes: 60) != nil)
        #expect(Self.gate(sent, outcome: .partlyUpheld, grants: [other], minutes: 60) != nil)
        #expect(Self.gate(sent, outcome: .partlyUpheld, grants: [], minutes: 60) != nil)
        // A newer letter with the new decision replaces the old one.
        let again = Self.records([("tom", 30, Self.letter(.finalResponse, .partlyUpheld, grants: [refund])),
                                  ("tom", 40, Self.letter(.finalResponse, .notUpheld))])
        #expect(Self.gate(again, outcome: .notUpheld, minutes: 60) == nil)
    }

    @Test func aSummaryResolutionServesOnlyInsideTheSummaryWindow() {
        // Received Wed 23 Dec 2026 10:00: the summary window closes at close of business on
        // Wed 30 Dec (Christmas and the Boxing Day substitute are not business days).
        let summary = Self.records([("tom", 30, Self.letter(.summaryResolution))])
        #expect(Self.gate(summary, minutes: 60) == nil)
        let closing = Int(ClockFixture.local("2026-12-30 17:00").timeIntervalSince(Self.received) / 60)
        #expect(Self.gate(summary, minutes: closing) == nil)
        #expect(Self.gate(summary, minutes: closing + 60 * 24) != nil)
        let late = Self.records([("tom", closing + 60 * 24, Self.letter(.summaryResolution))])
        #expect(Self.gate(late, minutes: closing + 60 * 24 + 1) != nil)
    }

    @Test func aReopenedComplaintNeedsANewLetter() {
        let records = Self.records([("tom", 30, Self.letter(.finalResponse)), ("tom", 31, .resolved(CaseFixture.resolution(CaseFixture.open))),
                                    ("ana", 60, .reopened(note: nil))])
        #expect(Self.gate(records, minutes: 90) != nil)
        let resent = Self.records([("tom", 30, Self.letter(.finalResponse)),
                                   ("tom", 31, .resolved(CaseFixture.resolution(CaseFixture.open))),
                                   ("ana", 60, .reopened(note: nil)), ("ana", 70, Self.letter(.finalResponse))])
        #expect(Self.gate(resent, minutes: 90) == nil)
    }

    @Test func aKindNoFinalResponseClockAppliesToIsNotGated() {
        #expect(Self.gate(Self.records(kind: "enquiry", []), minutes: 60) == nil)
        #expect(Self.gate(Self.records(kind: "payment_complaint", []), minutes: 60) != nil)
        #expect(!CaseRulebook.mayNeedResponseLetter(clocks: Self.clocks, kind: "enquiry", flags: [], channel: "phone"))
        #expect(CaseRulebook.mayNeedResponseLetter(clocks: Self.clocks, kind: "payment_complaint", flags: [], channel: "phone"))
        // A service clock with the same id is not a regulatory final response.
        let service = ClockFixture.clock("disp_final_response", .calendarDays(56), family: .service)
        #expect(!CaseRulebook.mayNeedResponseLetter(clocks: [service], kind: "complaint", flags: [], channel: nil))
    }

    @Test func aHoldingResponseMovesThePaymentServicesClockFrom15To35BusinessDays() {
        let before = Self.records(kind: "payment_complaint", [])
        let after = Self.records(kind: "payment_complaint", [("tom", 60 * 24, Self.letter(.holdingResponse, nil))])
        func psd(_ records: [CaseEventRecord]) -> ClockStatus? {
            let facts = ClockFacts(received: Self.received, kind: "payment_complaint", events: CaseClocks.events(records, clocks: Self.clocks))
            return ClockBook.status(of: ClockFixture.psd, facts: facts, calendar: ClockFixture.england, time: ClockFixture.london,
                                    now: Self.received.addingTimeInterval(3600 * 48))
        }
        // 15 business days after Wed 23 Dec 2026 (25, 28 Dec and 1 Jan closed): Mon 18 Jan 2027;
        // 35: Mon 15 Feb 2027.
        #expect(psd(before)?.dueDate == LocalDate("2027-01-18"))
        #expect(psd(after)?.dueDate == LocalDate("2027-02-15"))
        #expect(CaseClocks.events(after, clocks: Self.clocks).contains(.holdingResponseSent(at: Self.received.addingTimeInterval(86_400))))
    }

    @Test func lettersMeetTheirClocks() {
        let at = Self.received.addingTimeInterval(60)
        let events = CaseClocks.events(Self.records([("tom", 1, Self.letter(.finalResponse))]), clocks: Self.clocks)
        #expect(events.contains(.met(clock: "disp_final_response", at: at)))
        #expect(events.contains(.met(clock: "psd_final_response", at: at)))
        #expect(!events.contains(.holdingResponseSent(at: at)))
        let summary = CaseClocks.events(Self.records([("tom", 1, Self.letter(.summaryResolution))]), clocks: Self.clocks)
        #expect(summary.contains(.met(clock: "disp_summary_resolution", at: at)))
        #expect(!summary.contains(.met(clock: "disp_final_response", at: at)))
        let escalated = CaseClocks.events(Self.records([("tom", 1, .escalated(routeTo: "team_leader",
            decision: CaseFixture.decision, note: CaseFixture.note))]), clocks: Self.clocks)
        #expect(escalated == [.referred(at: at)])
    }

    // MARK: Who may send

    static func refusal(_ kind: LetterKind, _ c: Case, _ actor: String) -> CaseRefusal? {
        do { try CaseFixture.rulebook.checkLetter(kind, on: c, by: CaseFixture.person(actor)); return nil } catch { return error }
    }

    @Test func theHolderSendsTheDecisionLetters() {
        #expect(Self.refusal(.finalResponse, CaseFixture.open, "tom") == nil)
        #expect(Self.refusal(.summaryResolution, CaseFixture.claimed, "priya") == nil)
        #expect(Self.refusal(.finalResponse, CaseFixture.returned, "tom") == nil)
        #expect(Self.refusal(.finalResponse, CaseFixture.open, "ana") == .heldByOther(caseID: "C-000001", holder: "Tom Reed"))
        #expect(Self.refusal(.finalResponse, CaseFixture.open, "helen") == .heldByOther(caseID: "C-000001", holder: "Tom Reed"))
        guard case .notPermitted? = Self.refusal(.finalResponse, CaseFixture.escalated, "priya") else {
            Issue.record("a decision letter sent on a case waiting in a queue")
            return
        }
        for c in [CaseFixture.resolved, CaseFixture.closed] {
            guard case .notPermitted? = Self.refusal(.finalResponse, c, "priya") else {
                Issue.record("a final response sent on a \(c.state) case")
                continue
            }
        }
    }

    @Test func anAcknowledgementOrHoldingResponseMayComeFromTheQueue() {
        #expect(Self.refusal(.acknowledgement, CaseFixture.open, "tom") == nil)
        #expect(Self.refusal(.holdingResponse, CaseFixture.escalated, "tom") == nil)   // the referrer
        #expect(Self.refusal(.holdingResponse, CaseFixture.escalated, "sam") == nil)   // could claim it
        guard case .notPermitted? = Self.refusal(.holdingResponse, CaseFixture.escalated, "ana") else {
            Issue.record("an agent wrote on a team leader's referral")
            return
        }
        #expect(Self.refusal(.acknowledgement, CaseFixture.claimed, "sam") == .heldByOther(caseID: "C-000001", holder: "Priya Shah"))
        guard case .notPermitted? = Self.refusal(.acknowledgement, CaseFixture.closed, "priya"),
              case .notPermitted? = Self.refusal(.acknowledgement, CaseFixture.open, "olu") else {
            Issue.record("a letter on a closed case, or from someone off the ladder")
            return
        }
    }
}
