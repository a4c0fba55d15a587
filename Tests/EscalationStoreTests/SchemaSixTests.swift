import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

extension Fixtures {
    /// Puts a current database back in schema 15's shape: the holder index without the
    /// queue role.
    static func downgradeToSchemaFifteen(_ store: DeskStore) throws {
        try store.executeRaw("""
            DROP INDEX cases_by_holder;
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, due_at, received_at, number)
                WHERE holder IS NOT NULL;
            DELETE FROM grdb_migrations WHERE identifier = 'v16';
            PRAGMA user_version = 15;
            """)
    }

    /// Puts a current database back in schema 14's shape: role-wide referrals through the
    /// queue index only.
    static func downgradeToSchemaFourteen(_ store: DeskStore) throws {
        try downgradeToSchemaFifteen(store)
        try store.executeRaw("""
            DROP INDEX cases_by_role_wide;
            DELETE FROM grdb_migrations WHERE identifier = 'v15';
            PRAGMA user_version = 14;
            """)
    }

    /// Puts a current database back in schema 13's shape: queues ordered by the flat
    /// deadline, no due time on cases or escalators.
    static func downgradeToSchemaThirteen(_ store: DeskStore) throws {
        try downgradeToSchemaFourteen(store)
        try store.executeRaw("""
            DROP INDEX cases_by_queue;
            DROP INDEX cases_by_holder;
            DROP INDEX cases_by_team;
            DROP INDEX case_escalators_by_staff;
            ALTER TABLE cases DROP COLUMN due_at;
            ALTER TABLE case_escalators DROP COLUMN due_at;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number)
                WHERE holder IS NOT NULL;
            CREATE INDEX cases_by_team ON cases (queue_role, state, queue_team, live DESC, deadline_at, received_at, number)
                WHERE queue_team IS NOT NULL;
            CREATE INDEX case_escalators_by_staff
                ON case_escalators (staff_id, state, live DESC, deadline_at, received_at, case_number);
            DELETE FROM grdb_migrations WHERE identifier = 'v14';
            PRAGMA user_version = 13;
            """)
    }

    /// Puts a current database back in schema 12's shape: no clocks projection, no customer calendars.
    static func downgradeToSchemaTwelve(_ store: DeskStore) throws {
        try downgradeToSchemaThirteen(store)
        try store.executeRaw("""
            DROP TABLE case_clocks;
            ALTER TABLE customers DROP COLUMN calendar;
            DELETE FROM grdb_migrations WHERE identifier = 'v13';
            PRAGMA user_version = 12;
            """)
    }

    /// Puts a current database back in schema 11's shape: only the last escalator of each
    /// case, indexed on the case row.
    static func downgradeToSchemaEleven(_ store: DeskStore) throws {
        try downgradeToSchemaTwelve(store)
        try store.executeRaw("""
            DROP TABLE case_escalators;
            CREATE INDEX cases_by_escalator ON cases (escalated_by, state, live DESC, deadline_at, received_at, number)
                WHERE escalated_by IS NOT NULL;
            DELETE FROM grdb_migrations WHERE identifier = 'v12';
            PRAGMA user_version = 11;
            """)
    }

    /// Puts a current database back in schema 9's shape: matrix versions without their
    /// governance, version 1 marked `in_force`, no index of the centre's events.
    static func downgradeToSchemaNine(_ store: DeskStore) throws {
        try downgradeToSchemaEleven(store)
        try store.executeRaw("""
            CREATE TABLE matrix_versions_v1 (
                version TEXT PRIMARY KEY, policy_json TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'in_force', 'superseded')),
                effective_at INTEGER, created_at INTEGER NOT NULL, created_by TEXT NOT NULL);
            INSERT INTO matrix_versions_v1 SELECT version, policy_json, 'in_force', effective_at, created_at, created_by
                FROM matrix_versions;
            DROP TABLE matrix_versions;
            ALTER TABLE matrix_versions_v1 RENAME TO matrix_versions;
            DROP INDEX events_of_centre;
            DELETE FROM grdb_migrations WHERE identifier = 'v11';
            PRAGMA user_version = 9;
            """)
    }

    /// Puts a current database back in schema 8's shape: no case-text search index.
    static func downgradeToSchemaEight(_ store: DeskStore) throws {
        try downgradeToSchemaNine(store)
        let shards = (0..<CaseTextIndex.shardCount).map { "DROP TABLE \(CaseTextIndex.table($0));" }.joined(separator: " ")
        try store.executeRaw("""
            \(shards)
            DROP TABLE case_words;
            DELETE FROM grdb_migrations WHERE identifier = 'v9';
            PRAGMA user_version = 8;
            """)
    }

    /// Puts a current database back in schema 6's shape, as the release before v7 left it:
    /// no index of events by case.
    static func downgradeToSchemaSix(_ store: DeskStore) throws {
        try downgradeToSchemaSeven(store)
        try store.executeRaw("""
            DROP INDEX events_by_case;
            DELETE FROM grdb_migrations WHERE identifier = 'v7';
            PRAGMA user_version = 6;
            """)
    }

    /// Puts a current database back in schema 7's shape, as the release before team routing
    /// left it: no queue team, no index of escalators.
    static func downgradeToSchemaSeven(_ store: DeskStore) throws {
        try downgradeToSchemaEight(store)
        try store.executeRaw("""
            DROP INDEX cases_by_team;
            DROP INDEX cases_by_escalator;
            ALTER TABLE cases DROP COLUMN queue_team;
            DELETE FROM grdb_migrations WHERE identifier = 'v8';
            PRAGMA user_version = 7;
            """)
    }

    /// Puts a current database back in schema 5's shape, as an older escdesk left it: ids
    /// with a unique index, events found by `events_by_case`, grants and resolutions naming
    /// their case by id, no timelines.
    static func downgradeToSchemaFive(_ store: DeskStore) throws {
        try downgradeToSchemaSix(store)
        try store.executeRaw("""
            PRAGMA foreign_keys = OFF;
            BEGIN;
            CREATE TABLE cases_v5 (
                number INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL REFERENCES customers (id),
                kind TEXT NOT NULL, channel TEXT NOT NULL, summary_sealed TEXT NOT NULL, state TEXT NOT NULL,
                live INTEGER NOT NULL, case_flags TEXT NOT NULL, identity_verified INTEGER NOT NULL, queue_role TEXT,
                holder TEXT, escalated_by TEXT, delegated_by TEXT, delegated_role TEXT, opened_by TEXT NOT NULL,
                requests TEXT NOT NULL, decision TEXT NOT NULL, received_at INTEGER NOT NULL, escalated_at INTEGER,
                resolved_at INTEGER, closed_at INTEGER, deadline_at INTEGER NOT NULL, version INTEGER NOT NULL);
            INSERT INTO cases_v5 SELECT number, id, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role, opened_by, requests,
                decision, received_at, escalated_at, resolved_at, closed_at, deadline_at, version FROM cases;
            CREATE TABLE grants_v5 (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),
                customer_id TEXT NOT NULL, action TEXT NOT NULL, minor INTEGER NOT NULL, granted_at INTEGER NOT NULL);
            INSERT INTO grants_v5 SELECT g.id, c.id, g.customer_id, g.action, g.minor, g.granted_at
                FROM grants g JOIN cases c ON c.number = g.case_number;
            CREATE TABLE resolutions_v5 (seq INTEGER PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases (id),
                outcome TEXT NOT NULL, root_cause TEXT NOT NULL, matrix_version TEXT NOT NULL, handler_role TEXT NOT NULL,
                resolver TEXT NOT NULL, received_at INTEGER NOT NULL, escalated_at INTEGER, resolved_at INTEGER NOT NULL,
                grants TEXT NOT NULL);
            INSERT INTO resolutions_v5 SELECT r.seq, c.id, r.outcome, r.root_cause, r.matrix_version, r.handler_role,
                r.resolver, r.received_at, r.escalated_at, r.resolved_at, r.grants
                FROM resolutions r JOIN cases c ON c.number = r.case_number;
            DROP TABLE grants; DROP TABLE resolutions; DROP TABLE cases;
            ALTER TABLE cases_v5 RENAME TO cases;
            ALTER TABLE grants_v5 RENAME TO grants;
            ALTER TABLE resolutions_v5 RENAME TO resolutions;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number)
                WHERE holder IS NOT NULL;
            CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
            CREATE INDEX grants_by_customer ON grants (customer_id, action, granted_at);
            CREATE INDEX grants_by_case ON grants (case_id);
            CREATE INDEX resolutions_by_time ON resolutions (resolved_at);
            CREATE INDEX resolutions_by_case ON resolutions (case_id);
            CREATE INDEX events_by_case ON events (case_id, seq) WHERE case_id IS NOT NULL;
            DELETE FROM grdb_migrations WHERE identifier = 'v6';
            COMMIT;
            PRAGMA user_version = 5;
            PRAGMA foreign_keys = ON;
            """)
    }
}

/// Schema 6: timelines listed on the case row, cases found by number, no index of ids.
@Suite struct SchemaSixTests {
    private let refund = RemedyRequest(action: "refund", amount: Fixtures.pounds(10))

    /// A store with two customers, a resolved case with a grant, a case referred and
    /// claimed, and an open one.
    /// Role-wide routing: no case of a schema 5 database waited for a team.
    private func storeWithCases() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(referralScope: .role))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Ana Silva"), actor: "tom", now: Fixtures.start)
        let first = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice", requests: [refund]),
                                       actor: "tom", now: Fixtures.minutes(1))
        try store.resolve(caseID: first.id, resolution: Resolution(outcome: .upheld, rationale: "Refunded", grants: [refund]),
                          actor: "tom", now: Fixtures.minutes(2))
        let second = try store.openCase(NewCase(customer: "CU-2", summary: "Engineer missed"), actor: "tom", now: Fixtures.minutes(3))
        _ = try store.escalate(caseID: second.id, note: "Wants a manager", actor: "tom", now: Fixtures.minutes(4))
        try store.claim(caseID: second.id, actor: "priya", now: Fixtures.minutes(5))
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Meter reading"), actor: "ana", now: Fixtures.minutes(6))
        return (store, path)
    }

    @Test func everyCaseEventIsOnItsCasesTimelineInOrder() throws {
        let (store, _) = try storeWithCases()
        try store.markIdentity(caseID: "C-000002", verified: true, actor: "priya", now: Fixtures.minutes(7))
        try store.returnCase(caseID: "C-000002", guidance: "Offer a visit", actor: "priya", now: Fixtures.minutes(8))
        try store.close(caseID: "C-000001", actor: "tom", now: Fixtures.minutes(9))
        try store.reopen(caseID: "C-000001", note: "Rang back", actor: "tom", now: Fixtures.minutes(10))
        #expect(try store.caseDetail(id: "C-000001").timeline.map(\.kind)
                == [.caseOpened, .caseResolved, .caseClosed, .caseReopened])
        #expect(try store.caseDetail(id: "C-000002").timeline.map(\.kind)
                == [.caseOpened, .caseEscalated, .caseClaimed, .identityMarked, .caseReturned])
        // Every event that names a case is on that case's timeline, and nowhere else.
        let listed = try store.integer("SELECT count(*) FROM cases c, json_each(c.timeline) t JOIN events e ON e.seq = t.value AND e.case_id = c.id")
        #expect(listed == (try store.integer("SELECT count(*) FROM events WHERE case_id IS NOT NULL")))
    }

    @Test func aLostClaimRaceWritesNoEventAndNoTimelineEntry() throws {
        let (store, _) = try storeWithCases()
        let events = try store.eventCount()
        // Another writer moved the case on between this claim's read and its write.
        try store.executeRaw("UPDATE cases SET version = version + 1 WHERE number = 2")
        #expect(refusal { try store.claim(caseID: "C-000002", actor: "sam", now: Fixtures.minutes(7)) } != nil)
        #expect(try store.eventCount() == events)
        #expect(try store.caseDetail(id: "C-000002").timeline.count == 3)
    }

    @Test func idsThatAreNotExactlyACasesAreUnknown() throws {
        let (store, _) = try storeWithCases()
        for id in ["C-1", "c-000001", "C-0000001", "C-00000A", "C-", "X-000001", "C-000099", "C-000001 "] {
            #expect(refusal { _ = try store.caseDetail(id: id) } == .unknownCase(id), "\(id)")
        }
        #expect(try store.caseDetail(id: "C-000001").summary.id == "C-000001")
    }

    @Test func aSchemaFiveDatabaseIsUpgradedWithEverythingCarried() throws {
        let (store, path) = try storeWithCases()
        let before = try (1...3).map { try store.caseDetail(id: CaseNumbers.id($0)) }
        try Fixtures.downgradeToSchemaFive(store)
        #expect(try store.integer("PRAGMA user_version") == 5)

        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[5, SQLiteSchema.schemaVersion]])
        #expect(try again.integer("PRAGMA user_version") == SQLiteSchema.schemaVersion)
        _ = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[5, SQLiteSchema.schemaVersion]], "a current file is not announced as upgraded")
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_cases%'") == 0)
        #expect(try (1...3).map { try again.caseDetail(id: CaseNumbers.id($0)) } == before)
        #expect(try again.integer("SELECT count(*) FROM grants WHERE case_number = 1") == 1)
        #expect(try again.integer("SELECT count(*) FROM resolutions WHERE case_number = 1") == 1)
        #expect(try again.integer("PRAGMA secure_delete") == 1)
        // Rolling totals still come from the carried grants: £10 of the agent's £100 in 30 days is used.
        #expect(try again.integer("SELECT sum(minor) FROM grants WHERE customer_id = 'CU-1'") == 1_000)
        // Closing needs the carried resolution; a new case gets the next number.
        try again.close(caseID: "C-000001", actor: "tom", now: Fixtures.minutes(7))
        #expect(try again.openCase(NewCase(customer: "CU-2", summary: "New"), actor: "tom", now: Fixtures.minutes(8)).id == "C-000004")
        #expect(try again.caseDetail(id: "C-000001").timeline.map(\.kind) == [.caseOpened, .caseResolved, .caseClosed])
        #expect(try again.verifyChain().isIntact)
        #expect(try again.integer("PRAGMA foreign_key_check") == nil)
    }

    @Test func anUpgradeRefusesCaseIdsNotWrittenFromTheirNumbers() throws {
        let (store, path) = try storeWithCases()
        try Fixtures.downgradeToSchemaFive(store)
        try store.executeRaw("UPDATE cases SET id = 'CASE-2' WHERE number = 2")
        let refused = refusal { _ = try DeskStore.open(at: path) }
        #expect(refused == .corrupt("1 case ids are not written from their case numbers; this database was not made by escdesk"))
        // Nothing was changed: the file is still schema 5.
        #expect(try store.integer("PRAGMA user_version") == 5)
        #expect(try store.integer("SELECT count(*) FROM sqlite_master WHERE name = 'events_by_case'") == 1)
    }

    @Test func searchingByIdPrefixFindsCasesThroughTheirNumbers() throws {
        let (store, _) = try storeWithCases()
        #expect(try store.searchCases("C-00000", limit: 10, offset: 0).cases.map(\.id).sorted() == ["C-000001", "C-000002", "C-000003"])
        #expect(try store.searchCases("c-000002", limit: 10, offset: 0).cases.map(\.id) == ["C-000002"])
        #expect(try store.searchCases("C-1", limit: 10, offset: 0).cases.isEmpty)
        #expect(try store.searchCases("C-", limit: 10, offset: 0).total == 3)
        // `C-` stands for every case: the count stops at its cap instead of walking them all.
        #expect(try store.searchCount(caseIDPrefix: "C-", customerIDs: [], atMost: 2) == 2)
        #expect(try store.searchCount(caseIDPrefix: "C-", customerIDs: [], atMost: 10) == 3)
        // Twelve ranges of numbers and a customer: each found through a key, none by a scan.
        let plan = try store.searchPlan(caseIDPrefix: "C-1", customerIDs: ["CU-1"])
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN cases") }, "\(plan)")
    }
}
