import Foundation
import Testing

/// A case's clocks on real desks in tmux, with `--now` on a training database (issue 15):
/// its row counts down green, turns amber past the warning point and red past due, and the
/// desk's own sweep moves it up the ladder, once, with no cron job running.
@Suite(.serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed; the end-to-end desk tests need it"))
struct ClockCountdownEndToEndTests {
    let desk = DeskEndToEndTests()

    /// The desk of `person` with its clock set to `now`.
    func open(_ db: String, as person: String, at now: String) throws -> TmuxPane {
        try TmuxPane(desk.deskCommand(db: db, as: person) + " --now " + now)
    }

    /// The queue row of the case, as shown now.
    func row(_ pane: TmuxPane, _ id: String) throws -> String {
        try pane.screen().split(separator: "\n").first { $0.contains(id) }.map(String.init) ?? ""
    }

    /// The urgency marker before a row's countdown: "" (green), "!" (amber) or "!!" (red).
    func marker(_ row: String) -> String {
        let words = row.split(separator: " ")
        guard words.count >= 2, ["!", "!!"].contains(words[words.count - 2]) else { return "" }
        return String(words[words.count - 2])
    }

    /// Waits until the screen no longer shows `text`.
    func waitGone(_ pane: TmuxPane, _ text: String, timeout: Double = 10) throws {
        let end = Date().addingTimeInterval(timeout)
        while try pane.screen().contains(text) {
            guard Date() < end else { throw TmuxPane.Timeout(waitedFor: "\(text) to go", seconds: timeout, screen: try pane.screen()) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    @Test func aCaseTurnsAmberThenRedAndTheDesksSweepMovesItUpOnce() throws {
        let db = try desk.databasePath()
        try desk.escdesk(["init", "--training", "--config", CLI.config, "--db", db, "--now", "2026-12-01T09:00:00Z"])
        try desk.escdesk(["customer", "add", "E2E-1", "--name", "Jane Doe", "--db", db, "--as", "tom", "--now", "2026-12-01T09:05:00Z"])
        let opened = try desk.escdesk(["case", "open", "--customer", "E2E-1", "--summary", "Meter misread", "--json", "--db", db,
                                       "--as", "tom", "--now", "2026-12-01T09:10:00Z"])
        let id: String = try #require(try CLI.json(opened).get("id"))

        // Tuesday 10:00: the first response is due by close of business tomorrow: green, no marker.
        let tom = try open(db, as: "tom", at: "2026-12-01T10:00:00Z")
        try tom.waitFor(id)
        let green = try row(tom, id)
        #expect(marker(green) == "" && green.hasSuffix(" 1d 7h") && !green.contains("!"), "\(green)")
        try tom.press("F10")

        // Wednesday 10:00, past the first response's warning point (09:25): the desk's own sweep
        // refers the case to the team leader; it leaves Tom's queue and his desk says why.
        let tomLater = try open(db, as: "tom", at: "2026-12-02T10:00:00Z")
        try tomLater.waitFor("Tom Reed, Customer Service Agent")
        try waitGone(tomLater, "\(id) Jane Doe")
        try tomLater.waitFor("\(id) referred to Team Leader automatically")
        try tomLater.press("F10")
        let referred = try desk.escdesk(["case", "list", "--queue", "referred", "--json", "--db", db, "--as", "priya",
                                         "--now", "2026-12-02T10:05:00Z"])
        #expect(referred.contains(id), "the sweep referred it to Billing A's team leader")
        let shown = try desk.escdesk(["case", "show", id, "--db", db, "--as", "priya", "--now", "2026-12-02T10:05:00Z"])
        #expect(shown.contains("has passed its warning point: referred to Team Leader automatically"), "\(shown)")

        // Priya claims it: the referral clock is met and the first response, warned, leads: amber.
        try desk.escdesk(["case", "claim", id, "--db", db, "--as", "priya", "--now", "2026-12-02T10:06:00Z"])
        let priya = try open(db, as: "priya", at: "2026-12-02T10:10:00Z")
        try priya.waitFor(id)
        let amber = try row(priya, id)
        #expect(marker(amber) == "!" && amber.hasSuffix("! 7h"), "\(amber)")
        // Already with a team leader: the first response's warning moves it no further.
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try row(priya, id) == amber)
        try priya.press("F10")

        // Wednesday 18:00: the first response is half an hour overdue: red.
        let priyaLate = try open(db, as: "priya", at: "2026-12-02T18:00:00Z")
        try priyaLate.waitFor(id)
        let red = try row(priyaLate, id)
        #expect(marker(red) == "!!" && red.hasSuffix("!! -30m"), "\(red)")
        try priyaLate.press("F10")

        // 13 January: the eight-week final response has passed its warning point; its clock
        // refers to a manager, so Priya's desk sweeps the case out of her queue.
        let priyaJanuary = try open(db, as: "priya", at: "2027-01-13T10:00:00Z")
        try priyaJanuary.waitFor("Priya Shah, Team Leader")
        try waitGone(priyaJanuary, "\(id) Jane Doe")
        try priyaJanuary.press("F10")
        let rachel = try open(db, as: "rachel", at: "2027-01-13T10:05:00Z")
        try rachel.waitFor(id)
        #expect(marker(try row(rachel, id)) == "!!", "the first response is still overdue")
        try rachel.press("F10")

        // Once: a cron sweep and a second desk afterwards find nothing more to move.
        let again = try desk.escdesk(["clocks", "sweep", "--db", db, "--now", "2027-01-13T10:06:00Z"])
        #expect(again.contains("No case needed referring."))
        let timeline = try desk.escdesk(["case", "show", id, "--json", "--db", db, "--as", "rachel", "--now", "2027-01-13T10:07:00Z"])
        #expect(timeline.components(separatedBy: "case_clock_escalated").count - 1 == 2, "referred once per clock")
        #expect(try CLI.run(["audit", "verify", "--db", db]).status == 0)
    }
}
