import Testing
@testable import EscalationStore

/// Free text is stored trimmed of white space at both ends (Unicode White_Space, newlines
/// included) and nothing else: inner spacing, punctuation and non-ASCII ends stay.
@Suite struct TextRulesTests {
    @Test(arguments: [
        ("Billed twice", "Billed twice"),
        ("  Billed twice \n", "Billed twice"),
        ("\u{00A0}\u{2003}Billed\u{3000}", "Billed"),
        ("\tline one\n\nline two\r\n", "line one\n\nline two"),
        ("é", "é"),
        (" é ", "é"),
        ("😀 late meter read", "😀 late meter read"),
        ("a", "a"),
        ("!", "!"),
        ("~ ~", "~ ~"),
        ("", ""),
        (" \n\t\u{2028} ", ""),
    ])
    func trimsOnlyTheEnds(text: String, expected: String) {
        #expect(DeskRules.trimmed(text) == expected)
    }
}
