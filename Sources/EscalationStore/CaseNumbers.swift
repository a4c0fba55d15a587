/// A case id is its number written as `C-` and at least six digits (`C-000042`,
/// `C-1000000`), so the store finds a case by its number (the cases table's own key) and
/// keeps no index of ids: one b-tree fewer for every case opened.
enum CaseNumbers {
    /// Numbers need at most this many digits (Int64 has 19; nineteen nines would overflow).
    private static let maxDigits = 18
    private static let paddedDigits = 6

    /// The id of case `number`.
    static func id(_ number: Int64) -> String {
        let digits = String(number)
        return "C-" + String(repeating: "0", count: max(0, paddedDigits - digits.count)) + digits
    }

    /// The number an id is written from, or nil when the text is not exactly some case's
    /// id (`C-42`, `c-000042` and `C-0000042` are not).
    static func number(ofID id: String) -> Int64? {
        guard id.hasPrefix("C-") else { return nil }
        let digits = id.dropFirst(2)
        guard digits.count <= maxDigits, digits.allSatisfy(\.isASCIIDigit), let number = Int64(digits),
              number > 0, Self.id(number) == id else { return nil }
        return number
    }

    /// The ranges of case numbers whose ids start with `prefix` (already upper-cased), for
    /// finding them through the table's key: one range per id length, since `C-0001`
    /// starts both `C-000100`…`C-000199` and nothing longer, while `C-1` starts
    /// `C-100000`…`C-199999`, `C-1000000`…`C-1999999`, and so on.
    static func ranges(idPrefix prefix: String) -> [ClosedRange<Int64>] {
        if "C-".hasPrefix(prefix) { return [1...Int64.max] }
        guard prefix.hasPrefix("C-") else { return [] }
        let digits = prefix.dropFirst(2)
        guard digits.count <= maxDigits, digits.allSatisfy(\.isASCIIDigit), let lead = Int64(digits) else { return [] }
        var ranges: [ClosedRange<Int64>] = []
        // Six-digit ids are zero-padded: any digits may lead.
        if digits.count <= paddedDigits {
            let scale = power(paddedDigits - digits.count)
            let low = max(1, lead * scale), high = (lead + 1) * scale - 1
            if low <= high { ranges.append(low...high) }
        }
        // Longer ids are the number as written: no leading zero.
        guard digits.first != "0" else { return ranges }
        for width in max(paddedDigits + 1, digits.count)...maxDigits {
            let scale = power(width - digits.count)
            ranges.append(lead * scale...(lead + 1) * scale - 1)
        }
        return ranges
    }

    private static func power(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { product, _ in product * 10 }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
