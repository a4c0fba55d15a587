import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Every queue row counts down to its nearest clock in green, amber ("!") and red ("!!"); the
/// case screen lists every clock; each desk sweeps once a minute (issue 15, on the desk).
@Suite struct ClockCountdownTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// A centre with a one-day summary clock that refers to a team leader halfway, and the
    /// eight-week final response.
    static func fixture() -> DeskFixture {
        let f = DeskFixture()
        f.data.clocks = [
            RegulatoryClock(id: "summary", title: "Summary resolution", family: .regulatory, appliesTo: ["complaint"],
                            starts: "received", limit: .calendarDays(2), then: nil, extendable: nil, warnAt: 0.5,
                            escalateTo: "team_leader", calendar: nil, rule: "FCA DISP 1.5.2R"),
            RegulatoryClock(id: "final", title: "Final response", family: .regulatory, appliesTo: ["complaint"],
                            starts: "received", limit: .calendarDays(56), then: nil, extendable: nil, warnAt: 0.25,
                            escalateTo: "manager", calendar: nil, rule: "FCA DISP 1.6.2R"),
        ]
        return f
    }

    /// The style of the rightmost written cell of the row showing `id`, and the row.
    static func dueCell(_ d: DeskDriver, _ id: String) throws -> (role: ColourRole, row: String) {
        let screen = d.terminal.screen
        let y = try #require((0..<screen.rows).first { d.lines[$0].contains(id) })
        let x = try #require((0..<screen.cols).reversed().first { screen.cell(row: y, col: $0).map { !$0.symbol.trimmingCharacters(in: .whitespaces).isEmpty } ?? false })
        return (try #require(screen.cell(row: y, col: x)).style.role, d.lines[y])
    }

    @Test(arguments: sizes) func aRowTurnsAmberThenRedWithAMarkerEachWay(size: TerminalSize) throws {
        let f = Self.fixture()
        // An older case sits on top, selected, so the row under test shows its own colour.
        f.data.addCase(customerID: f.raj, summary: "Older", openerID: "ann", opened: f.now.addingTimeInterval(-3600))
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann")
        let ann = f.service("ann")
        let summary = try #require(try ann.clocks(caseID: id).first { $0.clock == "summary" })
        var d = DeskDriver(ann, rows: size.rows, cols: size.cols)
        var due = try Self.dueCell(d, id)
        #expect(due.role == .ok, "\(due.row)")
        #expect(!due.row.contains("!"), "\(due.row)")
        #expect(due.row.hasSuffix(DeskTime.countdown(to: summary.due, from: f.now)), "\(due.row)")

        f.now = summary.warnAt.addingTimeInterval(60)
        d.idle()
        due = try Self.dueCell(d, id)
        #expect(due.role == .warning, "\(due.row)")
        #expect(due.row.contains("! " + DeskTime.countdown(to: summary.due, from: f.now)), "\(due.row)")
        #expect(try ann.caseDetail(id: id).summary.queueRole == "team_leader", "the desk's sweep referred it")
        // Ann held it: her desk says where it went and why (no bell: nothing waits on her).
        d.idle()
        #expect(d.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    .contains("\(id) referred to Team Leader automatically: Summary resolution passed its warning point"),
                "\(d.text)")

        f.now = summary.due.addingTimeInterval(2 * 3600)
        d.idle()
        due = try Self.dueCell(d, id)
        #expect(due.role == .danger, "\(due.row)")
        #expect(due.row.hasSuffix("!! -2h"), "\(due.row)")
    }

    /// A case the sweep finds only after a clock's due time: its timeline says breached, not
    /// warned, and that nobody but the sweep took the step.
    @Test func aSweepAfterTheDueTimeRecordsABreachTakenAutomatically() throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann")
        let ann = f.service("ann")
        let summary = try #require(try ann.clocks(caseID: id).first { $0.clock == "summary" })
        f.now = summary.due.addingTimeInterval(3600)
        var d = DeskDriver(ann, rows: 40, cols: 120)
        d.idle()
        d.send(.enter)
        for _ in 0..<40 where !d.text.contains("is breached") { d.send(.down) }
        let shown = d.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown.contains("— automatically"), "\(d.text)")
        #expect(shown.contains("was due") && shown.contains("and is breached: referred to Team Leader automatically"),
                "\(d.text)")
        #expect(!shown.contains("(system)"), "\(d.text)")
    }

    @Test(arguments: sizes) func theCaseScreenListsEveryClockWithItsRuleAndState(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann")
        f.advance(minutes: 40 * 60)
        let ann = f.service("ann")
        let summary = try #require(try ann.clocks(caseID: id).first { $0.clock == "summary" })
        #expect(ClockUrgency.of(summary, now: f.now) == .warning)
        let expected = "! " + DeskTime.countdown(to: summary.due, from: f.now) + "  Summary resolution  running"
        let dueLine = "due " + DeskTime(timezone: "Europe/London").stamp(summary.due) + "  ·  FCA DISP 1.5.2R"
        var d = DeskDriver(ann, rows: size.rows, cols: size.cols)
        d.send(.enter)
        #expect(d.text.contains(id))
        var seen = d.text
        var marked: [(row: Int, col: Int)] = []
        for _ in 0..<20 {
            let screen = d.terminal.screen
            for y in 0..<screen.rows where Self.words(d.lines[y]).contains(Self.words(expected)) {
                let x = try #require(Array(d.lines[y]).firstIndex(of: "!"))
                marked.append((y, x))
                #expect(screen.cell(row: y, col: x)?.style.role == .warning)
            }
            if seen.contains("FCA DISP 1.6.2R") { break }
            d.send(.down)
            seen += d.text
        }
        #expect(seen.contains("Clocks (2)"), "\(d.lines.joined(separator: "\n"))")
        #expect(!marked.isEmpty, "\(expected) in \(d.lines.joined(separator: "\n"))")
        #expect(Self.words(seen).contains(Self.words(dueLine)), "\(dueLine)")
        #expect(Self.words(seen).contains("Final response running"))
        #expect(seen.contains("FCA DISP 1.6.2R"))
    }

    /// Text with runs of spaces as one (a wrapped line keeps single spaces).
    static func words(_ text: String) -> String { text.split(separator: " ").joined(separator: " ") }

    @Test func aDeskSweepsOnceAMinuteAndAgainWhenTheClockGoesBack() {
        let f = Self.fixture()
        let ann = f.service("ann")
        var d = DeskDriver(ann)
        d.idle()
        #expect(ann.sweepsRun == 1)
        for _ in 0..<5 { d.idle() }
        f.advance(minutes: 0.5)
        d.idle()
        #expect(ann.sweepsRun == 1, "not again within the minute")
        f.advance(minutes: 0.6)
        d.idle()
        #expect(ann.sweepsRun == 2)
        f.advance(minutes: -10)
        d.idle()
        #expect(ann.sweepsRun == 3, "a clock set back sweeps at once")
    }

    @Test func twoDesksSweepingReferACaseOnce() throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann")
        var ann = DeskDriver(f.service("ann"))
        var bob = DeskDriver(f.service("bob"))
        f.advance(minutes: 40 * 60)
        ann.idle()
        bob.idle()
        let referrals = try f.service("ann").caseDetail(id: id).timeline.filter { $0.kind == .caseClockEscalated }
        #expect(referrals.count == 1)
    }

    static let countdowns: [(Double, String)] = [
        (0, "0s"), (45 * 60, "45m"), (5 * 3600 + 59, "5h"), (3 * 86_400 + 4 * 3600 + 10, "3d 4h"), (3 * 86_400, "3d"),
        (12 * 86_400 + 5 * 3600, "12d"), (-2 * 3600, "-2h"), (-(86_400 + 3600), "-1d 1h"),
    ]

    @Test(arguments: countdowns)
    func countdownsKeepHoursUnderTenDaysAndGoNegativeOncePassed(left: Double, expected: String) {
        let now = DeskFixture.start
        #expect(DeskTime.countdown(to: now.addingTimeInterval(left), from: now) == expected)
    }
}
