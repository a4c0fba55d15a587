/// The rule for the free text a case records (a summary, note, guidance, rationale, a
/// customer's name): trimmed of white space at both ends, with something a reader can see,
/// and no longer than a paragraph should be.
public enum FreeText {
    /// Longer text is refused: a rationale is a paragraph, not a file.
    public static let maxBytes = 64 * 1024

    /// The text as it is kept, or why it is refused.
    public static func checked(_ text: String, field: String) throws(CaseRefusal) -> String {
        let kept = trimmed(text)
        if !VisibleText.hasVisibleCharacter(kept) { throw .emptyText(field: field) }
        let bytes = kept.utf8.count
        if bytes > maxBytes { throw .textTooLong(field: field, bytes: bytes, limit: maxBytes) }
        return kept
    }

    /// The text without leading and trailing white space (Unicode `White_Space`, newlines
    /// included), copied only when there is something to cut.
    public static func trimmed(_ text: String) -> String {
        // Most text starts and ends with a visible ASCII character: nothing to cut.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
