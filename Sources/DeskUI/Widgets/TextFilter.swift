/// Which texts a `TextField` may hold, checked on every keystroke against the text it would
/// become, so an amount field can never contain a letter or a second decimal point.
public struct TextFilter: Sendable {
    /// True when the proposed whole text is acceptable.
    public var accepts: @Sendable (String) -> Bool

    /// A filter from a predicate over the proposed text.
    public init(_ accepts: @escaping @Sendable (String) -> Bool) {
        self.accepts = accepts
    }

    /// Digits only (ids, counts).
    public static let digits = TextFilter { text in text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }

    /// A money amount: digits, at most one decimal point, at most `decimals` digits after it.
    public static func amount(decimals: Int = 2) -> TextFilter {
        TextFilter { text in
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return false }
            guard parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }) else { return false }
            return parts.count == 1 || parts[1].count <= decimals
        }
    }
}
