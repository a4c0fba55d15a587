import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The shell and the queue: layout at 80×24, queue order, paging, search, help, resizing.
@Suite struct QueueAndShellTests {
    @Test func agentQueueAt80x24() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Bill doubled after meter swap", openerID: "ann",
                       deadline: DeskFixture.start.addingTimeInterval(86_400 * 20))
        f.advance(minutes: 90)
        let d = DeskDriver(f.service("ann"))
        #expect(Array(d.lines.prefix(4)) == [
            " Northwind Energy  Queue                     Ann Archer, Customer Service Agent",
            "  My cases   Referred to me   All cases",
            "  Case     Customer      Summary            State     With           Age     Due",
            "  C-000001 Jane Smith    Bill doubled afte… open      Ann Archer      1h     19d",
        ])
        #expect(d.lines[22] == " Ann Archer  Customer Service Agent        Mine 1  Referred 0  All 1  Wed 10:30")
        #expect(d.lines[23] == "F1Help EnterOpen TabNext F10Quit F2New F3Search F5Refresh F6Auth")
    }

    @Test func teamLeaderQueueIsLiveFirstThenDeadlineThenAge() {
        let f = DeskFixture()
        let day = 86_400.0
        func escalated(_ summary: String, live: Bool, deadlineDays: Double?, openedHoursAgo: Double) {
            f.data.addCase(customerID: f.jane, summary: summary, live: live, state: .escalated, openerID: "ann", routedRole: "team_leader",
                           opened: DeskFixture.start.addingTimeInterval(-openedHoursAgo * 3_600),
                           deadline: deadlineDays.map { DeskFixture.start.addingTimeInterval($0 * day) })
        }
        escalated("old, no deadline", live: false, deadlineDays: nil, openedHoursAgo: 48)
        escalated("live, no deadline", live: true, deadlineDays: nil, openedHoursAgo: 1)
        escalated("deadline in 3 days", live: false, deadlineDays: 3, openedHoursAgo: 2)
        escalated("deadline in 9 days", live: false, deadlineDays: 9, openedHoursAgo: 30)
        escalated("live with deadline", live: true, deadlineDays: 5, openedHoursAgo: 3)
        escalated("newer, no deadline", live: false, deadlineDays: nil, openedHoursAgo: 5)
        f.data.addCase(customerID: f.jane, summary: "for a manager", state: .escalated, openerID: "ann", routedRole: "manager")
        let d = DeskDriver(f.service("bob"))
        let summaries = d.lines[3...8].map { line in String(line.dropFirst(25).prefix(18)).trimmingCharacters(in: .whitespaces) }
        #expect(summaries == ["live with deadline", "live, no deadline", "deadline in 3 days", "deadline in 9 days",
                              "old, no deadline", "newer, no deadline"])
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
        #expect(d.text.contains("C-000002 Raj Patel     Direct debit take…"))
        #expect(!d.text.contains("Meter read wrong"))
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000002")
        d.send(.escape, .escape)
        #expect(d.app.top.title == "Case C-000001")
    }

    @Test func helpListsEveryKeyOfTheFunctionBar() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Needs a team leader", state: .escalated, openerID: "ann", routedRole: "team_leader")
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
