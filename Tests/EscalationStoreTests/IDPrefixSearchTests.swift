import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A search by case id reads its matches through the number ranges the prefix stands for
/// (or, for a prefix standing for most of the table, walks the queue order): both give the
/// most urgent matches first, the same page at every offset, for prefixes of every length.
@Suite struct IDPrefixSearchTests {
    /// 5,100 cases, received in the reverse of their numbers' order (the most urgent have
    /// the highest numbers), some live, some of a second customer.
    private static func store() throws -> DeskStore {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Bea Other"), actor: "tom", now: Fixtures.start)
        let tom = try store.rules.member("tom")
        try store.command { commands in
            for i in 0..<5_100 {
                _ = try commands.openCase(NewCase(customer: i % 97 == 0 ? "CU-2" : "CU-1", summary: "Billing query", live: i % 1_000 == 7),
                                          actor: tom, now: Millis.from(Fixtures.start) + Int64(5_100 - i) * 60_000)
            }
        }
        return store
    }

    /// Every case id in queue order.
    private static func queueOrder(_ store: DeskStore) throws -> [String] {
        try stride(from: 0, to: 5_100, by: 1_000).flatMap { try store.casePage(queue: .all, limit: 1_000, offset: $0).map(\.id) }
    }

    static let prefixes = ["C", "C-", "C-0", "C-00", "C-000", "C-0000", "C-00000", "C-000001", "C-0000010", "C-005", "C-0051",
                           "C-00510", "C-005100", "C-005101", "C-1", "C-12", "C-9", "C-00009", "C-0099", "X-", "C-A", "C-1234567"]

    @Test func bothWaysGiveTheMostUrgentMatchesInQueueOrder() throws {
        let store = try Self.store()
        let order = try Self.queueOrder(store)
        for prefix in Self.prefixes {
            let expected = order.filter { $0.hasPrefix(prefix) }
            let count = try store.searchCount(caseIDPrefix: prefix, customerIDs: [], atMost: DeskStore.maxIDMatches + 1)
            #expect(count == min(expected.count, DeskStore.maxIDMatches + 1), "\(prefix)")
            for offset in [0, 7, 4_990] {
                let wanted = Array(expected.dropFirst(offset).prefix(20))
                for walking in [false, true] {
                    let page = try store.searchPage(caseIDPrefix: prefix, customerIDs: [], limit: 20, offset: offset, walking: walking)
                    #expect(page == wanted, "\(prefix) offset \(offset) walking \(walking)")
                }
            }
        }
        // With a customer's cases too.
        let withCustomer = order.filter { $0.hasPrefix("C-0051") || (try? store.caseDetail(id: $0).summary.customerID) == "CU-2" }
        for walking in [false, true] {
            #expect(try store.searchPage(caseIDPrefix: "C-0051", customerIDs: ["CU-2"], limit: 200, offset: 0, walking: walking)
                    == withCustomer, "walking \(walking)")
        }
    }

    /// The desk's search: digits stand for `C-` and the digits; the case they name comes
    /// first, then the rest of the prefix's cases, at most `maxIDMatches` of them.
    @Test func digitsOfEveryLengthFindTheirCases() throws {
        let store = try Self.store()
        let order = try Self.queueOrder(store)
        for digits in ["0", "00", "000", "0005", "00051", "000510", "0005100", "5", "51", "510", "5100", "9999", "123456789"] {
            let page = try store.searchCases(digits, limit: 30, offset: 0)
            let exact = DeskStore.exactCaseNumber(digits).map(CaseNumbers.id).flatMap { order.contains($0) ? $0 : nil }
            let rest = order.filter { $0.hasPrefix("C-" + digits) && $0 != exact }
            #expect(page.total == (exact == nil ? 0 : 1) + min(rest.count, DeskStore.maxIDMatches), "\(digits)")
            #expect(page.cases.map(\.id) == Array(((exact.map { [$0] } ?? []) + rest).prefix(30)), "\(digits)")
        }
        #expect(try store.searchCases("C-9", limit: 10, offset: 0).cases.isEmpty)
        #expect(try store.searchCases("C-00", limit: 10, offset: 0).total == DeskStore.maxIDMatches)
    }
}
