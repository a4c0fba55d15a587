import Foundation
import Testing

/// Nothing escdesk prints can act on the terminal reading it: input echoed in an error, a
/// flag stored in the database, ArgumentParser's own messages. And an error quotes at most
/// about 80 characters of what was typed, however much that was.
@Suite struct TerminalSafetyTests {
    /// Sets the window title, clears the screen, reverses the text after it, and starts an
    /// 8-bit CSI: then ten thousand more characters.
    static let hostile = "\u{1B}]0;PWNED\u{7}\u{1B}[2J\u{202E}\u{9B}31m\u{2066}" + String(repeating: "A", count: 10_000)

    func trainingDatabase() throws -> [String: String] {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"])
        #expect(created.status == 0, "\(created.stderr)")
        let env = ["ESCDESK_DB": db]
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--as", "tom"], environment: env).status == 0)
        return env
    }

    func events(_ env: [String: String]) throws -> Int {
        try CLI.json(try CLI.run(["audit", "verify", "--json"], environment: env).stdout)["events"] as? Int ?? -1
    }

    /// The characters a terminal acts on: ESC, BEL and every other C0 control but the line
    /// break, DEL, the C1 controls and the bidi overrides and isolates.
    static func controls(in text: String) -> [String] {
        text.unicodeScalars.filter { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// The longest run of the filler the hostile input ends with.
    static func longestRun(in text: String) -> Int {
        text.split { $0 != "A" }.map(\.count).max() ?? 0
    }

    @Test func anEscapeSequenceAsACaseFlagIsRefusedAndNothingIsWritten() throws {
        let env = try trainingDatabase()
        let before = try events(env)
        let r = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom",
                             "--case-flag", "\u{1B}]0;PWNED\u{7}\u{1B}[2J"], environment: env)
        #expect(r.status == 65)
        #expect(Self.controls(in: r.stderr + r.stdout).isEmpty, "\(r.stderr)")
        #expect(r.stderr == "escdesk: \"␛]0;PWNED␇␛[2J\" is not a known case flag; use one of: bereavement, legal_threat, "
                + "media, social_media, regulator, ombudsman\n")
        #expect(try events(env) == before)
    }

    @Test func flagsTheConfigurationDoesNotAcceptAreRefused() throws {
        let env = try trainingDatabase()
        let before = try events(env)
        let caseFlag = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom",
                                    "--case-flag", "legal_threat", "--case-flag", "lawyer"], environment: env)
        #expect(caseFlag.status == 65)
        #expect(caseFlag.stderr.contains("\"lawyer\" is not a known case flag; use one of: bereavement, legal_threat"))
        let customerFlag = try CLI.run(["customer", "add", "ACC-2", "--name", "Raj", "--flag", "vip", "--as", "tom"], environment: env)
        #expect(customerFlag.status == 65)
        #expect(customerFlag.stderr == "escdesk: \"vip\" is not a known customer flag; use one of: vulnerable, bereaved, high_profile\n")
        #expect(try events(env) == before)
        let accepted = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom",
                                    "--case-flag", "legal_threat", "--case-flag", "ombudsman"], environment: env)
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    /// Every place a command echoes what was typed, with ten thousand characters of hostile text.
    @Test func errorsEchoInputSafelyAndBriefly() throws {
        let env = try trainingDatabase()
        let opened = try CLI.json(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom",
                                               "--json"], environment: env).stdout)
        let id = try #require(opened["id"] as? String)
        let x = Self.hostile
        let cases: [(what: String, arguments: [String], status: Int32)] = [
            ("case id", ["case", "show", x, "--as", "tom"], 65),
            ("case id to claim", ["case", "claim", x, "--as", "priya"], 65),
            ("customer id", ["case", "open", "--customer", x, "--summary", "s", "--as", "tom"], 65),
            ("new customer id", ["customer", "add", x, "--name", "n", "--as", "tom"], 64),
            ("remedy action", ["case", "open", "--customer", "ACC-1", "--summary", "s", "--request", x + "=5", "--as", "tom"], 64),
            ("permission with amount", ["case", "open", "--customer", "ACC-1", "--summary", "s", "--request", "cancel_contract=" + x,
                                        "--as", "tom"], 64),
            ("amount", ["case", "open", "--customer", "ACC-1", "--summary", "s", "--request", "refund=" + x, "--as", "tom"], 64),
            ("channel", ["case", "open", "--customer", "ACC-1", "--summary", "s", "--channel", x, "--as", "tom"], 65),
            ("kind", ["case", "open", "--customer", "ACC-1", "--summary", "s", "--kind", x, "--as", "tom"], 65),
            ("outcome", ["case", "resolve", id, "--outcome", x, "--rationale", "r", "--as", "tom"], 64),
            ("root cause", ["case", "resolve", id, "--outcome", "upheld", "--rationale", "r", "--root-cause", x, "--as", "tom"], 65),
            ("staff id", ["case", "list", "--as", x], 77),
            ("clock", ["case", "list", "--as", "tom", "--now", x], 64),
            ("unknown option", ["case", "show", id, "--" + x, "--as", "tom"], 64),
            ("unknown option with a value", ["case", "show", id, "--" + x + "=" + x, "--as", "tom"], 64),
            ("unexpected argument", ["case", "show", id, x, "--as", "tom"], 64),
            ("bad number", ["case", "list", "--limit", x, "--as", "tom"], 64),
            ("decide role", ["decide", "--config", CLI.config, "--role", x], 64),
            ("decide channel", ["decide", "--config", CLI.config, "--role", "agent", "--channel", x], 64),
        ]
        let before = try events(env)
        for (what, arguments, status) in cases {
            let r = try CLI.run(arguments, environment: env)
            #expect(r.status == status, "\(what): \(r.status) \(r.stderr.prefix(300))")
            #expect(Self.controls(in: r.stderr + r.stdout).isEmpty, "\(what): \(Self.controls(in: r.stderr + r.stdout))")
            #expect(Self.longestRun(in: r.stderr + r.stdout) <= 80, "\(what): quotes \(Self.longestRun(in: r.stderr)) characters")
            #expect(r.stderr.contains("␛]0;PWNED␇␛[2J⟨U+202E⟩") || r.stderr.contains("␛]0;PWNED"), "\(what): \(r.stderr.prefix(300))")
        }
        #expect(try events(env) == before)
    }

    @Test func helpAndVersionStillPrintOnStandardOutput() throws {
        let help = try CLI.run(["case", "open", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--case-flag <FLAG>") && help.stderr.isEmpty)
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && version.stdout == "0.1.0\n")
        let missing = try CLI.run(["case", "show"])
        #expect(missing.status == 64 && missing.stderr.contains("Missing expected argument '<ID>'"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell"))
    func flagsWrittenStraightIntoTheDatabaseAreShownInert() throws {
        let env = try trainingDatabase()
        let opened = try CLI.json(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom",
                                               "--json"], environment: env).stdout)
        let id = try #require(opened["id"] as? String)
        let sql = #"UPDATE cases SET case_flags = '["\u001b]0;PWNED\u0007\u001b[2J"]'; "#
            + #"UPDATE customers SET flags = '["\u202e\u009b31m"]';"#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [env["ESCDESK_DB"]!, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let shown = try CLI.run(["case", "show", id, "--as", "tom"], environment: env)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(Self.controls(in: shown.stdout).isEmpty, "\(Self.controls(in: shown.stdout))")
        #expect(shown.stdout.contains("Case flags: ␛]0;PWNED␇␛[2J\n"))
        #expect(shown.stdout.contains("flags: ⟨U+202E⟩⟨U+009B⟩31m\n"))
        // JSON stays JSON, with the same values, and escapes what a terminal would act on.
        let json = try CLI.run(["case", "show", id, "--as", "tom", "--json"], environment: env)
        #expect(Self.controls(in: json.stdout).isEmpty)
        let detail = try CLI.json(json.stdout)
        #expect(detail["case_flags"] as? [String] == ["\u{1B}]0;PWNED\u{7}\u{1B}[2J"])
        #expect(detail["customer_flags"] as? [String] == ["\u{202E}\u{9B}31m"])
    }
}
