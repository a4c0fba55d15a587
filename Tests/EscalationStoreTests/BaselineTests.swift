import EscalationCore
import Foundation
import GRDB
import Testing
@testable import EscalationStore

/// The benchmark's yardsticks must write what they say they write, rows the size of the
/// store's own, or the ratios it prints compare the store with something else. Sizes are
/// checked against SQLite's own account of each table (`dbstat`: bytes of records on leaf
/// pages), not against the arithmetic that made them.
@Suite struct BaselineTests {
    /// Average record bytes of a table's rows, as stored.
    private func recordBytes(_ table: String, in path: String) throws -> Double {
        try DatabaseQueue(path: path).read { db in
            try Double.fetchOne(db, sql: "SELECT sum(payload) * 1.0 / sum(ncell) FROM dbstat WHERE name = ? AND pagetype = 'leaf'",
                                arguments: [table]) ?? 0
        }
    }

    private func count(_ table: String, in path: String) throws -> Int? {
        try DatabaseQueue(path: path).read { db in
            try db.tableExists(table) ? Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") : nil
        }
    }

    private func indexes(in path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    /// A store whose case rows are all alike (one case per customer: no repeat contacts).
    private func storeWithCases(_ n: Int) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        for i in 1...n {
            try store.addCustomer(NewCustomer(id: "CU-\(i)", name: "Customer \(i)"), actor: "tom",
                                  now: Fixtures.minutes(Double(i) - 0.5))
            _ = try store.openCase(NewCase(customer: "CU-\(i)", summary: "Billed twice for the March direct debit (\(i))",
                                           requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(42))]),
                                   actor: "tom", now: Fixtures.minutes(Double(i)))
        }
        return (store, path)
    }

    @Test func sizeEstimatesMatchTheStoresRecords() throws {
        let (store, path) = try storeWithCases(40)
        _ = store.ledger.purgeResidue(waitingUpTo: 0)
        let events = try recordBytes("events", in: path), cases = try recordBytes("cases", in: path)
        #expect(abs(Double(try store.averageEventBytes()) - events) <= events * 0.03)
        #expect(abs(Double(try store.averageCaseRowBytes()) - cases) <= cases * 0.03)
        // The newest rows alone, as the benchmark sizes its yardsticks.
        #expect(try store.averageCaseRowBytes(newest: 1) > 0)
        #expect(try store.averageEventBytes(kind: .caseOpened, newest: 1) > 0)
    }

    @Test func rawRowsAreTheSizeAskedForAndNothingElseIsWritten() throws {
        let path = Fixtures.folder().appendingPathComponent("raw.sqlite").path
        let raw = try SQLiteBaseline(path: path, bytesPerRow: 700)
        _ = try raw.insert(rows: 30)
        #expect(try count("rows", in: path) == 30)
        #expect(try count("cases", in: path) == nil)
        #expect(try indexes(in: path).isEmpty)
        #expect(abs(try recordBytes("rows", in: path) - 700) <= 700 * 0.03)
    }

    @Test func theFloorWritesACaseRowOfTheSizeAskedForIntoTheStoresThreeListingIndexes() throws {
        let path = Fixtures.folder().appendingPathComponent("floor.sqlite").path
        let floor = try SQLiteBaseline(path: path, bytesPerRow: 700, caseRowBytes: 450)
        _ = try floor.insert(rows: 30)
        #expect(try count("rows", in: path) == 30)
        #expect(try count("cases", in: path) == 30)
        #expect(try indexes(in: path) == ["cases_by_customer", "cases_by_holder", "cases_by_queue"])
        #expect(abs(try recordBytes("cases", in: path) - 450) <= 450 * 0.03)
        #expect(abs(try recordBytes("rows", in: path) - 700) <= 700 * 0.03)
    }

    @Test func withNoCasesThereIsNoSize() throws {
        let (store, _) = try Fixtures.newStore()
        #expect(try store.averageCaseRowBytes() == 0)
        #expect(try store.averageEventBytes(kind: .caseOpened) == 0)
    }
}
