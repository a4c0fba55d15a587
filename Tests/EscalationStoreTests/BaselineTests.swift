import Foundation
import GRDB
import Testing
@testable import EscalationStore

/// The benchmark's yardsticks must write what they say they write, or the ratios it prints
/// compare the store with something else.
@Suite struct BaselineTests {
    private func tables(_ path: String) throws -> (rows: Int, cases: Int?, indexes: [String]) {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            let hasCases = try db.tableExists("cases")
            return (try Int.fetchOne(db, sql: "SELECT count(*) FROM rows") ?? 0,
                    hasCases ? try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") : nil, names)
        }
    }

    @Test func rawInsertsOneRowATransactionAndNothingElse() throws {
        let path = Fixtures.folder().appendingPathComponent("raw.sqlite").path
        let raw = try SQLiteBaseline(path: path, bytesPerRow: 582)
        _ = try raw.insert(rows: 3)
        let found = try tables(path)
        #expect(found.rows == 3)
        #expect(found.cases == nil)
        #expect(found.indexes.isEmpty)
    }

    @Test func theFloorAlsoWritesACaseRowIntoTheStoresThreeListingIndexes() throws {
        let path = Fixtures.folder().appendingPathComponent("floor.sqlite").path
        let floor = try SQLiteBaseline(path: path, bytesPerRow: 582, caseRowBytes: 373)
        _ = try floor.insert(rows: 4)
        let found = try tables(path)
        #expect(found.rows == 4)
        #expect(found.cases == 4)
        #expect(found.indexes == ["cases_by_customer", "cases_by_holder", "cases_by_queue"])
        // Rows of about the size asked for.
        let caseBytes = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT length(body) + 60 FROM cases LIMIT 1")
        }
        #expect(caseBytes == 373)
    }

    @Test func caseRowSizesAreMeasuredFromTheStore() throws {
        let (store, _) = try Fixtures.newStore()
        #expect(try store.averageCaseRowBytes() == 0)
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Missed engineer visit"), actor: "tom", now: Fixtures.minutes(1))
        let row = try store.query { try $0.caseRow(id: "C-000001") }
        let bytes = try #require(row).summarySealed.utf8.count
        // At least the sealed summary; well under a page.
        let average = try store.averageCaseRowBytes()
        #expect(average > bytes && average < 4_096)
    }
}
