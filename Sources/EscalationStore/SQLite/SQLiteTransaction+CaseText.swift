import EscalationCore
import GRDB

/// The case-text index (`CaseTextIndex`): one FTS5 table per shard, written and searched
/// with SQL (GRDB's query interface has no FTS5 ranking), and its vocabulary as records.
extension SQLiteTransaction {
    func insertCaseText(caseNumber: Int64, customer: String, position: Int, text: String) throws {
        guard let rowID = CaseTextIndex.rowID(caseNumber: caseNumber, position: position) else { return }
        let table = CaseTextIndex.table(CaseTextIndex.shard(customer: customer))
        try db.cachedStatement(sql: "INSERT INTO \(table) (rowid, text) VALUES (?, ?)").execute(arguments: [rowID, text])
        for word in CaseTextIndex.vocabulary(text) { try DBCaseWord(word: word).insert(db, onConflict: .ignore) }
    }

    func purgeCaseTexts(customer: String, caseNumbers: [Int64]) throws {
        let table = CaseTextIndex.table(CaseTextIndex.shard(customer: customer))
        var words = Set<String>()
        for number in caseNumbers {
            let rows = CaseTextIndex.rowIDs(caseNumber: number)
            let arguments: StatementArguments = [rows.lowerBound, rows.upperBound]
            let texts = try String.fetchAll(db.cachedStatement(sql: "SELECT text FROM \(table) WHERE rowid BETWEEN ? AND ?"),
                                            arguments: arguments)
            guard !texts.isEmpty else { continue }
            for text in texts { words.formUnion(CaseTextIndex.vocabulary(text)) }
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE rowid BETWEEN ? AND ?").execute(arguments: arguments)
        }
        guard !words.isEmpty else { return }
        // A word stays while any text in any shard still holds it.
        for word in words.sorted() where try !isIndexed(word) {
            try DBCaseWord.deleteOne(db, key: word)
        }
        // Merges the shard's segments into one, leaving out the deleted rows' words.
        try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
    }

    private func isIndexed(_ word: String) throws -> Bool {
        for shard in 0..<CaseTextIndex.shardCount {
            let table = CaseTextIndex.table(shard)
            let sql = "SELECT 1 FROM \(table) WHERE \(table) MATCH ? LIMIT 1"
            if try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [CaseTextIndex.quoted(word)]) != nil { return true }
        }
        return false
    }

    func indexedWords(prefix: String, limit: Int) throws -> [String] {
        let word = DBCaseWord.Columns.word
        return try DBCaseWord
            .select(word, as: String.self)
            .filter(word >= prefix && word < SearchTerms.upperBound(prefix))
            .order(word)
            .limit(limit)
            .fetchAll(db)
    }

    /// Each shard walks its matches newest first (row ids rise with case numbers) and stops
    /// after `perShard`: only those are scored.
    func textHits(_ expression: String, perShard: Int) throws -> [TextHit] {
        var best: [Int64: Double] = [:]
        for shard in 0..<CaseTextIndex.shardCount {
            let table = CaseTextIndex.table(shard)
            let sql = "SELECT rowid, bm25(\(table)) FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT ?"
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [expression, perShard])
            while let row = try rows.next() {
                let number = CaseTextIndex.caseNumber(rowID: row[0])
                let rank: Double = row[1]
                best[number] = min(best[number] ?? rank, rank)
            }
        }
        return best.map { TextHit(caseNumber: $0.key, rank: $0.value) }
            .sorted { ($0.rank, -$0.caseNumber) < ($1.rank, -$1.caseNumber) }
    }

    func caseNumbers(_ numbers: [Int64], ofCustomers customers: [String]) throws -> Set<Int64> {
        guard !numbers.isEmpty, !customers.isEmpty else { return [] }
        return Set(try Int64.fetchAll(db, sql: """
            SELECT number FROM cases
            WHERE number IN (SELECT value FROM json_each(?)) AND customer_id IN (SELECT value FROM json_each(?))
            """, arguments: [StoredList.encode(numbers.map(String.init)), StoredList.encode(customers)]))
    }

    func cases(numbers: [Int64], currency: Currency) throws -> [Case] {
        let found = try DBCase.fetchAll(db, keys: numbers)
        let byNumber = Dictionary(found.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        return try numbers.compactMap { try byNumber[$0]?.readCase(currency: currency) }
    }

    // MARK: Audit

    func indexedTexts(caseNumber: Int64, customer: String) throws -> [IndexedText] {
        let table = CaseTextIndex.table(CaseTextIndex.shard(customer: customer))
        let rows = CaseTextIndex.rowIDs(caseNumber: caseNumber)
        return try Row.fetchAll(db.cachedStatement(sql: "SELECT rowid, text FROM \(table) WHERE rowid BETWEEN ? AND ? ORDER BY rowid"),
                                arguments: [rows.lowerBound, rows.upperBound])
            .map { IndexedText(position: Int(($0[0] as Int64) - rows.lowerBound), text: $0[1]) }
    }

    func indexedTextCount() throws -> Int {
        var total = 0
        for shard in 0..<CaseTextIndex.shardCount {
            total += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(CaseTextIndex.table(shard))") ?? 0
        }
        return total
    }

    func forEachIndexedWord(_ body: (String) throws -> Void) throws {
        let words = try DBCaseWord.order(DBCaseWord.Columns.word).fetchCursor(db)
        while let word = try words.next() { try body(word.word) }
    }
}
