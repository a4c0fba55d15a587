import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// A resolved case shows its outcome and grants, not the verdict it was referred under
/// (issue 13, item 9).
@Suite struct ResolvedCaseScreenTests {
    /// Laid out as the case screen does at 80 and at 60 columns.
    @Test(arguments: [80, 60])
    func aResolvedCaseShowsItsOutcomeNotItsOldVerdict(_ cols: Int) throws {
        let f = DeskFixture()
        let ann = f.service("ann"), bob = f.service("bob")
        let refund = RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))
        let opened = try ann.openCase(NewCase(customer: f.jane, summary: "Charged twice", requests: [refund]))
        #expect(opened.decision.verdict == .escalate)
        try ann.escalate(caseID: opened.id, note: "Over my limit")
        try bob.claim(caseID: opened.id)
        try bob.resolve(caseID: opened.id, Resolution(outcome: .upheld, rationale: "Duplicate", grants: [refund],
                                                      rootCause: Centre.defaultRootCauses[0]))
        let screen = CaseDocument(try bob.caseDetail(id: opened.id), words: f.words, time: DeskTime(timezone: "Europe/London"),
                                  now: f.now, width: cols - 2)
        let body = screen.body.map(\.text)
        #expect(body.contains { $0.hasPrefix("Outcome    upheld, granted Refund £75.00") }, "\(body)")
        #expect(!body.contains { $0.hasPrefix("Decision") })
    }
}
