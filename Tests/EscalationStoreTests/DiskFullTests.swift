import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A database that cannot grow (a full disk, or a quota) refuses the write with one
/// sentence and exit 69, and leaves the record exactly as it was.
@Suite struct DiskFullTests {
    /// What must not change when a write fails.
    struct Record: Equatable {
        var events: Int
        var cases: Int
        var head: ChainHead
    }

    func record(_ store: DeskStore) throws -> Record {
        Record(events: try store.eventCount(), cases: try #require(try store.integer("SELECT count(*) FROM cases")),
               head: try store.query { try $0.chainHead() })
    }

    /// A case whose sealed summary fills several pages.
    func openLargeCase(_ store: DeskStore, _ n: Int) throws(StoreError) {
        let summary = "Meter \(n): " + String(repeating: "reading disputed; ", count: 2_000)
        _ = try store.openCase(NewCase(customer: "CU-1", summary: summary), actor: "tom", now: Fixtures.minutes(Double(n)))
    }

    @Test func aDatabaseThatCannotGrowRefusesTheWriteAndKeepsTheRecord() throws {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Other"), actor: "tom", now: Fixtures.start)

        // The writer connection may grow the database by a few cases' worth of pages, no more.
        let pages = try #require(try store.integer("PRAGMA page_count")) + 40
        #expect(try store.integer("PRAGMA max_page_count = \(pages)") == pages)
        #expect(try store.integer("PRAGMA max_page_count") == pages, "the limit did not stick on the writer connection")

        var failure: StoreError?
        var opened = 0
        var before = try record(store)
        for n in 1...50 {
            before = try record(store)
            do { try openLargeCase(store, n) } catch { failure = error; break }
            opened += 1
        }
        let error = try #require(failure, "the database grew past max_page_count")
        #expect(opened >= 1, "the limit left no room for even one case")
        #expect(error == .diskFull(path: path))
        #expect(error.exitCode == 69)
        #expect(error.description == "cannot write to \(path): the disk is full or a file-size limit was reached; nothing was saved")
        #expect(try record(store) == before)
        #expect(try store.verifyChain().isIntact)

        // Room again: the same write succeeds and the chain still verifies.
        _ = try store.integer("PRAGMA max_page_count = 4294967294")
        try openLargeCase(store, 99)
        #expect(try store.eventCount() == before.events + 1)
        #expect(try store.verifyChain().isIntact)
    }
}
