import EscalationCore
import Foundation

/// The words of cases' free text (summaries, escalation notes, guidance, rationales,
/// reopening notes) as search finds them. The text is sealed in the log, so search keeps
/// a plaintext index of it, written in the same transaction as the text's event and
/// purged in the same transaction as the customer's erasure.
///
/// The index is sharded by customer: `shardCount` full-text tables, each holding the texts
/// of the customers whose id hashes to it. Without FTS5's `secure-delete` (SQLite 3.42+),
/// deleting a row leaves its words in the index's segments until they are merged; erasure
/// therefore merges the erased customer's shard (`optimize`), which rewrites one
/// `shardCount`th of the index rather than all of it.
///
/// A row's id is its case's number and the text's position in the case's timeline
/// (`rowID`), so a hit names its case without reading a row, newer cases come first in
/// rowid order, and a case's rows are one rowid range.
///
/// Words are runs of letters and digits (Unicode categories L, N and Co, as FTS5's
/// `unicode61` tokenizer reads them), lower-cased with accents removed. A query is never
/// FTS5 syntax: each word the person typed becomes a prefix, expanded through the
/// vocabulary of indexed words (`case_words`) into quoted FTS5 strings, so quotes, `NEAR`,
/// `*`, `-` and brackets are only text. A one-character word stands only for itself
/// (`minPrefixLength`).
enum CaseTextIndex {
    /// Frozen by migration v9: a different count would put customers in other shards.
    static let shardCount = 32
    /// Bits of a row id that hold the text's position in its case's timeline.
    static let positionBits: Int64 = 20
    /// Texts beyond this position in one case's timeline are not indexed.
    static let maxPosition: Int64 = (1 << positionBits) - 1
    /// Indexed words longer than this are not put in the vocabulary (and so not found).
    static let maxWordLength = 64
    /// At most this many words of a query are matched; the rest are ignored.
    static let maxQueryWords = 8
    /// A query word that is a prefix of more words than this matches the first this many
    /// in alphabetical order (itself first, when it is a word).
    static let maxExpansions = 64
    /// Query words shorter than this match only themselves. The desk searches as each key
    /// is typed, and a word's first letter begins a good part of the vocabulary: bm25
    /// weighs each expansion by counting every text that holds it, so "c" cost 155 ms at a
    /// million cases (a stalled keystroke) to rank matches no one was looking for.
    static let minPrefixLength = 2
    /// The newest matching texts each shard offers for ranking: search ranks by bm25 the
    /// newest `hitsPerShard × shardCount` matching texts, so a word in a quarter of a
    /// million cases is read no further than a rare one (bm25 still counts the texts that
    /// hold each expansion).
    static let hitsPerShard = 16

    static func table(_ shard: Int) -> String { "case_text_\(shard)" }

    /// The payload field holding the sealed text of each kind of case event that has one.
    static let textFields: [EventKind: String] = [
        .caseOpened: "summary", .caseEscalated: "note", .caseReturned: "note",
        .caseReopened: "note", .caseResolved: "rationale", .caseReceiptCorrected: "rationale",
        .caseClockPaused: "reason", .caseClockExtended: "reason",
    ]

    /// The texts a case's events leave in the index: each sealed text, opened under the
    /// customer's key, at its position in the timeline; none once they are erased (no key).
    /// Nil when a sealed text does not open under the key (the key is not theirs).
    static func texts(of events: [StoredEvent], key: [UInt8]?) -> [IndexedText]? {
        guard let key else { return [] }
        let vault = Vault(keyBytes: key)
        var texts: [IndexedText] = []
        for (position, event) in events.enumerated() {
            guard let kind = EventKind(rawValue: event.kind), let field = textFields[kind], Int64(position) <= maxPosition,
                  let sealed = (try? JSONValue.parse(event.payload))?[field]?.string else { continue }
            guard let text = vault.open(sealed) else { return nil }
            texts.append(IndexedText(position: position, text: text))
        }
        return texts
    }

    /// The shard of a customer's texts: FNV-1a of the id's UTF-8 bytes.
    static func shard(customer: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in customer.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(shardCount))
    }

    /// The row id of the text at `position` in case `number`'s timeline (nil beyond `maxPosition`).
    static func rowID(caseNumber number: Int64, position: Int) -> Int64? {
        guard position >= 0, Int64(position) <= maxPosition else { return nil }
        return number << positionBits | Int64(position)
    }

    static func caseNumber(rowID: Int64) -> Int64 { rowID >> positionBits }

    /// Every row id case `number` can have.
    static func rowIDs(caseNumber number: Int64) -> ClosedRange<Int64> {
        (number << positionBits)...(number << positionBits | maxPosition)
    }

    /// The distinct words of a text, folded, in order of first appearance.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var seen = Set<String>()
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            current.removeAll()
            if seen.insert(word).inserted { words.append(word) }
        }
        for scalar in folded.unicodeScalars {
            if isWordScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    /// The words kept in the vocabulary.
    static func vocabulary(_ text: String) -> [String] {
        words(text).filter { $0.unicodeScalars.count <= maxWordLength }
    }

    /// Whether a query word matches the indexed words it begins, or only itself.
    static func matchesBeginnings(_ word: String) -> Bool {
        word.unicodeScalars.count >= minPrefixLength
    }

    /// The words a query matches on (at most `maxQueryWords`).
    static func queryWords(_ query: String) -> [String] {
        Array(words(query).prefix(maxQueryWords))
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// An FTS5 string: the word in double quotes, any double quote doubled (a vocabulary
    /// word holds none, but the quoting does not rely on it).
    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The FTS5 expression for the expansions of each query word: every query word must
    /// match one of its expansions. Nil when some query word matches no indexed word.
    static func expression(_ expansions: [[String]]) -> String? {
        guard !expansions.isEmpty, expansions.allSatisfy({ !$0.isEmpty }) else { return nil }
        return expansions.map { "(" + $0.map(quoted).joined(separator: " OR ") + ")" }.joined(separator: " AND ")
    }
}

/// A text of a case as the index holds it.
public struct IndexedText: Sendable, Hashable {
    /// Its position in the case's timeline.
    public var position: Int
    public var text: String

    public init(position: Int, text: String) {
        self.position = position
        self.text = text
    }
}

/// A case a text search found, with the best (lowest) bm25 score of its matching texts.
public struct TextHit: Sendable, Hashable {
    public var caseNumber: Int64
    public var rank: Double

    public init(caseNumber: Int64, rank: Double) {
        self.caseNumber = caseNumber
        self.rank = rank
    }
}
