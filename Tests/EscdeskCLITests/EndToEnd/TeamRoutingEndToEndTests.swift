import Foundation
import Testing

/// Team routing and outcomes with the real binary: two desks on one database in tmux
/// (issue 13, items 2 and 3).
@Suite(.serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed; the end-to-end desk tests need it"))
struct TeamRoutingEndToEndTests {
    let desk = DeskEndToEndTests()

    /// A training database on `Config/` (teams Billing A led by Priya, Billing B led by
    /// Marcus) where `agent` opens a case asking for £75 and refers it up; its id.
    func referral(db: String, by agent: String, summary: String) throws -> String {
        let opened = try desk.escdesk(["case", "open", "--customer", "E2E-1", "--summary", summary, "--request", "refund=75",
                                       "--json", "--db", db, "--as", agent])
        let id: String = try #require(try CLI.json(opened).get("id"))
        try desk.escdesk(["case", "escalate", id, "--note", "Over my limit", "--db", db, "--as", agent])
        return id
    }

    func newCentre() throws -> String {
        let db = try desk.databasePath()
        try desk.escdesk(["init", "--training", "--config", CLI.config, "--db", db])
        try desk.escdesk(["customer", "add", "E2E-1", "--name", "Jane Doe", "--db", db, "--as", "tom"])
        return db
    }

    @Test func aReferralGoesToTheEscalatorsTeamLeaderAndOtherTeamsSeeItToCover() throws {
        let db = try newCentre()
        let fromA = try referral(db: db, by: "tom", summary: "Billing A referral")
        let fromB = try referral(db: db, by: "chloe", summary: "Billing B referral")

        let priya = try TmuxPane(desk.deskCommand(db: db, as: "priya"))
        let marcus = try TmuxPane(desk.deskCommand(db: db, as: "marcus"))
        try priya.waitFor("Billing A referral")
        try marcus.waitFor("Billing B referral")
        #expect(try !priya.screen().contains(fromB), "Billing B's referral is not Priya's")
        #expect(try !marcus.screen().contains(fromA), "Billing A's referral is not Marcus's")
        #expect(try priya.screen().contains("Referred 1"))

        // Marcus's "Other teams" tab (referred · mine · all · other teams) holds Tom's referral.
        try marcus.press("Tab", "Tab", "Tab")
        try marcus.waitFor("Billing A referral")
        // On the way the tabs pass "All cases", which shows both: wait for the last one.
        let settled = Date().addingTimeInterval(10)
        while try marcus.screen().contains(fromB), Date() < settled { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try !marcus.screen().contains(fromB))
        try marcus.press("F10")
        try priya.press("F10")

        // The command line lists what the desk's queues show.
        let referred = try desk.escdesk(["case", "list", "--queue", "referred", "--json", "--db", db, "--as", "marcus"])
        #expect(referred.contains(fromB) && !referred.contains(fromA))
        let others = try desk.escdesk(["case", "list", "--queue", "other-teams", "--json", "--db", db, "--as", "marcus"])
        #expect(others.contains(fromA) && !others.contains(fromB))

        // Marcus covers: the claim says so on the timeline.
        try desk.escdesk(["case", "claim", fromA, "--db", db, "--as", "marcus"])
        let shown = try desk.escdesk(["case", "show", fromA, "--db", db, "--as", "marcus"])
        #expect(shown.contains("as cover for Billing A"), "\(shown)")
        let escalated = try desk.escdesk(["case", "list", "--queue", "escalated", "--db", db, "--as", "tom"])
        #expect(escalated.contains(fromA) && escalated.contains("claimed"))
        #expect(try CLI.run(["audit", "verify", "--db", db]).status == 0)
    }

    @Test func theEscalatingAgentsDeskShowsTheResolutionWithinASecondWithNoKeyPressed() throws {
        let db = try newCentre()
        let caseID = try referral(db: db, by: "tom", summary: "Charged twice")
        let tom = try TmuxPane(desk.deskCommand(db: db, as: "tom"))
        try tom.waitFor("Tom Reed, Customer Service Agent")
        try desk.escdesk(["case", "claim", caseID, "--db", db, "--as", "priya"])
        try tom.waitFor("\(caseID) claimed by Priya Shah", timeout: 5)
        try desk.escdesk(["case", "letter", caseID, "--kind", "final_response", "--outcome", "upheld", "--reasons",
                          "Duplicate charge", "--grant", "refund=40", "--db", db, "--as", "priya"])
        try desk.escdesk(["case", "resolve", caseID, "--outcome", "upheld", "--rationale", "Duplicate charge",
                          "--grant", "refund=40", "--root-cause", "billing_error", "--db", db, "--as", "priya"])
        let shown = try tom.waitFor("\(caseID) resolved by Priya Shah: upheld, granted Refund £40.00", timeout: 5)
        #expect(shown <= 1, "the resolution took \(shown) s to reach the agent's screen")
        print("escdesk e2e: the resolution reached the agent's screen \(Int(shown * 1000)) ms after the command returned")
        try tom.press("F10")
    }
}
