@testable import EscalationStore
import Foundation
import Testing

/// `escdesk matrix`: export, propose, diff, approve and reject through the real binary on a
/// training database from the shipped configuration (managers, customer relations and the
/// head hold `approve_matrix`; team leaders do not).
@Suite struct MatrixCommandTests {
    func trainingDatabase() throws -> (dir: URL, env: [String: String]) {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"])
        #expect(created.status == 0, "\(created.stderr)")
        return (dir, ["ESCDESK_DB": db])
    }

    func events(_ env: [String: String]) throws -> Int {
        try CLI.json(try CLI.run(["audit", "verify", "--json"], environment: env).stdout)["events"] as? Int ?? -1
    }

    /// The version in force exported, edited by `edit`, written to `name`.
    func editedExport(_ dir: URL, _ env: [String: String], name: String, _ edit: (String) -> String) throws -> String {
        let exported = try CLI.run(["matrix", "export", "--as", "rachel"], environment: env)
        #expect(exported.status == 0, "\(exported.stderr)")
        let path = dir.appendingPathComponent(name).path
        try edit(exported.stdout).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func exportThenProposeUnchangedIsANoOp() throws {
        let (dir, env) = try trainingDatabase()
        let path = try editedExport(dir, env, name: "same.yaml") { $0 }
        let before = try events(env)
        let proposed = try CLI.run(["matrix", "propose", path, "--rationale", "No change", "--as", "rachel", "--json"], environment: env)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        let json = try CLI.json(proposed.stdout)
        #expect(json["version"] is NSNull)
        #expect(json["base_version"] as? String == "1")
        #expect(try events(env) == before)
        let human = try CLI.run(["matrix", "propose", path, "--rationale", "No change", "--as", "rachel"], environment: env)
        #expect(human.stdout.contains("nothing to propose, no version created"))
        let diff = try CLI.run(["matrix", "diff", "1", path, "--as", "rachel"], environment: env)
        #expect(diff.stdout == "No differences.\n")
    }

    @Test func aSecondPersonApprovesAndTheNextDecisionUsesTheNewVersion() throws {
        let (dir, env) = try trainingDatabase()
        let path = try editedExport(dir, env, name: "raise.yaml") {
            $0.replacingOccurrences(of: "refund: {per_case: 50.00,", with: "refund: {per_case: 75.00,")
        }
        let t1 = "2027-01-11T09:00:00Z", t2 = "2027-01-11T10:00:00Z", t3 = "2027-01-11T11:00:00Z"
        let proposed = try CLI.run(["matrix", "propose", path, "--rationale", "Fewer referrals for small refunds",
                                    "--as", "rachel", "--now", t1, "--json"], environment: env)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(try CLI.json(proposed.stdout)["version"] as? String == "2")

        // What the proposal would have changed: the agent's £60 refund stays with the agent.
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--as", "tom", "--now", t1], environment: env).status == 0)
        let early = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--request", "refund=60",
                                 "--as", "tom", "--now", t1], environment: env)
        #expect(early.status == 0, "\(early.stderr)")
        let simulated = try CLI.run(["matrix", "simulate", path, "--days", "30", "--as", "rachel", "--now", t1], environment: env)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(simulated.stdout.contains("1 decision would change"), "\(simulated.stdout)")
        #expect(simulated.stdout.contains("Customer Service Agent: 1 changed; 1 escalations would disappear"))
        #expect(simulated.stdout.contains("Team Leader: -1"))

        let diff = try CLI.run(["matrix", "diff", "1", "2", "--as", "rachel"], environment: env)
        #expect(diff.stdout.contains("agent · refund · per case £50.00 → £75.00"))
        #expect(diff.stdout.contains("+ Customer Service Agent gains: refund: per case £50.00 → £75.00"))

        // Four eyes: not the proposer, not a role without approve_matrix; neither writes anything.
        let before = try events(env)
        let own = try CLI.run(["matrix", "approve", "2", "--as", "rachel", "--now", t2], environment: env)
        #expect(own.status == 77)
        #expect(own.stderr.contains("Rachel Adams proposed matrix version 2 and may not approve it"))
        let leader = try CLI.run(["matrix", "approve", "2", "--as", "priya", "--now", t2], environment: env)
        #expect(leader.status == 77)
        #expect(leader.stderr.contains("Priya Shah (Team Leader) may not approve a matrix proposal"))
        let leaderProposes = try CLI.run(["matrix", "propose", path, "--rationale", "Mine", "--as", "priya", "--now", t2],
                                         environment: env)
        #expect(leaderProposes.status == 77)
        #expect(try events(env) == before)

        let approved = try CLI.run(["matrix", "approve", "2", "--rationale", "Agreed", "--as", "david", "--now", t2, "--json"],
                                   environment: env)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(try CLI.json(approved.stdout)["status"] as? String == "in_force")
        let show = try CLI.json(try CLI.run(["matrix", "show", "--json", "--as", "tom", "--now", t3], environment: env).stdout)
        #expect((show["version"] as? [String: Any])?["version"] as? String == "2")
        #expect(((show["authority"] as? [String: Any])?["agent"] as? [String: Any])?["refund"] as? String
                == "per case £75.00, rolling £100.00 in 30 days")

        let opened = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--request", "refund=60",
                                  "--as", "tom", "--now", t3, "--json"], environment: env)
        let decision = try CLI.json(opened.stdout)["decision"] as? [String: Any]
        #expect(decision?["verdict"] as? String == "within_authority")
        #expect(decision?["matrix_version"] as? String == "2")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func aVersionComesIntoForceAtItsEffectiveTime() throws {
        let (dir, env) = try trainingDatabase()
        let path = try editedExport(dir, env, name: "later.yaml") { $0.replacingOccurrences(of: "routing: direct", with: "routing: stepwise") }
        let proposed = try CLI.run(["matrix", "propose", path, "--rationale", "One rung at a time", "--effective",
                                    "2027-02-01T00:00:00Z", "--as", "fiona", "--now", "2027-01-20T09:00:00Z"], environment: env)
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("routing: direct → stepwise"))
        let approved = try CLI.run(["matrix", "approve", "2", "--as", "helen", "--now", "2027-01-21T09:00:00Z"], environment: env)
        #expect(approved.stdout.contains("approved, in force from 2027-02-01T00:00:00Z"), "\(approved.stdout)")
        func inForce(_ now: String) throws -> String? {
            let shown = try CLI.json(try CLI.run(["matrix", "show", "--json", "--as", "tom", "--now", now], environment: env).stdout)
            return (shown["version"] as? [String: Any])?["version"] as? String
        }
        #expect(try inForce("2027-01-31T23:59:59Z") == "1")
        #expect(try inForce("2027-02-01T00:00:00Z") == "2")
        let history = try CLI.run(["matrix", "history", "--as", "tom", "--now", "2027-02-02T00:00:00Z"], environment: env)
        #expect(history.stdout.contains("Version 1: superseded"))
        #expect(history.stdout.contains("Version 2: in force since 2027-02-01T00:00:00Z"))
        #expect(history.stdout.contains("Approved by Helen Forsyth"))

        let past = try CLI.run(["matrix", "propose", path, "--rationale", "x", "--effective", "2027-01-01T00:00:00Z",
                                "--as", "fiona", "--now", "2027-02-02T00:00:00Z"], environment: env)
        #expect(past.status == 65)
        #expect(past.stderr.contains("the effective time is in the past"))
    }

    @Test func aRejectionNeedsARationaleAndAFileMustChangeOnlyThePolicy() throws {
        let (dir, env) = try trainingDatabase()
        let renamed = try editedExport(dir, env, name: "renamed.yaml") {
            $0.replacingOccurrences(of: "organisation: \"Northwind Energy\"", with: "organisation: Southwind")
        }
        let refused = try CLI.run(["matrix", "propose", renamed, "--rationale", "x", "--as", "rachel"], environment: env)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("changes organisation, which a matrix proposal cannot change"))
        let broken = dir.appendingPathComponent("broken.yaml").path
        try "organisation: X\ncurrency: GBP\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let invalid = try CLI.run(["matrix", "propose", broken, "--rationale", "x", "--as", "rachel"], environment: env)
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("broken.yaml:"))

        let path = try editedExport(dir, env, name: "cut.yaml") {
            $0.replacingOccurrences(of: "goodwill: 25.00", with: "goodwill: 10.00")
        }
        #expect(try CLI.run(["matrix", "propose", path, "--rationale", "Cut goodwill", "--as", "rachel"], environment: env).status == 0)
        let missing = try CLI.run(["matrix", "reject", "2", "--as", "david"], environment: env)
        #expect(missing.status == 64)
        let rejected = try CLI.run(["matrix", "reject", "2", "--rationale", "Not now", "--as", "david", "--json"], environment: env)
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try CLI.json(rejected.stdout)["status"] as? String == "rejected")
        let again = try CLI.run(["matrix", "approve", "2", "--as", "helen"], environment: env)
        #expect(again.status == 65)
        #expect(again.stderr.contains("matrix version 2 is not waiting for approval: it is rejected"))
    }

    /// A rejected proposal flipped to approved by hand: every command refuses the database and
    /// `audit verify` names the version.
    @Test func aStatusFlippedByHandIsRefusedAndNamed() throws {
        let (dir, env) = try trainingDatabase()
        let path = try editedExport(dir, env, name: "cut.yaml") { $0.replacingOccurrences(of: "goodwill: 25.00", with: "goodwill: 10.00") }
        #expect(try CLI.run(["matrix", "propose", path, "--rationale", "Cut goodwill", "--as", "rachel"], environment: env).status == 0)
        #expect(try CLI.run(["matrix", "reject", "2", "--rationale", "No", "--as", "david"], environment: env).status == 0)
        try DeskStore.open(at: env["ESCDESK_DB"]!).executeRaw(
            "UPDATE matrix_versions SET status = 'approved', effective_at = decided_at, approval_seq = 99 WHERE version = '2'")
        let shown = try CLI.run(["matrix", "show", "--as", "tom"], environment: env)
        #expect(shown.status == 65)
        #expect(shown.stderr.contains("changed outside escdesk"), "\(shown.stderr)")
        let verify = try CLI.run(["audit", "verify", "--json"], environment: env)
        #expect(verify.status == 65)
        let mismatches = try CLI.json(verify.stdout)["mismatches"] as? [[String: Any]]
        #expect(mismatches?.contains { $0["table"] as? String == "matrix_versions" && $0["key"] as? String == "2" } == true,
                "\(verify.stdout)")
    }
}
