import Foundation
import Testing

/// `clocks pause|resume|extend` (issue 15): a service clock paused with a reason is credited
/// the paused time, a regulatory clock never pauses, a subject access request is extended
/// once by a Team Leader, and the record still verifies.
@Suite struct ClocksChangeCommandTests {
    /// A training database on Tuesday 1 December 2026 with a complaint and a subject access
    /// request from one customer, opened by Tom (an agent) at 09:10.
    func database() throws -> (env: [String: String], complaint: String, access: String) {
        let db = try CLI.temporaryDirectory().appendingPathComponent("desk.sqlite").path
        #expect(try CLI.run(["init", "--config", CLI.config, "--db", db, "--training", "--now", "2026-12-01T09:00:00Z"]).status == 0)
        let env = ["ESCDESK_DB": db, "ESCDESK_NOW": "2026-12-01T09:10:00Z"]
        #expect(try CLI.run(["customer", "add", "CU-1", "--name", "Jo Bloggs", "--as", "tom"], environment: env).status == 0)
        func open(_ kind: String) throws -> String {
            let opened = try CLI.run(["case", "open", "--customer", "CU-1", "--summary", "Bill doubled", "--kind", kind,
                                      "--as", "tom", "--json"], environment: env)
            return try #require(try CLI.json(opened.stdout)["id"] as? String)
        }
        return (env, try open("complaint"), try open("subject_access"))
    }

    func clocks(_ id: String, _ env: [String: String], at now: String) throws -> [String: [String: Any]] {
        let shown = try CLI.json(try CLI.run(["case", "show", id, "--json", "--as", "tom", "--now", now], environment: env).stdout)
        let clocks = try #require(shown["clocks"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: clocks.map { ($0["id"] as! String, $0) })
    }

    @Test func aPausedServiceClockIsCreditedAndARegulatoryOneNeverPauses() throws {
        let (env, id, _) = try database()
        let regulatory = try CLI.run(["clocks", "pause", id, "--clock", "disp_final_response", "--reason", "Waiting",
                                      "--as", "tom", "--now", "2026-12-01T10:00:00Z"], environment: env)
        #expect(regulatory.status == 65)
        #expect(regulatory.stderr.contains("regulatory clocks never pause"))
        let noReason = try CLI.run(["clocks", "pause", id, "--reason", " ", "--as", "tom", "--now", "2026-12-01T10:00:00Z"],
                                   environment: env)
        #expect(noReason.status == 65 && noReason.stderr.contains("reason is empty"))
        let other = try CLI.run(["clocks", "pause", id, "--reason", "Waiting", "--as", "sofia", "--now", "2026-12-01T10:00:00Z"],
                                environment: env)
        #expect(other.status == 77, "another agent may not pause Tom's case")
        let paused = try CLI.run(["clocks", "pause", id, "--reason", "Waiting for the meter photo", "--as", "tom",
                                  "--now", "2026-12-01T10:00:00Z"], environment: env)
        #expect(paused.status == 0, "\(paused.stderr)")
        #expect(paused.stdout.contains("Paused every running service clock on \(id)."))
        let during = try clocks(id, env, at: "2026-12-02T10:00:00Z")
        #expect(during["service_first_response"]?["state"] as? String == "paused")
        #expect(during["disp_final_response"]?["state"] as? String == "running")
        let resumed = try CLI.run(["clocks", "resume", id, "--as", "tom", "--now", "2026-12-03T10:00:00Z", "--json"], environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try CLI.json(resumed.stdout)["change"] as? String == "resume")
        // Two days on hold: the first response, due by close of business on Wednesday 2nd, is
        // now due on Friday 4th; the regulatory clocks have not moved.
        let after = try clocks(id, env, at: "2026-12-03T10:00:00Z")
        #expect(after["service_first_response"]?["due"] as? String == "2026-12-04T17:30:00+00:00")
        #expect(after["disp_final_response"]?["due"] as? String == "2027-01-26T23:59:59+00:00")
        let twice = try CLI.run(["clocks", "resume", id, "--as", "tom", "--now", "2026-12-03T10:01:00Z"], environment: env)
        #expect(twice.status == 65 && twice.stderr.contains("no paused clock to resume"))
        let shown = try CLI.run(["case", "show", id, "--as", "priya", "--now", "2026-12-03T10:02:00Z"], environment: env)
        #expect(shown.stdout.contains("Waiting for the meter photo"))
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func aSubjectAccessRequestIsExtendedOnceByATeamLeader() throws {
        let (env, _, id) = try database()
        let now = ["--now", "2026-12-10T10:00:00Z"]
        let byAgent = try CLI.run(["clocks", "extend", id, "--clock", "gdpr_subject_access", "--months", "2",
                                   "--reason", "Complex", "--as", "tom"] + now, environment: env)
        #expect(byAgent.status == 77)
        let tooLong = try CLI.run(["clocks", "extend", id, "--clock", "gdpr_subject_access", "--months", "3",
                                   "--reason", "Complex", "--as", "priya"] + now, environment: env)
        #expect(tooLong.status == 65 && tooLong.stderr.contains("may be extended by 1 to 2 months, not 3"))
        let unknown = try CLI.run(["clocks", "extend", id, "--clock", "gdpr", "--months", "2", "--reason", "Complex",
                                   "--as", "priya"] + now, environment: env)
        #expect(unknown.status == 65 && unknown.stderr.contains("no clock is called gdpr"))
        let extended = try CLI.run(["clocks", "extend", id, "--clock", "gdpr_subject_access", "--months", "2",
                                    "--reason", "Records held in three systems", "--as", "priya"] + now, environment: env)
        #expect(extended.status == 0, "\(extended.stderr)")
        // One month from 1 December is 1 January, a bank holiday; three months is Monday 1 March.
        #expect(try clocks(id, env, at: "2026-12-10T10:00:00Z")["gdpr_subject_access"]?["due"] as? String
            == "2027-03-01T23:59:59+00:00")
        let again = try CLI.run(["clocks", "extend", id, "--clock", "gdpr_subject_access", "--months", "1",
                                 "--reason", "More", "--as", "priya", "--now", "2026-12-11T10:00:00Z"], environment: env)
        #expect(again.status == 65 && again.stderr.contains("may be extended once"))
        let badMonths = try CLI.run(["clocks", "extend", id, "--clock", "gdpr_subject_access", "--months", "-1",
                                     "--reason", "More", "--as", "priya"], environment: env)
        #expect(badMonths.status == 64)
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }
}
