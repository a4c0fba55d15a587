import Foundation
import Testing

/// Clocks from the command line (issue 15): the receipt given and corrected, the customer's
/// calendar, `case show`'s clocks, and the sweep for cron, on the shipped configuration.
@Suite struct ClocksCommandTests {
    /// A training database whose clock starts on Wednesday 23 December 2026.
    func database() throws -> [String: String] {
        let db = try CLI.temporaryDirectory().appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--config", CLI.config, "--db", db, "--training", "--now", "2026-12-23T09:00:00Z"])
        #expect(created.status == 0, "\(created.stderr)")
        return ["ESCDESK_DB": db, "ESCDESK_NOW": "2026-12-23T10:30:00Z"]
    }

    @Test func theIssuesExampleFromReceiptToSweep() throws {
        let env = try database()
        let unknown = try CLI.run(["customer", "add", "A1", "--name", "Ann", "--calendar", "scotlnd", "--as", "priya"], environment: env)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("use one of: england_wales, northern_ireland, scotland"))
        #expect(try CLI.run(["customer", "add", "A1", "--name", "Ann", "--as", "priya"], environment: env).status == 0)
        let future = try CLI.run(["case", "open", "--customer", "A1", "--summary", "Late", "--received", "2026-12-24T10:00:00Z",
                                  "--as", "tom"], environment: env)
        #expect(future.status == 65)
        #expect(future.stderr.contains("in the future"))
        let opened = try CLI.run(["case", "open", "--customer", "A1", "--summary", "Bill wrong", "--received",
                                  "2026-12-23T10:00:00Z", "--as", "tom", "--json"], environment: env)
        let id = try #require(try CLI.json(opened.stdout)["id"] as? String)
        let shown = try CLI.json(try CLI.run(["case", "show", id, "--json", "--as", "tom"], environment: env).stdout)
        let clocks = try #require(shown["clocks"] as? [[String: Any]])
        let due = Dictionary(uniqueKeysWithValues: clocks.map { ($0["id"] as! String, $0["due"] as! String) })
        #expect(due["disp_summary_resolution"] == "2026-12-30T17:30:00+00:00")
        #expect(due["disp_final_response"] == "2027-02-17T23:59:59+00:00")
        #expect(clocks.allSatisfy { $0["state"] as? String == "running" && $0["calendar"] as? String == "england_wales" })
        #expect(try CLI.run(["case", "correct-receipt", id, "--received", "2026-12-22T10:00:00Z", "--rationale", "Dated",
                             "--as", "tom"], environment: env).status == 77)
        // Thursday 24 December: the first-response clock has passed its warning point.
        let sweep = ["clocks", "sweep", "--json", "--now", "2026-12-24T16:00:00Z"]
        let swept = try CLI.run(sweep, environment: env)
        #expect(swept.status == 0, "\(swept.stderr)")
        #expect(swept.stdout.contains("\"case_id\" : \"\(id)\"") && swept.stdout.contains("\"route_to\" : \"team_leader\""))
        let again = try CLI.run(["clocks", "sweep", "--json", "--now", "2026-12-24T16:01:00Z"], environment: env)
        #expect(!again.stdout.contains(id), "once")
        let listed = try CLI.run(["clocks", "list", "--as", "priya", "--now", "2026-12-24T16:02:00Z"], environment: env)
        #expect(listed.stdout.contains(id) && listed.stdout.contains("WARNING"))
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }
}
