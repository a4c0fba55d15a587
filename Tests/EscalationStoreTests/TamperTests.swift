import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Every table the desk decides from is bound to the log: a hand edit to any of them is
/// found by `audit verify`, and one to the configuration or mode is refused at every open.
@Suite struct TamperTests {
    /// A centre with two customers, a resolved case with a grant, an escalated case, a
    /// returned case, and an erased customer.
    func storeWithRecord() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(retention: RetentionPeriod(days: 1)))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs", flags: ["vulnerable"]), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Ann Other"), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-3", name: "Gone Away"), actor: "tom", now: Fixtures.start)
        let refund = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))
        let a = try store.openCase(NewCase(customer: "CU-2", summary: "Charged twice", requests: [refund]), actor: "tom", now: Fixtures.minutes(1))
        try store.resolve(caseID: a.id, resolution: Resolution(outcome: .upheld, rationale: "Duplicate", grants: [refund]),
                          actor: "tom", now: Fixtures.minutes(2))
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "Meter wrong"), actor: "tom", now: Fixtures.minutes(3))
        _ = try store.escalate(caseID: b.id, note: "Vulnerable", actor: "tom", now: Fixtures.minutes(4))
        let c = try store.openCase(NewCase(customer: "CU-2", summary: "Late bill"), actor: "ana", now: Fixtures.minutes(5))
        _ = try store.escalate(caseID: c.id, note: "Second opinion", actor: "ana", now: Fixtures.minutes(6))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(7))
        try store.returnCase(caseID: c.id, guidance: "Offer a plan", actor: "priya", now: Fixtures.minutes(8))
        _ = try store.eraseCustomer(id: "CU-3", actor: "maria", rationale: "Asked", overrideRetention: false, now: Fixtures.days(2))
        #expect(try store.verifyChain().isIntact)
        return (store, path)
    }

    /// Edits found by a full verification, each with the table it must name.
    static let projectionEdits: [(sql: String, table: String)] = [
        ("UPDATE cases SET state = 'claimed', holder = 'tom' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET queue_role = 'agent' WHERE id = 'C-000002'", "cases"),
        // The team a referral waits for, and who referred it (whom its outcomes reach).
        ("UPDATE cases SET queue_team = NULL WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET queue_team = 'care' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET escalated_by = 'ana' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET holder = 'tom' WHERE id = 'C-000003'", "cases"),
        ("UPDATE cases SET case_flags = '[\"media\"]' WHERE id = 'C-000001'", "cases"),
        ("UPDATE cases SET identity_verified = 1 - identity_verified WHERE id = 'C-000001'", "cases"),
        ("UPDATE cases SET delegated_role = 'head' WHERE id = 'C-000003'", "cases"),
        ("UPDATE cases SET timeline = '[4]' WHERE id = 'C-000001'", "cases"),
        ("UPDATE cases SET requests = '[]' WHERE id = 'C-000001'", "cases"),
        // Rows that cannot be read as a case at all are named too, and verification goes on.
        ("UPDATE cases SET state = 'lost' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET decision = 'not json' WHERE id = 'C-000002'", "cases"),
        // Lists that are not JSON, or not lists of what they hold, even where the true value is empty.
        ("UPDATE cases SET case_flags = '\"x\"' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET case_flags = '[1]' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET requests = 'zz' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET requests = '[{\"minor\":100}]' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET timeline = '[{' WHERE id = 'C-000002'", "cases"),
        ("UPDATE cases SET number = 99 WHERE number = 3", "cases"),
        // Everyone who referred a case up: a row gone, a row added, a row out of step with its case.
        ("DELETE FROM case_escalators WHERE case_number = 3", "case_escalators"),
        ("INSERT INTO case_escalators SELECT number, 'ana', state, live, deadline_at, received_at, due_at FROM cases WHERE number = 2",
         "case_escalators"),
        ("INSERT INTO case_escalators SELECT number, 'tom', state, live, deadline_at, received_at, due_at FROM cases WHERE number = 1",
         "case_escalators"),
        ("UPDATE case_escalators SET state = 'open' WHERE case_number = 2", "case_escalators"),
        // The due time every queue orders a case by, on the case and on its escalators' rows.
        ("UPDATE cases SET due_at = due_at - 1 WHERE id = 'C-000001'", "cases"),
        ("UPDATE cases SET due_at = NULL WHERE id = 'C-000003'", "cases"),
        ("UPDATE case_escalators SET due_at = due_at + 1 WHERE case_number = 2", "case_escalators"),
        ("DELETE FROM grants", "grants"),
        ("UPDATE grants SET minor = 1", "grants"),
        ("UPDATE grants SET granted_at = 0", "grants"),
        ("INSERT INTO grants (case_number, customer_id, action, minor, granted_at) VALUES (2, 'CU-1', 'refund', 100, 0)", "grants"),
        ("UPDATE resolutions SET outcome = 'not_upheld'", "resolutions"),
        ("DELETE FROM resolutions", "resolutions"),
        ("UPDATE customers SET flags = '[]' WHERE id = 'CU-1'", "customers"),
        ("UPDATE customers SET erased_at = 5 WHERE id = 'CU-2'", "customers"),
        ("INSERT INTO customers (id, name_sealed, contact_sealed, flags, created_at) VALUES ('CU-9', NULL, NULL, '[]', 0)", "customers"),
        ("DELETE FROM vault_keys WHERE owner = 'CU-2'", "vault_keys"),
        ("UPDATE vault_keys SET key = (SELECT key FROM vault_keys WHERE owner = 'CU-1') WHERE owner = 'CU-2'", "vault_keys"),
        ("INSERT INTO vault_keys (owner, key) VALUES ('CU-3', x'00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff')", "vault_keys"),
        ("DELETE FROM customer_terms WHERE customer_id = 'CU-1'", "customer_terms"),
        ("INSERT INTO customer_terms (term, customer_id) VALUES ('gone', 'CU-3')", "customer_terms"),
    ]

    @Test(arguments: projectionEdits.indices)
    func aHandEditToAProjectionIsFound(_ index: Int) throws {
        let (sql, table) = Self.projectionEdits[index]
        let (store, _) = try storeWithRecord()
        try store.executeRaw(sql)
        let result = try store.verifyChain()
        #expect(result.firstBad == nil, "the chain itself was not touched")
        #expect(!result.isIntact, "\(sql)")
        #expect(result.mismatches.first?.table == table, "\(sql): \(result.mismatches)")
    }

    /// The first case that differs is the one named, whatever else differs after it.
    @Test func theFirstCaseThatDiffersIsNamed() throws {
        let (store, _) = try storeWithRecord()
        try store.executeRaw("UPDATE cases SET live = 1 WHERE id IN ('C-000002', 'C-000003')")
        #expect(try store.verifyChain().firstBadCase == "C-000002")
    }

    /// Edits to what the desk decides from are refused at every open, before anyone acts on
    /// them; verification names them too.
    static let configurationEdits: [String] = [
        "UPDATE centre SET training = 1 - training",
        "UPDATE centre SET centre_json = replace(centre_json, '\"role\":\"agent\"', '\"role\":\"head\"')",
        "UPDATE matrix_versions SET policy_json = replace(policy_json, '5000', '70000')",
        "UPDATE matrix_versions SET status = 'rejected'",
        "UPDATE matrix_versions SET effective_at = effective_at + 1",
        "INSERT INTO matrix_versions (version, policy_json, policy_sha256, status, base_version, effective_at, created_at, created_by, decided_at, decided_by, approval_seq) SELECT '2', policy_json, policy_sha256, 'approved', '1', effective_at + 1, created_at, 'tom', created_at, 'helen', 99 FROM matrix_versions",
    ]

    @Test(arguments: configurationEdits)
    func aHandEditToTheConfigurationIsRefusedAtOpen(_ sql: String) throws {
        let (store, path) = try storeWithRecord()
        try store.executeRaw(sql)
        let error = refusal { _ = try DeskStore.open(at: path) }
        guard case .recordAltered? = error else { Issue.record("\(sql): opened (\(String(describing: error)))"); return }
        #expect(error?.exitCode == 65)
        let audit = try DeskStore.open(at: path, checkingConfiguration: false).verifyChain()
        #expect(!audit.isIntact)
        #expect(["configuration", "matrix_versions"].contains(audit.mismatches.first?.table ?? ""), "\(audit.mismatches)")
    }

    @Test func anIntactRecordOpensAndVerifies() throws {
        let (_, path) = try storeWithRecord()
        let result = try DeskStore.open(at: path).verifyChain()
        #expect(result.isIntact)
        #expect(result.mismatches.isEmpty)
        #expect(result.firstBadEvent == nil)
    }
}

/// A case row that cannot be read as a case is named with what is wrong with it, and the
/// cases after it are still checked; reading it at the desk is refused as corrupt.
@Suite struct UnreadableCaseTests {
    @Test func anUnreadableRowIsNamedAndTheRestAreStillChecked() throws {
        let (store, _) = try TamperTests().storeWithRecord()
        try store.executeRaw("UPDATE cases SET state = 'lost' WHERE id = 'C-000002'")
        try store.executeRaw("UPDATE cases SET live = 1 WHERE id = 'C-000003'")
        let result = try store.verifyChain()
        #expect(result.mismatches.map(\.key) == ["C-000002", "C-000003"], "\(result.mismatches)")
        #expect(result.mismatches.first?.detail == "state is lost, which no case can be in")
        #expect(refusal { _ = try store.caseDetail(id: "C-000002") } == .corrupt("case C-000002 cannot be read: state is lost, which no case can be in"))
    }

    @Test func aListThatIsNotJSONIsNamedAndAPayloadThatIsNotJSONIsDamage() throws {
        let (store, _) = try TamperTests().storeWithRecord()
        try store.executeRaw("UPDATE cases SET timeline = '[{' WHERE id = 'C-000002'")
        let result = try store.verifyChain()
        #expect(result.mismatches.first == RecordMismatch(table: "cases", key: "C-000002", detail: "timeline cannot be read"),
                "\(result.mismatches)")
        let (other, _) = try TamperTests().storeWithRecord()
        let seq = try #require(try other.integer("SELECT min(seq) FROM events WHERE case_id = 'C-000001'"))
        try other.executeRaw("UPDATE events SET payload = 'not json' WHERE seq = \(seq)")
        let refused = refusal { _ = try other.caseDetail(id: "C-000001") }
        #expect(refused?.exitCode == 65, "\(String(describing: refused))")
        #expect(refused?.description.contains("not valid at byte 0") == true, "\(String(describing: refused))")
    }

    @Test func aDifferenceIsShownInPlainWordsWhereItIs() {
        let a = RecordVerifier.describe([RemedyRequest(action: "refund", amount: nil)])
        #expect(a == "[(action: refund, amount: none)]")
        let long = String(repeating: "x", count: 60)
        let (x, y) = RecordVerifier.excerpts(long + "a", long + "b")
        #expect(x.hasPrefix("…") && x.hasSuffix("a") && y.hasSuffix("b"))
        #expect(RecordVerifier.excerpts("short", "shirt") == ("short", "shirt"))
    }

    @Test func aNumberNotWrittenInItsIdIsNamed() throws {
        let (store, _) = try TamperTests().storeWithRecord()
        try store.executeRaw("UPDATE cases SET number = 99 WHERE number = 3")
        let result = try store.verifyChain()
        #expect(result.mismatches.first == RecordMismatch(table: "cases", key: "C-000003", detail: "number is 99 but its id says 3"),
                "\(result.mismatches)")
    }
}
