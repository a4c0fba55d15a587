import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Schema 7: a case's events are found by its id through `events_by_case`, for replay and
/// monitoring, on new databases and on databases the previous release wrote.
@Suite struct SchemaSevenTests {
    /// A store whose two cases interleave their events.
    private func storeWithCases() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        let first = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice"), actor: "tom", now: Fixtures.minutes(1))
        let second = try store.openCase(NewCase(customer: "CU-1", summary: "Meter"), actor: "ana", now: Fixtures.minutes(2))
        _ = try store.escalate(caseID: first.id, note: "Wants a manager", actor: "tom", now: Fixtures.minutes(3))
        _ = try store.escalate(caseID: second.id, note: "Second opinion", actor: "ana", now: Fixtures.minutes(4))
        try store.claim(caseID: first.id, actor: "priya", now: Fixtures.minutes(5))
        return (store, path)
    }

    /// SQLite's plan for reading one case's history.
    private func historyPlan(_ store: DeskStore, caseID: String) throws -> [String] {
        try (store.ledger as! SQLiteLedger).read { try ($0 as! SQLiteTransaction).historyPlan(caseID: caseID) }
    }

    @Test func aCasesEventsAreFoundThroughTheIndexInOrder() throws {
        let (store, _) = try storeWithCases()
        #expect(try store.caseDetail(id: "C-000001").timeline.map(\.kind) == [.caseOpened, .caseEscalated, .caseClaimed])
        #expect(try store.caseDetail(id: "C-000002").timeline.map(\.kind) == [.caseOpened, .caseEscalated])
        let plan = try historyPlan(store, caseID: "C-000001")
        #expect(plan.contains { $0.contains("USING INDEX events_by_case") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test func aSchemaSixDatabaseGetsTheIndexOnceAndStillVerifies() throws {
        let (store, path) = try storeWithCases()
        let before = try (1...2).map { try store.caseDetail(id: CaseNumbers.id($0)) }
        try Fixtures.downgradeToSchemaSix(store)
        #expect(try store.integer("SELECT count(*) FROM sqlite_master WHERE name = 'events_by_case'") == 0)

        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[6, SQLiteSchema.schemaVersion]])
        #expect(try again.integer("PRAGMA user_version") == SQLiteSchema.schemaVersion)
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE name = 'events_by_case'") == 1)
        _ = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[6, SQLiteSchema.schemaVersion]], "a current file is not announced as upgraded")
        #expect(try (1...2).map { try again.caseDetail(id: CaseNumbers.id($0)) } == before)
        #expect(try again.verifyChain().isIntact)
        #expect(try historyPlan(again, caseID: "C-000002").contains { $0.contains("USING INDEX events_by_case") })
    }
}
