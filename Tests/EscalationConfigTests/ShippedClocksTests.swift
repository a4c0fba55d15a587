import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// The shipped `Config/` folder's clocks and calendars, counted as the desk will count them:
/// table tests across the three parts of the UK.
@Suite struct ShippedClocksTests {
    static let centre: Centre = {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config").path
        return try! ConfigLoader.load(directory: config, requireStaff: true)
    }()
    static let london = CentreTime(identifier: "Europe/London")!
    static let nations = ["england_wales", "scotland", "northern_ireland"]

    static func calendar(_ id: String) -> WorkingCalendar { centre.calendars.first { $0.id == id }! }
    static func clock(_ id: String) -> RegulatoryClock { centre.clocks.first { $0.id == id }! }

    /// The due time of a shipped clock for a receipt on the London wall clock.
    static func due(_ clock: String, _ received: String, on calendar: String, events: [ClockEvent] = []) -> String {
        let parts = received.split(separator: " ").map(String.init)
        let hm = parts[1].split(separator: ":").map { Int($0)! }
        let at = london.instant(LocalDate(parts[0])!, secondsIntoDay: hm[0] * 3600 + hm[1] * 60)
        let status = ClockBook.status(of: Self.clock(clock), facts: ClockFacts(received: at, kind: "complaint", events: events),
                                      calendar: Self.calendar(calendar), time: london, now: at)
        return status.map { london.iso8601($0.due) } ?? "not started"
    }

    @Test func theShippedFolderLoadsEveryCalendarAndClock() {
        let c = Self.centre
        #expect(c.calendars.map(\.id).sorted() == Self.nations.sorted())
        for id in ["disp_summary_resolution", "disp_final_response", "psd_final_response", "gdpr_subject_access",
                   "ofcom_final_response", "service_first_response", "service_referral_claimed",
                   "service_resolution_priority", "service_resolution_standard"] {
            #expect(c.clocks.contains { $0.id == id }, "\(id)")
        }
        for clock in c.clocks {
            #expect(!clock.rule.isEmpty, "\(clock.id) names its source")
            #expect(clock.family == (clock.id.hasPrefix("service_") ? .service : .regulatory), "\(clock.id)")
        }
        #expect(Self.clock("psd_final_response").then == FollowOnLimit(after: .holdingResponse, limit: .businessDays(35, endOfDay: true)))
        #expect(Self.clock("gdpr_subject_access").limit == .months(1, rollToWorkingDay: true))
        #expect(Self.clock("gdpr_subject_access").extendable == ClockExtension(months: 2))
        #expect(Self.clock("disp_final_response").limit == .calendarDays(56))
        #expect(Self.clock("ofcom_final_response").limit == .weeks(8))
        #expect(Self.clock("service_referral_claimed").starts == "referred")
        #expect(c.defaultCalendar == "england_wales")
        // DISP 1.9 as data: three years from receipt, five for UCITS.
        #expect(c.retention(kind: "complaint") == RetentionPeriod(years: 3))
        #expect(c.retention(kind: "complaint", flags: ["ucits"]) == RetentionPeriod(years: 5))
        #expect(c.retention(kind: "enquiry") == c.retention)
    }

    @Test(arguments: nations)
    func everyCalendarCoversTwentyTwentyFiveToTwentyTwentyEight(id: String) {
        let calendar = Self.calendar(id)
        #expect(calendar.covers == 2025...2028)
        #expect(calendar.closeOfBusiness == LocalTime("17:30"))
        let perYear = ["england_wales": 8, "scotland": 9, "northern_ireland": 10][id]!
        for year in 2025...2028 {
            let holidays = calendar.holidays.filter { $0.date.hasPrefix("\(year)-") }
            #expect(holidays.count == perYear, "\(id) \(year)")
            // 2028 is derived from the statutory rules, 2025–2027 taken from gov.uk.
            #expect(holidays.allSatisfy { $0.derived == (year == 2028) }, "\(id) \(year)")
            #expect(holidays.allSatisfy { !calendar.isBusinessDay($0.localDate!) })
            #expect(holidays.allSatisfy { !$0.localDate!.weekday.isWeekend }, "\(id) \(year): holidays are given on weekdays")
            // Christmas Day and Good Friday are listed too, though the core closes them anyway.
            #expect(holidays.contains { $0.date == "\(year)-12-25" } || LocalDate("\(year)-12-25")!.weekday.isWeekend)
            #expect(holidays.contains { $0.localDate == LocalDate.easterSunday(year).adding(days: -2) })
            let easterMonday = holidays.contains { $0.localDate == LocalDate.easterSunday(year).adding(days: 1) }
            #expect(easterMonday == (id != "scotland"), "\(id) \(year): Easter Monday")
        }
        #expect(calendar.holidays.filter(\.substitute).allSatisfy { $0.name.contains("substitute") })
    }

    @Test(arguments: [
        // received (London), due in England and Wales, Scotland, Northern Ireland
        ("2026-12-23 10:00", ["2026-12-30", "2026-12-30", "2026-12-30"]),  // the issue's example
        ("2025-12-31 10:00", ["2026-01-06", "2026-01-07", "2026-01-06"]),  // 2 January in Scotland
        ("2026-12-31 10:00", ["2027-01-06", "2027-01-07", "2027-01-06"]),  // its substitute, Mon 4 January 2027
        ("2027-12-30 10:00", ["2028-01-05", "2028-01-06", "2028-01-05"]),  // New Year substitutes 2028 (derived)
        ("2026-03-13 10:00", ["2026-03-18", "2026-03-18", "2026-03-19"]),  // St Patrick's Day
        ("2028-03-16 10:00", ["2028-03-21", "2028-03-21", "2028-03-22"]),  // St Patrick's Day 2028 (a Friday)
        ("2026-04-02 10:00", ["2026-04-09", "2026-04-08", "2026-04-09"]),  // Good Friday; Easter Monday not in Scotland
        ("2027-03-25 10:00", ["2027-04-01", "2027-03-31", "2027-04-01"]),  // Easter 2027
        ("2028-04-13 10:00", ["2028-04-20", "2028-04-19", "2028-04-20"]),  // Easter 2028 (derived)
        ("2027-04-30 10:00", ["2027-05-06", "2027-05-06", "2027-05-06"]),  // early May bank holiday
        ("2025-05-23 10:00", ["2025-05-29", "2025-05-29", "2025-05-29"]),  // spring bank holiday
        ("2026-07-09 10:00", ["2026-07-14", "2026-07-14", "2026-07-15"]),  // the Twelfth's substitute, Mon 13 July
        ("2025-07-10 10:00", ["2025-07-15", "2025-07-15", "2025-07-16"]),  // the Twelfth on a Saturday: Mon 14 July
        ("2027-07-08 10:00", ["2027-07-13", "2027-07-13", "2027-07-14"]),  // the Twelfth on a Monday
        ("2028-07-10 10:00", ["2028-07-13", "2028-07-13", "2028-07-14"]),  // the Twelfth on a Wednesday (derived)
        ("2026-07-30 10:00", ["2026-08-04", "2026-08-05", "2026-08-04"]),  // Scotland's first Monday of August
        ("2026-08-27 10:00", ["2026-09-02", "2026-09-01", "2026-09-02"]),  // the last Monday of August elsewhere
        ("2028-08-03 10:00", ["2028-08-08", "2028-08-09", "2028-08-08"]),  // Scotland 7 August 2028 (derived)
        ("2025-11-27 10:00", ["2025-12-02", "2025-12-03", "2025-12-02"]),  // St Andrew's Day substitute, Mon 1 Dec
        ("2026-11-26 10:00", ["2026-12-01", "2026-12-02", "2026-12-01"]),  // St Andrew's Day on a Monday
        ("2027-12-22 10:00", ["2027-12-29", "2027-12-29", "2027-12-29"]),  // Christmas and Boxing Day substitutes
    ])
    func summaryResolutionInEveryPartOfTheUK(received: String, due: [String]) {
        for (nation, date) in zip(Self.nations, due) {
            let got = Self.due("disp_summary_resolution", received, on: nation)
            #expect(got.hasPrefix(date + "T17:30:00"), "\(nation): received \(received), due \(got)")
        }
    }

    @Test(arguments: [
        // received, one month (then the next working day) in England and Wales, Scotland, Northern Ireland
        ("2026-01-31 10:00", ["2026-03-02", "2026-03-02", "2026-03-02"]),  // 28 February 2026 is a Saturday
        ("2028-01-31 10:00", ["2028-02-29", "2028-02-29", "2028-02-29"]),  // leap year
        ("2027-03-31 10:00", ["2027-04-30", "2027-04-30", "2027-04-30"]),  // 31 March → 30 April
        ("2026-07-31 10:00", ["2026-09-01", "2026-08-31", "2026-09-01"]),  // 31 August: not a holiday in Scotland
        ("2026-10-30 10:00", ["2026-11-30", "2026-12-01", "2026-11-30"]),  // St Andrew's Day
        ("2026-02-17 10:00", ["2026-03-17", "2026-03-17", "2026-03-18"]),  // St Patrick's Day
        ("2027-06-12 10:00", ["2027-07-12", "2027-07-12", "2027-07-13"]),  // the Twelfth
        ("2026-03-06 10:00", ["2026-04-07", "2026-04-06", "2026-04-07"]),  // 6 April 2026: Easter Monday
        ("2026-12-01 10:00", ["2027-01-04", "2027-01-05", "2027-01-04"]),  // 1 January on a Friday; 4 January in Scotland
    ])
    func subjectAccessInEveryPartOfTheUK(received: String, due: [String]) {
        for (nation, date) in zip(Self.nations, due) {
            let got = Self.due("gdpr_subject_access", received, on: nation)
            #expect(got.hasPrefix(date + "T23:59:59"), "\(nation): received \(received), due \(got)")
        }
    }

    @Test(arguments: nations)
    func bothSummerTimeChangesInEveryCalendar(nation: String) {
        // 00:15 BST on Monday 30 March 2026 (23:15 UTC on Sunday) was received on Monday.
        let monday = ISO8601DateFormatter().date(from: "2026-03-29T23:15:00Z")!
        let facts = ClockFacts(received: monday, kind: "complaint")
        let summary = ClockBook.status(of: Self.clock("disp_summary_resolution"), facts: facts,
                                       calendar: Self.calendar(nation), time: Self.london, now: monday)!
        #expect(Self.london.iso8601(summary.due) == "2026-04-02T17:30:00+01:00")
        let final = ClockBook.status(of: Self.clock("disp_final_response"), facts: facts,
                                     calendar: Self.calendar(nation), time: Self.london, now: monday)!
        #expect(Self.london.iso8601(final.due) == "2026-05-25T23:59:59+01:00")
        // Across the autumn change: received in BST, due in GMT.
        #expect(Self.due("disp_summary_resolution", "2026-10-23 16:00", on: nation) == "2026-10-28T17:30:00+00:00")
        #expect(Self.due("ofcom_final_response", "2026-08-30 09:00", on: nation) == "2026-10-25T23:59:59+00:00")
    }

    @Test func paymentServicesOnTheShippedCalendars() {
        #expect(Self.due("psd_final_response", "2026-11-30 10:00", on: "england_wales") == "2026-12-21T17:30:00+00:00")
        // St Andrew's Day is not counted in Scotland.
        #expect(Self.due("psd_final_response", "2026-11-27 10:00", on: "scotland") == "2026-12-21T17:30:00+00:00")
        #expect(Self.due("psd_final_response", "2026-11-27 10:00", on: "england_wales") == "2026-12-18T17:30:00+00:00")
        let holding = ClockEvent.holdingResponseSent(at: ISO8601DateFormatter().date(from: "2026-12-10T12:00:00Z")!)
        #expect(Self.due("psd_final_response", "2026-11-30 10:00", on: "england_wales", events: [holding])
                == "2027-01-21T17:30:00+00:00")
    }

    /// Every receipt day in 2025–2028, every business-day limit the shipped clocks use, every
    /// calendar: the due date is a business day with exactly N business days after receipt.
    @Test(arguments: nations)
    func everyBusinessDayDueIsABusinessDay(nation: String) {
        let calendar = Self.calendar(nation)
        var day = LocalDate("2025-01-01")!
        let last = LocalDate("2028-11-30")!
        while day <= last {
            for n in [1, 2, 3, 10, 15, 35] {
                let due = calendar.businessDay(n, after: day)
                #expect(calendar.isBusinessDay(due))
                var counted = 0
                var d = day.adding(days: 1)
                while d <= due {
                    if calendar.isBusinessDay(d) { counted += 1 }
                    d = d.adding(days: 1)
                }
                if counted != n { Issue.record("\(nation): \(n) business days after \(day) gave \(due)") }
            }
            day = day.adding(days: 1)
        }
    }
}
