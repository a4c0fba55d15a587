import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The remaining screens and dialogs as drawn at 80×24.
@Suite struct PanelScreenTests {
    @Test func myAuthorityListsCellsAndHigherReferrals() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"))
        d.send(.function(6))
        #expect(Array(d.lines[1...8]) == [
            " Ann Archer, Customer Service Agent: authority under matrix version v1",
            "",
            " Refund:                  up to £50.00 a case and £100.00 in 30 days",
            " Goodwill credit:         up to £20.00 a case",
            " Cancel contract:         not permitted",
            " Disclose account data:   permitted",
            " Override identity check: not permitted",
            "",
        ])
        #expect(d.lines[9] == " These always send a case higher, whatever the amount:")
        #expect(d.lines[10] == " • Team Leader: The customer is flagged as vulnerable; a Team Leader must")
        #expect(d.lines[11] == "   handle the case.")
        #expect(d.text.contains("• Manager: The customer has threatened legal action"))
    }

    /// At 60×16 the list runs past the screen: it says so, and scrolls to the last rule.
    @Test func myAuthoritySaysThereIsMoreAndScrollsToIt() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"), rows: 16, cols: 60)
        d.send(.function(6))
        #expect(d.text.contains("↓ more"), "\(d.text)")
        #expect(d.text.contains("Override identity check: not permitted"), "titles are not cut: \(d.text)")
        for _ in 0..<20 where d.text.contains("↓ more") { d.send(.down) }
        #expect(!d.text.contains("↓ more"))
        #expect(d.text.contains("legal action"), "\(d.text)")
    }

    @Test func matrixGridScrollsSidewaysToTheHigherRoles() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("meg"))
        d.send(.function(7))
        #expect(Array(d.lines[1...5]) == [
            " In force: matrix version v1 · \(SampleCentre.policy.matrix.fingerprint), GBP  (←/→ more roles)",
            " Action               Customer Servic… Team Leader      Manager",
            " Refund               £50.00 a case    £500.00 a case   £2,000.00 a case",
            "                      £100.00/30d      £1,000.00/30d",
            " Goodwill credit      £20.00 a case    £100.00 a case   £500.00 a case",
        ])
        #expect(d.lines[6] == " Cancel contract      —                yes              yes")
        d.send(.right)
        #expect(d.lines[2] == " Action               Team Leader      Manager          Head of Custome…")
        #expect(d.lines[3].hasSuffix("any"))
    }

    @Test func addingACustomerLeadsToTheCaseForm() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"))
        d.send(.function(2))
        #expect(d.lines[1] == " Customer: name, phone, email or customer id")
        #expect(d.text.contains("Jane Smith") && d.text.contains("李小龙"))
        d.type("Zoë")
        #expect(d.text.contains("No customer matches. Ctrl-N adds a new one."))
        d.send(.control("n"))
        #expect(d.text.contains("┌─ Add a customer"))
        d.send(.tab)
        d.type("zoe@example.com")
        d.send(.tab)
        d.type("vulnerable")
        d.send(.enter)
        #expect(d.app.top.title == "New case")
        #expect(d.lines[1].hasPrefix(" New case for Zoë (CU-00000004)  [vulnerable]"))
        #expect(d.text.contains("│ Needs Team Leader"))
        #expect(d.text.contains("The customer is flagged as vulnerable"))
    }

    @Test func resolveDialogAt80x24() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Resolve me", state: .claimed, openerID: "ann", holderID: "bob")
        var d = DeskDriver(f.service("bob"))
        d.send(.enter, .character("r"))
        let box = d.lines.filter { $0.contains("│") && $0.contains("Outcome") || $0.contains("Rationale") || $0.contains("Root cause") || $0.contains("[ Resolve ]") }
        #expect(box.count == 4)
        #expect(d.text.contains("Outcome      ◀ upheld ▶"))
        #expect(d.lines[23] == "F1Help EnterResolve TabNext EscCancel F10Quit F2New F3Search F4Queue F5Refresh")
        d.send(.right)
        #expect(d.text.contains("◀ partly upheld ▶"))
        d.send(.escape)
        #expect(!d.text.contains("Resolve C-000001 ─"))
    }

    /// The resolve dialog starts from what the case asked for, checked at once, and stays editable.
    @Test(arguments: [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)])
    func resolveStartsFromTheRemediesAsked(size: TerminalSize) throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Refund and goodwill", state: .claimed, openerID: "ann", holderID: "bob",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp)),
                                  RemedyRequest(action: "goodwill_credit", amount: Money(minor: 1_000, currency: .gbp))])
        let bob = f.service("bob")
        var d = DeskDriver(bob, rows: size.rows, cols: size.cols)
        d.send(.enter, .character("r"))
        #expect(d.text.contains("Grants"))
        #expect(d.lines.contains { $0.contains("Refund") && $0.contains("£ 75.00") })
        #expect(d.lines.contains { $0.contains("Goodwill credit") && $0.contains("£ 10.00") })
        #expect(d.text.contains("Within your authority"))
        // Edited: the amount raised over Bob's limit is checked as it is typed.
        d.send(.tab, .tab)
        d.send(.backspace, .backspace, .backspace, .backspace, .backspace)
        d.type("600")
        #expect(d.text.contains("Needs Manager"))
        d.send(.backspace, .backspace)
        d.type("0")
        d.send(.tab, .tab, .tab, .tab)
        d.type("Refund the overcharge and release them")
        d.send(.tab, .right, .enter)
        let detail = try bob.caseDetail(id: "C-000001")
        #expect(detail.summary.state == .resolved)
        #expect(detail.timeline.last.map(f.words.what)?.contains("Refund £60.00") == true)
    }

    @Test func personPickerChoosesSomeone() {
        var picker = PersonPicker(staff: SampleCentre.staff)
        let terminal = VirtualTerminal()
        var buffer = ScreenBuffer(size: terminal.size)
        picker.render(into: &buffer, area: buffer.area)
        let lines = buffer.lines()
        #expect(lines.contains { $0.contains("Training desk: who are you?") })
        #expect(lines.contains { $0.contains("Ann Archer") && $0.contains("Customer Service Agent") && $0.contains("Billing") })
        #expect(lines.contains { $0.contains("Hal Hughes") })
        #expect(picker.handle(.down) == .redraw)
        #expect(picker.handle(.enter) == .quit)
        #expect(picker.chosenID == "bob")

        var cancelled = PersonPicker(staff: SampleCentre.staff)
        #expect(cancelled.handle(.escape) == .quit)
        #expect(cancelled.chosenID == nil)
    }

    @Test func pickerRunsInItsOwnEventLoop() throws {
        let terminal = VirtualTerminal()
        terminal.enqueue(.down, .down, .enter)
        let loop = EventLoop(terminal: terminal, root: PersonPicker(staff: SampleCentre.staff))
        #expect(try loop.run() == .quit)
        #expect(loop.root.chosenID == "meg")
        #expect(!terminal.isActive)
    }

    @Test func deskRunsUnderTheEventLoopAndQuits() throws {
        let f = DeskFixture()
        let terminal = VirtualTerminal()
        terminal.enqueue(.character("?"), .escape, .character("q"))
        let loop = DeskApp.loop(service: f.service("ann"), terminal: terminal)
        #expect(try loop.run() == .quit)
        #expect(terminal.presented.contains { $0.text.contains("Help: Queue") })
    }
}

/// Every screen and dialog at the minimum size draws without crashing and keeps its bars.
@Suite struct MinimumSizeTests {
    @Test func everyScreenDrawsAt60x16() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "A long summary that will not fit in sixty columns at all", state: .claimed,
                       openerID: "ann", holderID: "meg")
        var d = DeskDriver(f.service("meg"), rows: 16, cols: 60)
        // Round every tab (referred, mine, all, escalated by me) and on to My cases: a case a
        // manager claimed from the team leaders' queue is theirs, not referred to them.
        d.send(.tab, .tab, .tab, .tab, .tab)
        d.send(.enter, .character("r"))
        #expect(d.text.contains("Resolve C-000001"))
        d.send(.escape, .character("b"))
        d.send(.escape, .function(7), .right, .right, .function(6), .function(2), .enter, .function(1))
        #expect(d.lines.count == 16)
        #expect(d.lines[15].hasPrefix("F1Help"))
        d.send(.escape, .escape)
        #expect(d.app.top.title == "New case: customer")
        d.send(.function(3))
        d.type("long")
        #expect(d.text.contains("1 case found"))
    }
}
