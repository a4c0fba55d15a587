import Foundation
import Testing

/// `escdesk decide` and `escdesk config validate`, run as the real binary.
@Suite struct DecideCommandTests {
    @Test func jsonMatchesTheContract() throws {
        let r = try CLI.run(["decide", "--config", CLI.config, "--role", "agent", "--request", "refund=75.00",
                             "--customer-flag", "vulnerable", "--json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let json = try CLI.json(r.stdout)
        #expect(json["verdict"] as? String == "escalate")
        #expect(json["handler"] as? String == "agent")
        #expect(json["route_to"] as? String == "team_leader")
        #expect((json["matrix_version"] as? String)?.hasPrefix("file-") == true)
        let reasons = json["reasons"] as? [[String: String]] ?? []
        #expect(reasons.map { $0["rule"] } == ["authority.refund", "vulnerable_customer"])
        #expect(reasons.first?["requires"] == "team_leader")
        #expect(reasons.first?["detail"]?.hasPrefix("Refund £75.00 is over the Customer Service Agent per-case limit of £50.00") == true)
    }

    /// `decide` names the matrix version in the words the desk uses ("matrix version …").
    @Test func theMatrixVersionIsNamedAsTheDeskNamesIt() throws {
        let r = try CLI.run(["decide", "--config", CLI.config, "--role", "agent", "--request", "refund=75.00"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\n  Under:    matrix version file-"), "\(r.stdout)")
        // The same matrix stored as version 1 of a database carries the same fingerprint,
        // which `case open` prints (and the desk's matrix screen shows) beside its version.
        let fingerprint = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  Under:") }?.split(separator: " ").last)
        #expect(fingerprint.count == 8)
        let db = try CLI.temporaryDirectory().appendingPathComponent("fp.sqlite").path
        #expect(try CLI.run(["init", "--training", "--config", CLI.config, "--db", db]).status == 0)
        #expect(try CLI.run(["customer", "add", "FP-1", "--name", "Fay Print", "--db", db, "--as", "tom"]).status == 0)
        let opened = try CLI.run(["case", "open", "--customer", "FP-1", "--summary", "Same matrix", "--request", "refund=75",
                                  "--db", db, "--as", "tom"])
        #expect(opened.stdout.contains("\n  Under:    matrix version 1 · \(fingerprint)"), "\(opened.stdout)")
    }

    @Test func withinAuthorityWritesRouteToAsNull() throws {
        let r = try CLI.run(["decide", "--config", CLI.config, "--role", "team_leader", "--request", "cancel_contract", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"route_to\" : null"))
        #expect(try CLI.json(r.stdout)["verdict"] as? String == "within_authority")
    }

    @Test func everyOptionReachesTheEngine() throws {
        let base = ["decide", "--config", CLI.config, "--json", "--role"]
        func verdict(_ extra: [String]) throws -> (String?, [String]) {
            let r = try CLI.run(base + extra)
            #expect(r.status == 0, "\(extra): \(r.stderr)")
            let json = try CLI.json(r.stdout)
            return (json["verdict"] as? String, (json["reasons"] as? [[String: String]] ?? []).compactMap { $0["rule"] })
        }
        #expect(try verdict(["agent", "--request", "refund=40", "--granted", "refund=60.01"]).1 == ["authority.refund"])
        #expect(try verdict(["agent", "--request", "refund=40", "--granted", "refund=60.00"]).0 == "within_authority")
        #expect(try verdict(["agent", "--request", "disclose_account_data", "--unverified"]).1 == ["identity.disclose_account_data"])
        #expect(try verdict(["agent", "--repeat-contacts", "3"]).1 == ["repeat_contact"])
        #expect(try verdict(["agent", "--repeat-contacts", "2"]).0 == "within_authority")
        #expect(try verdict(["team_leader", "--case-flag", "ombudsman"]).1 == ["regulator_contact"])
        #expect(try verdict(["team_leader", "--channel", "social", "--request", "refund=250.01"]).1 == ["media_or_social"])
        #expect(try verdict(["agent", "--request", "compensation=100000"]).1 == ["authority.compensation", "large_total"])
    }

    @Test func humanOutputReadsWell() throws {
        let r = try CLI.run(["decide", "--config", CLI.config, "--role", "agent", "--request", "refund=75"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("ESCALATE to Team Leader (team_leader)."))
        #expect(r.stdout.contains("Asked:    Refund £75.00"))
    }

    @Test func usageErrorsExit64WithOneSentence() throws {
        let cases: [([String], String)] = [
            (["--role", "intern"], "--role intern: unknown role; the ladder is agent, team_leader, manager, customer_relations, head"),
            (["--role", "agent", "--request", "refund=75.001"], "amount 75.001 has more than 2 decimal places, the most GBP has"),
            (["--role", "agent", "--request", "refund=-5"], "amount -5 is negative"),
            (["--role", "agent", "--request", "refund=abc"], "\"abc\" is not an amount"),
            (["--role", "agent", "--request", "refund"], "refund is monetary; give an amount"),
            (["--role", "agent", "--request", "cancel_contract=5"], "cancel_contract is a permission and takes no amount"),
            (["--role", "agent", "--request", "teleport=5"], "unknown action \"teleport\""),
            (["--role", "agent", "--channel", "fax"], "--channel fax: unknown channel"),
            (["--role", "agent", "--repeat-contacts", "0"], "--repeat-contacts must be at least 1"),
            (["--role", "agent", "--repeat-contacts", "many"], "--repeat-contacts"),
            (["--role", "agent", "--frobnicate"], "Unknown option '--frobnicate'"),
            ([], "Missing expected argument '--role <ROLE>'"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["decide", "--config", CLI.config] + args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
            #expect(!r.stderr.contains("Fatal error"))
        }
    }

    @Test func anInvalidConfigurationExits65ListingEveryProblem() throws {
        let dir = try CLI.temporaryDirectory()
        let text = try String(contentsOfFile: CLI.config + "/escalation.yaml", encoding: .utf8)
            .replacingOccurrences(of: "routing: direct", with: "routing: sideways")
            .replacingOccurrences(of: "goodwill: 25\n", with: "goodwill: -25\n")
        try text.write(to: dir.appendingPathComponent("escalation.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["decide", "--config", dir.path, "--role", "agent"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(dir.path)/escalation.yaml:6:10: routing \"sideways\" is not known"))
        #expect(r.stderr.contains("escalation.yaml:64:15: the agent cell for goodwill: amount -25 is negative"))
        let v = try CLI.run(["config", "validate", dir.path])
        #expect(v.status == 65)
        #expect(v.stderr.contains("is not valid: 2 problems"))
        let j = try CLI.run(["config", "validate", dir.path, "--json"])
        #expect(j.status == 65)
        let json = try CLI.json(j.stdout)
        #expect(json["valid"] as? Bool == false)
        #expect((json["errors"] as? [[String: Any]])?.count == 2)
    }

    @Test func validateTheShippedConfiguration() throws {
        let r = try CLI.run(["config", "validate", CLI.config])
        #expect(r.status == 0)
        #expect(r.stdout.contains("is valid: Northwind Energy, 5 roles, 12 actions, 8 referral rules, 20 staff in 3 teams"))
        let j = try CLI.run(["config", "validate", CLI.config, "--json"])
        #expect(try CLI.json(j.stdout)["valid"] as? Bool == true)
    }

    @Test func missingConfigurationFolder() throws {
        let r = try CLI.run(["config", "validate", "/nonexistent/escdesk"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("/nonexistent/escdesk: no such configuration folder"))
    }

    @Test func helpIsThereForEveryCommand() throws {
        for args in [["--help"], ["decide", "--help"], ["config", "validate", "--help"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
    }
}
