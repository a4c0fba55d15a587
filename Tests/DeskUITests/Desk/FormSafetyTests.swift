import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Forms that do not lose work: Enter moves on in the new-case form, the case opens only from
/// its button or F9/Ctrl-O, a case with no remedy is confirmed, and Esc on typed text asks.
@Suite struct FormSafetyTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// From the agent's queue to the new-case form for Jane Smith.
    static func newCaseForm(_ f: DeskFixture, size: TerminalSize = TerminalSize(rows: 24, cols: 80)) -> DeskDriver {
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(2), .enter)
        #expect(d.app.top.title == "New case")
        return d
    }

    static func form(_ d: DeskDriver) -> NewCaseScreen? { d.app.top as? NewCaseScreen }

    @Test(arguments: sizes) func enterMovesToTheNextFieldAndF9Opens(size: TerminalSize) throws {
        let f = DeskFixture()
        var d = Self.newCaseForm(f, size: size)
        #expect(d.lines[size.rows - 1].hasPrefix("F1Help F9Open case EnterNext EscCancel"))
        d.type("Overcharged after meter swap")
        d.send(.enter)
        #expect(Self.form(d)?.focus.current == .kind)
        #expect(d.app.top.title == "New case")
        d.send(.enter, .enter, .enter, .enter, .enter)
        #expect(Self.form(d)?.focus.current == .remedy(0, .action))
        d.type("r")
        d.send(.enter)
        d.type("20")
        d.send(.enter)
        #expect(Self.form(d)?.focus.current == .remedy(1, .action))
        #expect(try f.service("ann").queueCount(.all) == 0)
        d.send(.function(9))
        #expect(d.app.top.title == "Case C-000001")
        #expect(try f.service("ann").caseDetail(id: "C-000001").requests.count == 1)
    }

    @Test func enterOnTheOpenButtonOpensAndCtrlOOpensFromAnyField() throws {
        let f = DeskFixture()
        var d = Self.newCaseForm(f)
        d.type("First")
        d.send(.backTab, .backTab)  // the Open case button, past the blank remedy line
        #expect(Self.form(d)?.focus.current == .submit)
        d.send(.enter)
        #expect(d.text.contains("Open without a remedy? y/n"))
        d.send(.character("y"))
        #expect(d.app.top.title == "Case C-000001")
        var e = Self.newCaseForm(f)
        e.type("Second")
        e.send(.control("o"), .character("y"))
        #expect(e.app.top.title == "Case C-000002")
    }

    @Test func helpListsTheOpenKeys() {
        let f = DeskFixture()
        var d = Self.newCaseForm(f)
        d.send(.function(1))
        #expect(d.text.contains("F9 Ctrl-O"))
        #expect(d.text.contains("Open case from any field"))
        #expect(d.text.contains("Next field; on a button, press it"))
    }

    @Test(arguments: sizes) func aCaseWithNoRemedyIsConfirmed(size: TerminalSize) throws {
        let f = DeskFixture()
        var d = Self.newCaseForm(f, size: size)
        d.type("Just wants an apology")
        d.send(.function(9))
        #expect(d.text.contains("Open without a remedy? y/n"))
        #expect(d.lines[size.rows - 1].hasPrefix("F1Help yOpen nAdd one"))
        d.send(.character("n"))
        #expect(d.app.top.title == "New case")
        #expect(Self.form(d)?.focus.current == .remedy(0, .action))
        #expect(try f.service("ann").queueCount(.all) == 0)
        d.send(.function(9), .character("y"))
        #expect(d.app.top.title == "Case C-000001")
    }

    @Test(arguments: sizes) func escOnTypedTextAsksBeforeDiscarding(size: TerminalSize) {
        let f = DeskFixture()
        var d = Self.newCaseForm(f, size: size)
        d.type("Half a summary")
        d.send(.escape)
        #expect(d.text.contains("Discard what you typed? y/n"))
        #expect(d.lines[size.rows - 1].hasPrefix("F1Help yDiscard nKeep editing"))
        d.send(.character("n"))
        #expect(d.app.top.title == "New case")
        #expect(Self.form(d)?.summary.text == "Half a summary")
        d.send(.escape, .escape)  // Esc on the question keeps the work too
        #expect(Self.form(d)?.summary.text == "Half a summary")
        d.send(.escape, .character("y"))
        #expect(d.app.top.title == "New case: customer")
        d.send(.enter)
        d.send(.escape)  // nothing typed: leaves at once
        #expect(d.app.top.title == "New case: customer")
    }

    /// At 60×16 with three remedies the blank line gives way so the live decision keeps a line.
    @Test func theLiveDecisionStaysInSightWithThreeRemediesAt60x16() throws {
        let f = DeskFixture()
        // Flags enough to take two rows at 60 columns, as the shipped centre's do.
        f.data = SampleCentre.data(moreCaseFlags: ["ombudsman", "complaint_escalated"]) { [unowned f] in f.now }
        var d = Self.newCaseForm(f, size: TerminalSize(rows: 16, cols: 60))
        d.type("Three things")
        d.send(.enter, .enter, .enter, .enter, .enter, .enter)
        #expect(Self.form(d)?.focus.current == .remedy(0, .action))
        d.type("r")
        d.send(.tab)
        d.type("10")
        d.send(.tab)
        d.type("g")
        d.send(.tab)
        d.type("5")
        d.send(.tab)
        d.type("c")
        #expect(Self.form(d)?.remedies.lines.count == 4)
        d.send(.backTab)
        let decided = d.text.contains("Within your authority") || d.text.contains("Needs ")
        #expect(decided, "\(d.text)")
        #expect(d.text.contains("Cancel contract"), "\(d.text)")
    }

    /// Quit (F10) and Queue (F4) from a form or dialog holding typed text ask first; `n`
    /// keeps everything where it was, `y` goes. With nothing typed they go at once.
    @Test(arguments: sizes) func quitAndQueueOnTypedWorkAskFirst(size: TerminalSize) throws {
        let f = DeskFixture()
        var d = Self.newCaseForm(f, size: size)
        d.type("Important typed summary")
        for key in [KeyEvent.function(10), .function(4)] {
            #expect(d.press(key) == .redraw)
            #expect(d.text.contains("Discard what you typed? y/n"))
            #expect(d.lines[size.rows - 1].hasPrefix("yDiscard nKeep editing"))
            d.send(.character("n"))
            #expect(d.app.top.title == "New case")
            #expect(Self.form(d)?.summary.text == "Important typed summary")
        }
        d.send(.function(4), .character("y"))
        #expect(d.app.top.title == "Queue")
        #expect(d.press(.function(10)) == .quit)

        // A case dialog: the bar's desk keys work there too, and ask the same.
        f.data.addCase(customerID: f.jane, summary: "Escalate me", openerID: "ann")
        var ann = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        ann.send(.enter, .character("e"))
        ann.type("Customer wants")
        #expect(ann.press(.function(10)) == .redraw)
        #expect(ann.text.contains("Discard what you typed? y/n"))
        ann.send(.escape)
        #expect(ann.text.contains("Customer wants"))
        #expect(ann.press(.function(10)) == .redraw)
        #expect(ann.press(.character("y")) == .quit)
    }

    /// Types `text` into the open dialog; Esc asks, `n` keeps it, Esc and `y` discard it.
    static func typeThenDiscardAfterKeeping(_ d: inout DeskDriver, _ text: String) {
        d.type(text)
        d.send(.escape)
        #expect(d.text.contains("Discard what you typed? y/n"))
        d.send(.character("n"))
        #expect(d.text.contains(text) && !d.text.contains("Discard what you typed?"))
        d.send(.escape, .character("y"))
        #expect(!d.app.top.capturesText)
    }

    @Test(arguments: sizes) func escOnANoteOrResolveWithTextAsks(size: TerminalSize) throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Escalate me", openerID: "ann")
        f.data.addCase(customerID: f.raj, summary: "Resolve me", state: .claimed, openerID: "ann", holderID: "bob",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 2_000, currency: .gbp))])
        var ann = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        ann.send(.enter, .character("e"))
        Self.typeThenDiscardAfterKeeping(&ann, "Customer wants")

        var bob = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        bob.send(.enter)
        #expect(bob.app.top.title == "Case C-000002")
        bob.send(.character("b"))
        bob.type("Offer goodwill")
        bob.send(.escape)
        #expect(bob.text.contains("Discard what you typed? y/n"))
        bob.send(.character("y"))
        #expect(!bob.app.top.capturesText)
        bob.send(.character("r"))
        bob.send(.escape)  // only what the case asked for: nothing typed, closes at once
        #expect(!bob.app.top.capturesText)
        bob.send(.character("r"), .tab, .tab, .tab, .tab)
        Self.typeThenDiscardAfterKeeping(&bob, "Refunded")
        #expect(try f.service("bob").caseDetail(id: "C-000002").summary.state == .claimed)
    }

    @Test func addingACustomerAsksBeforeDiscardingTypedDetails() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"))
        d.send(.function(2), .control("n"))
        #expect(d.text.contains("Add a customer"))
        d.send(.escape)  // nothing typed
        #expect(!d.text.contains("Add a customer"))
        d.send(.control("n"))
        d.type("Nia Jones")
        d.send(.escape)
        #expect(d.text.contains("Discard what you typed? y/n"))
        d.send(.character("y"))
        #expect(!d.text.contains("Add a customer"))
    }
}
