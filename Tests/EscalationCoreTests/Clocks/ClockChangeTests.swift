import Foundation
import Testing
@testable import EscalationCore

/// Who may pause, resume and extend a case's clocks, and what the clocks allow (issue 15):
/// regulatory clocks never pause, an extension is once, within its months, before it runs
/// out, and a pause or extension always has a reason.
@Suite struct ClockChangeTests {
    typealias F = CaseFixture
    static let london = CentreTime(identifier: "Europe/London")!
    static let firstResponse = RegulatoryClock(id: "first_response", title: "First response", family: .service,
                                               appliesTo: ["complaint"], starts: "received", limit: .hours(8), warnAt: 0.25,
                                               escalateTo: "team_leader", calendar: nil, rule: "SS-1")
    static let finalResponse = RegulatoryClock(id: "final", title: "Final response", appliesTo: ["complaint"], starts: "received",
                                               limit: .calendarDays(56), warnAt: 0.25, escalateTo: "manager", calendar: nil,
                                               rule: "FCA DISP 1.6.2R")
    static let subjectAccess = RegulatoryClock(id: "access", title: "Subject access", appliesTo: ["complaint"],
                                               starts: "received", limit: .months(1, rollToWorkingDay: false),
                                               extendable: ClockExtension(months: 2), warnAt: 0.25, escalateTo: nil,
                                               calendar: nil, rule: "UK GDPR Art. 12(3)")
    static let clocks = [firstResponse, finalResponse, subjectAccess]
    static let minute: Int64 = 60_000

    /// The case's clocks at `now` (milliseconds), with these recorded clock changes after its opening.
    static func statuses(_ c: Case, _ changes: [CaseEvent] = [], now: Int64, clocks: [RegulatoryClock] = clocks) -> [ClockStatus] {
        let records = changes.enumerated().map { i, event in
            CaseEventRecord(seq: Int64(100 + i), caseID: c.id, at: Int64(i + 1) * minute, actor: "tom", actorRole: "agent", event: event)
        }
        let facts = CaseClocks.facts(c, records: records, customerFlags: [], customerCalendar: nil, clocks: clocks)
        return ClockBook.statuses(for: facts, clocks: clocks, calendars: [], time: london, now: Date(timeIntervalSince1970: Double(now) / 1000))
    }

    static func check(_ change: ClockChange, reason: String? = "Waiting for the customer's meter photo", on c: Case = F.open,
                      after changes: [CaseEvent] = [], by person: String = "tom", at now: Int64 = 30 * minute,
                      book: CaseRulebook = F.rulebook) throws(CaseRefusal) {
        try book.checkClockChange(change, reason: reason, on: c, statuses: statuses(c, changes, now: now), clocks: clocks,
                                  by: F.person(person), at: Date(timeIntervalSince1970: Double(now) / 1000))
    }

    static func refusal(_ change: ClockChange, reason: String? = "a reason", on c: Case = F.open, after changes: [CaseEvent] = [],
                        by person: String = "tom", at now: Int64 = 30 * minute, book: CaseRulebook = F.rulebook) -> CaseRefusal? {
        do throws(CaseRefusal) {
            try check(change, reason: reason, on: c, after: changes, by: person, at: now, book: book)
            return nil
        } catch { return error }
    }

    static let paused = CaseEvent.clockPaused(clock: nil, reason: .sealed("sealed"))

    @Test func theHolderOrATeamLeaderMayPauseAndResumeAServiceClock() throws {
        try Self.check(.pause(clock: nil))
        try Self.check(.pause(clock: "first_response"), by: "priya")
        try Self.check(.resume(clock: nil), after: [Self.paused])
        try Self.check(.resume(clock: "first_response"), after: [Self.paused], by: "maria")
        guard case .notPermitted(let sentence)? = Self.refusal(.pause(clock: nil), by: "ana") else {
            Issue.record("another agent paused tom's case")
            return
        }
        #expect(sentence.contains("only the case's holder or a Team Leader or above"))
        #expect(Self.refusal(.resume(clock: nil), after: [Self.paused], by: "olu") != nil)
    }

    @Test func regulatoryClocksNeverPause() {
        guard case .clockChange(let sentence)? = Self.refusal(.pause(clock: "final"), by: "priya") else {
            Issue.record("a regulatory clock paused")
            return
        }
        #expect(sentence == "Final response is a regulatory clock (FCA DISP 1.6.2R); regulatory clocks never pause")
        // A case with regulatory clocks only has nothing to pause.
        let regulatory = [Self.finalResponse]
        let book = F.rulebook
        #expect(throws: CaseRefusal.clockChange("C-000001 has no running service clock to pause; regulatory clocks never pause")) {
            try book.checkClockChange(.pause(clock: nil), reason: "r", on: F.open, statuses: Self.statuses(F.open, now: 0, clocks: regulatory),
                                      clocks: regulatory, by: F.person("tom"), at: Date(timeIntervalSince1970: 0))
        }
    }

    @Test func aPauseNeedsAReasonAndARunningClock() {
        #expect(Self.refusal(.pause(clock: nil), reason: "  \n") == .emptyText(field: "reason"))
        #expect(Self.refusal(.pause(clock: nil), reason: nil) == .emptyText(field: "reason"))
        #expect(Self.refusal(.pause(clock: "first_response"), after: [Self.paused]) ==
            .clockChange("First response on C-000001 is paused; only a running clock can be paused"))
        // Eight hours after receipt the first response is breached: too late to pause it.
        #expect(Self.refusal(.pause(clock: "first_response"), at: 9 * 60 * Self.minute) ==
            .clockChange("First response on C-000001 is breached; only a running clock can be paused"))
        #expect(Self.refusal(.resume(clock: nil)) == .clockChange("C-000001 has no paused clock to resume"))
        #expect(Self.refusal(.resume(clock: "first_response")) ==
            .clockChange("First response on C-000001 is running, not paused"))
        // A resume needs no reason.
        #expect(Self.refusal(.resume(clock: nil), reason: nil, after: [Self.paused]) == nil)
    }

    @Test func anUnknownClockOrOneThatDoesNotRunIsNamed() {
        #expect(Self.refusal(.pause(clock: "nope")) ==
            .clockChange("no clock is called nope; the centre's clocks are first_response, final, access"))
        let psd = RegulatoryClock(id: "psd", title: "PSD", appliesTo: ["payment_complaint"], starts: "received",
                                  limit: .businessDays(15, endOfDay: true), warnAt: 0.25, escalateTo: nil, calendar: nil)
        let book = F.rulebook
        #expect(throws: CaseRefusal.clockChange("psd does not run on C-000001 (it does not apply to it, or has not started)")) {
            try book.checkClockChange(.extend(clock: "psd", months: 1), reason: "r", on: F.open,
                                      statuses: Self.statuses(F.open, now: 0, clocks: [psd]), clocks: [psd],
                                      by: F.person("priya"), at: Date(timeIntervalSince1970: 0))
        }
    }

    @Test func anExtensionIsATeamLeadersOnceWithinItsMonthsBeforeItRunsOut() throws {
        try Self.check(.extend(clock: "access", months: 2), reason: "Complex: records in three systems", by: "priya")
        try Self.check(.extend(clock: "access", months: 1), reason: "Complex", by: "helen")
        guard case .notPermitted(let sentence)? = Self.refusal(.extend(clock: "access", months: 2)) else {
            Issue.record("an agent extended a legal deadline")
            return
        }
        #expect(sentence.contains("only a Team Leader or above, or a role holding change_clock, may"))
        #expect(Self.refusal(.extend(clock: "access", months: 3), by: "priya") ==
            .clockChange("Subject access may be extended by 1 to 2 months, not 3"))
        #expect(Self.refusal(.extend(clock: "access", months: 0), by: "priya") ==
            .clockChange("Subject access may be extended by 1 to 2 months, not 0"))
        #expect(Self.refusal(.extend(clock: "final", months: 1), by: "priya") == .clockChange("Final response cannot be extended"))
        #expect(Self.refusal(.extend(clock: "access", months: 1), reason: "", by: "priya") == .emptyText(field: "reason"))
        let once = CaseEvent.clockExtended(clock: "access", months: 1, reason: .sealed("sealed"))
        #expect(Self.refusal(.extend(clock: "access", months: 1), after: [once], by: "priya") ==
            .clockChange("Subject access on C-000001 was already extended by 1 month; it may be extended once"))
        // Forty days after receipt the month has run out: an extension cannot revive it.
        #expect(Self.refusal(.extend(clock: "access", months: 2), by: "priya", at: 40 * 1440 * Self.minute) ==
            .clockChange("Subject access on C-000001 is breached; only a clock still running can be extended"))
    }

    @Test func aClosedCaseKeepsItsClocksAsTheyEnded() {
        #expect(Self.refusal(.pause(clock: nil), on: F.resolved, by: "priya") ==
            .clockChange("C-000001 is resolved; its clocks have stopped"))
    }

    @Test func aMatrixThatDeclaresChangeClockDecidesAlone() {
        let actions = Fixture.actions + [Action(id: "change_clock", title: "Change clocks", kind: .permission)]
        var cells = Fixture.cells
        cells["manager"]?["change_clock"] = AuthorityCell(.allow)
        let matrix = AuthorityMatrix(version: "v-test", currency: .gbp, ladder: Fixture.ladder, actions: actions, cells: cells)
        let book = CaseRulebook(policy: EscalationPolicy(matrix: matrix, referrals: [], routing: .direct), staff: F.staff)
        #expect(Self.refusal(.pause(clock: nil), book: book) != nil, "the holder no longer may")
        #expect(Self.refusal(.extend(clock: "access", months: 1), by: "priya", book: book) != nil)
        #expect(Self.refusal(.extend(clock: "access", months: 1), by: "maria", book: book) == nil)
    }

    @Test func recordedChangesMoveTheClocksTheyName() {
        let extended = Self.statuses(F.open, [.clockExtended(clock: "access", months: 2, reason: .withheld)], now: Self.minute)
        let access = extended.first { $0.clock == "access" }!
        #expect(access.extendedMonths == 2 && access.dueDate == LocalDate("1970-04-01")!)
        // Paused one minute in, resumed at minute two: a minute credited to the service clock only.
        let credited = Self.statuses(F.open, [Self.paused, .clockResumed(clock: nil)], now: 3 * Self.minute)
        #expect(credited.first { $0.clock == "first_response" }!.pausedSeconds == 60)
        #expect(credited.first { $0.clock == "final" }!.pausedSeconds == 0)
        // A recorded extension beyond what the clock allows (a table edited by hand) moves nothing.
        let tampered = Self.statuses(F.open, [.clockExtended(clock: "access", months: 12, reason: .withheld)], now: Self.minute)
        #expect(tampered.first { $0.clock == "access" }!.extendedMonths == 0)
    }

    @Test func clockChangesFoldOnlyIntoActiveCases() {
        let c = F.history([("tom", Self.paused), ("tom", .clockResumed(clock: nil))])
        #expect(c.state == F.open.state && c.timeline.count == 3)
        let record = CaseEventRecord(seq: 9, caseID: c.id, at: 10 * Self.minute, actor: "tom", actorRole: "agent", event: Self.paused)
        #expect(throws: CaseFoldError.self) { try F.resolved.applying(record, roleOf: F.rulebook.role(of:)) }
    }

    @Test func theDeskIsOfferedOnlyTheChangesTheRulebookAllows() {
        let book = F.rulebook
        func offered(_ person: String, after changes: [CaseEvent] = [], on c: Case = F.open, at now: Int64 = 30 * Self.minute) -> [ClockChange] {
            book.clockChanges(for: F.person(person), on: c, statuses: Self.statuses(c, changes, now: now), clocks: Self.clocks,
                              at: Date(timeIntervalSince1970: Double(now) / 1000))
        }
        #expect(offered("tom") == [.pause(clock: nil)])
        #expect(offered("ana").isEmpty)
        #expect(offered("priya") == [.pause(clock: nil), .extend(clock: "access", months: 2)])
        #expect(offered("tom", after: [Self.paused]) == [.resume(clock: nil)])
        #expect(offered("priya", on: F.resolved).isEmpty)
    }
}
