import Foundation

/// The words customer search matches on. Names are sealed, so search keeps its own index of
/// each customer's name as normalised words (lower case, accents and apostrophes removed:
/// "O'Brien-Núñez" gives `obrien`, `nunez`). The index is the one place a name is held in
/// plain text; erasing the customer deletes their words in the same transaction, and the
/// file's freed space is zeroed (`secure_delete`) and its write-ahead log emptied.
enum SearchTerms {
    /// At most this many words of a name are indexed, each cut to `maxLength` characters.
    static let maxWords = 12
    static let maxLength = 48

    /// The distinct normalised words of a text, in order of first appearance.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                let word = String(String(current).prefix(maxLength))
                if !words.contains(word) && words.count < maxWords { words.append(word) }
                current.removeAll()
            }
        }
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                current.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// The first text after every text that starts with `prefix`, for an index range scan.
    static func upperBound(_ prefix: String) -> String { prefix + "\u{10FFFF}" }
}
