import EscalationCore

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmed: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }

    /// Whether the text has something a reader can see (the core's rule: not only blanks,
    /// line breaks or zero-width characters): what every mandatory text box asks before it
    /// submits, as the store does before it records.
    public var hasVisibleText: Bool { VisibleText.hasVisibleCharacter(self) }

    /// The text with its first letter in capitals and a full stop at the end: an engine
    /// message shown as a sentence.
    public var capitalisedSentence: String {
        guard let first = first else { return self }
        let body = first.uppercased() + dropFirst()
        return body.hasSuffix(".") ? body : body + "."
    }
}
