import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// Mistakes in clock and calendar files, each reported at its line with what would be right;
/// files in the earlier, shorter format still load.
@Suite struct ClockFileErrorTests {
    static let calendar = """
    id: england_wales
    title: England and Wales
    working_days: [monday, tuesday, wednesday, thursday, friday]
    """

    func issues(clocks: String = "", calendar: String = calendar, escalation: String = ValidationTests.base) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: escalation),
                                       clocks: clocks.isEmpty ? [] : [.init(name: "regulatory/x.yaml", text: clocks)],
                                       calendars: [.init(name: "calendars/c.yaml", text: calendar)])
            return []
        } catch {
            return error.issues
        }
    }

    func expect(_ found: [ConfigIssue], file: String, line: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.contains { $0.file == file && $0.line == line && $0.message.contains(message) },
                "\(file):\(line): \(message) in \(found.map(\.description))", sourceLocation: sourceLocation)
    }

    @Test func clockMistakesPointAtTheirLines() {
        let found = issues(clocks: """
        clocks:
          - id: a
            title: A
            family: servce
            applies_to: [complaint]
            starts: received
            limit: {months: 1, roll_to_workday: true}
            warn_at: 0.25
          - id: b
            title: B
            applies_to: [complaint]
            starts: opened
            limit: {calendar_days: 5, roll_to_working_day: true}
            then: {after: final_response, limit: {business_days: 35}}
            extendable: {months: 2}
            warn_at: 0.25
        retention:
          - {id: r, applies_to: [complaint], keep: {yeers: 3}}
        """)
        let file = "regulatory/x.yaml"
        expect(found, file: file, line: 4, "family \"servce\" of clock a is not known; use regulatory (never pauses) or service")
        expect(found, file: file, line: 7, "unknown key \"roll_to_workday\" in the limit of a; did you mean \"roll_to_working_day\"?")
        expect(found, file: file, line: 12, "clock b starts \"opened\"; clocks start at received (receipt of the complaint) or referred")
        expect(found, file: file, line: 13, "roll_to_working_day applies only to months")
        expect(found, file: file, line: 14, "then of b is after \"final_response\"; the only milestone is holding_response")
        expect(found, file: file, line: 15, "only a limit in months can be extended")
        expect(found, file: file, line: 18, "unknown key \"yeers\" in retention; did you mean \"years\"?")
    }

    @Test func calendarMistakesPointAtTheirLines() {
        let found = issues(calendar: """
        id: wales
        title: Wales
        working_days: [monday, tuesday, wednesday, thursday, friday]
        close_of_business: "5.30pm"
        covers: {from: 2026, to: 2027}
        holidays:
          - {date: 2026-01-01, name: New Year's Day, substitue: true}
          - {date: 2028-01-03, name: Too late}
        """)
        let file = "calendars/c.yaml"
        expect(found, file: file, line: 4, "close_of_business \"5.30pm\" is not a time of day; write it HH:MM on the 24-hour clock")
        expect(found, file: file, line: 7, "unknown key \"substitue\" in a holiday; did you mean \"substitute\"?")
        expect(found, file: file, line: 8, "holiday 2028-01-03 is outside the years the calendar covers (2026–2027)")
        expect(found, file: file, line: 5, "the calendar wales covers 2027 but lists no holiday in it")
    }

    @Test func theDefaultCalendarMustBeDeclared() {
        let escalation = ValidationTests.base.replacingOccurrences(of: "timezone: Europe/London",
                                                                   with: "timezone: Europe/London\ncalendar: england_wale")
        expect(issues(escalation: escalation), file: "escalation.yaml", line: 4,
               "calendar \"england_wale\" is not declared by any file in calendars/; did you mean \"england_wales\"?")
        // Without calendars/ (decide needs only escalation.yaml) the name is not checked.
        let centre = try? ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: escalation))
        #expect(centre?.defaultCalendar == "england_wale")
    }

    @Test func theEarlierShorterFormatStillLoads() throws {
        let centre = try ConfigLoader.parse(
            escalation: .init(name: "escalation.yaml", text: ValidationTests.base),
            clocks: [.init(name: "regulatory/disp.yaml", text: """
            id: disp_final_response
            title: DISP final response (8 weeks)
            applies_to: [complaint]
            starts: received
            limit: {calendar_days: 56}
            warn_at: 0.25
            """)],
            calendars: [.init(name: "calendars/c.yaml", text: Self.calendar + "\nholidays:\n  - {date: 2026-12-26, name: Boxing Day}")])
        let clock = try #require(centre.clocks.first)
        #expect(clock.family == .regulatory)
        #expect(clock.rule.isEmpty)
        #expect(clock.then == nil)
        let calendar = try #require(centre.calendars.first)
        #expect(calendar.closeOfBusiness == LocalTime("17:30"))
        #expect(calendar.covers == nil)
        #expect(centre.retentionRules == nil)
        #expect(centre.defaultCalendar == nil)
    }

    /// A clock or retention rule for a case kind the centre does not declare would never
    /// apply: reported at the name, with the nearest declared one.
    @Test func appliesToMustNameADeclaredKindFlagOrChannel() {
        let found = issues(clocks: """
        clocks:
          - id: psd_final_response
            title: PSD
            applies_to: [payment_complaint]
            starts: received
            limit: {calendar_days: 15}
            warn_at: 0.25
          - id: ok
            title: OK
            applies_to: [complaint, vulnerable, email]
            starts: received
            limit: {calendar_days: 15}
            warn_at: 0.25
          - id: flagged
            title: Flagged
            applies_to: [ucits]
            starts: received
            limit: {calendar_days: 15}
            warn_at: 0.25
        retention:
          - {id: r, applies_to: [complaint, complaints], keep: {years: 3}}
          - {id: u, applies_to: [ucits], keep: {years: 5}}
        """)
        let file = "regulatory/x.yaml"
        expect(found, file: file, line: 4, "applies_to of clock psd_final_response names \"payment_complaint\", which is not a case kind")
        expect(found, file: file, line: 4, "declare it in case_kinds (now: complaint, enquiry, service_request)")
        expect(found, file: file, line: 16, "applies_to of clock flagged names \"ucits\"")
        // While flags are free names, a retention rule may name any flag (keeping longer harms no one).
        #expect(found.count == 2, "\(found.map(\.description))")
        // Declared, the kind is accepted; with declared case flags, a retention flag must be one.
        let declared = ValidationTests.base + "\ncase_kinds: [complaint, payment_complaint]\ncase_flags: [legal_threat]"
        let again = issues(clocks: """
        clocks:
          - {id: p, title: P, applies_to: [payment_complaint], starts: received, limit: {calendar_days: 15}, warn_at: 0.25}
        retention:
          - {id: u, applies_to: [ucits], keep: {years: 5}}
          - {id: r, applies_to: [complaints], keep: {years: 3}}
        """, escalation: declared)
        #expect(again.count == 2, "\(again.map(\.description))")
        expect(again, file: file, line: 4, "applies_to of retention rule u names \"ucits\"")
        expect(again, file: file, line: 5, "applies_to of retention rule r names \"complaints\", which is not a case kind, flag or "
               + "channel of escalation.yaml, so it would never apply; did you mean \"complaint\"?")
    }
}
