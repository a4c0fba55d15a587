import Foundation
import Testing
@testable import EscalationCore

/// Due times of the regulatory clocks, table by table, on the England and Wales calendar and
/// the London wall clock (the three shipped calendars are tested from their files in
/// EscalationConfigTests).
@Suite struct ClockTableTests {
    typealias F = ClockFixture

    @Test func theIssueExampleOnTheTwentyThirdOfDecember() throws {
        // Wed 23 Dec 2026 10:00: Thu 24 is one, Christmas and the Boxing Day substitute are
        // not, Tue 29 is two, Wed 30 three; 56 days later is 17 February.
        #expect(F.due(F.summary, "2026-12-23 10:00") == "2026-12-30T17:30:00+00:00")
        #expect(F.due(F.finalResponse, "2026-12-23 10:00") == "2027-02-17T23:59:59+00:00")
        let status = try #require(F.status(F.summary, received: F.local("2026-12-23 10:00")))
        #expect(status.dueDate == LocalDate("2026-12-30"))
        #expect(status.state == .running)
        #expect(status.rule == "rule of disp_summary_resolution")
        #expect(status.calendar == "england_wales")
    }

    @Test(arguments: [
        // received (London), due: close of business on the third business day after
        ("2026-01-09 10:00", "2026-01-14T17:30:00+00:00"),  // Friday: the weekend does not count
        ("2026-01-10 11:00", "2026-01-14T17:30:00+00:00"),  // Saturday: counted from the day of receipt
        ("2026-01-11 23:59", "2026-01-14T17:30:00+00:00"),  // Sunday just before midnight
        ("2026-01-12 18:45", "2026-01-15T17:30:00+00:00"),  // Monday after close of business: still Monday
        ("2026-04-02 09:00", "2026-04-09T17:30:00+01:00"),  // Good Friday and Easter Monday skipped
        ("2026-04-03 09:00", "2026-04-09T17:30:00+01:00"),  // received on Good Friday itself
        ("2026-05-01 12:00", "2026-05-07T17:30:00+01:00"),  // early May bank holiday
        ("2026-05-22 12:00", "2026-05-28T17:30:00+01:00"),  // spring bank holiday
        ("2026-08-28 12:00", "2026-09-03T17:30:00+01:00"),  // summer bank holiday (last Monday)
        ("2025-12-24 12:00", "2025-12-31T17:30:00+00:00"),  // Christmas Day and Boxing Day
        ("2026-12-24 12:00", "2026-12-31T17:30:00+00:00"),  // Boxing Day on a Saturday: Monday substitute
        ("2027-12-22 12:00", "2027-12-29T17:30:00+00:00"),  // both substitutes, 27 and 28 December
        ("2027-12-30 12:00", "2028-01-05T17:30:00+00:00"),  // New Year's Day substitute, 3 January 2028
        ("2026-12-31 16:00", "2027-01-06T17:30:00+00:00"),  // New Year's Day on a Friday
    ])
    func summaryResolutionOnTheThirdBusinessDay(received: String, due: String) {
        #expect(F.due(F.summary, received) == due, "received \(received)")
    }

    @Test(arguments: [
        ("2026-12-23 10:00", "2027-02-17T23:59:59+00:00"),
        ("2026-01-01 09:00", "2026-02-26T23:59:59+00:00"),  // a bank holiday receipt counts from that day
        ("2026-02-21 10:00", "2026-04-18T23:59:59+01:00"),  // due on a Saturday: never moved
        ("2026-02-06 10:00", "2026-04-03T23:59:59+01:00"),  // due on Good Friday: never moved
        ("2028-01-05 10:00", "2028-03-01T23:59:59+00:00"),  // across 29 February 2028
    ])
    func finalResponseFiftySixDaysLaterNeverMoved(received: String, due: String) {
        #expect(F.due(F.finalResponse, received) == due, "received \(received)")
    }

    @Test func bothSummerTimeChanges() throws {
        // 00:15 BST on Monday 30 March 2026 is still Sunday in UTC: received on Monday.
        let monday = F.utc("2026-03-29T23:15:00Z")
        #expect(F.london.localDate(monday) == LocalDate("2026-03-30"))
        let summary = try #require(F.status(F.summary, received: monday))
        #expect(F.iso(summary.due) == "2026-04-02T17:30:00+01:00")
        let final = try #require(F.status(F.finalResponse, received: monday))
        #expect(F.iso(final.due) == "2026-05-25T23:59:59+01:00")
        // Received in summer time, due in winter time: close of business is 17:30 GMT.
        #expect(F.due(F.summary, "2026-10-23 16:00") == "2026-10-28T17:30:00+00:00")
        // 00:30 GMT on Sunday 29 March (before the change) and the last day of summer time.
        #expect(F.due(F.summary, "2026-03-29 00:30") == "2026-04-01T17:30:00+01:00")
        #expect(F.due(F.finalResponse, "2026-08-30 12:00") == "2026-10-25T23:59:59+00:00")
        // Hours are elapsed time: 24 hours across the spring change read 13:00 BST.
        let hours = F.clock("service_first_response", .hours(24), family: .service)
        #expect(F.due(hours, "2026-03-28 12:00") == "2026-03-29T13:00:00+01:00")
        #expect(F.due(hours, "2026-10-24 12:00") == "2026-10-25T11:00:00+00:00")
    }

    @Test(arguments: [
        // received, due: the same date next month, else its last day, then the next working day
        ("2026-01-31 10:00", "2026-03-02"),  // 28 February 2026 is a Saturday
        ("2027-01-31 10:00", "2027-03-01"),  // 28 February 2027 is a Sunday
        ("2028-01-31 10:00", "2028-02-29"),  // leap year: 29 February, a Tuesday
        ("2026-03-31 10:00", "2026-04-30"),  // 31 March → 30 April
        ("2027-03-31 10:00", "2027-04-30"),
        ("2026-03-03 10:00", "2026-04-07"),  // 3 April is Good Friday, 6 April Easter Monday
        ("2026-11-25 10:00", "2026-12-29"),  // Christmas Day, the weekend, the Boxing Day substitute
        ("2026-07-31 10:00", "2026-09-01"),  // 31 August is the summer bank holiday
        ("2026-12-15 10:00", "2027-01-15"),
    ])
    func subjectAccessOneMonth(received: String, due: String) throws {
        let status = try #require(F.status(F.subjectAccess, received: F.local(received)))
        #expect(status.dueDate.description == due, "received \(received)")
    }

    @Test func goodFridayAndChristmasAreClosedEvenWhenTheCalendarOmitsThem() {
        let bare = F.bare
        #expect(!bare.isBusinessDay(LocalDate("2026-04-03")!))  // Good Friday
        #expect(!bare.isBusinessDay(LocalDate("2026-12-25")!))  // Christmas Day
        #expect(!bare.isBusinessDay(LocalDate("2028-04-14")!))
        #expect(bare.isBusinessDay(LocalDate("2026-04-06")!))   // Easter Monday: only if the calendar says
        #expect(bare.isBusinessDay(LocalDate("2026-12-28")!))
        #expect(bare.closure(on: LocalDate("2026-04-03")!) == "Good Friday")
        #expect(bare.closure(on: LocalDate("2026-04-04")!) == "Saturday")
        #expect(F.due(F.summary, "2026-04-01 10:00", calendar: bare) == "2026-04-07T17:30:00+01:00")
        for (year, easter) in [(2019, "2019-04-21"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
                               (2028, "2028-04-16"), (2038, "2038-04-25"), (2285, "2285-03-22")] {
            #expect(LocalDate.easterSunday(year).description == easter)
        }
    }

    @Test func paymentServicesFifteenThenThirtyFiveBusinessDays() throws {
        let received = F.local("2026-11-30 10:00")
        #expect(F.due(F.psd, "2026-11-30 10:00") == "2026-12-21T17:30:00+00:00")
        let holding = ClockEvent.holdingResponseSent(at: F.local("2026-12-18 15:00"))
        let moved = try #require(F.status(F.psd, received: received, events: [holding], now: F.local("2027-01-04 09:00")))
        #expect(F.iso(moved.due) == "2027-01-21T17:30:00+00:00")
        #expect(moved.limit == .businessDays(35, endOfDay: true))
        #expect(moved.state == .running)
        // A holding response after the fifteenth business day revives nothing.
        let late = ClockEvent.holdingResponseSent(at: F.local("2026-12-22 09:00"))
        let breached = try #require(F.status(F.psd, received: received, events: [late], now: F.local("2026-12-22 09:00")))
        #expect(F.iso(breached.due) == "2026-12-21T17:30:00+00:00")
        #expect(breached.state == .breached)
    }

    @Test func subjectAccessExtendedByTwoMonthsWithAReason() throws {
        let received = F.local("2026-01-31 10:00")
        let extended = ClockEvent.extended(clock: "gdpr_subject_access", months: 2, reason: "Complex: six years of records",
                                           at: F.local("2026-02-10 10:00"))
        let status = try #require(F.status(F.subjectAccess, received: received, events: [extended]))
        #expect(status.dueDate.description == "2026-04-30")
        #expect(status.extendedMonths == 2)
        #expect(status.limit == .months(3, rollToWorkingDay: true))
        // No reason, too long, or a clock that is not extendable: refused before recording.
        // The record seals the reason, so the replay counts a recorded extension by its months
        // alone, and ignores one by more months than the clock allows.
        let blank = ClockEvent.extended(clock: "gdpr_subject_access", months: 2, reason: "  ", at: F.local("2026-02-10 10:00"))
        #expect(ClockBook.refusal(of: blank, for: F.subjectAccess) != nil)
        let three = ClockEvent.extended(clock: "gdpr_subject_access", months: 3, reason: "x", at: F.local("2026-02-10 10:00"))
        #expect(ClockBook.refusal(of: three, for: F.subjectAccess) == "gdpr_subject_access may be extended by 1 to 2 months, not 3")
        #expect(try #require(F.status(F.subjectAccess, received: received, events: [three])).dueDate.description == "2026-03-02")
        #expect(ClockBook.refusal(of: extended, for: F.finalResponse) == "disp_final_response cannot be extended")
        // Too late: after the first month ran out.
        let late = ClockEvent.extended(clock: "gdpr_subject_access", months: 2, reason: "x", at: F.local("2026-03-03 10:00"))
        #expect(try #require(F.status(F.subjectAccess, received: received, events: [late])).extendedMonths == 0)
    }

    @Test func everyClockFollowsACorrectedReceipt() throws {
        let recorded = F.local("2026-12-23 10:00")
        let correction = ClockEvent.receiptCorrected(to: F.local("2026-12-22 16:00"), reason: "Letter was received yesterday",
                                                     at: F.local("2026-12-23 11:00"))
        let summary = try #require(F.status(F.summary, received: recorded, events: [correction]))
        #expect(F.iso(summary.due) == "2026-12-29T17:30:00+00:00")
        #expect(summary.received == F.local("2026-12-22 16:00"))
        let final = try #require(F.status(F.finalResponse, received: recorded, events: [correction]))
        #expect(F.iso(final.due) == "2027-02-16T23:59:59+00:00")
        let future = ClockEvent.receiptCorrected(to: F.local("2026-12-24 10:00"), reason: "x", at: F.local("2026-12-23 11:00"))
        #expect(ClockBook.refusal(of: future, for: F.summary) == "a receipt cannot be in the future")
    }

    @Test func metInTimeOrLateAndBreachedWhenNotDone() throws {
        let received = F.local("2026-12-23 10:00")
        let met = [ClockEvent.met(clock: "disp_summary_resolution", at: F.local("2026-12-30 17:00"))]
        #expect(F.status(F.summary, received: received, events: met, now: F.local("2027-01-10 09:00"))?.state == .met)
        let late = [ClockEvent.met(clock: "disp_summary_resolution", at: F.local("2026-12-30 17:31"))]
        #expect(F.status(F.summary, received: received, events: late, now: F.local("2027-01-10 09:00"))?.state == .breached)
        #expect(F.status(F.summary, received: received, now: F.local("2026-12-30 17:30"))?.state == .running)
        #expect(F.status(F.summary, received: received, now: F.local("2026-12-30 17:31"))?.state == .breached)
        // Another clock's event does not stop this one.
        let other = [ClockEvent.met(clock: "disp_final_response", at: F.local("2026-12-24 09:00"))]
        #expect(F.status(F.summary, received: received, events: other, now: F.local("2026-12-24 10:00"))?.state == .running)
    }

    @Test func theWarningPointIsTheFractionLeft() throws {
        let received = F.local("2026-12-23 10:00")
        let status = try #require(F.status(F.finalResponse, received: received))
        let length = status.due.timeIntervalSince(received)
        #expect(status.warnAt == status.due.addingTimeInterval(-0.25 * length))
        #expect(!status.isWarning(at: status.warnAt.addingTimeInterval(-1)))
        #expect(status.isWarning(at: status.warnAt))
    }

    @Test func whichClocksApplyAndOnWhichCalendar() {
        let scotland = WorkingCalendar(id: "scotland", title: "Scotland", workingDays: F.weekdays,
                                       holidays: [Holiday(date: "2026-11-30", name: "St Andrew's Day")])
        let calendars = [F.england, scotland]
        let clocks = [F.summary, F.finalResponse, F.psd, F.subjectAccess]
        let received = F.local("2026-11-26 10:00")
        let complaint = ClockFacts(received: received, kind: "complaint", customerCalendar: "scotland")
        let statuses = ClockBook.statuses(for: complaint, clocks: clocks, calendars: calendars,
                                          defaultCalendar: "england_wales", time: F.london, now: received)
        #expect(statuses.map(\.clock) == ["disp_summary_resolution", "disp_final_response"])
        // St Andrew's Day closes Scotland: Fri 27 (1), Tue 1 Dec (2), Wed 2 (3).
        #expect(statuses.first.map { F.iso($0.due) } == "2026-12-02T17:30:00+00:00")
        #expect(statuses.first?.calendar == "scotland")
        let english = ClockFacts(received: received, kind: "complaint")
        let inEngland = ClockBook.statuses(for: english, clocks: clocks, calendars: calendars,
                                           defaultCalendar: "england_wales", time: F.london, now: received)
        #expect(inEngland.first.map { F.iso($0.due) } == "2026-12-01T17:30:00+00:00")
        // A flag can bring a clock in as well as a kind.
        let flagged = ClockFacts(received: received, kind: "enquiry", flags: ["payment_complaint"])
        #expect(ClockBook.statuses(for: flagged, clocks: clocks, calendars: calendars, time: F.london, now: received)
                    .map(\.clock) == ["psd_final_response"])
        // A clock that names its calendar keeps it whatever the customer's.
        let pinned = F.clock("pinned", .businessDays(3, endOfDay: true), calendar: "england_wales")
        #expect(ClockBook.calendar(for: pinned, customerCalendar: "scotland", defaultCalendar: nil, in: calendars)?.id
                    == "england_wales")
    }

    @Test func aQueueShowsTheBreachedClockFirstThenTheSoonestDue() {
        let received = F.local("2026-12-23 10:00")
        let clocks = [F.finalResponse, F.summary]
        func nearest(_ events: [ClockEvent], now: String) -> String? {
            let facts = ClockFacts(received: received, kind: "complaint", events: events)
            return ClockBook.nearest(ClockBook.statuses(for: facts, clocks: clocks, calendars: [F.england],
                                                        time: F.london, now: F.local(now)))?.clock
        }
        #expect(nearest([], now: "2026-12-24 09:00") == "disp_summary_resolution")
        #expect(nearest([.met(clock: "disp_summary_resolution", at: F.local("2026-12-24 09:00"))], now: "2026-12-24 10:00")
                == "disp_final_response")
        #expect(nearest([], now: "2027-03-01 09:00") == "disp_summary_resolution")  // both breached: due earliest
        #expect(nearest([.met(clock: "disp_summary_resolution", at: F.local("2027-01-04 09:00")),
                         .met(clock: "disp_final_response", at: F.local("2027-01-05 09:00"))], now: "2027-03-01 09:00") == nil)
    }

    @Test func aQueueOrdersByTheNearestUnmetClockElseTheFlatDeadline() {
        let received = F.local("2026-12-23 10:00")
        let deadline = F.local("2027-06-01 00:00")
        func due(_ events: [ClockEvent], now: String, clocks: [RegulatoryClock] = [F.finalResponse, F.summary]) -> Date {
            let facts = ClockFacts(received: received, kind: "complaint", events: events)
            return ClockBook.queueDue(ClockBook.statuses(for: facts, clocks: clocks, calendars: [F.england], time: F.london,
                                                         now: F.local(now)), deadline: deadline)
        }
        let summaryDue = F.status(F.summary, received: received)!.due
        let finalDue = F.status(F.finalResponse, received: received)!.due
        #expect(due([], now: "2026-12-24 09:00") == summaryDue)
        #expect(due([.met(clock: "disp_summary_resolution", at: F.local("2026-12-24 09:00"))], now: "2026-12-24 10:00")
                == finalDue)
        // Met late is met: the breach no longer orders the queue.
        #expect(due([.met(clock: "disp_summary_resolution", at: F.local("2027-01-05 09:00"))], now: "2027-01-06 09:00")
                == finalDue)
        #expect(due([.met(clock: "disp_summary_resolution", at: F.local("2026-12-24 09:00")),
                     .met(clock: "disp_final_response", at: F.local("2026-12-24 09:00"))], now: "2026-12-24 10:00")
                == deadline)
        #expect(due([], now: "2026-12-24 09:00", clocks: []) == deadline)
    }

    @Test func countingPastTheCalendarsYearsIsFlagged() throws {
        let status = try #require(F.status(F.summary, received: F.local("2028-12-29 10:00")))
        #expect(status.dueDate.description == "2029-01-03")
        #expect(status.beyondCalendar)
        #expect(try #require(F.status(F.summary, received: F.local("2028-12-20 10:00"))).beyondCalendar == false)
        #expect(try #require(F.status(F.finalResponse, received: F.local("2028-12-29 10:00"))).beyondCalendar == false)
    }

    @Test func localDatesCountWithoutATimeZone() {
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2028-02-29")?.weekday == .tuesday)
        #expect(LocalDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(LocalDate(daysSinceEpoch: 20_445).description == "2025-12-23")
        #expect(LocalDate("2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(LocalDate("2026-12-31")!.adding(months: 2).description == "2027-02-28")
        #expect(LocalTime("17:30")?.description == "17:30")
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("5:30") == nil)
    }
}
