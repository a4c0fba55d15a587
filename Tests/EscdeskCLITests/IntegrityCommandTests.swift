@testable import EscalationStore
import Foundation
import Testing

/// Issue 11 from the command line: amounts that overflow, the clock rule, an erased
/// customer's case, and a tampered configuration, as a script or a person would meet them.
@Suite struct IntegrityCommandTests {
    func database(_ extra: [String] = []) throws -> (db: String, env: [String: String]) {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"] + extra)
        #expect(created.status == 0, "\(created.stderr)")
        return (db, ["ESCDESK_DB": db])
    }

    /// The campaign's grants: 184 × £999,999,999,999,999.99 and one more wrapped to £1.00.
    @Test func grantsThatWouldWrapRoundAreRefused() throws {
        let (_, env) = try database()
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "x", "--as", "tom"], environment: env).status == 0)
        let grants = Array(repeating: ["--grant", "refund=999999999999999.99"], count: 185).flatMap { $0 }
        let r = try CLI.run(["case", "resolve", "C-000001", "--outcome", "upheld", "--rationale", "r", "--as", "tom"] + grants,
                            environment: env)
        #expect(r.status == 65, "\(r.stderr)")
        let nine = Array(repeating: ["--grant", "refund=999999999999999.99"], count: 10).flatMap { $0 }
        let r2 = try CLI.run(["case", "resolve", "C-000001", "--outcome", "upheld", "--rationale", "r", "--as", "tom"] + nine,
                             environment: env)
        #expect(r2.status == 77, "ten of the largest amount add up without overflowing, and are beyond an agent: \(r2.stderr)")
        let decide = try CLI.run(["decide", "--config", CLI.config, "--role", "agent"]
                                 + Array(repeating: ["--granted", "refund=999999999999999.99"], count: 100).flatMap { $0 }
                                 + ["--request", "refund=1"])
        #expect(decide.status == 65, "\(decide.stderr)")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func aTrainingClockStartsWhereInitSetsItAndNeverRunsBack() throws {
        let (_, env) = try database(["--now", "2026-03-02T09:00:00Z"])
        let behind = try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "tom", "--now", "2026-03-01T09:00:00Z"],
                                 environment: env)
        #expect(behind.status == 65)
        #expect(behind.stderr.contains("before the newest event"), "\(behind.stderr)")
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "tom", "--now", "2026-03-02T09:05:00Z"],
                            environment: env).status == 0)
        let normal = try CLI.run(["init", "--config", CLI.config, "--db", env["ESCDESK_DB"]! + ".2", "--now", "2026-03-02T09:00:00Z"])
        #expect(normal.status == 64)
    }

    @Test func anErasedCustomersCaseIsResolvedAndSaysItsTextWasNotKept() throws {
        let (_, env) = try database()
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "x", "--as", "tom"], environment: env).status == 0)
        let erased = try CLI.run(["customer", "erase", "ACC-1", "--rationale", "asked", "--override-retention", "--as", "helen"],
                                 environment: env)
        #expect(erased.status == 0, "\(erased.stderr)")
        let letter = try CLI.run(["case", "letter", "C-000001", "--kind", "final_response", "--outcome", "not_upheld",
                                  "--reasons", "Explained the bill", "--as", "tom"], environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        #expect(letter.stdout.contains("Dear Customer,"), "an erased customer has no name: \(letter.stdout)")
        let resolved = try CLI.run(["case", "resolve", "C-000001", "--outcome", "not_upheld", "--rationale", "Explained the bill",
                                    "--as", "tom"], environment: env)
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(resolved.stdout.contains("was not stored"), "\(resolved.stdout)")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    /// A normal database marked for training by hand would accept --as and --now: every
    /// command refuses it, and audit verify says why.
    @Test func aDatabaseMarkedForTrainingByHandIsRefused() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        #expect(try CLI.run(["init", "--config", CLI.config, "--db", db]).status == 0)
        try DeskStore.open(at: db).executeRaw("UPDATE centre SET training = 1")
        let acted = try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "helen", "--db", db])
        #expect(acted.status == 65)
        #expect(acted.stderr.contains("changed outside escdesk"), "\(acted.stderr)")
        let verify = try CLI.run(["audit", "verify", "--db", db, "--json"])
        #expect(verify.status == 65)
        let json = try CLI.json(verify.stdout)
        #expect(json["intact"] as? Bool == false)
        #expect((json["mismatches"] as? [[String: Any]])?.first?["table"] as? String == "configuration")
    }

    /// Someone deleted an agent from "Escalated by me" by hand: audit verify exits 65 and
    /// names the case and the agent.
    @Test func aRemovedEscalatorIsNamedByAuditVerify() throws {
        let (db, env) = try database()
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane", "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "x", "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "escalate", "C-000001", "--note", "Over my limit", "--as", "tom"], environment: env).status == 0)
        try DeskStore.open(at: db).executeRaw("DELETE FROM case_escalators")
        let verify = try CLI.run(["audit", "verify"], environment: env)
        #expect(verify.status == 65)
        #expect((verify.stdout + verify.stderr).contains("case_escalators"), "\(verify.stdout)")
        #expect((verify.stdout + verify.stderr).contains("does not list tom"), "\(verify.stdout)")
    }
}
