import Foundation
@testable import EscalationCore

/// Calendars, clocks and local times for the clock tests. The England and Wales holidays
/// repeat `Config/calendars/england_wales.yaml` (the core cannot read files); the shipped files
/// themselves are tested in EscalationConfigTests.
enum ClockFixture {
    static let london = CentreTime(identifier: "Europe/London")!

    static let england = WorkingCalendar(
        id: "england_wales", title: "England and Wales", workingDays: weekdays,
        holidays: [
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
            "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
        ].map { Holiday(date: $0, name: "holiday") },
        covers: 2025...2028)

    /// Weekends only: Christmas Day and Good Friday must still be closed (the core's rule).
    static let bare = WorkingCalendar(id: "bare", title: "No holidays listed", workingDays: weekdays, holidays: [])

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]

    /// `2026-12-23 10:00` on the London wall clock.
    static func local(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let date = LocalDate(String(parts[0]))!
        let hm = parts.count > 1 ? parts[1].split(separator: ":").map { Int($0)! } : [0, 0]
        return london.instant(date, secondsIntoDay: hm[0] * 3600 + hm[1] * 60 + (hm.count > 2 ? hm[2] : 0))
    }

    /// An instant written in UTC (`2026-03-29T23:15:00Z`).
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func iso(_ date: Date) -> String { london.iso8601(date) }

    static func clock(_ id: String, _ limit: ClockLimit, family: ClockFamily = .regulatory, starts: String = "received",
                      then: FollowOnLimit? = nil, extendable: ClockExtension? = nil, warnAt: Double = 0.25,
                      appliesTo: [String] = ["complaint"], calendar: String? = nil) -> RegulatoryClock {
        RegulatoryClock(id: id, title: id, family: family, appliesTo: appliesTo, starts: starts, limit: limit, then: then,
                        extendable: extendable, warnAt: warnAt, escalateTo: "manager", calendar: calendar, rule: "rule of \(id)")
    }

    static let summary = clock("disp_summary_resolution", .businessDays(3, endOfDay: true), warnAt: 0.34)
    static let finalResponse = clock("disp_final_response", .calendarDays(56))
    static let psd = clock("psd_final_response", .businessDays(15, endOfDay: true),
                           then: FollowOnLimit(after: .holdingResponse, limit: .businessDays(35, endOfDay: true)),
                           appliesTo: ["payment_complaint"])
    static let subjectAccess = clock("gdpr_subject_access", .months(1, rollToWorkingDay: true),
                                     extendable: ClockExtension(months: 2), appliesTo: ["subject_access"])

    /// The clock's status for a case received at `received` (London wall clock).
    static func status(_ clock: RegulatoryClock, received: Date, events: [ClockEvent] = [],
                       calendar: WorkingCalendar = england, now: Date? = nil) -> ClockStatus? {
        ClockBook.status(of: clock, facts: ClockFacts(received: received, kind: "complaint", events: events),
                         calendar: calendar, time: london, now: now ?? received)
    }

    /// The due time, as ISO 8601 with the London offset.
    static func due(_ clock: RegulatoryClock, _ received: String, events: [ClockEvent] = [],
                    calendar: WorkingCalendar = england) -> String {
        status(clock, received: local(received), events: events, calendar: calendar).map { iso($0.due) } ?? "not started"
    }
}
