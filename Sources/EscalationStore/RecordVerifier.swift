import EscalationCore
import Foundation

/// `audit verify`: the hash chain, then everything the desk decides from, against the log.
/// The configuration and mode are checked against the first event's digests; every case is
/// rebuilt from its events by the core's fold (`Case.applying`, as the commands update it),
/// its grants and resolutions and every customer through `CaseFold`, and compared with what
/// is stored; vault keys and the
/// search index must be what the customers' events leave. All on one snapshot, streaming
/// the cases (never all in memory).
struct RecordVerifier {
    let rules: DeskRules
    let reader: any LedgerAuditReader
    private(set) var mismatches: [RecordMismatch] = []

    static func verify(_ reader: any LedgerAuditReader, rules: DeskRules) throws -> ChainVerification {
        var verifier = RecordVerifier(rules: rules, reader: reader)
        try ConfigBinding.mismatches(reader).forEach { verifier.note($0) }
        try (GovernanceBinding.mismatches(reader) + GovernanceBinding.policyMismatches(reader)).forEach { verifier.note($0) }
        try StaffEventsAudit.mismatches(reader, staff: rules.centre.staff).forEach { verifier.note($0) }
        var chain = EventChain.Check()
        var customers: [String: SealedCustomer] = [:]
        var caseEvents = 0
        try reader.forEachEvent { event in
            chain.next(event)
            if event.caseID != nil {
                caseEvents += 1
            } else {
                verifier.foldOutsideCases(event, into: &customers)
            }
        }
        let counts = try verifier.checkCases()
        try verifier.checkCounts(caseEvents: caseEvents, counts)
        try verifier.checkCustomers(customers)
        let result = chain.finish()
        return ChainVerification(events: result.events, headHash: result.headHash, firstBad: result.firstBad,
                                 mismatches: verifier.mismatches)
    }

    private mutating func note(_ mismatch: RecordMismatch) {
        if mismatches.count < RecordMismatch.limit { mismatches.append(mismatch) }
    }

    private mutating func note(_ table: String, _ key: String?, _ detail: String) {
        note(RecordMismatch(table: table, key: key, detail: detail))
    }

    // MARK: Events outside cases

    private mutating func foldOutsideCases(_ event: StoredEvent, into customers: inout [String: SealedCustomer]) {
        switch EventKind(rawValue: event.kind) {
        case .centreCreated?:
            if event.seq != 1 { note("events", String(event.seq), "a second record of the database's creation") }
        case .customerAdded?, .customerErased?:
            guard let payload = try? JSONValue.parse(event.payload), let id = payload["customer"]?.string else {
                return note("events", String(event.seq), "its payload cannot be read")
            }
            do { customers[id] = try CaseFold.customer(event, payload, before: customers[id]) } catch {
                note("events", String(event.seq), String(describing: error))
            }
        case .customerExported?, .matrixProposed?, .matrixApproved?, .matrixRejected?, .matrixRebased?:
            break  // matrix events: `GovernanceBinding`
        case .matrixAcknowledged?, .coverGranted?, .coverApproved?, .coverEnded?:
            break  // acknowledgements and covers: `AcknowledgementEvents`, `CoverEvents`
        default:
            note("events", String(event.seq), "a \(event.kind) event that belongs to no case")
        }
    }

    // MARK: Cases

    /// What the case pass counted, to compare with the tables' sizes.
    struct CaseCounts {
        var listedEvents = 0
        var grants = 0
        var resolutions = 0
        var indexedTexts = 0
        var escalators = 0
        /// Some case could not be rebuilt: its escalators and clocks are unknown, so only each
        /// rebuilt case's rows can be compared, not the table's size.
        var rebuildFailed = false
        var clocks = 0
        var words = Set<String>()
        /// Some case's texts could not be rebuilt (an unreadable row, a missing key): the
        /// index's totals cannot be compared, only each readable case's rows.
        var textsUncounted = false
    }

    private mutating func checkCases() throws -> CaseCounts {
        var counts = CaseCounts()
        let reader = reader
        let currency = rules.centre.currency
        try reader.forEachCase(currency: currency) { read in
            let stored: Case
            switch read {
            case .success(let c): stored = c
            case .failure(let unreadable):
                counts.listedEvents += unreadable.timeline.count
                counts.textsUncounted = true
                counts.rebuildFailed = true
                return note("cases", unreadable.caseID, unreadable.reason)
            }
            counts.listedEvents += stored.timeline.count
            let events = try reader.events(caseID: stored.id)
            guard events.map(\.seq) == stored.timeline, events.allSatisfy({ $0.caseID == stored.id }) else {
                counts.rebuildFailed = true
                return note("cases", stored.id, "its timeline lists events that are missing or belong to another case")
            }
            var grants: [GrantRow] = []
            var resolutions: [ResolutionRow] = []
            let rebuilt: Case
            var escalators = Set<String>()
            let records: [CaseEventRecord]
            do throws(CaseFoldError) {
                records = try events.map { e throws(CaseFoldError) in try CaseEventCodec.record(e, currency: currency) }
                rebuilt = try Case.fold(records, roleOf: rules.rulebook.role(of:))
                escalators = CaseOutcome.escalators(of: records)
                for record in records {
                    guard case .resolved(let resolution) = record.event else { continue }
                    grants += CaseFold.grants(record, resolution, customer: rebuilt.customerID)
                    resolutions.append(CaseFold.resolution(record, resolution))
                }
            } catch {
                counts.rebuildFailed = true
                return note("cases", stored.id, error.description)
            }
            counts.grants += grants.count
            counts.resolutions += resolutions.count
            if rebuilt != stored {
                note("cases", stored.id, Self.differences(stored: stored, rebuilt: rebuilt))
            }
            if try reader.grants(caseID: stored.id) != grants {
                note("grants", stored.id, "the grants stored for the case are not those its resolutions record")
            }
            if try reader.resolutions(caseID: stored.id) != resolutions {
                note("resolutions", stored.id, "the resolutions stored for the case are not those its events record")
            }
            try checkTexts(of: stored, events: events, &counts)
            let dueAt = try checkClocks(of: rebuilt, records: records, &counts)
            try checkEscalators(of: rebuilt, escalators, dueAt: dueAt, &counts)
        }
        return counts
    }

    /// "Escalated by me" lists the case for exactly those who referred it up, each row
    /// ordered as the case is.
    private mutating func checkEscalators(of c: Case, _ escalators: Set<String>, dueAt: Int64,
                                          _ counts: inout CaseCounts) throws {
        guard let number = CaseNumbers.number(ofID: c.id) else { return }
        let expected = EscalatorRow.expected(escalators, of: c, dueAt: dueAt)
        counts.escalators += expected.count
        let stored = try reader.escalatorRows(caseNumber: number)
        guard stored != expected else { return }
        let storedIDs = Set(stored.map(\.staffID))
        var problems: [String] = []
        for id in storedIDs.subtracting(escalators).sorted() { problems.append("lists \(id), who never referred it up") }
        for id in escalators.subtracting(storedIDs).sorted() { problems.append("does not list \(id), who referred it up") }
        if problems.isEmpty { problems.append("its rows do not carry the case's state, liveness, deadline, receipt and due time") }
        note("case_escalators", c.id, problems.joined(separator: "; "))
    }

    /// The search index holds exactly the case's texts that still open, in the customer's shard.
    private mutating func checkTexts(of c: Case, events: [StoredEvent], _ counts: inout CaseCounts) throws {
        guard let number = CaseNumbers.number(ofID: c.id) else { return }
        let key = try reader.key(owner: c.customerID)
        if key == nil, try reader.customerStatus(id: c.customerID)?.erased != true {
            // A key missing for a customer never erased: `checkCustomers` names it.
            counts.textsUncounted = true
            return
        }
        guard let expected = CaseTextIndex.texts(of: events, key: key) else {
            // The key does not open the customer's texts: `checkCustomers` names it.
            counts.textsUncounted = true
            return
        }
        counts.indexedTexts += expected.count
        for text in expected { counts.words.formUnion(CaseTextIndex.vocabulary(text.text)) }
        if try reader.indexedTexts(caseNumber: number, customer: c.customerID) != expected {
            note("case_text", c.id, "the search index does not hold the case's summary and notes as its events record them")
        }
    }

    /// The case's clock rows, and the due time its queues order it by, are those the core
    /// computes from its events (`ClockProjection`); returns that due time.
    private mutating func checkClocks(of c: Case, records: [CaseEventRecord], _ counts: inout CaseCounts) throws -> Int64 {
        let expected = ClockProjection.projection(c, records: records, customer: try reader.customerStatus(id: c.customerID),
                                                  centre: rules.centre)
        guard let number = CaseNumbers.number(ofID: c.id) else { return expected.dueAt }
        counts.clocks += expected.rows.count
        if try reader.caseClocks(caseNumber: number) != expected.rows {
            note("case_clocks", c.id, "the case's clocks (due and warning times, state, escalation) are not those its events give")
        }
        if try reader.queueDue(caseNumber: number) != expected.dueAt {
            note("cases", c.id, "its queue due time (due_at) is not its nearest unmet clock's, nor its deadline when none applies")
        }
        return expected.dueAt
    }

    /// Rows the case pass could not reach: events no timeline lists, grants or resolutions
    /// of cases that do not exist.
    private mutating func checkCounts(caseEvents: Int, _ counts: CaseCounts) throws {
        if caseEvents != counts.listedEvents {
            let strays = try reader.caseEventsOffTimelines(limit: 3)
            for stray in strays {
                note("events", String(stray.seq), "it belongs to case \(stray.caseID), which does not list it (the case row is missing or was edited)")
            }
            if strays.isEmpty {
                note("cases", nil, "the case rows list \(counts.listedEvents) events but the log holds \(caseEvents) case events")
            }
        }
        let grants = try reader.rowCount(.grants)
        if grants != counts.grants {
            note("grants", nil, "\(grants) grants are stored but the resolutions record \(counts.grants)")
        }
        let resolutions = try reader.rowCount(.resolutions)
        if resolutions != counts.resolutions {
            note("resolutions", nil, "\(resolutions) resolutions are stored but the log records \(counts.resolutions)")
        }
        let escalators = try reader.rowCount(.caseEscalators)
        if !counts.rebuildFailed, escalators != counts.escalators {
            note("case_escalators", nil, "\(escalators) escalators are stored but the log records \(counts.escalators)")
        }
        let clocks = try reader.rowCount(.caseClocks)
        if !counts.rebuildFailed, clocks != counts.clocks {
            note("case_clocks", nil, "\(clocks) clock rows are stored but the active cases have \(counts.clocks)")
        }
        guard !counts.textsUncounted else { return }
        let indexed = try reader.indexedTextCount()
        if indexed != counts.indexedTexts {
            note("case_text", nil, "the search index holds \(indexed) case texts but the log leaves \(counts.indexedTexts) readable")
        }
        var words = Set<String>()
        try reader.forEachIndexedWord { words.insert($0) }
        if words != counts.words {
            let extra = words.subtracting(counts.words).count, missing = counts.words.subtracting(words).count
            note("case_words", nil, "the search vocabulary has \(extra) words no case text holds and lacks \(missing) that one does")
        }
    }

    // MARK: Customers, their keys and the search index

    private mutating func checkCustomers(_ expected: [String: SealedCustomer]) throws {
        var seen = 0
        var stored: [String: SealedCustomer] = [:]
        try reader.forEachCustomer { row in
            seen += 1
            guard let rebuilt = expected[row.id] else { return note("customers", row.id, "no event adds this customer") }
            if rebuilt != row { note("customers", row.id, Self.differences(stored: row, rebuilt: rebuilt)) }
            stored[row.id] = row
        }
        for id in expected.keys.sorted() where stored[id] == nil {
            note("customers", id, "the customer's record is missing")
        }
        var owners = try reader.keyOwners()
        if owners.remove(Vault.centreKeyOwner) == nil { note("vault_keys", Vault.centreKeyOwner, "the centre's key is missing") }
        var terms: [String: Set<String>] = [:]
        try reader.forEachSearchTerm { customer, term in terms[customer, default: []].insert(term) }
        for id in expected.keys.sorted() {
            guard let customer = expected[id] else { continue }
            let hasKey = owners.remove(id) != nil
            let indexed = terms.removeValue(forKey: id) ?? []
            if customer.erasedAt != nil {
                if hasKey { note("vault_keys", id, "the customer was erased but has a key") }
                if !indexed.isEmpty { note("customer_terms", id, "the customer was erased but their name is in the search index") }
                continue
            }
            guard hasKey, let key = try reader.key(owner: id) else {
                note("vault_keys", id, "the key of a customer who was never erased is missing")
                continue
            }
            guard let sealed = customer.nameSealed, let name = Vault(keyBytes: key).open(sealed) else {
                note("vault_keys", id, "the customer's key does not open their name")
                continue
            }
            if indexed != Set(SearchTerms.words(name)) {
                note("customer_terms", id, "the search index does not hold the words of the customer's name")
            }
        }
        for owner in owners.sorted() { note("vault_keys", owner, "a key that belongs to no customer") }
        for customer in terms.keys.sorted() { note("customer_terms", customer, "indexed words of no known customer") }
    }

    // MARK: Wording

    /// The fields of a stored value (a case, a customer) that differ from the one the log
    /// rebuilds, in words.
    static func differences<Row>(stored: Row, rebuilt: Row) -> String {
        let fields = zip(Mirror(reflecting: stored).children, Mirror(reflecting: rebuilt).children).compactMap { s, r -> String? in
            let (a, b) = (describe(s.value), describe(r.value))
            guard a != b, let label = s.label else { return nil }
            let (x, y) = excerpts(a, b)
            return "\(label) is \(x) but its events say \(y)"
        }
        return fields.isEmpty ? "it differs from what its events say" : fields.joined(separator: "; ")
    }

    /// A value in plain words: optionals as their value or "none", lists and records by
    /// their members (never Swift's type names).
    static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional: return mirror.children.first.map { describe($0.value) } ?? "none"
        case .collection, .set: return "[" + mirror.children.map { describe($0.value) }.joined(separator: ", ") + "]"
        case .struct where !(value is CustomStringConvertible):
            return "(" + mirror.children.map { ($0.label.map { "\($0): " } ?? "") + describe($0.value) }.joined(separator: ", ") + ")"
        default: return String(describing: value)
        }
    }

    /// Two differing descriptions cut to about 40 characters each around where they first
    /// differ, so the difference is in what is shown.
    static func excerpts(_ a: String, _ b: String, width: Int = 40) -> (String, String) {
        let same = zip(a, b).prefix { $0 == $1 }.count
        let start = max(0, same - width / 4)
        func cut(_ text: String) -> String {
            let body = text.dropFirst(start).prefix(width)
            return (start > 0 ? "…" : "") + body + (start + body.count < text.count ? "…" : "")
        }
        return (cut(a), cut(b))
    }
}
