import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Team routing on the desk (issue 13, item 3): a referral from Care waits for Care's team
/// leader; Bob (Billing) sees it only under "Other teams", may claim it, and the claim reads
/// as cover; at 80×24 and 60×16.
@Suite struct OtherTeamsScreenTests {
    @Test(arguments: [(rows: 24, cols: 80), (rows: 16, cols: 60)])
    func anotherTeamsReferralIsUnderOtherTeamsAndClaimingItIsCover(size: (rows: Int, cols: Int)) throws {
        let now = DeskFixture.start
        let data = SampleCentre.data(withCare: true) { now }
        let customer = data.customerIDs[0]
        let caseID = data.addCase(customerID: customer, summary: "Care referral", openerID: "cat",
                                  requests: [RemedyRequest(action: "refund", amount: Money(minor: 7500, currency: .gbp))])
        try InMemoryDeskService(data: data, personID: "cat").escalate(caseID: caseID, note: "Over my limit")

        let dev = DeskDriver(InMemoryDeskService(data: data, personID: "dev"), rows: size.rows, cols: size.cols)
        #expect(dev.lines[3].contains(caseID), "Care's own leader has it in Referred to me")
        let bobService = InMemoryDeskService(data: data, personID: "bob")
        var bob = DeskDriver(bobService, rows: size.rows, cols: size.cols)
        #expect(bob.text.contains("Nothing is waiting for you."))
        #expect(bob.lines[size.rows - 2].contains("Referred 0"))
        // Referred to me · My cases · All cases · Other teams.
        bob.send(.tab, .tab, .tab)
        #expect(bob.lines[1].contains("Other teams"))
        #expect(bob.lines[3].contains(caseID), "\(bob.lines)")
        bob.send(.enter, .character("c"))
        let words = CaseWords(bobService.centre)
        let claim = try #require(try bobService.caseDetail(id: caseID).timeline.last)
        #expect(words.what(claim) == "Claimed as cover for Care")
        bob.send(.escape)
        #expect(bob.text.contains("No other team has a referral waiting."))
    }

    /// Operations (Meg's) has no team leader, so no referral can wait for it: Bob has no
    /// "Other teams" tab.
    @Test func aTeamLeaderWithoutOtherTeamsHasNoOtherTeamsTab() {
        let f = DeskFixture()
        let bob = DeskDriver(f.service("bob"))
        #expect(!bob.lines[1].contains("Other teams"))
        #expect(bob.lines[1].contains("Escalated by me"))
    }
}
