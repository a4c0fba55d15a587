import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The case screen shows the customer's other cases and what they were granted in each rolling
/// window (issue 13, item 5), so a team leader sees repeat complaints and caps at a glance.
@Suite struct CustomerHistoryTests {
    static func refund(_ pounds: Int64) -> RemedyRequest { RemedyRequest(action: "refund", amount: Money(minor: pounds * 100, currency: .gbp)) }

    @Test(arguments: [(24, 80), (16, 60)])
    func theCaseScreenShowsTheCustomersOtherCasesAndTotals(_ rows: Int, _ cols: Int) throws {
        let f = DeskFixture()
        let ann = f.service("ann")
        let first = try ann.openCase(NewCase(customer: f.jane, summary: "Charged twice in March", requests: [Self.refund(30)]))
        try ann.resolve(caseID: first.id, Resolution(outcome: .upheld, rationale: "Duplicate refunded", grants: [Self.refund(30)],
                                                     rootCause: Centre.defaultRootCauses[0]))
        f.advance(minutes: 60)
        let second = try ann.openCase(NewCase(customer: f.jane, summary: "Bill arrived late"))

        let history = try ann.customerHistory(caseID: second.id)
        #expect(history.otherCaseCount == 1)
        #expect(history.otherCases.map(\.summary.id) == [first.id])
        #expect(history.otherCases.first?.grants == [Self.refund(30)])
        #expect(history.windows.contains { $0.action == "refund" && $0.days == 30 && $0.granted.minor == 3_000 })

        var d = DeskDriver(ann, rows: rows, cols: cols)
        d.send(.enter)
        #expect(d.app.top.title == "Case \(second.id)")
        var seen = d.text
        for _ in 0..<12 where !seen.contains("granted Refund £30.00") {
            d.send(.down)
            seen += d.text
        }
        #expect(seen.contains("The customer's other cases (1)"))
        #expect(seen.contains("\(first.id)  resolved"))
        #expect(seen.contains("granted Refund £30.00"))
        #expect(seen.contains("Refund £30.00 in 30 days"))
    }

    @Test func aCustomerWithNoOtherCaseSaysSo() throws {
        let f = DeskFixture()
        let ann = f.service("ann")
        let only = try ann.openCase(NewCase(customer: f.raj, summary: "Meter reading wrong"))
        var d = DeskDriver(ann)
        d.send(.enter)
        #expect(d.app.top.title == "Case \(only.id)")
        #expect(d.text.contains("The customer's other cases: none"))
    }
}
