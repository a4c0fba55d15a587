import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The selection follows its case, not its row: across another desk's writes the highlighted
/// case stays highlighted, and Enter opens it.
@Suite struct SelectionFollowsTheCaseTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// Three referrals waiting for Bob, C-000001 the most urgent.
    static func threeReferrals(_ f: DeskFixture) {
        for (i, summary) in ["first referral", "second referral", "third referral"].enumerated() {
            f.data.addCase(customerID: f.jane, summary: summary, state: .escalated, openerID: "ann",
                           opened: DeskFixture.start.addingTimeInterval(Double(i - 3) * 86_400))
        }
    }

    /// Bob, at another desk, claims and resolves a case: it leaves his queue.
    static func settle(_ id: String, _ f: DeskFixture) throws {
        let other = f.service("bob")
        try other.claim(caseID: id)
        try other.resolve(caseID: id, Resolution(outcome: .upheld, rationale: "Settled", grants: [], rootCause: "billing_error"))
    }

    /// The line of the highlighted row.
    static func highlighted(_ d: DeskDriver) -> String? {
        let screen = d.terminal.screen
        return (2..<screen.rows).first { screen.cell(row: $0, col: 2)?.style.role == .selection }.map { d.lines[$0] }
    }

    @Test(arguments: sizes) func aReferralArrivingAboveKeepsTheSelectedCase(size: TerminalSize) throws {
        let f = DeskFixture()
        Self.threeReferrals(f)
        var d = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        d.send(.down)
        #expect(Self.highlighted(d)?.contains("C-000002") == true)
        let live = f.data.addCase(customerID: f.raj, summary: "live referral", live: true, openerID: "ann")
        try f.service("ann").escalate(caseID: live, note: "Customer on the line")
        d.idle()
        #expect(d.lines[3].hasPrefix("● C-000004"))
        #expect(Self.highlighted(d)?.contains("C-000002") == true)
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000002")
    }

    @Test(arguments: sizes) func theSelectedCaseLeavingSelectsItsNeighbour(size: TerminalSize) throws {
        let f = DeskFixture()
        Self.threeReferrals(f)
        var d = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        d.send(.down)
        try Self.settle("C-000002", f)
        d.idle()
        #expect(!d.text.contains("C-000002"))
        #expect(Self.highlighted(d)?.contains("C-000003") == true)  // the case now at its old position
        try Self.settle("C-000003", f)
        d.idle()
        #expect(Self.highlighted(d)?.contains("C-000001") == true)  // none there now: the one before
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000001")
    }

    @Test func comingBackFromACaseKeepsTheCaseThoughTheQueueChanged() throws {
        let f = DeskFixture()
        Self.threeReferrals(f)
        var d = DeskDriver(f.service("bob"))
        d.send(.down, .down, .enter)
        #expect(d.app.top.title == "Case C-000003")
        let live = f.data.addCase(customerID: f.raj, summary: "live referral", live: true, openerID: "ann")
        try f.service("ann").escalate(caseID: live, note: "Customer on the line")
        d.idle()
        d.send(.escape)
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000003")
    }
}

/// A million identified rows, shifted by `inserted` rows arriving at the top.
final class ShiftingCases: PagedDataSource {
    struct Row: Identifiable { var id: Int }
    var count = 1_000_000
    var inserted = 0
    private(set) var requested: [Range<Int>] = []

    func rows(in range: Range<Int>) -> [Row] {
        requested.append(range)
        return range.map { Row(id: $0 - inserted) }
    }
}

/// The list keeps its selected id with only a page either side fetched, and scrolls no more
/// than it must.
@Suite struct ListSelectionIdentityTests {
    static func makeList(_ source: ShiftingCases) -> ListView<ShiftingCases> {
        ListView(source: source, columns: [ListColumn("Id", width: .fixed(8)) { String($0.id) }])
    }

    @Test func insertsAboveKeepTheIdAndScrollOnlyAsNeeded() {
        let source = ShiftingCases()
        var list = Self.makeList(source)
        var buffer = ScreenBuffer(rows: 6, cols: 10)  // header + 5 rows
        list.render(into: &buffer, area: buffer.area)
        list.select(500_000)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.offset == 499_996)
        list.perform(.up)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 499_999 && list.offset == 499_996)
        let before = source.requested.count
        source.inserted = 1
        list.source = source  // a reload
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 500_000)  // still id 499,999
        #expect(list.offset == 499_996)  // still on screen: no scroll
        #expect(list.selectedRow?.id == 499_999)
        source.inserted = 3
        list.source = source
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 500_002 && list.offset == 499_998)  // scrolled just enough
        #expect(source.requested.dropFirst(before).allSatisfy { $0.count <= 21 })
    }

    @Test func aRowMovedBeyondThePagesAroundItCountsAsGone() {
        let source = ShiftingCases()
        var list = Self.makeList(source)
        var buffer = ScreenBuffer(rows: 6, cols: 10)
        list.render(into: &buffer, area: buffer.area)
        list.select(3)
        list.render(into: &buffer, area: buffer.area)
        source.inserted = 1_000
        list.source = source
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 3)
        #expect(source.requested.allSatisfy { $0.count <= 21 })
    }

    @Test func customersKeepTheirSelectionWhenTheListChanges() {
        let raj = CustomerRow(id: "K-2", name: "Raj", contact: "", flags: [], openCases: 0)
        let jane = CustomerRow(id: "K-1", name: "Jane", contact: "", flags: [], openCases: 0)
        let zoe = CustomerRow(id: "K-9", name: "Aaron", contact: "", flags: [], openCases: 0)
        var list = ListView(source: ArrayDataSource([jane, raj]), columns: [ListColumn("Name", width: .fixed(8)) { $0.name }])
        var buffer = ScreenBuffer(rows: 4, cols: 10)
        list.render(into: &buffer, area: buffer.area)
        list.perform(.down)
        list.source = ArrayDataSource([zoe, jane, raj])
        #expect(list.selectedRow?.id == "K-2")
        list.source = ArrayDataSource([zoe, jane])
        #expect(list.selectedRow?.id == "K-1")
    }
}
