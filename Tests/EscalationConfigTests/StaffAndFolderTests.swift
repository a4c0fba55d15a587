import EscalationCore
import Foundation
import TestSupport
import Testing
@testable import EscalationConfig

/// staff.yaml, the clock and calendar files, and loading a whole folder from disk.
@Suite struct StaffAndFolderTests {
    static let staff = """
    teams:
      - id: billing
        name: Billing
        leader: priya
    staff:
      - {id: priya, name: Priya Shah, role: team_leader, login: priya, team: billing}
      - {id: tom, name: Tom Reed, role: agent, login: tom, team: billing}
    """

    func issues(staff: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base),
                                       staff: .init(name: "staff.yaml", text: staff))
            return []
        } catch {
            return error.issues
        }
    }

    @Test func readsStaffAndTeams() throws {
        let centre = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base),
                                            staff: .init(name: "staff.yaml", text: Self.staff))
        #expect(centre.staff.member(login: "tom")?.role == "agent")
        #expect(centre.staff.team(id: "billing")?.leader == "priya")
    }

    @Test func staffErrorsPointAtTheirLines() {
        let cases: [(String, String, Int, String)] = [
            ("role: agent, login: tom", "role: agnt, login: tom", 7, "role \"agnt\" of tom is not declared under roles in escalation.yaml; did you mean \"agent\"?"),
            ("login: tom, team: billing", "login: priya, team: billing", 7, "login \"priya\" is given to two people (first on line 6)"),
            ("{id: tom,", "{id: priya,", 7, "staff id \"priya\" is used twice (first on line 6)"),
            ("team: billing}\n  - {id: tom", "team: sales}\n  - {id: tom", 6, "team \"sales\" of priya is not declared under teams"),
            ("leader: priya", "leader: nobody", 4, "team leader \"nobody\" is not on the staff list"),
            ("name: Tom Reed,", "nmae: Tom Reed,", 7, "unknown key \"nmae\" in a staff member; did you mean \"name\"?"),
        ]
        for (old, new, line, message) in cases {
            let found = issues(staff: Self.staff.replacingOccurrences(of: old, with: new))
            #expect(found.first?.file == "staff.yaml")
            #expect(found.first?.line == line, "\(new): \(found)")
            #expect(found.first?.message.contains(message) == true, "\(new): \(found)")
        }
    }

    func folder(_ files: [String: String]) throws -> String {
        let dir = try TemporaryFolders.make("escdesk-config")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func theShippedConfigurationIsValid() throws {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config").path
        let centre = try ConfigLoader.load(directory: config, requireStaff: true)
        #expect(centre.policy.ladder.roles.count >= 5)
        #expect(centre.policy.matrix.actions.count >= 8)
        #expect(centre.policy.referrals.count >= 8)
        #expect(centre.staff.staff.count >= 20)
        #expect(centre.staff.teams.count == 3)
        #expect(centre.staff.staff.filter { $0.role == "team_leader" }.count >= 2)
        let aboveTeamLeader = centre.staff.staff.filter { centre.policy.ladder.rank(of: $0.role)! > 1 }
        #expect(aboveTeamLeader.count >= 2)
        for id in ["refund", "goodwill", "cancel_contract", "disclose_account_data", "override_identity_check"] {
            #expect(centre.policy.matrix.action(id) != nil)
        }
        #expect(centre.policy.matrix.actions.contains { $0.requiresVerifiedIdentity })
        #expect(centre.clocks.map(\.id).contains("disp_final_response"))
        #expect(centre.calendars.first?.holidays.contains { $0.date == "2026-12-25" } == true)
    }

    @Test func aMissingFolderOrFileIsReported() throws {
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(directory: "/nonexistent/escdesk") }
        let dir = try folder(["staff.yaml": Self.staff])
        do {
            _ = try ConfigLoader.load(directory: dir)
            Issue.record("loaded a folder without escalation.yaml")
        } catch {
            #expect(error.issues.map(\.description) == ["\(dir)/escalation.yaml: the file is missing; it is required"])
        }
    }

    @Test func staffIsRequiredOnlyWhenAsked() throws {
        let dir = try folder(["escalation.yaml": ValidationTests.base])
        #expect(throws: Never.self) { try ConfigLoader.load(directory: dir) }
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(directory: dir, requireStaff: true) }
    }

    @Test func aHugeFileIsRefusedBeforeParsing() throws {
        let huge = ValidationTests.base + "\n# " + String(repeating: "x", count: 10 * 1_048_576)
        let dir = try folder(["escalation.yaml": huge])
        do {
            _ = try ConfigLoader.load(directory: dir)
            Issue.record("loaded a 10 MB file")
        } catch {
            #expect(error.issues.first?.message.hasPrefix("the file is 10.0 MB; configuration files are limited to 1 MB") == true)
        }
    }

    @Test func notUTF8IsReported() throws {
        let dir = try folder([:])
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data([0x6f, 0x72, 0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: dir + "/escalation.yaml"))
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(directory: dir) }
    }

    @Test func clockAndCalendarErrors() throws {
        let dir = try folder([
            "escalation.yaml": ValidationTests.base,
            "regulatory/disp.yaml": """
            id: disp
            title: DISP
            applies_to: [complaint]
            starts: received
            limit: {business_days: 3, calendar_days: 5}
            warn_at: 1.5
            escalate_to: boss
            """,
            "calendars/uk.yaml": """
            id: uk
            title: UK
            working_days: [monday, funday]
            holidays:
              - {date: 2026-02-30, name: Nope}
            """,
        ])
        do {
            _ = try ConfigLoader.load(directory: dir)
            Issue.record("accepted broken clocks")
        } catch {
            let text = error.issues.map(\.description)
            #expect(text.contains("\(dir)/regulatory/disp.yaml:5:8: the limit of disp needs exactly one of business_days, calendar_days, weeks, months or hours, like {business_days: 3, end_of_day: true} or {calendar_days: 56}"))
            #expect(text.contains("\(dir)/regulatory/disp.yaml:6:10: warn_at of disp is 1.5; it must be between 0 and 1 (the fraction of time remaining)"))
            #expect(text.contains("\(dir)/regulatory/disp.yaml:7:14: escalate_to \"boss\" of clock disp is not a role declared in escalation.yaml"))
            #expect(text.contains("\(dir)/calendars/uk.yaml:3:15: \"funday\" is not a weekday; use monday … sunday"))
            #expect(text.contains("\(dir)/calendars/uk.yaml:5:12: holiday date \"2026-02-30\" is not a real date written YYYY-MM-DD"))
        }
    }

    @Test func versionLabelsFollowTheText() {
        #expect(ConfigLoader.versionLabel("a") == ConfigLoader.versionLabel("a"))
        #expect(ConfigLoader.versionLabel("a") != ConfigLoader.versionLabel("b"))
        #expect(ConfigLoader.versionLabel("").count == 21)
    }
}
