import EscalationCore
import Foundation

// Read-only questions the desk asks while someone types: previews of what a write would
// decide, and search. Each is one read transaction and writes nothing.

extension DeskStore {
    /// The decision `openCase` would give for this draft and actor, computed exactly as
    /// `openCase` does (repeat contacts and rolling totals from the store, the draft counted
    /// as one more contact), writing nothing. Called on every keystroke of the live
    /// authority panel: one read transaction, a few indexed queries.
    ///
    /// The summary plays no part in the decision and is not checked (it may still be empty).
    ///
    /// - Throws: `.unknownStaff`, `.unknownCustomer`, `.customerErased`, `.invalidValue` for
    ///   a kind or channel the centre does not have, `.decisionInput` for a bad request.
    public func previewOpen(_ new: NewCase, actor: String, now: Date) throws(StoreError) -> Decision {
        let member = try member(actor)
        let (book, path, ms) = (book, path, Millis.from(now))
        return try query { reader in
            let rules = try book.rules(reader, at: ms, path: path)
            let actor = try Self.deciding(member, reader: reader, at: ms, ladder: rules.ladder).member
            return try rules.openingDecision(reader, new, actor: actor, now: ms).1
        }
    }

    /// The decision `resolve` would take on these grants for this actor on this case,
    /// writing nothing: `.withinAuthority` exactly when `resolve` would accept the grants (a
    /// referral rule covered by a recorded delegation does not block), otherwise the
    /// engine's verdict with only the reasons `resolve` would refuse with.
    ///
    /// The rationale and root cause are not part of the preview.
    ///
    /// - Throws: what `resolve` would refuse with before deciding: `.unknownCase`,
    ///   `.heldByOther` (someone else holds it), `.lifecycle` (it cannot be resolved from
    ///   its state), `.customerErased`, `.decisionInput`.
    public func previewResolution(caseID: String, grants: [RemedyRequest], actor: String,
                                  now: Date) throws(StoreError) -> Decision {
        let member = try member(actor)
        let (book, path, ms) = (book, path, Millis.from(now))
        return try query { reader in
            let rules = try book.rules(reader, at: ms, path: path)
            let actor = try Self.deciding(member, reader: reader, at: ms, ladder: rules.ladder).member
            let c = try rules.existingCase(reader, caseID)
            do throws(CaseRefusal) { try rules.rulebook.checkResolve(c, by: actor) } catch { throw StoreError(error) }
            let (_, decision) = try rules.caseDecision(reader, c, requests: grants, actor: actor, now: ms)
            return rules.rulebook.effective(decision, blocking: rules.rulebook.blockingReasons(decision, on: c))
        }
    }

    /// Customers whose id starts with the query (ignoring case), then customers with a name
    /// word starting with every word of the query (ignoring case and accents: "marg oye"
    /// finds Margaret Oyelaran); at most `limit` (capped at 1,000). Names come from the
    /// search index, never by unsealing every customer. An erased customer is found by id
    /// only, with no name.
    public func searchCustomers(_ query: String, limit: Int) throws(StoreError) -> [CustomerRecord] {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let limit = min(max(limit, 0), 1000)
        guard !text.isEmpty, limit > 0 else { return [] }
        let words = SearchTerms.words(text)
        return try self.query { reader in
            var views = CaseViews(rules: rules, reader: reader)
            var found = text.contains(where: \.isWhitespace) ? [] : try reader.customers(idPrefix: text, limit: limit)
            var seen = Set(found.map(\.id))
            if found.count < limit {
                for id in try reader.customerIDs(nameWordPrefixes: words, limit: limit) where !seen.contains(id) {
                    guard let row = try reader.customer(id: id) else { continue }
                    found.append(row)
                    seen.insert(id)
                    if found.count == limit { break }
                }
            }
            return try found.map { try views.record($0) }
        }
    }

    /// Cases found by id, customer or the words of their texts, in three groups: the case
    /// whose id the query is (`C-000017`, or its number: `17`, `000017`) first; then cases
    /// whose id starts with the query (`C-0000`; digits alone stand for `C-` and the
    /// digits), cases of customers whose id starts with the query or whose name matches as
    /// in `searchCustomers` (the first `maxNameMatches` customers), most urgent first; then
    /// cases whose summary or notes hold a word starting with each word of the query (a
    /// one-character word: that word), best bm25 score first (`CaseTextIndex`: among the
    /// newest matching texts of each shard).
    /// One page at a time, each case with its customer's name and flags. An empty query
    /// gives an empty page.
    ///
    /// - Parameters:
    ///   - limit: at most this many (capped at 1,000).
    public func searchCases(_ query: String, limit: Int, offset: Int) throws(StoreError) -> CasePage {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let limit = min(max(limit, 0), 1000)
        let offset = max(offset, 0)
        guard !text.isEmpty else { return CasePage(cases: [], total: 0, offset: offset) }
        let words = SearchTerms.words(text)
        let textWords = CaseTextIndex.queryWords(text)
        let rules = rules
        let currency = rules.centre.currency
        return try self.query { reader in
            // The case the query names.
            let exact = Self.exactCaseNumber(text).flatMap { number in
                (try? reader.case(id: CaseNumbers.id(number), currency: currency)) == nil ? nil : number
            }
            // Cases by id prefix and by customer.
            var customers = try reader.customerIDs(equalIgnoringCase: text)
            if !text.contains(where: \.isWhitespace) {
                for row in try reader.customers(idPrefix: text, limit: Self.maxNameMatches) where !customers.contains(row.id) {
                    customers.append(row.id)
                }
            }
            for id in try reader.customerIDs(nameWordPrefixes: words, limit: Self.maxNameMatches) where !customers.contains(id) {
                customers.append(id)
            }
            let idPrefix = Self.caseIDPrefix(text)
            let match = CaseMatch(caseIDPrefix: idPrefix, customerIDs: customers, exceptNumber: exact)
            // Counting past the cap would only tell how far a person could scroll: the id and
            // customer group lists its `maxIDMatches` most urgent cases, as the text group
            // lists its best-ranked ones. One more than the cap is counted, so the store
            // knows to read the page in queue order rather than sort every match.
            let idCount = try reader.countCases(match, atMost: Self.maxIDMatches + 1)
            let idTotal = min(idCount, Self.maxIDMatches)
            // Cases by their words, less those already found by id or customer.
            var hits: [TextHit] = []
            let expansions = try textWords.map { word in
                // A word sorts first among the words it begins, so the first is itself when indexed.
                CaseTextIndex.matchesBeginnings(word)
                    ? try reader.indexedWords(prefix: word, limit: CaseTextIndex.maxExpansions)
                    : try reader.indexedWords(prefix: word, limit: 1).filter { $0 == word }
            }
            if let expression = CaseTextIndex.expression(expansions) {
                let ranges = CaseNumbers.ranges(idPrefix: idPrefix)
                hits = try reader.textHits(expression, perShard: CaseTextIndex.hitsPerShard)
                    .filter { hit in hit.caseNumber != exact && !ranges.contains { $0.contains(hit.caseNumber) } }
                let ofCustomers = try reader.caseNumbers(hits.map(\.caseNumber), ofCustomers: customers)
                hits.removeAll { ofCustomers.contains($0.caseNumber) }
            }
            // The page, across the three groups.
            let first = exact == nil ? 0 : 1
            let total = first + idTotal + hits.count
            var rows: [Case] = []
            let end = min(offset + limit, total)
            if let exact, offset < first, end > 0 {
                rows += try reader.cases(numbers: [exact], currency: currency)
            }
            let idFrom = max(offset, first) - first, idTo = min(end - first, idTotal)
            if idTo > idFrom {
                rows += try reader.searchCases(match, limit: idTo - idFrom, offset: idFrom, total: idCount, currency: currency)
            }
            let textFrom = max(offset, first + idTotal) - first - idTotal, textTo = end - first - idTotal
            if textTo > textFrom {
                rows += try reader.cases(numbers: hits[textFrom..<textTo].map(\.caseNumber), currency: currency)
            }
            var views = CaseViews(rules: rules, reader: reader)
            return CasePage(cases: try rows.map { try views.listed($0) }, total: total, offset: offset)
        }
    }

    /// The number of the case a query names exactly: its id (any case), or its number alone
    /// in digits (`17`, `000017`).
    static func exactCaseNumber(_ text: String) -> Int64? {
        if let number = CaseNumbers.number(ofID: text.uppercased()) { return number }
        guard text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(text), number > 0 else {
            return nil
        }
        return number
    }

    /// The case-id prefix a query stands for: itself upper-cased, or `C-` and its digits
    /// when it is digits alone.
    static func caseIDPrefix(_ text: String) -> String {
        text.allSatisfy({ $0.isASCII && $0.isNumber }) ? "C-" + text : text.uppercased()
    }

    /// How many cases a search lists by id or customer (most urgent first): `C-` stands
    /// for every case.
    public static let maxIDMatches = 5_000

    /// How many customers a name in a case search may stand for: a one-letter query
    /// matches thousands of names, and their cases are not what anyone is looking for.
    public static let maxNameMatches = 200

    /// One customer's record, name and contact unsealed (nil once erased).
    ///
    /// - Throws: `.unknownCustomer`.
    public func customer(id: String) throws(StoreError) -> CustomerRecord {
        try query { reader in
            guard let row = try reader.customer(id: id) else { throw StoreError.unknownCustomer(id) }
            var views = CaseViews(rules: rules, reader: reader)
            return try views.record(row)
        }
    }
}
