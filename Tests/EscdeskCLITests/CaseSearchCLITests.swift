import Foundation
import Testing

/// `escdesk case list --search TEXT`: the desk's search on the command line, over a
/// database an earlier release wrote (its texts are indexed when it is upgraded).
@Suite struct CaseSearchCLITests {
    func copyOfFormat6() throws -> [String: String] {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("format6.sqlite")
        try FileManager.default.copyItem(at: try EarlierReleaseTests.fixture("format6.sqlite"), to: db)
        return ["ESCDESK_DB": db.path]
    }

    func search(_ text: String, _ env: [String: String], json: Bool = true) throws -> CLI.Result {
        try CLI.run(["case", "list", "--search", text, "--as", "helen", "--now", "2026-12-01T00:00:00Z"] + (json ? ["--json"] : []),
                    environment: env)
    }

    @Test func anUpgradedDatabaseFindsCasesByTheWordsOfTheirSummaries() throws {
        let env = try copyOfFormat6()
        let found = try search("tariff swi", env)
        #expect(found.status == 0, "\(found.stderr)")
        let cases = try #require(try CLI.json(found.stdout)["cases"] as? [[String: Any]])
        #expect(Set(cases.compactMap { $0["id"] as? String }) == ["C-000012", "C-000025", "C-000030"])
        let byID = try CLI.json(try search("12", env).stdout)["cases"] as? [[String: Any]]
        #expect(byID?.first?["id"] as? String == "C-000012")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }

    @Test func anEmptyResultSaysOneThing() throws {
        let env = try copyOfFormat6()
        let none = try search("nothing \"here\u{1B}[31m", env, json: false)
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout.hasPrefix("No case matches \"nothing \"here"))
        #expect(!none.stdout.contains("\u{1B}"))
        #expect(none.stdout.split(separator: "\n").count == 1)
        let state = try CLI.run(["case", "list", "--search", "meter", "--state", "open", "--as", "helen"], environment: env)
        #expect(state.status == 64)
    }
}
