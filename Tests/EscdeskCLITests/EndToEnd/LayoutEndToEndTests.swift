import Foundation
import Testing

/// The desk laid out for 80×24, through the real binary (issue 13, item 7).
extension DeskEndToEndTests {
    /// The case flags a centre accepts when its configuration lists none (README).
    static let defaultCaseFlags = ["legal threat", "regulator", "ombudsman", "media", "social media", "bereavement"]

    @Test func theNewCaseFormAt80x24ShowsEveryFlagAndThePickerCountsOpenCases() throws {
        let (db, _) = try trainingCase(summary: "Charged twice")
        let agent = try TmuxPane(deskCommand(db: db, as: "tom"), cols: 80, rows: 24)
        try agent.waitFor("Tom Reed, Customer Service Agent")
        try agent.press("F2")
        try agent.waitFor("Customer:")
        try agent.type("Jane")
        // The picker shows the whole id and the case Tom opened as open.
        try agent.waitFor("Jane Doe")
        let picker = try agent.screen()
        let row = try #require(picker.split(separator: "\n").first { $0.contains("Jane Doe") })
        #expect(row.hasSuffix(" 1 E2E-1") || row.contains(" 1 E2E-1 "), "\(row)")
        try agent.press("Enter")
        try agent.waitFor("New case for Jane Doe (E2E-1)")
        let form = try agent.screen()
        for flag in Self.defaultCaseFlags {
            #expect(form.contains("[ ] \(flag)"), "\(flag) is not on the 80×24 form:\n\(form)")
        }
        // The last flag, on the second line, can be ticked and is seen ticked (the flags the
        // referral rules name come first, then the common ones: ombudsman is last).
        try agent.press("Tab", "Tab", "Tab", "Tab", "Tab")
        for _ in 0..<12 { try agent.press("Right") }
        try agent.press("Space")
        try agent.waitFor("[x] ombudsman")
        let ticked = try agent.screen().split(separator: "\n")
        let flagLines = ticked.filter { $0.contains("[ ] ") || $0.contains("[x] ") }.filter { !$0.contains("identity") && !$0.contains("waiting") }
        #expect(flagLines.count == 2 && flagLines[1].contains("[x] ombudsman"), "\(flagLines)")
        try agent.waitFor("┌─ Authority")
        try agent.waitFor("[ Open case ]")
    }
}
