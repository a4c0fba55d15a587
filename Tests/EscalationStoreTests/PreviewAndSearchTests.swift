import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct PreviewTests {
    let refund40 = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))
    let refund75 = RemedyRequest(action: "refund", amount: Fixtures.pounds(75))
    let disclose = RemedyRequest(action: "disclose_account_data")

    func store(flags: [String] = []) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Margaret Oyelaran", flags: flags), actor: "tom", now: Fixtures.start)
        return (store, path)
    }

    @Test func previewOpenGivesOpenCasesDecisionAndWritesNothing() throws {
        let (store, path) = try store()
        // Rolling totals and repeat contacts move the decision as cases accumulate: the
        // preview must agree with openCase every time.
        for day in 0..<4 {
            let draft = NewCase(customer: "CU-1", summary: "Late bill \(day)", requests: [refund40])
            let events = try store.eventCount()
            let dataVersion = try store.dataVersion()
            let bytes = Fixtures.rawBytes(path)
            let preview = try store.previewOpen(draft, actor: "tom", now: Fixtures.days(Double(day)))
            #expect(try store.eventCount() == events)
            #expect(try store.dataVersion() == dataVersion)
            #expect(Fixtures.rawBytes(path) == bytes)
            let opened = try store.openCase(draft, actor: "tom", now: Fixtures.days(Double(day)))
            #expect(preview == opened.decision)
            if opened.decision.verdict == .withinAuthority {
                try store.resolve(caseID: opened.id, resolution: Resolution(outcome: .upheld, rationale: "Refunded", grants: [refund40]),
                                  actor: "tom", now: Fixtures.days(Double(day) + 0.1))
            }
        }
        let last = try store.previewOpen(NewCase(customer: "CU-1", summary: "", requests: [refund40]), actor: "tom", now: Fixtures.days(4))
        #expect(last.reasons.contains { $0.rule == "repeat_contact" })
        #expect(last.reasons.contains { $0.rule == "authority.refund" })
        #expect(try store.previewOpen(NewCase(customer: "CU-1", summary: "", requests: [refund40]), actor: "priya",
                                      now: Fixtures.days(4)).verdict == .withinAuthority)
    }

    @Test func previewOpenRefusesWhatOpenCaseRefuses() throws {
        let (store, _) = try store()
        #expect(refusal { _ = try store.previewOpen(NewCase(customer: "CU-9", summary: ""), actor: "tom", now: Fixtures.start) }
                == .unknownCustomer("CU-9"))
        #expect(refusal { _ = try store.previewOpen(NewCase(customer: "CU-1", summary: "", channel: "pigeon"), actor: "tom",
                                                    now: Fixtures.start) }?.exitCode == 65)
        #expect(refusal { _ = try store.previewOpen(NewCase(customer: "CU-1", summary: ""), actor: "nobody", now: Fixtures.start) }
                == .unknownStaff("nobody"))
    }

    @Test func aCaseOpenedWithIdentityVerifiedIsDecidedAndRecordedSo() throws {
        let (store, _) = try store()
        let unchecked = NewCase(customer: "CU-1", summary: "Wants their usage data", requests: [disclose])
        var checked = unchecked
        checked.identityVerified = true
        #expect(try store.previewOpen(unchecked, actor: "tom", now: Fixtures.minutes(1)).verdict != .withinAuthority)
        #expect(try store.previewOpen(checked, actor: "tom", now: Fixtures.minutes(1)).verdict == .withinAuthority)
        let opened = try store.openCase(checked, actor: "tom", now: Fixtures.minutes(1))
        #expect(opened.decision.verdict == .withinAuthority)
        let detail = try store.caseDetail(id: opened.id)
        #expect(detail.identityVerified == true)
        #expect(detail.identityChecked == true)
        #expect(detail.timeline.first?.identityVerified == true)
    }

    @Test func aFailedIdentityCheckIsToldFromNoCheck() throws {
        let (store, _) = try store()
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Query"), actor: "tom", now: Fixtures.minutes(1))
        var detail = try store.caseDetail(id: opened.id)
        #expect(detail.identityVerified == false)
        #expect(detail.identityChecked == nil)
        #expect(detail.timeline.first?.identityVerified == nil)
        try store.markIdentity(caseID: opened.id, verified: false, actor: "tom", now: Fixtures.minutes(2))
        detail = try store.caseDetail(id: opened.id)
        #expect(detail.identityVerified == false)
        #expect(detail.identityChecked == false)
        #expect(detail.timeline.last?.kind == .identityMarked)
        #expect(detail.timeline.last?.identityVerified == false)
        // A failed check is not passed by asking again: only a role that may override a failed
        // identity check records it passed, once the case is theirs.
        let again = refusal { try store.markIdentity(caseID: opened.id, verified: true, actor: "tom", now: Fixtures.minutes(3)) }
        #expect(again?.exitCode == 77)
        #expect(again?.description == "the identity check on \(opened.id) failed; Tom Reed (Customer Service Agent) may not "
                + "mark it verified: that needs Override failed identity check")
        #expect(try store.caseDetail(id: opened.id).identityChecked == false)
        try store.markIdentity(caseID: opened.id, verified: false, actor: "tom", now: Fixtures.minutes(3))
        _ = try store.escalate(caseID: opened.id, note: "Failed the security questions", actor: "tom", now: Fixtures.minutes(4))
        try store.claim(caseID: opened.id, actor: "priya", now: Fixtures.minutes(5))
        try store.markIdentity(caseID: opened.id, verified: true, actor: "priya", now: Fixtures.minutes(6))
        #expect(try store.caseDetail(id: opened.id).identityChecked == true)
    }

    @Test func previewResolutionAgreesWithResolve() throws {
        let (store, path) = try store()
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Double charge", requests: [refund75]),
                                   actor: "tom", now: Fixtures.minutes(1))
        let bytes = Fixtures.rawBytes(path)
        let over = try store.previewResolution(caseID: c.id, grants: [refund75], actor: "tom", now: Fixtures.minutes(2))
        #expect(over.verdict == .escalate)
        #expect(Fixtures.rawBytes(path) == bytes)
        let refused = refusal {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [refund75]),
                              actor: "tom", now: Fixtures.minutes(2))
        }
        #expect(refused == .beyondAuthority(caseID: c.id, role: "Customer Service Agent", reasons: over.reasons))
        let within = try store.previewResolution(caseID: c.id, grants: [refund40], actor: "tom", now: Fixtures.minutes(2))
        #expect(within.verdict == .withinAuthority)
        // Only the holder: the preview refuses as resolve would.
        #expect(refusal { _ = try store.previewResolution(caseID: c.id, grants: [], actor: "priya", now: Fixtures.minutes(2)) }
                == .heldByOther(caseID: c.id, holder: "Tom Reed"))
        #expect(refusal { _ = try store.previewResolution(caseID: "C-404", grants: [], actor: "tom", now: Fixtures.minutes(2)) }
                == .unknownCase("C-404"))
        let decided = try store.resolve(caseID: c.id, resolution: Resolution(outcome: .partlyUpheld, rationale: "Part refund",
                                                                            grants: [refund40]),
                                        actor: "tom", now: Fixtures.minutes(2))
        #expect(decided == within)
        #expect(refusal { _ = try store.previewResolution(caseID: c.id, grants: [], actor: "tom", now: Fixtures.minutes(3)) }?
                    .description.contains("cannot be resolved") == true)
    }

    @Test func previewResolutionHonoursADelegation() throws {
        let (store, _) = try store(flags: ["vulnerable"])
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Arrears letter"), actor: "tom", now: Fixtures.minutes(1))
        #expect(try store.previewResolution(caseID: c.id, grants: [], actor: "tom", now: Fixtures.minutes(2)).verdict == .escalate)
        _ = try store.escalate(caseID: c.id, note: "Vulnerable", actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(3))
        try store.returnCase(caseID: c.id, guidance: "Payment plan", actor: "priya", now: Fixtures.minutes(4))
        let delegated = try store.previewResolution(caseID: c.id, grants: [], actor: "tom", now: Fixtures.minutes(5))
        #expect(delegated.verdict == .withinAuthority)
        #expect(delegated.reasons.isEmpty)
        // Money beyond the agent's own limit still blocks, with only that reason.
        let money = try store.previewResolution(caseID: c.id, grants: [refund75], actor: "tom", now: Fixtures.minutes(5))
        #expect(money.verdict == .escalate)
        #expect(money.reasons.map(\.rule) == ["authority.refund"])
        #expect(refusal {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [refund75]),
                              actor: "tom", now: Fixtures.minutes(5))
        } == .beyondAuthority(caseID: c.id, role: "Customer Service Agent", reasons: money.reasons))
        try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: "Payment plan agreed"),
                          actor: "tom", now: Fixtures.minutes(5))
    }
}

@Suite struct SearchTests {
    func store() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        let people = [("CU-100", "Margaret Oyelaran"), ("CU-101", "Margot O'Brien-Núñez"), ("CU-200", "Tom Margolis"),
                      ("cu-300", "Anne Smith")]
        for (id, name) in people {
            try store.addCustomer(NewCustomer(id: id, name: name, contact: "\(id)@example.co.uk"), actor: "tom", now: Fixtures.start)
        }
        return (store, path)
    }

    @Test func customersByIdPrefixAndNameWords() throws {
        let (store, _) = try store()
        #expect(try store.searchCustomers("cu-1", limit: 10).map(\.id) == ["CU-100", "CU-101"])
        #expect(try store.searchCustomers("CU-3", limit: 10).map(\.id) == ["cu-300"])
        #expect(Set(try store.searchCustomers("marg", limit: 10).map(\.id)) == ["CU-100", "CU-101", "CU-200"])
        #expect(try store.searchCustomers("MARG oye", limit: 10).map(\.id) == ["CU-100"])
        #expect(try store.searchCustomers("nunez obrien", limit: 10).map(\.id) == ["CU-101"])
        #expect(try store.searchCustomers("o'brien", limit: 10).map(\.id) == ["CU-101"])
        #expect(try store.searchCustomers("marg", limit: 2).count == 2)
        #expect(try store.searchCustomers("   ", limit: 10).isEmpty)
        #expect(try store.searchCustomers("zebedee", limit: 10).isEmpty)
        // Every word must begin a name word: one that begins none finds no one.
        #expect(try store.searchCustomers("marg 12345", limit: 10).isEmpty)
        #expect(try store.searchCustomers("12345 marg", limit: 10).isEmpty)
        let found = try #require(try store.searchCustomers("oyelaran", limit: 10).first)
        #expect(found.name == "Margaret Oyelaran")
        #expect(found.contact == "CU-100@example.co.uk")
        #expect(try store.customer(id: "CU-100") == found)
        #expect(refusal { _ = try store.customer(id: "CU-999") } == .unknownCustomer("CU-999"))
    }

    @Test func casesByIdCustomerOrNameMostUrgentFirst() throws {
        let (store, _) = try store()
        var ids: [String] = []
        for (i, customer) in ["CU-100", "CU-101", "CU-200", "CU-100", "cu-300"].enumerated() {
            ids.append(try store.openCase(NewCase(customer: customer, summary: "Case \(i)", live: i == 3), actor: "tom",
                                          now: Fixtures.days(Double(i))).id)
        }
        #expect(try store.searchCases("c-000003", limit: 10, offset: 0).cases.map(\.id) == ["C-000003"])
        let all = try store.searchCases("c-0000", limit: 2, offset: 0)
        #expect(all.total == 5)
        #expect(all.cases.map(\.id) == [ids[3], ids[0]])
        #expect(try store.searchCases("c-0000", limit: 2, offset: 2).cases.map(\.id) == [ids[1], ids[2]])
        #expect(try store.searchCases("cu-100", limit: 10, offset: 0).cases.map(\.id) == [ids[3], ids[0]])
        #expect(try store.searchCases("CU-300", limit: 10, offset: 0).cases.map(\.id) == [ids[4]])
        #expect(try store.searchCases("margaret", limit: 10, offset: 0).cases.map(\.id) == [ids[3], ids[0]])
        #expect(try store.searchCases("marg", limit: 10, offset: 0).total == 4)
        #expect(try store.searchCases("", limit: 10, offset: 0) == CasePage(cases: [], total: 0, offset: 0))
        #expect(try store.searchCases("nobody here", limit: 10, offset: 0).total == 0)
    }

    /// A list names each case's customer and their flags; a search is a queue like the
    /// others; a case's detail carries its customer itself, so its summary names none.
    @Test func listsNameEachCasesCustomerAndASearchIsAQueue() throws {
        let (store, _) = try store()
        try store.addCustomer(NewCustomer(id: "CU-400", name: "Raj Patel", flags: ["vulnerable"]), actor: "tom", now: Fixtures.start)
        let margaret = try store.openCase(NewCase(customer: "CU-100", summary: "Meter"), actor: "tom", now: Fixtures.minutes(1)).id
        let raj = try store.openCase(NewCase(customer: "CU-400", summary: "Cut off"), actor: "tom", now: Fixtures.minutes(2)).id
        let listed = Dictionary(uniqueKeysWithValues: try store.listCases(queue: .all).cases.map { ($0.id, $0) })
        #expect(listed[margaret]?.customerName == "Margaret Oyelaran" && listed[margaret]?.customerFlags == [])
        #expect(listed[raj]?.customerName == "Raj Patel" && listed[raj]?.customerFlags == ["vulnerable"])
        #expect(try store.casePage(queue: .mine(staffID: "tom")).compactMap(\.customerName).sorted() == ["Margaret Oyelaran", "Raj Patel"])
        let detail = try store.caseDetail(id: raj)
        #expect(detail.summary.customerName == nil && detail.summary.customerFlags == nil)
        #expect(detail.customerName == "Raj Patel")

        let searched = try store.searchCases("marg", limit: 10, offset: 0)
        #expect(searched.cases.map(\.id) == [margaret] && searched.cases.first?.customerName == "Margaret Oyelaran")
        #expect(try store.listCases(queue: .search("marg"), limit: 10) == searched)
        #expect(try store.casePage(queue: .search("marg"), limit: 10) == searched.cases)
        #expect(try store.countCases(queue: .search("marg")) == 1)
        #expect(try store.countCases(queue: .search("c-0000")) == 2)
        #expect(try store.countCases(queue: .search("  ")) == 0)
    }

    @Test func erasurePurgesTheNameFromTheSearchIndexAndTheFiles() throws {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(retention: RetentionPeriod(days: 1)))
        // Enough customers that the index spans interior pages, not just one leaf.
        try store.command { commands in
            for i in 0..<3_000 {
                try commands.addCustomer(NewCustomer(id: "CU-\(10_000 + i)", name: "Person\(i) Example\(i % 97)"),
                                         actor: try store.rules.member("tom"), now: Millis.from(Fixtures.start))
            }
        }
        try store.addCustomer(NewCustomer(id: "CU-7", name: "Bartholomew Quiggley-Żmuda"), actor: "tom", now: Fixtures.start)
        try store.command { commands in
            for i in 3_000..<4_000 {
                try commands.addCustomer(NewCustomer(id: "CU-\(10_000 + i)", name: "Person\(i) Example\(i % 97)"),
                                         actor: try store.rules.member("tom"), now: Millis.from(Fixtures.start))
            }
        }
        _ = try store.openCase(NewCase(customer: "CU-7", summary: "Meter"), actor: "tom", now: Fixtures.minutes(1))
        #expect(try store.searchCustomers("quiggley", limit: 5).map(\.id) == ["CU-7"])
        #expect(try store.integer("SELECT count(*) FROM customer_terms") == 8_003)
        #expect(Fixtures.contains(Fixtures.rawBytes(path), "quiggley"))

        _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Asked by letter", overrideRetention: false,
                                    now: Fixtures.days(2))
        let bytes = Fixtures.rawBytes(path)
        for word in ["bartholomew", "quiggley", "zmuda", "Bartholomew", "Quiggley"] {
            #expect(!Fixtures.contains(bytes, word), "\(word) survived erasure")
        }
        #expect(try store.searchCustomers("quiggley", limit: 5).isEmpty)
        #expect(try store.searchCases("bartholomew", limit: 5, offset: 0).total == 0)
        #expect(try store.searchCustomers("CU-7", limit: 5).map(\.name) == [nil])
        #expect(try store.integer("SELECT count(*) FROM customer_terms") == 8_000)
        #expect(try store.verifyChain().isIntact)
    }

    /// A database as schema 1 left it (cases keyed by id with a unique number and four
    /// listing indexes, no search index) is brought up to date on opening, losing nothing.
    @Test func aVersionOneDatabaseIsMigratedOnOpening() throws {
        let (store, path) = try store()
        let c = try store.openCase(NewCase(customer: "CU-100", summary: "Billing", requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(10))]),
                                   actor: "tom", now: Fixtures.minutes(1))
        try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: "Refunded",
                                                              grants: [RemedyRequest(action: "refund", amount: Fixtures.pounds(10))]),
                          actor: "tom", now: Fixtures.minutes(2))
        _ = try store.openCase(NewCase(customer: "CU-101", summary: "Meter", live: true), actor: "ana", now: Fixtures.minutes(3))
        try Fixtures.downgradeToSchemaFive(store)
        try store.executeRaw("""
            PRAGMA foreign_keys = OFF;
            BEGIN;
            DROP TABLE customer_terms; DROP INDEX customers_by_id_nocase;
            CREATE TABLE cases_v1 (
                id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, customer_id TEXT NOT NULL REFERENCES customers (id),
                kind TEXT NOT NULL, channel TEXT NOT NULL, summary_sealed TEXT NOT NULL, state TEXT NOT NULL,
                live INTEGER NOT NULL, case_flags TEXT NOT NULL, identity_verified INTEGER NOT NULL, queue_role TEXT,
                holder TEXT, escalated_by TEXT, delegated_by TEXT, delegated_role TEXT, opened_by TEXT NOT NULL,
                requests TEXT NOT NULL, decision TEXT NOT NULL, received_at INTEGER NOT NULL, escalated_at INTEGER,
                resolved_at INTEGER, closed_at INTEGER, deadline_at INTEGER NOT NULL, version INTEGER NOT NULL);
            INSERT INTO cases_v1 SELECT id, number, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role, opened_by, requests,
                decision, received_at, escalated_at, resolved_at, closed_at, deadline_at, version FROM cases;
            DROP TABLE cases;
            ALTER TABLE cases_v1 RENAME TO cases;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_state ON cases (state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_in_order ON cases (live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
            CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
            INSERT INTO chain_head SELECT 1, seq, hash FROM events ORDER BY seq DESC LIMIT 1;
            ALTER TABLE events DROP COLUMN head;
            DELETE FROM grdb_migrations WHERE identifier <> 'v1';
            COMMIT;
            PRAGMA user_version = 1;
            PRAGMA foreign_keys = ON;
            """)
        let again = try DeskStore.open(at: path)
        #expect(try again.integer("PRAGMA user_version") == SQLiteSchema.schemaVersion)
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE name IN ('cases_in_order', 'cases_by_state')") == 0)
        #expect(try again.searchCustomers("margaret", limit: 5).map(\.id) == ["CU-100"])
        #expect(try again.listCases(queue: .all).cases.map(\.id) == ["C-000002", "C-000001"])
        #expect(try again.caseDetail(id: c.id).timeline.map(\.kind) == [.caseOpened, .caseResolved])
        #expect(try again.openCase(NewCase(customer: "CU-200", summary: "New"), actor: "tom", now: Fixtures.minutes(4)).id == "C-000003")
        #expect(try again.verifyChain().isIntact)
        #expect(try again.integer("SELECT count(*) FROM events WHERE head = 1") == 1)
    }

    /// Schema 4 kept the chain head in a table of its own. Moving it onto the newest event
    /// must carry a mismatch across (a last event deleted before the upgrade) rather than
    /// bless the shortened log.
    @Test func aVersionFourHeadIsCarriedOntoTheNewestEvent() throws {
        for deleteLast in [false, true] {
            let (store, path) = try store()
            _ = try store.openCase(NewCase(customer: "CU-100", summary: "Billing"), actor: "tom", now: Fixtures.minutes(1))
            let events = try #require(try store.integer("SELECT max(seq) FROM events"))
            try store.executeRaw("""
                BEGIN;
                CREATE TABLE chain_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
                INSERT INTO chain_head SELECT 1, seq, hash FROM events ORDER BY seq DESC LIMIT 1;
                ALTER TABLE events DROP COLUMN head;
                DELETE FROM grdb_migrations WHERE identifier = 'v5';
                \(deleteLast ? "DELETE FROM events WHERE seq = \(events);" : "")
                COMMIT;
                PRAGMA user_version = 4;
                """)
            let again = try DeskStore.open(at: path)
            #expect(try again.integer("PRAGMA user_version") == 5)
            let result = try again.verifyChain()
            if deleteLast {
                #expect(result.firstBad?.seq == Int64(events))
            } else {
                #expect(result.isIntact)
                #expect(result.events == Int64(events))
            }
        }
    }
}
