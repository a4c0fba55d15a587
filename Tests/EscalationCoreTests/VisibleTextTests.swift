import Testing
@testable import EscalationCore

/// Whether free text has anything in it a reader can see.
@Suite struct VisibleTextTests {
    @Test(arguments: [
        "", " ", "\n\t ", "\u{200B}", "\u{200C}\u{200D}", "\u{2060}", "\u{FEFF}", "\u{200B} \u{200B}\n",
        "\u{00AD}", "\u{180E}", "\u{3164}", "\u{2800}", "\u{FE0F}", "\u{202E}\u{2066}", "\u{00A0}\u{3000}\u{2028}",
        "\u{1}\u{7}\u{1B}", "\u{E0020}\u{E0041}",
    ])
    func blankOrInvisibleTextHasNothingToRead(_ text: String) {
        #expect(!VisibleText.hasVisibleCharacter(text))
    }

    @Test(arguments: ["a", " Duplicate charge ", "\u{200B}x", "é", "😀", "日本", "\u{2800}.", "-", "£5"])
    func textWithACharacterToReadHasOne(_ text: String) {
        #expect(VisibleText.hasVisibleCharacter(text))
    }
}
