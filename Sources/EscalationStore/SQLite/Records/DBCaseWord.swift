import GRDB

/// A row of `case_words`: one word found in the indexed case texts, which search expands
/// a typed prefix through (FTS5's own prefix queries read every posting of every word
/// with the prefix). Erasure deletes the words no remaining text holds.
struct DBCaseWord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "case_words"

    var word: String

    enum Columns {
        static let word = Column("word")
    }
}
