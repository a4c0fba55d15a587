import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// `letters/`: the shipped templates load as the ones the core ships; every mistake in a
/// template is reported at its file, line and column; a letter that leaves out what the law
/// requires is refused.
@Suite struct LetterFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config").path

    static func shippedSources() -> [ConfigLoader.Source] {
        let dir = folder + "/letters"
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted().map { name in
            ConfigLoader.Source(name: "letters/" + name, text: try! String(contentsOfFile: dir + "/" + name, encoding: .utf8))
        }
    }

    /// Loads escalation.yaml with the shipped letters, `replacing` some files (nil text: removed).
    static func issues(replacing: [String: String?] = [:]) -> [ConfigIssue] {
        var sources = shippedSources()
        for (name, text) in replacing {
            sources.removeAll { $0.name == "letters/" + name }
            if let text { sources.append(.init(name: "letters/" + name, text: text)) }
        }
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base),
                                       letters: sources)
            return []
        } catch {
            return error.issues
        }
    }

    func expect(_ found: [ConfigIssue], file: String, line: Int, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.contains { $0.file == file && $0.line == line && $0.message.contains(message) },
                "\(file):\(line): \(message) in \(found.map(\.description))", sourceLocation: sourceLocation)
    }

    @Test func theShippedLettersAreTheOnesTheCoreShips() throws {
        let centre = try ConfigLoader.load(directory: Self.folder, requireStaff: true)
        #expect(centre.letters == LetterBook.shipped)
        #expect(Self.issues().isEmpty)
    }

    @Test func aFolderWithoutLettersLeavesThemToTheRelease() throws {
        let centre = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base))
        #expect(centre.letters == nil)
        #expect(centre.letterBook == LetterBook.shipped)
    }

    @Test func templateMistakesPointAtTheirPlace() {
        expect(Self.issues(replacing: ["acknowledgement.txt": "Dear {{customer_name}},\n\nRe {{case_ref}}.\n"]),
               file: "letters/acknowledgement.txt", line: 3, "{{case_ref}} is not a letter field")
        expect(Self.issues(replacing: ["acknowledgement.txt": "Dear {{customer_name},\n"]),
               file: "letters/acknowledgement.txt", line: 1, "not closed")
        expect(Self.issues(replacing: ["acknowledgement.txt": "Your complaint is {{outcome}}.\n"]),
               file: "letters/acknowledgement.txt", line: 1, "cannot be used in the acknowledgement letter")
        let found = Self.issues(replacing: ["acknowledgement.txt": "Dear {{customer_name}},\n\nRe {{case_ref}}.\n"])
        #expect(found.first { $0.file == "letters/acknowledgement.txt" }?.column == 4)
    }

    @Test func missingTemplatesAndStrayFilesAreNamed() {
        let found = Self.issues(replacing: ["holding_response.txt": nil, "final_reponse.txt": "x", "letters.yaml": nil])
        expect(found, file: "letters/holding_response.txt", line: 0, "the holding response template is missing")
        expect(found, file: "letters/final_reponse.txt", line: 0, "did you mean final_response.txt?")
        expect(found, file: "letters/letters.yaml", line: 0, "time_limits_position")
    }

    @Test func aFinalResponseWithoutTheOmbudsmanIsRefused() {
        let found = Self.issues(replacing: ["final_response.txt": """
            Dear {{customer_name}},

            Your complaint is {{outcome}}. {{reasons}}

            {{time_limits_position}}
            """])
        expect(found, file: "letters/final_response.txt", line: 0,
               "the final response letter must say (FCA DISP 1.6.2R(1)) the customer's right to refer")
        #expect(found.count == 1)
        #expect(found[0].message.contains("https://www.financial-ombudsman.org.uk"))
        #expect(found[0].message.contains("leaflet"))
    }

    @Test func theTimeLimitsPositionIsRequiredAndChecked() {
        expect(Self.issues(replacing: ["letters.yaml": "time_limits_position: \"\"\n"]),
               file: "letters/letters.yaml", line: 1, "time_limits_position")
        expect(Self.issues(replacing: ["letters.yaml": "time_limit_position: x\n"]),
               file: "letters/letters.yaml", line: 1, "time_limit_position")
        // The summary resolution template without the referral right:
        expect(Self.issues(replacing: ["summary_resolution.txt": "Resolved: {{outcome}}.\n"]),
               file: "letters/summary_resolution.txt", line: 0, "FCA DISP 1.5.4R")
    }
}
