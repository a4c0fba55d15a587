@testable import EscalationStore
import Foundation
import Testing

/// `escdesk audit authority` through the real binary: a clean log exits 0 with its summary;
/// a grant raised beyond the agent's authority, in the event and every table, with the
/// chain re-hashed (which `audit verify` passes) exits 65 naming it.
@Suite struct AuditAuthorityCommandTests {
    @Test func aCleanLogPassesAndAForgedGrantIsNamed() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        let env = ["ESCDESK_DB": db]
        #expect(try CLI.run(["init", "--config", CLI.config, "--db", db, "--training"]).status == 0)
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--as", "tom"], environment: env).status == 0)
        #expect(try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--request", "refund=40",
                             "--as", "tom"], environment: env).status == 0)
        let letter = try CLI.run(["case", "letter", "C-000001", "--kind", "final_response", "--outcome", "upheld",
                                  "--reasons", "Confirmed", "--grant", "refund=40", "--as", "tom"], environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        let resolved = try CLI.run(["case", "resolve", "C-000001", "--outcome", "upheld", "--rationale", "Confirmed",
                                    "--grant", "refund=40", "--root-cause", "billing_error", "--as", "tom"], environment: env)
        #expect(resolved.status == 0, "\(resolved.stderr)")

        let clean = try CLI.run(["audit", "authority"], environment: env)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout == "1 grant checked under 1 version: all within authority.\n")
        let json = try CLI.json(try CLI.run(["audit", "authority", "--json"], environment: env).stdout)
        #expect(json["grants"] as? Int == 1)
        #expect(json["versions"] as? [String] == ["1"])
        #expect((json["breaches"] as? [Any])?.isEmpty == true)

        let store = try DeskStore.open(at: db)
        let seq = try #require(try store.integer("SELECT max(seq) FROM events"))
        try store.executeRaw(#"UPDATE events SET payload = replace(payload, '"minor":4000', '"minor":40000') WHERE seq = \#(seq)"#)
        try store.executeRaw("UPDATE grants SET minor = 40000")
        try store.executeRaw(#"UPDATE resolutions SET grants = replace(grants, '"minor":4000', '"minor":40000')"#)
        try store.forgeHashes(from: Int64(seq))
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0, "the forgery passes audit verify")

        let caught = try CLI.run(["audit", "authority"], environment: env)
        #expect(caught.status == 65)
        #expect(caught.stdout.hasPrefix("C-000001 event \(seq): tom (Customer Service Agent) granted refund £400.00 under version 1: "),
                "\(caught.stdout)")
        #expect(caught.stdout.contains("£50.00"), "\(caught.stdout)")
        #expect(caught.stderr.contains("records 1 grant outside the granter's authority (1 grant checked under 1 version)"),
                "\(caught.stderr)")
        let found = try CLI.json(try CLI.run(["audit", "authority", "--json"], environment: env).stdout)
        let breach = try #require((found["breaches"] as? [[String: Any]])?.first)
        #expect(breach["case_id"] as? String == "C-000001")
        #expect(breach["action"] as? String == "refund")
    }
}
