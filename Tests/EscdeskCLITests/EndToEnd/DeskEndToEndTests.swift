import Foundation
import Testing

/// The desk as people use it: the real `escdesk` binary in tmux panes, keys in, screen text
/// out. Serialized because each test runs full-screen programs and they share two cores.
@Suite(.serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed; the end-to-end desk tests need it"))
struct DeskEndToEndTests {
    /// A fresh database path in a new temporary folder.
    func databasePath() throws -> String {
        try CLI.temporaryDirectory().appendingPathComponent("desk.sqlite").path
    }

    /// Runs an `escdesk` command that must succeed, returning its stdout.
    @discardableResult
    func escdesk(_ arguments: [String]) throws -> String {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "escdesk \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// The shell command that opens the desk as `person` on `db`.
    func deskCommand(db: String, as person: String) -> String {
        "\(TmuxPane.quoted(CLI.binary.path)) desk --db \(TmuxPane.quoted(db)) --as \(person)"
    }

    /// A training database (no demo cases) with one customer, and a case for them opened by Tom.
    func trainingCase(summary: String, customerName: String = "Jane Doe") throws -> (db: String, caseID: String) {
        let db = try databasePath()
        try escdesk(["init", "--training", "--config", CLI.config, "--db", db])
        try escdesk(["customer", "add", "E2E-1", "--name", customerName, "--db", db, "--as", "tom"])
        let opened = try escdesk(["case", "open", "--customer", "E2E-1", "--summary", summary, "--request", "refund=75",
                                  "--live", "--json", "--db", db, "--as", "tom"])
        return (db, try #require(try CLI.json(opened).get("id")))
    }

    @Test func anAgentEscalatesALiveCaseAndTheTeamLeaderSeesItClaimsAndResolvesIt() throws {
        let db = try databasePath()
        try escdesk(["demo", "--no-open", "--cases", "50", "--db", db])
        try escdesk(["customer", "add", "E2E-1", "--name", "Jane Doe", "--db", db, "--as", "tom"])
        let opened = try escdesk(["case", "open", "--customer", "E2E-1", "--summary", "Charged twice for March",
                                  "--request", "refund=75", "--live", "--json", "--db", db, "--as", "tom"])
        let caseID: String = try #require(try CLI.json(opened).get("id"))

        let leader = try TmuxPane(deskCommand(db: db, as: "priya"))
        let agent = try TmuxPane(deskCommand(db: db, as: "tom"))
        try leader.waitFor("Priya Shah, Team Leader")
        try agent.waitFor("Tom Reed, Customer Service Agent")

        // The agent finds the live case and escalates it: `e`, the note, Enter.
        try agent.press("/")
        try agent.type(caseID)
        try agent.waitFor("1 case found")
        try agent.press("Enter")
        try agent.waitFor("Case \(caseID)")
        let note = "Customer holding, wants 75 back"
        try agent.press("e")
        try agent.waitFor("Escalate \(caseID)")
        try agent.type(note)
        try agent.press("Enter")
        let landed = try leader.waitFor("New referral: \(caseID)", timeout: 5)
        #expect(landed <= 2, "the referral took \(landed) s to reach the team leader's screen")
        print("escdesk e2e: the referral reached the team leader's screen \(Int(landed * 1000)) ms after the agent's Enter")
        // The agent's notice, or (when a clock-sweep notice on one of his demo cases replaced
        // it) the case's header, which now says where it waits.
        try agent.waitForAny(["Escalated \(caseID)", "routed to Team Leader"])

        // The team leader opens it, claims it and resolves it with a rationale.
        try leader.press("/")
        try leader.type(caseID)
        try leader.waitFor("1 case found")
        try leader.press("Enter")
        try leader.waitFor("Case \(caseID)")
        try leader.press("c")
        try leader.waitFor("Claimed \(caseID)")
        try leader.press("r")
        try leader.waitFor("Resolve \(caseID)")
        let rationale = "Duplicate March charge confirmed on the statement"
        // The grants start as what the case asked for, checked at once.
        try leader.waitFor("£ 75.00")
        try leader.waitFor("Within your authority")
        try leader.press("Tab", "Tab", "Tab", "Tab")
        try leader.type(rationale)
        // A complaint: the dialog shows why it cannot be resolved before its final response letter.
        try leader.press("Tab", "Right", "Enter")
        try leader.waitFor("is a regulated")
        _ = try escdesk(["case", "letter", caseID, "--kind", "final_response", "--outcome", "upheld", "--reasons", rationale,
                         "--grant", "refund=75", "--db", db, "--as", "priya"])
        try leader.press("Enter")
        try leader.waitFor("Resolved \(caseID)")
        try leader.press("F10")
        try agent.press("F10")

        let shown = try escdesk(["case", "show", caseID, "--json", "--db", db, "--as", "priya"])
        let summary: [String: Any] = try #require(try CLI.json(shown).get("summary"))
        #expect(summary["state"] as? String == "resolved")
        #expect(shown.contains(rationale))
        #expect(shown.contains(note))
        #expect(try CLI.run(["audit", "verify", "--db", db]).status == 0)
    }

    @Test func aTooSmallTerminalShowsOneMessageAndTheDeskComesBackWhenEnlarged() throws {
        let (db, caseID) = try trainingCase(summary: "Resize me")
        let pane = try TmuxPane(deskCommand(db: db, as: "tom"))
        try pane.waitFor(caseID)
        try pane.resize(cols: 20, rows: 6)
        try pane.waitFor("20×6")
        #expect(try pane.screen().contains("too small"))
        try pane.resize(cols: 80, rows: 24)
        try pane.waitFor("Tom Reed, Customer Service Agent")
        try pane.waitFor(caseID)
        #expect(try !pane.screen().contains("too small"))
        try pane.press("Down")
        try pane.waitFor("F1Help")
    }

    /// With the team leader's cursor on a case, a live referral lands above it: the cursor
    /// stays on the case and Enter opens it, not the row now where it was.
    @Test func aReferralLandingAboveKeepsTheTeamLeadersCursorOnItsCase() throws {
        let db = try databasePath()
        try escdesk(["init", "--training", "--config", CLI.config, "--db", db])
        try escdesk(["customer", "add", "E2E-1", "--name", "Jane Doe", "--db", db, "--as", "tom"])
        func referral(_ summary: String, live: Bool) throws -> String {
            let opened = try escdesk(["case", "open", "--customer", "E2E-1", "--summary", summary, "--request", "refund=75",
                                      "--json", "--db", db, "--as", "tom"] + (live ? ["--live"] : []))
            let id: String = try #require(try CLI.json(opened).get("id"))
            try escdesk(["case", "escalate", id, "--note", "Over my limit", "--db", db, "--as", "tom"])
            return id
        }
        _ = try referral("First referral", live: false)
        _ = try referral("Second referral", live: false)
        let leader = try TmuxPane(deskCommand(db: db, as: "priya"))
        try leader.waitFor("Second referral")
        try leader.press("Down")
        try leader.press("Enter")
        try leader.waitFor("Case C-")
        let title = try leader.screen().split(separator: "\n").first.map(String.init) ?? ""
        let selected = try #require(title.range(of: #"C-\d+"#, options: .regularExpression).map { String(title[$0]) })
        try leader.press("Escape")
        // Back on the queue (its column headings, which the case screen does not show), with
        // the cursor still on the case that was open.
        try leader.waitFor("Case     Customer")
        let live = try referral("Live referral", live: true)
        try leader.waitFor("New referral: \(live)")
        try leader.press("Enter")
        try leader.waitFor("Case \(selected)")
        #expect(selected != live)
    }

    /// The new-case form's keys through real ncurses: Enter moves on, F9 and Ctrl-O open, a
    /// case with no remedy is confirmed, and Esc on typed text asks before discarding.
    @Test func theNewCaseFormOpensFromF9OrCtrlOAndAsksBeforeLosingWork() throws {
        let (db, _) = try trainingCase(summary: "Existing case")
        let pane = try TmuxPane(deskCommand(db: db, as: "tom"))
        try pane.waitFor("Tom Reed, Customer Service Agent")
        try pane.press("F2")
        try pane.waitFor("New case: customer")
        try pane.type("Jane")
        try pane.waitFor("Jane Doe")
        try pane.press("Enter")
        try pane.waitFor("F9Open case EnterNext EscCancel")
        try pane.type("Wants an apology")
        try pane.press("Enter")
        try pane.press("F9")
        try pane.waitFor("Open without a remedy? y/n")
        try pane.press("y")
        try pane.waitFor("Opened C-000002")
        try pane.press("F2")
        try pane.waitFor("New case: customer")
        try pane.type("Jane")
        try pane.waitFor("Jane Doe")
        try pane.press("Enter")
        try pane.waitFor("F9Open case")
        try pane.type("Second thoughts")
        try pane.press("Escape")
        try pane.waitFor("Discard what you typed? y/n")
        try pane.press("n")
        try pane.press("C-o")
        try pane.waitFor("Open without a remedy? y/n")
        try pane.press("y")
        try pane.waitFor("Opened C-000003")
    }

    @Test func escapeSequencesInCustomerTextShowAsPlaceholders() throws {
        let hostile = "\u{1b}[2J\u{1b}]0;pwned\u{07}evil \u{202e}txt"
        let (db, caseID) = try trainingCase(summary: hostile, customerName: "Eve \u{1b}[31mRed")
        let pane = try TmuxPane(deskCommand(db: db, as: "tom"))
        let titleBefore = try pane.format("#{pane_title}")
        try pane.waitFor(caseID)
        try pane.press("Enter")
        try pane.waitFor("Case \(caseID)")
        let screen = try pane.screen()
        #expect(screen.contains("␛[2J␛]0;pwned␇evil ⟨U+202E⟩txt"))
        #expect(screen.contains("Eve ␛[31mRed"))
        #expect(screen.contains("Tom Reed, Customer Service Agent"))
        #expect(!screen.contains("\u{1b}") && !screen.contains("\u{202e}"))
        let title = try pane.format("#{pane_title}")
        #expect(!title.contains("pwned"), "the pane title became \(title) (was \(titleBefore))")
    }

    @Test func quittingOrInterruptingRestoresTheTerminal() throws {
        let (db, caseID) = try trainingCase(summary: "Quit cleanly")
        let modes = "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '"
        // The shell traps SIGINT so Ctrl-C reaches the desk and the shell lives on to report.
        let script = """
        trap : INT; \(deskCommand(db: db, as: "tom")); echo "DESK-EXITED $?"; echo "MODES $(\(modes))END"; read go; \
        \(deskCommand(db: db, as: "tom")); echo "AGAIN-EXITED $?"; echo "AGAIN $(\(modes))END"; sleep 60
        """
        let pane = try TmuxPane(script)
        try pane.waitFor(caseID)
        try pane.press("q")
        try pane.waitFor("DESK-EXITED 0")
        try pane.waitFor("MODES icanon echo END")
        try pane.press("Enter")
        try pane.waitFor(caseID)
        try pane.press("C-c")
        try pane.waitFor("AGAIN-EXITED 130")
        try pane.waitFor("AGAIN icanon echo END")
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The value under `key` as `T`, or nil.
    func get<T>(_ key: String) -> T? { self[key] as? T }
}
