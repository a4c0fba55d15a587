import EscalationCore
import Foundation
import GRDB

/// The database's shape as a frozen timeline: a shipped migration is never edited; a change
/// is a new one appended below. `schemaVersion` goes up with each and is written to
/// `PRAGMA user_version`, so an older escdesk can refuse a newer file in words.
enum SQLiteSchema {
    /// "ESCD": marks the file as ours in the SQLite header (`PRAGMA application_id`).
    static let applicationID: Int32 = 0x4553_4344
    /// The newest schema this build understands.
    static let schemaVersion = 16

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("v3", migrate: v3)
        // v4 and v5 touch no foreign key, so they run with keys enforced instead of
        // GRDB's check of every reference afterwards (about 3 s on a million cases).
        migrator.registerMigration("v4", foreignKeyChecks: .immediate, migrate: v4)
        migrator.registerMigration("v5", foreignKeyChecks: .immediate, migrate: v5)
        migrator.registerMigration("v6", migrate: v6)
        migrator.registerMigration("v7", foreignKeyChecks: .immediate, migrate: v7)
        migrator.registerMigration("v8", foreignKeyChecks: .immediate, migrate: v8)
        migrator.registerMigration("v9", foreignKeyChecks: .immediate, migrate: v9)
        migrator.registerMigration("v11", foreignKeyChecks: .immediate, migrate: v11)
        migrator.registerMigration("v12", foreignKeyChecks: .immediate, migrate: v12)
        migrator.registerMigration("v13", foreignKeyChecks: .immediate, migrate: v13)
        migrator.registerMigration("v14", foreignKeyChecks: .immediate, migrate: v14)
        migrator.registerMigration("v15", foreignKeyChecks: .immediate, migrate: v15)
        migrator.registerMigration("v16", foreignKeyChecks: .immediate, migrate: v16)
        return migrator
    }

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE centre (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                organisation TEXT NOT NULL,
                centre_json TEXT NOT NULL,
                training INTEGER NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE matrix_versions (
                version TEXT PRIMARY KEY,
                policy_json TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'proposed', 'approved', 'in_force', 'superseded')),
                effective_at INTEGER,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY,
                case_id TEXT,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            );
            CREATE INDEX events_by_case ON events (case_id, seq) WHERE case_id IS NOT NULL;
            CREATE TABLE chain_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                seq INTEGER NOT NULL,
                hash TEXT NOT NULL
            );
            INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '\(ChainHead.genesisHash)');
            CREATE TABLE vault_keys (
                owner TEXT PRIMARY KEY,
                key BLOB NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE customers (
                id TEXT PRIMARY KEY,
                name_sealed TEXT,
                contact_sealed TEXT,
                flags TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                erased_at INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE cases (
                id TEXT PRIMARY KEY,
                number INTEGER NOT NULL UNIQUE,
                customer_id TEXT NOT NULL REFERENCES customers (id),
                kind TEXT NOT NULL,
                channel TEXT NOT NULL,
                summary_sealed TEXT NOT NULL,
                state TEXT NOT NULL,
                live INTEGER NOT NULL,
                case_flags TEXT NOT NULL,
                identity_verified INTEGER NOT NULL,
                queue_role TEXT,
                holder TEXT,
                escalated_by TEXT,
                delegated_by TEXT,
                delegated_role TEXT,
                opened_by TEXT NOT NULL,
                requests TEXT NOT NULL,
                decision TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                escalated_at INTEGER,
                resolved_at INTEGER,
                closed_at INTEGER,
                deadline_at INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_state ON cases (state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_in_order ON cases (live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
            CREATE TABLE grants (
                id INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                customer_id TEXT NOT NULL,
                action TEXT NOT NULL,
                minor INTEGER NOT NULL,
                granted_at INTEGER NOT NULL
            );
            CREATE INDEX grants_by_customer ON grants (customer_id, action, granted_at);
            CREATE INDEX grants_by_case ON grants (case_id);
            CREATE TABLE resolutions (
                seq INTEGER PRIMARY KEY,
                case_id TEXT NOT NULL REFERENCES cases (id),
                outcome TEXT NOT NULL,
                root_cause TEXT NOT NULL,
                matrix_version TEXT NOT NULL,
                handler_role TEXT NOT NULL,
                resolver TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                escalated_at INTEGER,
                resolved_at INTEGER NOT NULL,
                grants TEXT NOT NULL
            );
            CREATE INDEX resolutions_by_time ON resolutions (resolved_at);
            CREATE INDEX resolutions_by_case ON resolutions (case_id);
            PRAGMA user_version = 1;
            """)
    }

    /// Search: customers' name words (the one plaintext copy of a name, deleted on
    /// erasure) and a case-insensitive index of customer ids. Existing customers' names are
    /// unsealed once to fill the index.
    private static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE customer_terms (
                term TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                PRIMARY KEY (term, customer_id)
            ) WITHOUT ROWID;
            CREATE INDEX customers_by_id_nocase ON customers (id COLLATE NOCASE);
            """)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.name_sealed, k.key FROM customers c JOIN vault_keys k ON k.owner = c.id
            WHERE c.erased_at IS NULL AND c.name_sealed IS NOT NULL
            """)
        while let row = try rows.next() {
            let key: Data = row["key"]
            guard let name = Vault(keyBytes: key).open(row["name_sealed"]) else { continue }
            let id: String = row["id"]
            for term in SearchTerms.words(name) {
                try db.execute(sql: "INSERT OR IGNORE INTO customer_terms (term, customer_id) VALUES (?, ?)", arguments: [term, id])
            }
        }
        try db.execute(sql: "PRAGMA user_version = 2")
    }

    /// Fewer b-trees for every case write: the case number becomes the table's own key
    /// (no separate unique index, and the next number is read off the end of the table);
    /// `cases_in_order` goes, since a listing across states is a merge of `cases_by_state`
    /// ranges; `cases_by_holder` keeps only held cases. Foreign keys are checked by the
    /// migrator after the table is rebuilt.
    private static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE cases_v3 (
                number INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                customer_id TEXT NOT NULL REFERENCES customers (id),
                kind TEXT NOT NULL,
                channel TEXT NOT NULL,
                summary_sealed TEXT NOT NULL,
                state TEXT NOT NULL,
                live INTEGER NOT NULL,
                case_flags TEXT NOT NULL,
                identity_verified INTEGER NOT NULL,
                queue_role TEXT,
                holder TEXT,
                escalated_by TEXT,
                delegated_by TEXT,
                delegated_role TEXT,
                opened_by TEXT NOT NULL,
                requests TEXT NOT NULL,
                decision TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                escalated_at INTEGER,
                resolved_at INTEGER,
                closed_at INTEGER,
                deadline_at INTEGER NOT NULL,
                version INTEGER NOT NULL
            );
            INSERT INTO cases_v3 (number, id, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                                  identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role,
                                  opened_by, requests, decision, received_at, escalated_at, resolved_at, closed_at,
                                  deadline_at, version)
            SELECT number, id, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                   identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role,
                   opened_by, requests, decision, received_at, escalated_at, resolved_at, closed_at,
                   deadline_at, version
            FROM cases ORDER BY number;
            DROP TABLE cases;
            ALTER TABLE cases_v3 RENAME TO cases;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number)
                WHERE holder IS NOT NULL;
            CREATE INDEX cases_by_state ON cases (state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
            PRAGMA user_version = 3;
            """)
    }

    /// One b-tree fewer for every case write: `cases_by_state` goes, since a listing of
    /// all cases in a state is a merge of that state's range for each queue role in
    /// `cases_by_queue` (a handful of roles, each range already in queue order).
    private static func v4(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX cases_by_state;
            PRAGMA user_version = 4;
            """)
    }

    /// One page fewer for every append: the chain head moves from its own table (a page
    /// written with every event) to a mark on the newest event, which sits in the page the
    /// event is appended to. A head that did not match the log (tampering) gives no event
    /// the mark, so `audit verify` still reports it. The column has no CHECK: SQLite would
    /// test it against every existing event (seconds on a million cases); only
    /// `appendEvent` writes it, with 1 or NULL.
    private static func v5(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE events ADD COLUMN head INTEGER;
            UPDATE events SET head = 1
            WHERE seq = (SELECT max(seq) FROM events)
              AND seq = (SELECT seq FROM chain_head WHERE id = 1)
              AND hash = (SELECT hash FROM chain_head WHERE id = 1);
            DROP TABLE chain_head;
            PRAGMA user_version = 5;
            """)
    }

    /// Two b-trees fewer for every case event. A case's row lists its events' seqs
    /// (`timeline`, a JSON array), so `events_by_case` goes; ids are found by number (an id
    /// is its number written out), so the unique index of ids goes with a rebuild of the
    /// table, and grants and resolutions now name their case by number (their foreign key
    /// needs a unique parent column). Rows are copied as they are; an id not written from
    /// its number (never made by escdesk) stops the upgrade, since it could not be found.
    ///
    /// The old tables hold no plaintext (sealed text and ids, amounts, states), so their
    /// freed pages need not be zeroed: `secure_delete` is relaxed for the drops only, which
    /// spares rewriting a gigabyte on a million cases. The freed pages are reused by new
    /// cases.
    private static func v6(_ db: Database) throws {
        let stray = try Int.fetchOne(db, sql: "SELECT count(*) FROM cases WHERE id <> printf('C-%06d', number)") ?? 0
        guard stray == 0 else {
            throw StoreError.corrupt("\(stray) case ids are not written from their case numbers; this database was not made by escdesk")
        }
        try db.execute(sql: """
            CREATE TABLE cases_v6 (
                number INTEGER PRIMARY KEY,
                id TEXT NOT NULL,
                customer_id TEXT NOT NULL REFERENCES customers (id),
                kind TEXT NOT NULL,
                channel TEXT NOT NULL,
                summary_sealed TEXT NOT NULL,
                state TEXT NOT NULL,
                live INTEGER NOT NULL,
                case_flags TEXT NOT NULL,
                identity_verified INTEGER NOT NULL,
                queue_role TEXT,
                holder TEXT,
                escalated_by TEXT,
                delegated_by TEXT,
                delegated_role TEXT,
                opened_by TEXT NOT NULL,
                requests TEXT NOT NULL,
                decision TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                escalated_at INTEGER,
                resolved_at INTEGER,
                closed_at INTEGER,
                deadline_at INTEGER NOT NULL,
                version INTEGER NOT NULL,
                timeline TEXT NOT NULL
            );
            INSERT INTO cases_v6 (number, id, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                                  identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role,
                                  opened_by, requests, decision, received_at, escalated_at, resolved_at, closed_at,
                                  deadline_at, version, timeline)
            SELECT number, id, customer_id, kind, channel, summary_sealed, state, live, case_flags,
                   identity_verified, queue_role, holder, escalated_by, delegated_by, delegated_role,
                   opened_by, requests, decision, received_at, escalated_at, resolved_at, closed_at,
                   deadline_at, version,
                   coalesce((SELECT json_group_array(seq) FROM (SELECT seq FROM events e WHERE e.case_id = c.id ORDER BY seq)), '[]')
            FROM cases c ORDER BY number;
            CREATE TABLE grants_v6 (
                id INTEGER PRIMARY KEY,
                case_number INTEGER NOT NULL REFERENCES cases (number),
                customer_id TEXT NOT NULL,
                action TEXT NOT NULL,
                minor INTEGER NOT NULL,
                granted_at INTEGER NOT NULL
            );
            INSERT INTO grants_v6 (id, case_number, customer_id, action, minor, granted_at)
            SELECT g.id, c.number, g.customer_id, g.action, g.minor, g.granted_at FROM grants g JOIN cases c ON c.id = g.case_id
            ORDER BY g.id;
            CREATE TABLE resolutions_v6 (
                seq INTEGER PRIMARY KEY,
                case_number INTEGER NOT NULL REFERENCES cases (number),
                outcome TEXT NOT NULL,
                root_cause TEXT NOT NULL,
                matrix_version TEXT NOT NULL,
                handler_role TEXT NOT NULL,
                resolver TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                escalated_at INTEGER,
                resolved_at INTEGER NOT NULL,
                grants TEXT NOT NULL
            );
            INSERT INTO resolutions_v6 (seq, case_number, outcome, root_cause, matrix_version, handler_role, resolver,
                                        received_at, escalated_at, resolved_at, grants)
            SELECT r.seq, c.number, r.outcome, r.root_cause, r.matrix_version, r.handler_role, r.resolver,
                   r.received_at, r.escalated_at, r.resolved_at, r.grants
            FROM resolutions r JOIN cases c ON c.id = r.case_id ORDER BY r.seq;
            PRAGMA secure_delete = FAST;
            DROP TABLE grants;
            DROP TABLE resolutions;
            DROP TABLE cases;
            DROP INDEX events_by_case;
            PRAGMA secure_delete = ON;
            ALTER TABLE cases_v6 RENAME TO cases;
            ALTER TABLE grants_v6 RENAME TO grants;
            ALTER TABLE resolutions_v6 RENAME TO resolutions;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, deadline_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, deadline_at, received_at, number)
                WHERE holder IS NOT NULL;
            CREATE INDEX cases_by_customer ON cases (customer_id, received_at);
            CREATE INDEX grants_by_customer ON grants (customer_id, action, granted_at);
            CREATE INDEX grants_by_case ON grants (case_number);
            CREATE INDEX resolutions_by_time ON resolutions (resolved_at);
            CREATE INDEX resolutions_by_case ON resolutions (case_number);
            PRAGMA user_version = 6;
            """)
    }

    /// Replay and monitoring read a case's whole history, so a case's events are found by
    /// its id again (`events_by_case`, which v6 dropped), whatever its row lists. Touches no
    /// foreign key.
    private static func v7(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX events_by_case ON events (case_id, seq) WHERE case_id IS NOT NULL;
            PRAGMA user_version = 7;
            """)
    }

    /// Team routing and outcomes back to the escalator (issue 13): each case's queue team
    /// (the team a referral waits for, NULL for role-wide and for every case before v8,
    /// whose events record no team), indexed with the queue's order for "Referred to me" and
    /// "Other teams" (partial: role-wide referrals are found through `cases_by_queue`); and
    /// who last referred each case up, indexed for "Escalated by me". Adding a column with no
    /// default rewrites no row; the escalator index reads the table once (about 2 s a
    /// million cases). Touches no foreign key.
    private static func v8(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE cases ADD COLUMN queue_team TEXT;
            CREATE INDEX cases_by_team ON cases (queue_role, state, queue_team, live DESC, deadline_at, received_at, number)
                WHERE queue_team IS NOT NULL;
            CREATE INDEX cases_by_escalator ON cases (escalated_by, state, live DESC, deadline_at, received_at, number)
                WHERE escalated_by IS NOT NULL;
            PRAGMA user_version = 8;
            """)
    }

    /// Search over cases' free text (`CaseTextIndex`): `shardCount` FTS5 tables (words only,
    /// no positions: `detail=none`, the smallest index, which is all single-word matching
    /// needs) and the vocabulary of their words. Existing cases' summaries and notes are
    /// unsealed once to fill them; an erased customer's texts no longer open and are not
    /// indexed. Touches no foreign key.
    private static func v9(_ db: Database) throws {
        for shard in 0..<CaseTextIndex.shardCount {
            try db.execute(sql: """
                CREATE VIRTUAL TABLE \(CaseTextIndex.table(shard)) USING fts5(
                    text, tokenize = 'unicode61 remove_diacritics 2', detail = none)
                """)
        }
        try db.execute(sql: "CREATE TABLE case_words (word TEXT PRIMARY KEY) WITHOUT ROWID")
        let texts: [String: String] = [
            "case_opened": "summary", "case_escalated": "note", "case_returned": "note",
            "case_reopened": "note", "case_resolved": "rationale",
        ]
        let cases = try Row.fetchCursor(db, sql: """
            SELECT c.number, c.id, c.customer_id, c.timeline, k.key FROM cases c JOIN vault_keys k ON k.owner = c.customer_id
            ORDER BY c.number
            """)
        let events = try db.makeStatement(sql: "SELECT seq, kind, payload FROM events WHERE case_id = ? ORDER BY seq")
        var inserts: [Int: Statement] = [:]
        var vocabulary = Set<String>()
        while let row = try cases.next() {
            let number: Int64 = row["number"]
            let customer: String = row["customer_id"]
            let vault = Vault(keyBytes: row["key"] as Data)
            let timeline = StoredList.decodeNumbers(row["timeline"])
            let shard = CaseTextIndex.shard(customer: customer)
            let insert = try inserts[shard] ?? db.makeStatement(sql: "INSERT INTO \(CaseTextIndex.table(shard)) (rowid, text) VALUES (?, ?)")
            inserts[shard] = insert
            let rows = try Row.fetchCursor(events, arguments: [row["id"] as String])
            while let event = try rows.next() {
                guard let field = texts[event["kind"]], let position = timeline.firstIndex(of: event["seq"]),
                      let rowID = CaseTextIndex.rowID(caseNumber: number, position: position),
                      let sealed = try JSONValue.parse(event["payload"])[field]?.string, let text = vault.open(sealed)
                else { continue }
                try insert.execute(arguments: [rowID, text])
                vocabulary.formUnion(CaseTextIndex.vocabulary(text))
            }
        }
        let word = try db.makeStatement(sql: "INSERT INTO case_words (word) VALUES (?)")
        for w in vocabulary.sorted() { try word.execute(arguments: [w]) }
        for shard in 0..<CaseTextIndex.shardCount {
            let table = CaseTextIndex.table(shard)
            try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
        }
        try db.execute(sql: "PRAGMA user_version = 9")
    }

    /// Matrix governance: each version's base, digest, rationales, decider and approval
    /// order, and the statuses a governed version can have (proposed, approved, rejected;
    /// in force and superseded are worked out from the effective times). The first
    /// version, in force since creation, becomes approved by the event that created the
    /// database. The governance events are found through an index of the centre's own events.
    static func v11(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE matrix_versions_v11 (
                version TEXT PRIMARY KEY,
                policy_json TEXT NOT NULL,
                policy_sha256 TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
                base_version TEXT,
                effective_at INTEGER,
                created_at INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                proposal_rationale TEXT,
                decided_at INTEGER,
                decided_by TEXT,
                decision_rationale TEXT,
                approval_seq INTEGER
            ) WITHOUT ROWID
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO matrix_versions_v11 (version, policy_json, policy_sha256, status, effective_at, created_at, created_by,
                decided_at, decided_by, approval_seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM matrix_versions")
        for row in rows {
            let json: String = row["policy_json"]
            let old: String = row["status"]
            let approved = ["approved", "in_force", "superseded"].contains(old)
            let createdAt: Int64 = row["created_at"]
            try insert.execute(arguments: [
                row["version"], json, EventChain.digest(json), approved ? "approved" : "proposed", row["effective_at"],
                createdAt, row["created_by"], approved ? createdAt : nil, approved ? row["created_by"] : nil,
                approved ? 1 : nil,
            ])
        }
        try db.execute(sql: """
            DROP TABLE matrix_versions;
            ALTER TABLE matrix_versions_v11 RENAME TO matrix_versions;
            CREATE INDEX events_of_centre ON events (kind) WHERE case_id IS NULL;
            PRAGMA user_version = 11;
            """)
    }

    /// Everyone who referred each case up, not only the last (`case_escalators`): an agent
    /// whose case a team leader refers higher keeps it in "Escalated by me" and still hears
    /// its outcome. Each row carries its case's queue-order columns, kept with the case, so
    /// "Escalated by me" is a range of `case_escalators_by_staff` in queue order, paged
    /// without sorting; v8's index of the last escalator goes, one b-tree fewer for every
    /// case write. Filled from the log's escalation events (a read of the events table);
    /// staff ids only, so erasure never touches it. No foreign key: `audit verify` names a
    /// row that belongs to no case's history.
    static func v12(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE case_escalators (
                case_number INTEGER NOT NULL,
                staff_id TEXT NOT NULL,
                state TEXT NOT NULL,
                live INTEGER NOT NULL,
                deadline_at INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                PRIMARY KEY (case_number, staff_id)
            ) WITHOUT ROWID;
            INSERT OR IGNORE INTO case_escalators (case_number, staff_id, state, live, deadline_at, received_at)
            SELECT c.number, e.actor, c.state, c.live, c.deadline_at, c.received_at
            FROM events e JOIN cases c ON c.number = CAST(substr(e.case_id, 3) AS INTEGER) AND c.id = e.case_id
            WHERE e.kind = 'case_escalated' AND e.case_id IS NOT NULL
            ORDER BY c.number;
            CREATE INDEX case_escalators_by_staff
                ON case_escalators (staff_id, state, live DESC, deadline_at, received_at, case_number);
            DROP INDEX cases_by_escalator;
            PRAGMA user_version = 12;
            """)
    }

    /// Regulatory clocks (issue 15): each customer's calendar (NULL: the centre's), and
    /// `case_clocks`, each active case's clocks with their due and warning times, indexed for
    /// queues (by due time, running clocks only) and for the sweep (by warning time, clocks
    /// it must still act on only). Existing active cases are backfilled through the very
    /// function the commands use (`ClockProjection.projection`, through `ClockBackfill`), each
    /// case from its own events, so `audit verify` finds exactly what it rebuilds. Touches no
    /// foreign key of an existing row (the new rows reference cases that exist).
    static func v13(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE customers ADD COLUMN calendar TEXT;
            CREATE TABLE case_clocks (
                case_number INTEGER NOT NULL REFERENCES cases (number),
                clock TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                warn_at INTEGER NOT NULL,
                state TEXT NOT NULL,
                escalate_to TEXT,
                escalated_at INTEGER,
                PRIMARY KEY (case_number, clock)
            ) WITHOUT ROWID;
            CREATE INDEX case_clocks_by_due ON case_clocks (due_at, case_number) WHERE state IN ('running', 'breached');
            CREATE INDEX case_clocks_by_warn ON case_clocks (warn_at, case_number) WHERE escalate_to IS NOT NULL;
            """)
        try backfillClocks(db)
        try db.execute(sql: "PRAGMA user_version = 13")
    }

    /// Fills `case_clocks` for every active case (v13).
    private static func backfillClocks(_ db: Database) throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO case_clocks (case_number, clock, due_at, warn_at, state, escalate_to, escalated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try ClockBackfill.forEachActiveCase(db) { _, projected in
            for clock in projected.rows {
                try insert.execute(arguments: [clock.caseNumber, clock.clock, clock.dueAt, clock.warnAt, clock.state,
                                               clock.escalateTo, clock.escalatedAt])
            }
        }
    }

    /// Queues ordered by the nearest clock (issue 15): `due_at`, the time a case's queues
    /// order it by (`ClockProjection.projection`: its nearest unmet clock's due time, else its
    /// flat deadline), on each case and on each of its `case_escalators` rows, and the
    /// listing indexes rebuilt on it in place of the deadline, so every queue is still a
    /// merge of index ranges in order. Every case takes its deadline; active cases then take
    /// what the core works out for them, as the commands would. Cases rows hold no
    /// plaintext, so rewriting them need not zero the space they leave (`secure_delete`
    /// relaxed, as in v6). Touches no foreign key.
    static func v14(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX cases_by_queue;
            DROP INDEX cases_by_holder;
            DROP INDEX cases_by_team;
            DROP INDEX case_escalators_by_staff;
            ALTER TABLE cases ADD COLUMN due_at INTEGER;
            ALTER TABLE case_escalators ADD COLUMN due_at INTEGER;
            PRAGMA secure_delete = FAST;
            UPDATE cases SET due_at = deadline_at;
            """)
        let update = try db.makeStatement(sql: "UPDATE cases SET due_at = ? WHERE number = ? AND due_at <> ?")
        try ClockBackfill.forEachActiveCase(db) { c, projected in
            guard projected.dueAt != c.deadlineAt, let number = CaseNumbers.number(ofID: c.id) else { return }
            try update.execute(arguments: [projected.dueAt, number, projected.dueAt])
        }
        try db.execute(sql: """
            UPDATE case_escalators SET due_at = (SELECT c.due_at FROM cases c WHERE c.number = case_escalators.case_number);
            PRAGMA secure_delete = ON;
            CREATE INDEX cases_by_queue ON cases (queue_role, state, live DESC, due_at, received_at, number);
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, due_at, received_at, number)
                WHERE holder IS NOT NULL;
            CREATE INDEX cases_by_team ON cases (queue_role, state, queue_team, live DESC, due_at, received_at, number)
                WHERE queue_team IS NOT NULL;
            CREATE INDEX case_escalators_by_staff
                ON case_escalators (staff_id, state, live DESC, due_at, received_at, case_number);
            PRAGMA user_version = 14;
            """)
    }

    /// Role-wide referrals found without reading every team's (issue 13): the "Referred to
    /// me" queue of a team leader merges their team's waiting cases (`cases_by_team`) with
    /// the role-wide ones, which `cases_by_queue` could give only by reading the row of every
    /// case waiting at the rung to see it names no team (800 ms at a million cases). This
    /// partial index holds only the role-wide ones, in queue order. Touches no row.
    static func v15(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX cases_by_role_wide ON cases (queue_role, state, live DESC, due_at, received_at, number)
                WHERE queue_team IS NULL;
            PRAGMA user_version = 15;
            """)
    }

    /// A person's claimed referrals counted from the index alone: "Referred to me" counts
    /// the cases someone holds as claimed at their rung (holder, state and queue role), and
    /// without the queue role in `cases_by_holder` SQLite read the row of each to check it
    /// (17,741 rows, 0.9 s from a cold disk, for a team leader of the million-case demo). The
    /// role goes last, so the index still lists a person's cases in queue order. Touches no row.
    static func v16(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX cases_by_holder;
            CREATE INDEX cases_by_holder ON cases (holder, state, live DESC, due_at, received_at, number, queue_role)
                WHERE holder IS NOT NULL;
            PRAGMA user_version = 16;
            """)
    }
}
