import Foundation
import Testing

/// The database commands run as the real binary: a referral from the command line, the
/// identity rules, refusals that write nothing, tampering, subject access and erasure.
@Suite struct StoreCommandsTests {
    /// A fresh training database from the shipped configuration, with one customer.
    func trainingDatabase() throws -> (dir: URL, env: [String: String]) {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"])
        #expect(created.status == 0, "\(created.stderr)")
        let env = ["ESCDESK_DB": db]
        let added = try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--contact", "jane@example.com",
                                 "--flag", "vulnerable", "--as", "tom"], environment: env)
        #expect(added.status == 0, "\(added.stderr)")
        return (dir, env)
    }

    func events(_ env: [String: String]) throws -> Int {
        let r = try CLI.run(["audit", "verify", "--json"], environment: env)
        return try CLI.json(r.stdout)["events"] as? Int ?? -1
    }

    @Test func aFullReferralFromTheCommandLine() throws {
        let (_, env) = try trainingDatabase()
        let opened = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice in March",
                                  "--request", "refund=75.00", "--live", "--as", "tom", "--json"], environment: env)
        #expect(opened.status == 0, "\(opened.stderr)")
        let json = try CLI.json(opened.stdout)
        let id = try #require(json["id"] as? String)
        let decision = try #require(json["decision"] as? [String: Any])
        #expect(decision["verdict"] as? String == "escalate")
        #expect(decision["route_to"] as? String == "team_leader")

        #expect(try CLI.run(["case", "escalate", id, "--note", "Over my limit, customer holding", "--as", "tom"],
                            environment: env).status == 0)
        let queue = try CLI.run(["case", "list", "--queue", "role", "--as", "priya", "--json"], environment: env)
        #expect(queue.stdout.contains(id))
        #expect(try CLI.run(["case", "claim", id, "--as", "priya"], environment: env).status == 0)
        let second = try CLI.run(["case", "claim", id, "--as", "marcus"], environment: env)
        #expect(second.status != 0)
        #expect(second.stderr.contains("already claimed by Priya Shah"))

        // Beyond the team leader's authority: refused with 77, and nothing is written.
        let before = try events(env)
        let refused = try CLI.run(["case", "resolve", id, "--outcome", "upheld", "--rationale", "Goodwill",
                                   "--grant", "refund=600", "--as", "priya"], environment: env)
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("Refund £600.00 is over the Team Leader per-case limit of £500.00"))
        #expect(try events(env) == before)

        // A complaint: its final response letter first, with the decision it then resolves.
        let letter = try CLI.run(["case", "letter", id, "--kind", "final_response", "--outcome", "upheld", "--reasons",
                                  "We charged you twice.", "--grant", "refund=75", "--as", "priya"], environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        let resolved = try CLI.run(["case", "resolve", id, "--outcome", "upheld", "--rationale", "Duplicate charge confirmed",
                                    "--grant", "refund=75", "--root-cause", "billing_error", "--as", "priya"], environment: env)
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let shown = try CLI.run(["case", "show", id, "--json", "--as", "priya"], environment: env)
        let detail = try CLI.json(shown.stdout)
        #expect((detail["summary"] as? [String: Any])?["state"] as? String == "resolved")
        #expect(shown.stdout.contains("Duplicate charge confirmed"))
        let human = try CLI.run(["case", "show", id, "--as", "priya"], environment: env)
        #expect(human.stdout.contains("Priya Shah (team_leader)  case_resolved [upheld] granted refund £75.00"))
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func identityAndTrainingRules() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("live.sqlite").path
        #expect(try CLI.run(["init", "--config", CLI.config, "--db", db]).status == 0)
        let asSomeone = try CLI.run(["case", "list", "--db", db, "--as", "priya"])
        #expect(asSomeone.status == 77)
        #expect(asSomeone.stderr.contains("--as is only accepted on a training database"))
        let login = try CLI.run(["case", "list", "--db", db], environment: ["ESCDESK_NOW": ""])
        #expect(login.status == 77)
        #expect(login.stderr.contains("is not on the staff list"))
        let (_, env) = try trainingDatabase()
        let clock = try CLI.run(["case", "list", "--as", "tom", "--now", "2026-01-05T09:00:00Z"], environment: env)
        #expect(clock.status == 0)
        let badClock = try CLI.run(["case", "list", "--as", "tom", "--now", "yesterday"], environment: env)
        #expect(badClock.status == 64)
        // A year past 9999 overflowed into some other date, and one before 1970 is a slip: both refused.
        for slip in ["292277026-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"] {
            let refused = try CLI.run(["case", "list", "--as", "tom", "--now", slip], environment: env)
            #expect(refused.status == 64, "\(slip): \(refused.stderr)")
            #expect(refused.stderr.contains("not an ISO 8601 time"), "\(refused.stderr)")
        }
        let nowOnLive = try CLI.run(["case", "list", "--db", db, "--now", "2026-01-05T09:00:00Z"])
        #expect(nowOnLive.status == 77)
        #expect(try CLI.run(["case", "list", "--as", "nobody"], environment: env).status == 77)
    }

    @Test func databasesThatAreMissingOrNotOurs() throws {
        let dir = try CLI.temporaryDirectory()
        let missing = try CLI.run(["case", "list", "--db", dir.appendingPathComponent("none.sqlite").path, "--as", "tom"])
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("there is no Escalation Desk database"))
        let other = dir.appendingPathComponent("other.sqlite")
        try Data("this is a shopping list, not a database".utf8).write(to: other)
        let notOurs = try CLI.run(["audit", "verify", "--db", other.path])
        #expect(notOurs.status == 65)
        #expect(notOurs.stderr.contains("is not an Escalation Desk database"))
        let db = dir.appendingPathComponent("d.sqlite").path
        #expect(try CLI.run(["init", "--config", CLI.config, "--db", db]).status == 0)
        let again = try CLI.run(["init", "--config", CLI.config, "--db", db])
        #expect(again.status == 65)
        #expect(again.stderr.contains("already exists"))
    }

    @Test func anInvalidConfigurationCreatesNoDatabase() throws {
        let dir = try CLI.temporaryDirectory()
        try "organisation: [".write(to: dir.appendingPathComponent("escalation.yaml"), atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("x.sqlite").path
        let r = try CLI.run(["init", "--config", dir.path, "--db", db])
        #expect(r.status == 65)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func badInputGetsASentenceAndTheRightCode() throws {
        let (_, env) = try trainingDatabase()
        let cases: [([String], Int32, String)] = [
            (["case", "show", "C-999999", "--as", "tom"], 65, "there is no case C-999999"),
            (["case", "open", "--customer", "NOPE", "--summary", "x", "--as", "tom"], 65, "there is no customer NOPE"),
            (["case", "open", "--customer", "ACC-1", "--summary", "x", "--kind", "rant", "--as", "tom"], 65, "is not a known"),
            (["case", "open", "--customer", "ACC-1", "--summary", "x", "--request", "refund=1.234", "--as", "tom"], 64,
             "more than 2 decimal places"),
            (["case", "resolve", "C-000001", "--outcome", "maybe", "--rationale", "x", "--as", "tom"], 64, "unknown outcome"),
            (["case", "list", "--queue", "everything", "--as", "tom"], 64, "--queue must be one of mine, referred, other-teams, escalated, role, all"),
            (["customer", "add", "ACC 2", "--name", "x", "--as", "tom"], 64, "must be 1 to 64 letters"),
            (["customer", "add", "ACC-1", "--name", "Again", "--as", "tom"], 65, "customer ACC-1 already exists"),
        ]
        for (args, code, message) in cases {
            let r = try CLI.run(args, environment: env)
            #expect(r.status == code, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let opened = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Meter", "--as", "tom", "--json"],
                                 environment: env)
        let id = try CLI.json(opened.stdout)["id"] as? String ?? ""
        // Linux caps one argument at 128 KiB, so 1 MB texts are tested in the store; here, just over its limit.
        let huge = String(repeating: "x", count: 100_000)
        let before = try events(env)
        let r = try CLI.run(["case", "resolve", id, "--outcome", "upheld", "--rationale", huge, "--as", "tom"], environment: env)
        #expect(r.status == 65)
        #expect(r.stderr.contains("rationale is 100000 bytes long"))
        let empty = try CLI.run(["case", "resolve", id, "--outcome", "upheld", "--rationale", "   ", "--as", "tom"], environment: env)
        #expect(empty.status == 65)
        #expect(try events(env) == before)
    }

    /// A file that may not grow (a full disk, a quota; here a file-size limit) stops the
    /// write with a sentence and exit 69 rather than a signal, and nothing is half-written.
    @Test func aWriteThatCannotGrowTheFilesSaysSoAndSavesNothing() throws {
        let (dir, env) = try trainingDatabase()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let before = try events(env)
        func size(_ suffix: String) -> Int {
            (try? FileManager.default.attributesOfItem(atPath: db + suffix)[.size] as? Int) ?? 0
        }
        // The write-ahead log was emptied when `audit verify` opened the database, so the write
        // below starts it afresh; the limit leaves room for it and the 32 KiB -shm to be opened,
        // and 4 KiB more. The case's summary, sealed in its event and its case row, needs more,
        // small (10 KB) or large (60 KB): its pages are written to the log as the transaction
        // commits, and that write fails. The main file is only read: nothing checkpoints into it.
        #expect(size("-wal") == 0)
        let limitKiB = max(size("-wal"), size("-shm")) / 1024 + 4
        for repeats in [400, 2_400] {
            let summary = String(repeating: "Meter readings disputed. ", count: repeats)
            let refused = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", summary, "--as", "tom", "--json"],
                                      environment: env, fileSizeLimitKiB: limitKiB)
            #expect(refused.status == 69, "\(refused.stderr)")
            #expect(refused.stderr == "escdesk: cannot write to \(db): the disk is full or a file-size limit was reached; nothing was saved\n")
            #expect(refused.stdout.isEmpty)
        }
        let summary = String(repeating: "Meter readings disputed. ", count: 2_400)
        let open = ["case", "open", "--customer", "ACC-1", "--summary", summary, "--as", "tom", "--json"]

        // Nothing half-written: the chain verifies with the same events, and there is no case.
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
        #expect(try events(env) == before)
        let list = try CLI.run(["case", "list", "--queue", "all", "--json", "--as", "tom"], environment: env)
        #expect((try CLI.json(list.stdout)["cases"] as? [Any])?.isEmpty == true, "\(list.stdout)")

        // With room, the same command succeeds.
        let opened = try CLI.run(open, environment: env)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try events(env) == before + 1)
    }

    @Test func tamperingIsFoundAndNamed() throws {
        let (dir, env) = try trainingDatabase()
        _ = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Meter", "--as", "tom"], environment: env)
        let db = dir.appendingPathComponent("desk.sqlite").path
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("update events set actor = 'helen' where seq = 2")
            c.commit()
            """, db]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let r = try CLI.run(["audit", "verify"], environment: env)
        #expect(r.status == 65)
        #expect(r.stderr.contains("event 2"))
    }

    @Test func subjectAccessAndErasure() throws {
        let (dir, env) = try trainingDatabase()
        _ = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Jane's meter readings wrong", "--as", "tom"],
                        environment: env)
        #expect(try CLI.run(["customer", "export", "ACC-1", "--as", "tom"], environment: env).status == 77)
        let export = try CLI.run(["customer", "export", "ACC-1", "--as", "fiona"], environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("Jane Doe"))
        #expect(export.stdout.contains("Jane's meter readings wrong"))

        let refused = try CLI.run(["customer", "erase", "ACC-1", "--rationale", "Customer asked", "--as", "fiona"], environment: env)
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("must be kept until"))
        let notAllowed = try CLI.run(["customer", "erase", "ACC-1", "--rationale", "Asked", "--override-retention", "--as", "fiona"],
                                     environment: env)
        #expect(notAllowed.status == 77)
        let erased = try CLI.run(["customer", "erase", "ACC-1", "--rationale", "Court order", "--override-retention", "--as", "helen",
                                  "--json"], environment: env)
        #expect(erased.status == 0, "\(erased.stderr)")
        let receipt = try CLI.json(erased.stdout)
        #expect(receipt["customer_id"] as? String == "ACC-1")
        #expect(receipt["wal_purged"] as? Bool == true)
        let shown = try CLI.run(["case", "show", "C-000001", "--as", "helen"], environment: env)
        #expect(shown.stdout.contains("(erased)"))
        #expect(!shown.stdout.contains("Jane"))
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
        for name in ["desk.sqlite", "desk.sqlite-wal"] {
            let bytes = (try? Data(contentsOf: dir.appendingPathComponent(name))) ?? Data()
            #expect(bytes.range(of: Data("Jane".utf8)) == nil, "\(name) still holds the name")
        }
    }

    /// An erasure while another desk is in the middle of a read is done all the same (exit 0)
    /// and says the write-ahead log could not be emptied; the next command that opens the
    /// database once the reader has finished empties it.
    @Test func anErasureWhileAnotherDeskReadsSaysTheLogWasNotEmptied() throws {
        let (dir, env) = try trainingDatabase()
        let db = dir.appendingPathComponent("desk.sqlite").path
        #expect(try CLI.run(["customer", "add", "ACC-9", "--name", "Philomena Quagmire", "--as", "tom"], environment: env).status == 0)
        // The search index holds the name's words in plain text until the erasure deletes them.
        func residue() -> Bool {
            ["", "-wal"].contains { suffix in
                ((try? Data(contentsOf: URL(fileURLWithPath: db + suffix))) ?? Data()).range(of: Data("quagmire".utf8)) != nil
            }
        }
        #expect(residue())

        // Another desk: a connection in the middle of a read until its input is closed. It is
        // read-only, as a desk's readers are, so closing it does not checkpoint the log itself.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        reader.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, isolation_level=None)
            c.execute("BEGIN")
            c.execute("SELECT count(*) FROM events").fetchone()
            print("reading", flush=True)
            sys.stdin.read()
            """, db]
        let input = Pipe(), output = Pipe()
        reader.standardInput = input
        reader.standardOutput = output
        try reader.run()
        #expect(String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("reading"))

        let erase = ["customer", "erase", "ACC-9", "--rationale", "Court order", "--override-retention", "--as", "helen"]
        let erased = try CLI.run(erase, environment: env)
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.stdout.hasPrefix("Erased customer ACC-9: personal data destroyed;"))
        #expect(erased.stdout.contains("The write-ahead log could not be emptied yet"), "\(erased.stdout)")
        #expect(erased.stdout.contains("may remain in \(db) and its -wal"), "\(erased.stdout)")
        #expect(residue(), "the log was emptied although another desk was reading")
        try input.fileHandleForWriting.close()
        reader.waitUntilExit()
        #expect(reader.terminationStatus == 0)
        #expect(residue())

        // The reader has finished: the next command's open empties the log.
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
        #expect(!residue(), "the name's words are still in the files")
        let again = try CLI.run(erase, environment: env)
        #expect(again.status == 65)
        #expect(again.stderr.contains("customer ACC-9 has been erased"))
    }
}
