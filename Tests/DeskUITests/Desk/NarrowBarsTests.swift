import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// At 60 columns every bar says fewer things rather than half of one: status segments and
/// function keys are left off whole (the least important first; Help and Quit stay), queue
/// tabs take their short names, and a referral waiting for a team names the team.
@Suite struct NarrowBarsTests {
    /// Cat (Care) refers a case to her team leaders; Bob (Billing's team leader) looks.
    private func careReferral() throws -> (InMemoryDeskData, String) {
        let now = DeskFixture.start
        let data = SampleCentre.data(withCare: true) { now }
        let caseID = data.addCase(customerID: data.customerIDs[0], summary: "Care referral", openerID: "cat",
                                  requests: [RemedyRequest(action: "refund", amount: Money(minor: 7500, currency: .gbp))])
        try InMemoryDeskService(data: data, personID: "cat").escalate(caseID: caseID, note: "Over my limit")
        return (data, caseID)
    }

    @Test(arguments: [(rows: 24, cols: 80), (rows: 16, cols: 60)])
    func theWithColumnNamesTheTeamAReferralWaitsFor(size: (rows: Int, cols: Int)) throws {
        let (data, caseID) = try careReferral()
        var bob = DeskDriver(InMemoryDeskService(data: data, personID: "bob"), rows: size.rows, cols: size.cols)
        bob.send(.tab, .tab, .tab)
        #expect(bob.lines[1].contains("Other teams"))
        let row = try #require(bob.lines.first { $0.contains(caseID) }, "\(bob.lines)")
        #expect(row.contains("→Care"), "the team, whole, where the role and team do not fit: \(row)")
        #expect(row.contains(" 0s "), "the age keeps its width: \(row)")
        // Cat's own "Escalated by me" says the same.
        var cat = DeskDriver(InMemoryDeskService(data: data, personID: "cat"), rows: size.rows, cols: size.cols)
        cat.send(.tab, .tab, .tab)
        #expect(cat.lines.contains { $0.contains(caseID) && $0.contains("→Care") }, "\(cat.lines)")
    }

    @Test func aWideQueueSaysTheRoleAndTheTeam() throws {
        let (data, caseID) = try careReferral()
        var bob = DeskDriver(InMemoryDeskService(data: data, personID: "bob"), rows: 36, cols: 120)
        bob.send(.tab, .tab, .tab)
        #expect(bob.lines.contains { $0.contains(caseID) && $0.contains("→Team Leader · Care") }, "\(bob.lines)")
    }

    @Test(arguments: [(rows: 24, cols: 80), (rows: 16, cols: 60)])
    func barsLeaveOffWholeSegmentsAndKeepHelpAndQuit(size: (rows: Int, cols: Int)) throws {
        let (data, caseID) = try careReferral()
        var bob = DeskDriver(InMemoryDeskService(data: data, personID: "bob"), rows: size.rows, cols: size.cols)
        let status = bob.lines[size.rows - 2]
        #expect(status.contains("Bob Brennan"))
        #expect(status.contains("Mine 0") && status.contains("Referred 0"), "\(status)")
        #expect(status.contains("Wed 09:00"), "the clock outlasts the count of all cases: \(status)")
        #expect(status.contains("All 1") == (size.cols >= 80), "\(status)")
        // The tabs, whole, on one row: full names at 80, short ones at 60.
        let tabs = size.cols >= 80 ? ["Referred to me", "My cases", "All cases", "Other teams", "Escalated by me"]
            : ["Referred", "Mine", "All", "Other teams", "Escalated by me"]
        for tab in tabs { #expect(bob.lines[1].contains(" \(tab)"), "\(tab): \(bob.lines[1])") }
        // A claimed case's many keys: Help and Quit stay, and no key is cut.
        bob.send(.tab, .tab, .tab, .enter, .character("c"))
        let bar = bob.lines[size.rows - 1]
        #expect(bar.hasPrefix("F1Help"), "\(bar)")
        #expect(bar.contains("F10Quit"), "\(bar)")
        let known = Set(["F1Help", "F10Quit", "F2New", "F3Search", "F4Queue", "F5Refresh", "F6Auth"])
        let words = bar.split(separator: " ").map(String.init)
        #expect(words.filter { $0.hasPrefix("F") }.allSatisfy(known.contains), "\(bar)")
        #expect(bob.text.contains(caseID))
    }

    @Test func aStatusBarLeavesOffItsLeastImportantSegmentsWhole() {
        var buffer = ScreenBuffer(rows: 1, cols: 44)
        StatusBar(left: [.init("Priya Shah")],
                  right: [.init("Mine 3", priority: 2), .init("Referred 12", priority: 3), .init("All 736000"),
                          .init("Wed 09:00", priority: 1)])
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.lines()[0].hasSuffix("Mine 3  Referred 12  Wed 09:00"), "\(buffer.lines())")
        #expect(!buffer.lines()[0].contains("All"))
        var narrow = ScreenBuffer(rows: 1, cols: 26)
        StatusBar(left: [.init("Priya Shah")], right: [.init("Mine 3", priority: 2), .init("Referred 12", priority: 3)])
            .render(into: &narrow, area: narrow.area)
        #expect(narrow.lines()[0].contains("Referred 12"))
        #expect(!narrow.lines()[0].contains("Mine"))
    }

    @Test func wholeFitDropsTheLowestPriorityFromTheRight() {
        #expect(WholeFit.kept(widths: [3, 3, 3], priorities: [0, 0, 0], gap: 1, available: 11) == [0, 1, 2])
        #expect(WholeFit.kept(widths: [3, 3, 3], priorities: [0, 0, 0], gap: 1, available: 10) == [0, 1])
        #expect(WholeFit.kept(widths: [3, 3, 3], priorities: [2, 0, 1], gap: 1, available: 7) == [0, 2])
        #expect(WholeFit.kept(widths: [9], priorities: [0], gap: 1, available: 5).isEmpty)
    }

    @Test func tabsWrapOnlyWhereTheyDoNotFitWhole() {
        #expect(QueueScreen.tabLines([10, 10, 10], width: 32) == [[0, 1, 2]])
        #expect(QueueScreen.tabLines([10, 10, 10], width: 31) == [[0, 1], [2]])
        #expect(QueueScreen.tabLines([40, 5], width: 30) == [[0], [1]])
    }
}
