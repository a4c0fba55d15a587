import Foundation
import Testing
@testable import EscalationCore

/// Clocks and calendars are stored inside the centre's JSON: what an earlier release wrote
/// still decodes, and what this one writes reads back the same.
@Suite struct StoredClockTests {
    @Test func anEarlierClockAndCalendarDecodeWithDefaults() throws {
        let clock = """
        {"id":"disp_final_response","title":"DISP","appliesTo":["complaint"],"starts":"received",
         "limit":{"businessDays":{"_0":40,"endOfDay":true}},"warnAt":0.25,"escalateTo":"manager","calendar":"england"}
        """
        let decoded = try JSONDecoder().decode(RegulatoryClock.self, from: Data(clock.utf8))
        #expect(decoded.limit == .businessDays(40, endOfDay: true))
        #expect(decoded.family == .regulatory)
        #expect(decoded.rule == "")
        let calendar = """
        {"id":"england","title":"England","workingDays":["monday"],"holidays":[{"date":"2025-12-25","name":"Christmas Day"}]}
        """
        let cal = try JSONDecoder().decode(WorkingCalendar.self, from: Data(calendar.utf8))
        #expect(cal.closeOfBusiness == LocalTime("17:30"))
        #expect(cal.holidays.first?.substitute == false)
        #expect(cal.isHoliday(LocalDate("2025-12-25")!))
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let clocks = [ClockFixture.psd, ClockFixture.subjectAccess, ClockFixture.finalResponse,
                      ClockFixture.clock("s", .weeks(2), family: .service, starts: "referred")]
        let data = try JSONEncoder().encode(clocks)
        #expect(try JSONDecoder().decode([RegulatoryClock].self, from: data) == clocks)
        let calendar = ClockFixture.england
        let back = try JSONDecoder().decode(WorkingCalendar.self, from: try JSONEncoder().encode(calendar))
        #expect(back == calendar)
        #expect(back.isHoliday(LocalDate("2028-01-03")!))
        #expect(back.covers == 2025...2028)
    }
}
