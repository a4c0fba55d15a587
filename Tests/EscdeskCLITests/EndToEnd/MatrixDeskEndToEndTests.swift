import Foundation
import Testing

/// Matrix governance on two desks with the real binary in tmux: Rachel (a manager) drafts and
/// proposes in her desk, David (another manager) approves it in his, and Tom's next desk
/// start asks him to acknowledge what changed in his authority.
@Suite(.serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed; the end-to-end desk tests need it"))
struct MatrixDeskEndToEndTests {
    let desk = DeskEndToEndTests()

    @Test func oneManagerProposesAnotherApprovesAndTheAgentIsAskedToAcknowledge() throws {
        let db = try desk.databasePath()
        try desk.escdesk(["init", "--training", "--config", CLI.config, "--db", db])

        let rachel = try TmuxPane(desk.deskCommand(db: db, as: "rachel"))
        try rachel.waitFor("Rachel Adams")
        try rachel.press("F7")
        try rachel.waitFor("In force: matrix version")
        try rachel.press("d")
        try rachel.waitFor("Draft from version 1: no changes yet")
        try rachel.press("Enter")
        try rachel.waitFor("[ Set ]")
        try rachel.press("C-u")
        try rachel.type("75.00")
        try rachel.press("Enter")
        try rachel.waitFor("Draft from version 1: 1 change")
        try rachel.press("p")
        try rachel.waitFor("Propose the draft")
        try rachel.type("Agents settle more refunds first time")
        try rachel.press("Enter")
        try rachel.waitFor("Version 2: proposed, waiting for approval")
        try rachel.press("a", "Enter")
        try rachel.waitFor("four eyes")
        try rachel.press("Escape")
        try rachel.press("F10")

        let david = try TmuxPane(desk.deskCommand(db: db, as: "david"))
        try david.waitFor("David Kowalski")
        try david.press("F7")
        try david.waitFor("1 waiting for approval")
        try david.press("v")
        try david.waitFor("1 waiting for approval: Enter opens one.")
        try david.press("Enter")
        try david.waitFor("agent · refund · per case £50.00 → £75.00")
        try david.press("a")
        try david.type("Agreed at the ops review")
        try david.press("Enter")
        try david.waitFor("Version 2: in force")
        try david.press("F10")

        let history = try desk.escdesk(["matrix", "history", "--db", db, "--as", "david"])
        #expect(history.contains("Version 2: in force"), "\(history)")

        let tom = try TmuxPane(desk.deskCommand(db: db, as: "tom"))
        try tom.waitFor("Matrix version 2 is in force")
        try tom.press("F10")
    }
}
