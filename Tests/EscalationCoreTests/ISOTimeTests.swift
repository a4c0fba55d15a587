import Foundation
import Testing
import EscalationCore

/// Times as people type them, from 1970 to 9999 only.
@Suite struct ISOTimeTests {
    @Test(arguments: ["2026-12-08T09:00:00Z", "2026-12-08T09:00:00.250Z", "2026-12-08T10:00:00+01:00", "2026-12-08"])
    func acceptedForms(text: String) {
        #expect(ISOTime.parse(text) != nil, "\(text)")
    }

    @Test(arguments: ["292277026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "next week", "",
                      "20261208T090000Z", "+2026-12-08T09:00:00Z"])
    func refusedForms(text: String) {
        #expect(ISOTime.parse(text) == nil, "\(text)")
    }

    @Test func aParsedTimeFormatsBack() throws {
        let date = try #require(ISOTime.parse("2026-12-08T09:00:00Z"))
        #expect(ISOTime.format(date) == "2026-12-08T09:00:00Z")
    }
}
