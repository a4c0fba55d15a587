import Foundation
import Testing
@testable import EscalationStore

/// `escdesk case letter` as the real binary: what it prints is what its event's SHA-256 is
/// of; customer text cannot carry markup or escapes through it; a complaint is resolved only
/// after its final response letter; `config validate` refuses a letter that lacks the law.
@Suite struct CaseLetterCLITests {
    func database(name: String = "Jane <script>alert(1)</script>\u{1B}[2J Doe") throws -> [String: String] {
        let db = try CLI.temporaryDirectory().appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"])
        #expect(created.status == 0, "\(created.stderr)")
        let env = ["ESCDESK_DB": db]
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", name, "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--as", "tom"],
                            environment: env).status == 0)
        return env
    }

    func events(_ env: [String: String]) throws -> Int {
        try CLI.json(try CLI.run(["audit", "verify", "--json"], environment: env).stdout)["events"] as? Int ?? -1
    }

    static let decision = ["--outcome", "partly_upheld", "--reasons", "We charged you twice.", "--grant", "refund=40"]

    @Test func aComplaintIsResolvedOnlyAfterItsFinalResponseLetter() throws {
        let env = try database()
        let before = try events(env)
        let resolve = ["case", "resolve", "C-000001", "--outcome", "partly_upheld", "--rationale", "Duplicate",
                       "--grant", "refund=40", "--as", "tom"]
        let refused = try CLI.run(resolve, environment: env)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("C-000001 is a regulated complaint (FCA DISP 1.6.2R"), "\(refused.stderr)")
        #expect(refused.stderr.contains("send its final response letter first"))
        #expect(try events(env) == before)

        let letter = try CLI.run(["case", "letter", "C-000001", "--kind", "final_response", "--as", "tom"] + Self.decision,
                                 environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        #expect(letter.stdout.contains("Dear Jane <script>alert(1)</script>[2J Doe,"))
        #expect(!letter.stdout.contains("\u{1B}"))
        #expect(letter.stdout.contains("your complaint is partly upheld"))
        #expect(letter.stdout.contains("Refund £40.00"))
        #expect(letter.stdout.contains("https://www.financial-ombudsman.org.uk"))
        let sha = EventChain.digest(letter.stdout)

        #expect(try CLI.run(resolve, environment: env).status == 0)
        let shown = try CLI.run(["case", "show", "C-000001", "--as", "tom"], environment: env)
        #expect(shown.stdout.contains("letter_sent final_response sha256 \(sha)"), "\(shown.stdout)")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func theJSONAndHTMLFormsCarryTheirOwnDigest() throws {
        let env = try database()
        let json = try CLI.run(["case", "letter", "C-000001", "--kind", "final_response", "--format", "html", "--json",
                                "--as", "tom"] + Self.decision, environment: env)
        #expect(json.status == 0, "\(json.stderr)")
        let sent = try CLI.json(json.stdout)
        let html = try #require(sent["text"] as? String)
        #expect(sent["sha256"] as? String == EventChain.digest(html))
        #expect(sent["kind"] as? String == "final_response" && sent["format"] as? String == "html")
        #expect(html.contains("Dear Jane &lt;script&gt;alert(1)&lt;/script&gt;[2J Doe,"))
        #expect(!html.contains("<script>") && !html.contains("\u{1B}"))
    }

    @Test func usageMistakesAndOtherPeoplesCasesAreRefused() throws {
        let env = try database(name: "Jane Doe")
        for (arguments, status, says) in [
            (["--kind", "apology"], Int32(64), "unknown letter"),
            (["--kind", "final_response", "--reasons", "r"], 64, "give --outcome"),
            (["--kind", "final_response", "--outcome", "upheld"], 64, "give --reasons"),
            (["--kind", "acknowledgement", "--outcome", "upheld"], 64, "leave out --outcome"),
            (["--kind", "holding_response", "--reasons", "r", "--format", "pdf"], 64, "use text or html"),
            (["--kind", "final_response", "--outcome", "upheld", "--reasons", "  "], 65, "reasons is empty"),
        ] {
            let r = try CLI.run(["case", "letter", "C-000001", "--as", "tom"] + arguments, environment: env)
            #expect(r.status == status && r.stderr.contains(says), "\(arguments): \(r.status) \(r.stderr)")
        }
        let other = try CLI.run(["case", "letter", "C-000001", "--kind", "acknowledgement", "--as", "priya"], environment: env)
        #expect(other.status == 77, "\(other.stderr)")
        let beyond = try CLI.run(["case", "letter", "C-000001", "--kind", "final_response", "--outcome", "upheld",
                                  "--reasons", "r", "--grant", "refund=600", "--as", "tom"], environment: env)
        #expect(beyond.status == 77, "\(beyond.stderr)")
        let ack = try CLI.run(["case", "letter", "C-000001", "--kind", "acknowledgement", "--as", "tom"], environment: env)
        #expect(ack.status == 0 && ack.stdout.contains("Dear Jane Doe,"), "\(ack.stderr)")
    }

    @Test func aHoldingResponseSaysWhenTheFinalResponseWillCome() throws {
        let env = try database(name: "Jane Doe")
        let before = try events(env)
        let holding = ["case", "letter", "C-000001", "--kind", "holding_response", "--reasons", "We are checking the meter.",
                       "--as", "tom", "--now", "2027-01-04T10:00:00Z"]
        // Under DISP the holding response meets the eight weeks: nothing counts the date but the handler.
        let undated = try CLI.run(holding, environment: env)
        #expect(undated.status == 65, "\(undated.stderr)")
        #expect(undated.stderr.contains("give the date you expect to send it"), "\(undated.stderr)")
        let past = try CLI.run(holding + ["--expected", "2027-01-03"], environment: env)
        #expect(past.status == 65 && past.stderr.contains("before today (2027-01-04)"), "\(past.stderr)")
        for (expected, says) in [("soon", "not a date; write YYYY-MM-DD"), ("2027-02-30", "not a date")] {
            let r = try CLI.run(holding + ["--expected", expected], environment: env)
            #expect(r.status == 64 && r.stderr.contains(says), "\(expected): \(r.stderr)")
        }
        let notHolding = try CLI.run(["case", "letter", "C-000001", "--kind", "acknowledgement", "--expected", "2027-02-01",
                                      "--as", "tom"], environment: env)
        #expect(notHolding.status == 64 && notHolding.stderr.contains("leave out --expected"), "\(notHolding.stderr)")
        #expect(try events(env) == before)

        let sent = try CLI.run(holding + ["--expected", "2027-03-31"], environment: env)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("We expect to give you our final response by 31 March 2027."), "\(sent.stdout)")
        #expect(try events(env) == before + 1)
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func configValidateRefusesAFinalResponseWithoutTheOmbudsman() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("config")
        try FileManager.default.copyItem(atPath: CLI.config, toPath: dir.path)
        try "Dear {{customer_name}},\n\nYour complaint is {{outcome}}.\nRef {{case_ref}}\n"
            .write(to: dir.appendingPathComponent("letters/final_response.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["config", "validate", dir.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("letters/final_response.txt:4:5: {{case_ref}} is not a letter field"), "\(r.stderr)")
        try "Dear {{customer_name}},\n\nYour complaint is {{outcome}}.\n"
            .write(to: dir.appendingPathComponent("letters/final_response.txt"), atomically: true, encoding: .utf8)
        let lacking = try CLI.run(["config", "validate", dir.path])
        #expect(lacking.status == 65)
        #expect(lacking.stderr.contains("letters/final_response.txt: the final response letter must say (FCA DISP 1.6.2R(1))"),
                "\(lacking.stderr)")
    }
}
