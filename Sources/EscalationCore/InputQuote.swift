/// How much of a person's input an error sentence may quote. An id, amount or option value
/// echoed back helps someone see their typo; ten thousand characters of it bury the sentence
/// (and whatever the terminal makes of them is the sanitiser's business, not this one's).
public enum InputQuote {
    /// The most characters of one input an error sentence quotes.
    public static let limit = 80
    /// Ends a clipped quote.
    public static let ellipsis = "\u{2026}"

    /// The text as an error sentence may quote it: whole when it has at most `limit`
    /// characters, else its first `limit - 1` characters and `…`. Characters are counted as
    /// Unicode scalars, so a pile of combining marks on one letter is clipped too.
    public static func clip(_ text: String, limit: Int = InputQuote.limit) -> String {
        let scalars = text.unicodeScalars
        // The common case, a short id or amount, costs one count of at most `limit` + 1 steps.
        guard scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex).map({ $0 != scalars.endIndex }) == true
        else { return text }
        var clipped = String.UnicodeScalarView()
        clipped.append(contentsOf: scalars.prefix(max(0, limit - 1)))
        return String(clipped) + ellipsis
    }
}
