import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The shell and the queue: layout at 80×24, queue order, paging, search, help, resizing.
@Suite struct QueueAndShellTests {
    @Test func agentQueueAt80x24() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Bill doubled after meter swap", openerID: "ann")
        f.advance(minutes: 90)
        let d = DeskDriver(f.service("ann"))
        #expect(Array(d.lines.prefix(4)) == [
            " Northwind Energy  Queue                     Ann Archer, Customer Service Agent",
            "  My cases   Referred to me   All cases   Escalated by me",
            // Id, state, age and due are as wide as what they show; the rest share the room.
            // Due stands two spaces from Age, so "1d" and "! 7h" never read as one countdown.
            "  Case     Customer        Summary                State With            Age  Due",
            // Due is the core's deadline (CaseDeadline: eight weeks from receipt), 55 days on;
            // the old double let a seed set its own (20 days), which no stored case can have.
            "  C-000001 Jane Smith      Bill doubled after me… open  Ann Archer       1h  55d",
        ])
        #expect(d.lines[22] == " Ann Archer  Customer Service Agent        Mine 1  Referred 0  All 1  Wed 10:30")
        #expect(d.lines[23] == "F1Help EnterOpen TabNext F10Quit F2New F3Search F5Refresh F6Auth")
    }

    /// Every case has a deadline (the core's `CaseDeadline`: eight weeks from receipt, whatever
    /// its kind), so the nearest deadline is the earliest receipt. The old double let a seed set
    /// a deadline or none and ordered the deadline-less by age; no stored case can lack one.
    @Test func teamLeaderQueueIsLiveFirstThenNearestDeadline() {
        let f = DeskFixture()
        func escalated(_ summary: String, live: Bool, dueInDays: Double) {
            f.data.addCase(customerID: f.jane, summary: summary, live: live, state: .escalated, openerID: "ann",
                           opened: DeskFixture.start.addingTimeInterval((dueInDays - 56) * 86_400))
        }
        escalated("due in 20 days", live: false, dueInDays: 20)
        escalated("live, due in 50d", live: true, dueInDays: 50)
        escalated("due in 3 days", live: false, dueInDays: 3)
        escalated("due in 9 days", live: false, dueInDays: 9)
        escalated("live, due in 5d", live: true, dueInDays: 5)
        escalated("due in 55 days", live: false, dueInDays: 55)
        // £600 is over a team leader's limit: the rulebook routes it to the managers' queue.
        f.data.addCase(customerID: f.jane, summary: "for a manager", state: .escalated, openerID: "ann",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 60_000, currency: .gbp))])
        let d = DeskDriver(f.service("bob"))
        let summaries = d.lines[3...8].map { line in String(line.dropFirst(25).prefix(18)).trimmingCharacters(in: .whitespaces) }
        #expect(summaries == ["live, due in 5d", "live, due in 50d", "due in 3 days", "due in 9 days",
                              "due in 20 days", "due in 55 days"])
        #expect(d.lines[3].hasPrefix("●"))
        #expect(!d.text.contains("for a manager"))
    }

    @Test func queuePagesOnlyTheVisibleRows() {
        let f = DeskFixture()
        for i in 0..<2_000 { f.data.addCase(customerID: f.jane, summary: "case \(i)", openerID: "ann") }
        let service = f.service("ann")
        var d = DeskDriver(service)
        let firstPaint = service.rowsRequested
        #expect(firstPaint > 0 && firstPaint <= 20)
        d.send(.pageDown)
        d.send(.pageDown)
        d.send(.end)
        #expect(service.rowsRequested - firstPaint <= 3 * 20 + 2)
        #expect(d.text.contains("case 1999") || d.text.contains("case 0"))
    }

    @Test func tabSwitchesQueueAndClickSelects() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "first", openerID: "bob")
        f.data.addCase(customerID: f.raj, summary: "second", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        d.send(.tab, .tab)
        #expect(d.text.contains("second") && d.text.contains("first"))
        d.send(.mouse(row: 4, col: 10))
        #expect(d.app.top is QueueScreen)
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000001")
    }

    @Test func slashSearchesFromAnywhere() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Meter read wrong", openerID: "ann")
        f.data.addCase(customerID: f.raj, summary: "Direct debit taken twice", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        d.send(.enter)
        d.send(.character("/"))
        #expect(d.app.top.title == "Search")
        d.type("debit")
        #expect(d.text.contains("1 case found"))
        #expect(d.text.contains("C-000002 Raj Patel       Direct debit taken tw…"))
        #expect(!d.text.contains("Meter read wrong"))
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000002")
        d.send(.escape, .escape)
        #expect(d.app.top.title == "Case C-000001")
    }

    /// An empty result says one thing, the search quoted (control characters made visible),
    /// at 80×24 and 60×16.
    @Test func aSearchThatFindsNothingSaysSo() {
        for (rows, cols) in [(24, 80), (16, 60)] {
            let f = DeskFixture()
            f.data.addCase(customerID: f.jane, summary: "Meter read wrong", openerID: "ann")
            var d = DeskDriver(f.service("ann"), rows: rows, cols: cols)
            d.send(.enter)
            d.send(.character("/"))
            #expect(d.text.contains("Type to search cases."))
            d.type("zebra\u{1B}")
            #expect(d.text.contains("No case matches \"zebra"), "\(d.text)")
            #expect(d.text.contains("0 cases found"))
            #expect(!d.text.contains("\u{1B}"))
        }
    }

    @Test func helpListsEveryKeyOfTheFunctionBar() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Needs a team leader", state: .escalated, openerID: "ann")
        var d = DeskDriver(f.service("bob"))
        d.send(.enter)
        let bar = d.app.functionBar.entries
        #expect(bar.map(\.key).contains("c"))
        d.send(.character("?"))
        let help = d.text
        #expect(help.contains("Help: Case C-000001"))
        for entry in bar { #expect(help.contains(entry.key), "help lacks \(entry.key)") }
        #expect(help.contains("Claim this case"))
        d.send(.escape)
        #expect(!d.text.contains("Help: Case"))
        #expect(d.app.top.title == "Case C-000001")
    }

    @Test func hostileSummaryIsSanitised() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "\u{1B}[2J\u{1B}]52;c;aGk=\u{07}pay \u{202E}me", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        #expect(d.text.contains("␛[2J"))
        d.send(.enter)
        #expect(d.text.contains("␛[2J␛]52;c;aGk=␇pay ⟨U+202E⟩me"))
        let symbols = d.terminal.screen.cells.map(\.symbol).joined()
        #expect(!symbols.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
    }

    @Test func resizingToTinyAndBackRecovers() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Resize me", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        d.send(.resize(TerminalSize(rows: 6, cols: 20)))
        #expect(d.text.contains("Terminal too"))
        d.send(.character("j"))
        d.send(.resize(TerminalSize(rows: 24, cols: 80)))
        #expect(d.lines[3].contains("Resize me"))
        #expect(d.lines.count == 24)
    }

    @Test func agentHasNoMatrixKeyButManagerDoes() {
        let f = DeskFixture()
        var agent = DeskDriver(f.service("ann"))
        #expect(!agent.lines[23].contains("Matrix"))
        agent.send(.function(7))
        #expect(agent.app.top.title == "Queue")
        let manager = DeskDriver(f.service("meg"))
        #expect(manager.lines[23].contains("F7Matrix"))
    }

    @Test func qQuitsOnlyFromTheTop() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "x", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        d.send(.enter)
        #expect(d.loop.dispatch(.character("q")) != .quit)
        d.send(.escape)
        #expect(d.loop.dispatch(.character("q")) == .quit)
        #expect(d.loop.dispatch(.function(10)) == .quit)
    }
}
