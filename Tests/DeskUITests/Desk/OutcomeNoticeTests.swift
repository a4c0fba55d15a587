import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Outcomes reach the agent who escalated (issue 13, item 2): a notice with no key pressed,
/// the bell for a return or a resolution, the guidance at the top of a returned case, and
/// their escalations in "Escalated by me"; at 80×24 and 60×16.
@Suite struct OutcomeNoticeTests {
    static let sizes = [(rows: 24, cols: 80), (rows: 16, cols: 60)]

    /// Ann refers a live case; Bob (her team leader) has it.
    func referred(_ f: DeskFixture) throws -> String {
        let caseID = f.data.addCase(customerID: f.raj, summary: "Charged twice", live: true, openerID: "ann",
                                    requests: [RemedyRequest(action: "refund", amount: Money(minor: 7500, currency: .gbp))])
        try f.service("ann").escalate(caseID: caseID, note: "Over my limit")
        return caseID
    }

    @Test(arguments: sizes) func aResolutionIsAnnouncedWithTheBellWithNoKeyPressed(size: (rows: Int, cols: Int)) throws {
        let f = DeskFixture()
        let caseID = try referred(f)
        var ann = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        let bob = f.service("bob")
        try bob.claim(caseID: caseID)
        ann.idle()
        #expect(ann.text.contains("▶ \(caseID) claimed by Bob Brennan"))
        #expect(ann.terminal.bellCount == 0, "a claim only says who has it")
        try bob.resolve(caseID: caseID, Resolution(outcome: .upheld, rationale: "Duplicate charge",
                                                   grants: [RemedyRequest(action: "refund", amount: Money(minor: 4000, currency: .gbp))]))
        ann.idle()
        #expect(ann.terminal.bellCount == 1)
        // The notice sits above the status bars and wraps onto more lines when it is long.
        let notice = ann.lines[..<(size.rows - 2)].drop { !$0.hasPrefix(" ▶ ") }.joined(separator: " ")
        #expect(notice.hasPrefix(" ▶ \(caseID) resolved by Bob Brennan: upheld"), "\(notice)")
        #expect(notice.contains("£40.00"))
        ann.idle()
        #expect(ann.terminal.bellCount == 1, "announced once")
    }

    @Test(arguments: sizes) func aReturnedCaseShowsTheGuidanceFirst(size: (rows: Int, cols: Int)) throws {
        let f = DeskFixture()
        let caseID = try referred(f)
        var ann = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        let bob = f.service("bob")
        try bob.claim(caseID: caseID)
        try bob.returnCase(caseID: caseID, guidance: "Offer a payment plan")
        ann.idle()
        #expect(ann.terminal.bellCount == 1)
        #expect(ann.text.contains("\(caseID) returned to you by Bob Brennan"))
        #expect(!ann.text.contains("New referral"))
        #expect(ann.lines[size.rows - 2].contains("Referred 0"))
        ann.send(.enter)
        // At the top of the case, before its summary: who returned it, then the guidance.
        let lines = ann.lines
        let from = try #require(lines.firstIndex { $0.contains("Returned by Bob Brennan (Team Leader)") }, "\(lines)")
        #expect(lines[from + 1].contains("Guidance   Offer a payment plan"), "\(lines)")
        let summary = try #require(lines.firstIndex { $0.contains("Summary    ") }, "\(lines)")
        #expect(from < summary)
    }

    @Test func escalatedByMeListsMyReferralsWithTheirHolder() throws {
        let f = DeskFixture()
        let caseID = try referred(f)
        try f.service("bob").claim(caseID: caseID)
        var ann = DeskDriver(f.service("ann"))
        #expect(ann.lines[1].contains("Escalated by me"))
        ann.send(.tab, .tab, .tab)
        #expect(ann.lines[1].contains("Escalated by me"))
        #expect(ann.lines[3].contains(caseID) && ann.lines[3].contains("claimed") && ann.lines[3].contains("Bob Brennan"), "\(ann.lines)")
        // Resolved: the row says how it ended.
        try f.service("bob").resolve(caseID: caseID, Resolution(outcome: .partlyUpheld, rationale: "Half the charge"))
        ann.idle()
        #expect(ann.lines[3].contains("resolved") && ann.lines[3].contains("partly upheld"), "\(ann.lines)")
    }
}
