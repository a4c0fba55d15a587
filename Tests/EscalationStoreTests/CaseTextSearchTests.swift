import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Search by partial ids and by the words of summaries and notes (`CaseTextIndex`).
@Suite struct CaseTextSearchTests {
    /// Customers CU-100 and CU-101 and `count` cases, summaries "Case n" unless given.
    func store(cases count: Int = 20, summaries: [Int: String] = [:],
               retention: RetentionPeriod = RetentionPeriod(days: 1)) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(retention: retention))
        for (id, name) in [("CU-100", "Margaret Oyelaran"), ("CU-101", "Tom Smith"), ("CU-200", "Ann Example")] {
            try store.addCustomer(NewCustomer(id: id, name: name), actor: "tom", now: Fixtures.start)
        }
        for n in 1...count {
            _ = try store.openCase(NewCase(customer: n % 2 == 0 ? "CU-100" : "CU-101", summary: summaries[n] ?? "Case \(n)"),
                                   actor: "tom", now: Fixtures.minutes(Double(n)))
        }
        return (store, path)
    }

    func ids(_ store: DeskStore, _ query: String, limit: Int = 50) throws -> [String] {
        try store.searchCases(query, limit: limit, offset: 0).cases.map(\.id)
    }

    @Test func partialCaseIdsFindTheirCaseFirst() throws {
        let (store, _) = try store()
        #expect(try ids(store, "17") == ["C-000017"])
        #expect(try ids(store, "000017") == ["C-000017"])
        #expect(try ids(store, "c-000017") == ["C-000017"])
        let prefix = try store.searchCases("C-00001", limit: 50, offset: 0)
        #expect(prefix.total == 10)
        #expect(Set(prefix.cases.map(\.id)) == Set((10...19).map { CaseNumbers.id(Int64($0)) }))
        #expect(try store.searchCases("C-0000", limit: 50, offset: 0).total == 20)
        // Paging crosses from the exact hit to the rest without repeating it.
        let first = try store.searchCases("1", limit: 1, offset: 0)
        let rest = try store.searchCases("1", limit: 50, offset: 1)
        #expect(first.cases.map(\.id) == ["C-000001"])
        #expect(!rest.cases.map(\.id).contains("C-000001"))
        #expect(rest.total == first.total)
    }

    @Test func partialCustomerIdsFindTheirCases() throws {
        let (store, _) = try store(cases: 4)
        #expect(Set(try ids(store, "cu-10")) == ["C-000001", "C-000002", "C-000003", "C-000004"])
        #expect(Set(try ids(store, "CU-100")) == ["C-000002", "C-000004"])
        #expect(try ids(store, "cu-2").isEmpty)
    }

    @Test func wordsAndWordBeginningsOfSummariesAndNotesFindTheirCases() throws {
        let (store, _) = try store(cases: 3, summaries: [1: "Smart meter readings wrong since March", 2: "Billed twice",
                                                          3: "Engineer missed the appointment"])
        _ = try store.escalate(caseID: "C-000002", note: "Customer insists on a full refund", actor: "tom", now: Fixtures.minutes(10))
        try store.claim(caseID: "C-000002", actor: "priya", now: Fixtures.minutes(11))
        try store.returnCase(caseID: "C-000002", guidance: "Offer a payment plan", actor: "priya", now: Fixtures.minutes(12))
        #expect(try ids(store, "meter") == ["C-000001"])
        #expect(try ids(store, "METER") == ["C-000001"])
        #expect(try ids(store, "read") == ["C-000001"])
        #expect(try ids(store, "smart readings") == ["C-000001"])
        #expect(try ids(store, "smart billed").isEmpty)
        #expect(try ids(store, "refund") == ["C-000002"])
        #expect(try ids(store, "payment pl") == ["C-000002"])
        #expect(try ids(store, "engineer") == ["C-000003"])
        #expect(try ids(store, "nothingsaysthis").isEmpty)
        // Resolution rationales are found too.
        try store.resolve(caseID: "C-000003", resolution: Resolution(outcome: .notUpheld, rationale: "Visit log shows attendance"),
                          actor: "tom", now: Fixtures.minutes(13))
        #expect(try ids(store, "attendance") == ["C-000003"])
        #expect(try store.verifyChain().isIntact)
    }

    @Test func aOneCharacterWordMatchesOnlyItselfAndLongerWordsTheirBeginnings() throws {
        let (store, _) = try store(cases: 2, summaries: [1: "Refund for plan b", 2: "Broadband down"])
        #expect(try ids(store, "b") == ["C-000001"])
        #expect(try ids(store, "br") == ["C-000002"])
        #expect(try ids(store, "plan b") == ["C-000001"])
        #expect(try ids(store, "d").isEmpty)
        #expect(try ids(store, "do") == ["C-000002"])
    }

    @Test func resultsAreRankedExactIdsFirstThenBestTextMatch() throws {
        let (store, _) = try store(cases: 20, summaries: [
            3: "refund refund refund", 5: "The customer asked about a refund among many other long winded matters today",
            9: "refund twice", 17: "Case about refund",
        ])
        let refund = try ids(store, "refund")
        #expect(refund.count == 4)
        #expect(refund.first == "C-000003")
        #expect(refund.last == "C-000005")
        // A number names its case first, before cases whose text holds the digits.
        let (other, _) = try self.store(cases: 20, summaries: [4: "Called 17 times about case 17"])
        #expect(try ids(other, "17") == ["C-000017", "C-000004"])
    }

    @Test func queryLanguageInInputIsOnlyText() throws {
        let (store, _) = try store(cases: 3, summaries: [1: "Smart meter readings wrong", 2: "near the meter", 3: "Billed"])
        let queries = ["\"", "meter\"", "\"meter", "NEAR(meter readings)", "meter*", "*", "-meter", "meter OR billed", "meter AND",
                       "(", ")", "^meter", "meter:", "text:meter", "\u{1B}[31mmeter", "meter\u{0}", "\u{202E}meter", "''", "NOT",
                       String(repeating: "a ", count: 500), "c-\"1", "meter + billed", "{meter}", "m\u{301}eter"]
        for query in queries {
            #expect(throws: Never.self, "\(query)") { _ = try store.searchCases(query, limit: 10, offset: 0) }
        }
        #expect(try ids(store, "NEAR(meter readings)") == [])
        #expect(try ids(store, "near meter") == ["C-000002"])
        #expect(Set(try ids(store, "meter*")) == ["C-000001", "C-000002"])
        #expect(Set(try ids(store, "\"meter")) == ["C-000001", "C-000002"])
        #expect(Set(try ids(store, "-meter")) == ["C-000001", "C-000002"])
        #expect(try ids(store, "meter OR billed").isEmpty)
    }

    @Test func erasurePurgesTheCaseTextsFromTheIndexAndTheFile() throws {
        let (store, path) = try store(cases: 300)
        try store.addCustomer(NewCustomer(id: "CU-7", name: "Bart Example"), actor: "tom", now: Fixtures.minutes(399))
        let c = try store.openCase(NewCase(customer: "CU-7", summary: "Zanzibarquux household disputes the estimate"),
                                   actor: "tom", now: Fixtures.minutes(400))
        _ = try store.escalate(caseID: c.id, note: "Quokkaflummox said on the call", actor: "tom", now: Fixtures.minutes(401))
        #expect(try ids(store, "zanzibar") == [c.id])
        #expect(try ids(store, "quokka") == [c.id])
        #expect(Fixtures.contains(Fixtures.rawBytes(path), "zanzibarquux"))
        #expect(try store.integer("PRAGMA secure_delete") == 1)

        _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Asked by letter", overrideRetention: false,
                                    now: Fixtures.days(30))
        let bytes = Fixtures.rawBytes(path)
        for word in ["zanzibarquux", "Zanzibarquux", "quokkaflummox", "Quokkaflummox"] {
            #expect(!Fixtures.contains(bytes, word), "\(word) survived erasure")
        }
        #expect(try ids(store, "zanzibar").isEmpty)
        #expect(try store.integer("SELECT count(*) FROM case_words WHERE word LIKE 'zanz%' OR word LIKE 'quok%'") == 0)
        // Words other cases hold stay.
        #expect(try store.integer("SELECT count(*) FROM case_words WHERE word = 'case'") == 1)
        #expect(try ids(store, "case 299") == ["C-000299"])
        #expect(try store.verifyChain().isIntact)
    }

    @Test func anEditedIndexRowIsFoundByAuditVerify() throws {
        let (store, _) = try store(cases: 5)
        #expect(try store.verifyChain().isIntact)
        let table = CaseTextIndex.table(CaseTextIndex.shard(customer: "CU-101"))
        let row = try #require(CaseTextIndex.rowID(caseNumber: 3, position: 0))
        try store.executeRaw("UPDATE \(table) SET text = 'Forged words' WHERE rowid = \(row)")
        let result = try store.verifyChain()
        #expect(!result.isIntact)
        #expect(result.mismatches.contains { $0.table == "case_text" && $0.key == "C-000003" })
    }

    @Test func aRowAddedToTheIndexIsFoundByAuditVerify() throws {
        let (store, _) = try store(cases: 2)
        let table = CaseTextIndex.table(5)
        try store.executeRaw("INSERT INTO \(table) (rowid, text) VALUES (\(99 << CaseTextIndex.positionBits), 'Case 1')")
        #expect(try store.verifyChain().mismatches.contains { $0.table == "case_text" && $0.key == nil })
    }

    /// Damage to the index's own structure, which leaves every text readable, is found by
    /// SQLite's integrity check, which writes nothing.
    @Test func aDamagedIndexIsFoundBySQLitesIntegrityCheck() throws {
        let (store, _) = try store(cases: 3)
        let table = CaseTextIndex.table(CaseTextIndex.shard(customer: "CU-101"))
        let dataVersion = try store.dataVersion()
        let events = try store.eventCount()
        #expect(try store.verifyChain().isIntact)
        #expect(try store.dataVersion() == dataVersion, "the check's rolled-back transactions change nothing")
        #expect(try store.eventCount() == events)
        try store.executeRaw("DELETE FROM \(table)_data WHERE id > 10")
        let result = try store.verifyChain()
        #expect(!result.isIntact)
        #expect(result.mismatches.map(\.table) == [table], "\(result.mismatches)")
    }

    @Test func anExistingDatabaseIsIndexedWhenItOpens() throws {
        let (store, path) = try store(cases: 4, summaries: [2: "Smart meter readings wrong"])
        _ = try store.escalate(caseID: "C-000003", note: "Legal action mentioned", actor: "tom", now: Fixtures.minutes(10))
        // Back to the schema before search (v8: the escalation above routed to a team, which
        // a schema-7 file could never hold).
        try Fixtures.downgradeToSchemaEight(store)
        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[8, SQLiteSchema.schemaVersion]])
        #expect(try ids(again, "meter") == ["C-000002"])
        #expect(try ids(again, "legal") == ["C-000003"])
        #expect(try again.verifyChain().isIntact)
    }

    @Test func tokensAndShards() {
        #expect(CaseTextIndex.words("O'Brien-Núñez paid £75.00, twice!") == ["o", "brien", "nunez", "paid", "75", "00", "twice"])
        #expect(CaseTextIndex.queryWords("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"])
        #expect(CaseTextIndex.expression([["meter", "meters"], ["x\"y"]]) == "(\"meter\" OR \"meters\") AND (\"x\"\"y\")")
        #expect(CaseTextIndex.expression([["meter"], []]) == nil)
        #expect((0..<CaseTextIndex.shardCount).contains(CaseTextIndex.shard(customer: "CU-100")))
        #expect(CaseTextIndex.caseNumber(rowID: CaseTextIndex.rowID(caseNumber: 123_456, position: 7)!) == 123_456)
        #expect(CaseTextIndex.rowID(caseNumber: 1, position: Int(CaseTextIndex.maxPosition) + 1) == nil)
    }
}
