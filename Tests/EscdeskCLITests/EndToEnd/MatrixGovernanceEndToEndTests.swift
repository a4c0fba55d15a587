import Foundation
import Testing

/// Matrix governance as the centre lives it: one manager proposes a change, a second
/// approves it, and an agent's next desk start (the real binary in tmux) asks them to
/// acknowledge what changed in their own authority, once.
@Suite(.serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed; the end-to-end desk tests need it"))
struct MatrixGovernanceEndToEndTests {
    @discardableResult
    func escdesk(_ arguments: [String], db: String) throws -> String {
        let result = try CLI.run(arguments + ["--db", db])
        #expect(result.status == 0, "escdesk \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    func deskCommand(db: String, as person: String) -> String {
        "\(TmuxPane.quoted(CLI.binary.path)) desk --db \(TmuxPane.quoted(db)) --as \(person)"
    }

    @Test func oneManagerProposesAnotherApprovesAndTheAgentAcknowledgesOnce() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("desk.sqlite").path
        try escdesk(["init", "--training", "--config", CLI.config], db: db)

        // Rachel (manager) exports the matrix, raises the agent's refund limit and proposes it.
        let exported = try escdesk(["matrix", "export", "--as", "rachel"], db: db)
        let edited = exported.replacingOccurrences(of: "refund: {per_case: 50.00,", with: "refund: {per_case: 75.00,")
        #expect(edited != exported)
        let file = dir.appendingPathComponent("proposal.yaml").path
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        let proposed = try escdesk(["matrix", "propose", file, "--rationale", "Fewer referrals for small refunds",
                                    "--as", "rachel", "--json"], db: db)
        let version: String = try #require(try CLI.json(proposed)["version"] as? String)
        // David (a second manager) approves it; it is in force at once.
        try escdesk(["matrix", "approve", version, "--as", "david"], db: db)

        // Tom's next desk start names the change in his own authority.
        let first = try TmuxPane(deskCommand(db: db, as: "tom"))
        try first.waitFor("Matrix version \(version) is in force")
        let shown = try first.screen()
        #expect(shown.contains("Matrix changed"))
        #expect(shown.contains("What changed in your authority (Customer Service"))
        #expect(shown.contains("• agent · refund · per case £50.00 → £75.00"), "\(shown)")
        #expect(shown.contains("You may now do more:"))
        try first.press("Enter")
        try first.waitFor("Acknowledged matrix version \(version).")
        try first.waitFor("F2New")
        #expect(try first.screen().contains("Queue"))
        try first.press("F10")
        first.kill()

        // The second start opens on the queue: nothing more to acknowledge.
        let second = try TmuxPane(deskCommand(db: db, as: "tom"))
        try second.waitFor("Tom Reed, Customer Service Agent")
        try second.waitFor("F2New")
        #expect(!(try second.screen().contains("Matrix changed")))
        try second.press("F10")
        second.kill()

        let acks = try escdesk(["matrix", "acks", version, "--as", "rachel"], db: db)
        #expect(acks.contains("  tom  Tom Reed (Customer Service Agent): acknowledged "), "\(acks)")
        #expect(acks.contains("  sofia  Sofia Moretti (Customer Service Agent): NOT acknowledged"))
    }
}
