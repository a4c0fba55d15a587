import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The manager's matrix governance on the desk: a draft edited in the grid, proposed,
/// read as a diff, approved or rejected by a second person, and simulated.
@Suite struct MatrixGovernanceScreenTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// The sample centre with a second Head of Customer Service (Hen), so two people may govern.
    final class Governors {
        var now = DeskFixture.start
        lazy var data: InMemoryDeskData = {
            let hen = DeskPerson(id: "hen", name: "Hen Hart", roleID: "head", roleTitle: "Head of Customer Service", canViewMatrix: true)
            var centre = SampleCentre.centre
            centre.staffNames["hen"] = hen.name
            let data = InMemoryDeskData(policy: SampleCentre.policy, centre: centre, staff: SampleCentre.staff + [hen]) { [unowned self] in self.now }
            data.addCustomer(name: "Jane Smith", contact: "07700 900123")
            return data
        }()

        func desk(_ person: String, _ size: TerminalSize = TerminalSize(rows: 24, cols: 80)) -> DeskDriver {
            DeskDriver(InMemoryDeskService(data: data, personID: person), rows: size.rows, cols: size.cols)
        }
    }

    /// From the queue: F7, `d`, then replace the cell under the cursor with `text`.
    static func draft(_ d: inout DeskDriver, setting text: String, moves: [KeyEvent] = []) {
        d.send(.function(7), .character("d"))
        d.send(moves)
        d.send(.enter, .control("u"))
        d.type(text)
        d.send(.enter)
    }

    /// Proposes the open draft with a rationale.
    static func propose(_ d: inout DeskDriver, _ rationale: String) {
        d.send(.character("p"))
        d.type(rationale)
        d.send(.enter)
    }

    @Test(arguments: sizes) func aProposalIsReadAsADiffAndTheProposerMayNotApproveIt(size: TerminalSize) {
        let g = Governors()
        var hal = g.desk("hal", size)
        Self.draft(&hal, setting: "75.00")
        #expect(hal.text.contains("1 change"))
        Self.propose(&hal, "Agents settle more refunds first time")
        #expect(hal.app.top.title == "Matrix version 2")
        #expect(hal.text.contains("Version 2: proposed, waiting for approval"))
        #expect(hal.text.contains("agent · refund · per case £50.00 → £75.00"))
        #expect(hal.text.contains("Proposed matrix version 2"))
        hal.send(.character("a"))
        #expect(hal.text.contains("Approve matrix version 2"))
        hal.send(.enter)
        #expect(hal.text.contains("four eyes"))
        #expect(g.data.matrixRegister.version("2")?.status == .proposed)
    }

    @Test(arguments: sizes) func asecondGovernorApprovesFromThePendingList(size: TerminalSize) {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "75.00")
        Self.propose(&hal, "More first-time refunds")
        var hen = g.desk("hen", size)
        hen.send(.function(7))
        #expect(hen.text.contains("1 waiting for approval"))
        hen.send(.character("v"))
        #expect(hen.text.contains("1 waiting for approval: Enter opens one."))
        #expect(hen.lines.contains { $0.contains("2") && $0.contains("proposed") && $0.contains("Hal Hughes") })
        #expect(hen.lines.contains { $0.contains("1") && $0.contains("in force") })
        hen.send(.enter)
        #expect(hen.text.contains("Customer Service Agent gains: refund"))
        hen.send(.character("a"))
        hen.type("Agreed at the ops review")
        hen.send(.enter)
        #expect(hen.text.contains("Approved matrix version 2"))
        #expect(hen.text.contains("Version 2: in force"))
        #expect(hen.text.contains("Approved by Hen Hart"))
        #expect(!hen.text.contains("Reject"))
    }

    @Test(arguments: sizes) func rejectingNeedsARationale(size: TerminalSize) {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "75.00")
        Self.propose(&hal, "More first-time refunds")
        var hen = g.desk("hen", size)
        hen.send(.function(7), .character("v"), .enter, .character("r"))
        #expect(hen.text.contains("Reject matrix version 2"))
        hen.send(.enter)
        #expect(hen.text.contains("Write why the proposal"))
        #expect(g.data.matrixRegister.version("2")?.status == .proposed)
        hen.type("Finance has not agreed the budget")
        hen.send(.enter)
        #expect(hen.text.contains("Rejected matrix version 2"))
        #expect(hen.text.contains("Version 2: rejected"))
        #expect(hen.text.contains("Rejected by Hen Hart"))
    }

    /// Scrolling the grid down stops with the last action at the bottom, never above blank rows.
    @Test func theGridNeverScrollsPastItsLastAction() {
        let g = Governors()
        var hen = g.desk("hen", TerminalSize(rows: 16, cols: 60))
        hen.send(.function(7))
        for _ in 0..<12 { hen.send(.down) }
        #expect(hen.text.contains("Override identity"), "\(hen.text)")
        #expect(hen.text.contains("Disclose account"), "the row above the last stays in view: \(hen.text)")
    }

    @Test func aProposalOnAStaleBaseMustBeRebasedFirst() {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "75.00")
        Self.propose(&hal, "Refunds")
        hal.send(.escape, .escape, .escape)
        Self.draft(&hal, setting: "30.00", moves: [.down])
        Self.propose(&hal, "Goodwill")
        var hen = g.desk("hen")
        hen.send(.function(7), .character("v"), .down, .enter, .character("a"), .enter)
        #expect(hen.text.contains("Version 2: in force"))
        hen.send(.escape, .up, .enter)
        #expect(hen.text.contains("Version 3: proposed"))
        #expect(hen.text.contains("its proposer must rebase it"), "\(hen.text)")
        #expect(!hen.text.contains("bRebase"), "only its proposer is offered the key")
        hen.send(.character("a"), .enter)
        #expect(hen.text.contains("Rebase:") || hen.text.contains("rebase: matrix version 3"))
        #expect(g.data.matrixRegister.version("3")?.status == .proposed)
        // Only Hal, who proposed it, may rebase it: Hen is to decide it.
        hen.send(.escape)
        var again = g.desk("hal")
        again.send(.function(7), .character("v"), .enter)
        #expect(again.text.contains("Version 3: proposed"), "\(again.text)")
        again.send(.character("b"))
        #expect(again.text.contains("Rebased matrix version 3"), "\(again.text)")
        #expect(again.text.contains("a change of version 2"))
        #expect(!again.text.contains("rebase (b)"))
    }

    @Test(arguments: sizes) func anInvalidCellShowsConfigValidatesMessageAndStaysOpen(size: TerminalSize) {
        let g = Governors()
        var hal = g.desk("hal", size)
        Self.draft(&hal, setting: "75.00", moves: [.down, .down])
        #expect(hal.text.contains("Cancel_contract is a permission, so its cell is allow or"))
        #expect(hal.app.top.capturesText)
        hal.send(.control("u"))
        hal.type("allow")
        hal.send(.enter)
        #expect(!hal.app.top.capturesText)
        #expect(hal.text.contains("Customer Service Agent · Cancel contract: allow"))
    }

    @Test func anInvertedDraftCannotBeProposed() {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "10.00", moves: [.right])
        #expect(hal.text.contains("inverted matrix: the team_leader per-case limit for refund"))
        hal.send(.character("p"))
        #expect(hal.text.contains("Not ready to propose"))
        #expect(g.data.matrixRegister.versions.count == 1)
    }

    @Test func anUnchangedDraftProposesNothingAndEscLeavesIt() {
        let g = Governors()
        var hal = g.desk("hal")
        hal.send(.function(7), .character("d"))
        Self.propose(&hal, "Nothing really")
        #expect(hal.text.contains("Nothing changed"))
        hal.send(.enter, .escape)
        #expect(hal.app.top.title == "Authority matrix")
        #expect(g.data.matrixRegister.versions.count == 1)
    }

    @Test func escOnAChangedDraftAsksFirst() {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "75.00")
        hal.send(.escape)
        #expect(hal.text.contains("Discard this draft"))
        hal.send(.character("n"))
        #expect(hal.app.top.title == "Draft from version 1")
        hal.send(.escape, .character("y"))
        #expect(hal.app.top.title == "Authority matrix")
    }

    @Test func aManagerWithoutThePowerReadsTheHistoryOnly() {
        let g = Governors()
        var hal = g.desk("hal")
        Self.draft(&hal, setting: "75.00")
        Self.propose(&hal, "Refunds")
        var meg = g.desk("meg")
        meg.send(.function(7))
        #expect(!meg.lines[23].contains("Draft"))
        meg.send(.character("v"), .enter)
        #expect(meg.text.contains("Version 2: proposed"))
        #expect(!meg.lines[23].contains("Approve") && meg.lines[23].contains("Simulate"))
        meg.send(.character("a"))
        #expect(!meg.text.contains("Approve matrix version 2"))
    }

    @Test(arguments: sizes) func theSimulationSaysSimulatingThenCounts(size: TerminalSize) {
        let g = Governors()
        let gbp = Currency.gbp
        // One customer each, so no case is a repeat contact.
        for pounds: Int64 in [30, 40, 45] {
            let customer = g.data.addCustomer(name: "Customer \(pounds)", contact: "0770090\(pounds)")
            g.data.addCase(customerID: customer, summary: "Refund \(pounds)", openerID: "ann",
                           requests: [RemedyRequest(action: "refund", amount: Money(minor: pounds * 100, currency: gbp))])
        }
        var hal = g.desk("hal", size)
        Self.draft(&hal, setting: "35.00")
        hal.send(.character("s"))
        #expect(hal.text.contains("Simulating the last 90 days"))
        hal.idle()
        #expect(hal.text.contains("Replayed 3 requests"))
        #expect(hal.text.contains("2 decisions change"))
        #expect(hal.text.contains("Customer Service Agent: 2 change"))
        #expect(hal.text.contains("2 newly escalated"))
        hal.send(.pageDown)
        #expect(hal.text.contains("Team Leader queue grows by 2"))
    }

    @Test(arguments: sizes) func aReferralRuleIsEditedInTheDraftAndProposed(size: TerminalSize) {
        let g = Governors()
        var hal = g.desk("hal", size)
        hal.send(.function(7), .character("d"), .character("r"))
        #expect(hal.text.contains("vulnerable_customer: at least Team Leader"))
        hal.send(.down, .down, .down, .down, .enter)
        #expect(hal.text.contains("Referral rule large_total"))
        #expect(hal.text.contains("{requested_total_over: 1000.00}"))
        hal.send(.tab, .control("u"))
        hal.type("{requested_total_over: 750.00}")
        hal.send(.enter)
        #expect(hal.text.contains("large_total: at least Manager when over £750.00"))
        #expect(hal.text.contains("1 change"))
        Self.propose(&hal, "Lower the manager threshold")
        #expect(hal.text.contains("referral large_total: over £1,000.00 → over £750.00"))
    }

    @Test func aRuleIsCheckedAsConfigValidateChecksItAndRemovedOnlyWhenConfirmed() {
        let g = Governors()
        var hal = g.desk("hal")
        hal.send(.function(7), .character("d"), .character("r"), .character("n"))
        #expect(hal.text.contains("New referral rule"))
        hal.type("night_calls")
        hal.send(.tab)
        hal.type("{channel: phone}")
        hal.send(.tab)
        hal.type("boss")
        hal.send(.tab)
        hal.type("Calls at night go up")
        hal.send(.enter)
        #expect(hal.text.contains("Min_role \"boss\" is not declared under roles"))
        #expect(hal.app.top.capturesText)
        hal.send(.backTab, .control("u"))
        hal.type("manager")
        hal.send(.enter)
        #expect(hal.text.contains("night_calls: at least Manager when channel phone"))
        hal.send(.character("x"))
        #expect(hal.text.contains("Remove referral rule night_calls"))
        hal.send(.character("n"))
        #expect(hal.text.contains("night_calls: at least Manager"))
        hal.send(.character("x"), .character("y"))
        #expect(!hal.text.contains("night_calls"))
        #expect(hal.text.contains("no changes yet"))
    }
}
