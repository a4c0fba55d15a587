import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The store's answer to "what else has this customer had": other cases newest first with
/// their grants, and totals in every rolling window, read on one snapshot.
@Suite struct CustomerHistoryStoreTests {
    @Test func otherCasesNewestFirstWithGrantsAndWindowTotals() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Bob Other"), actor: "tom", now: Fixtures.start)
        let refund = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice", requests: [refund]), actor: "tom",
                                   now: Fixtures.days(1))
        try store.resolve(caseID: a.id, resolution: Resolution(outcome: .upheld, rationale: "Refunded", grants: [refund]),
                          actor: "tom", now: Fixtures.days(1))
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "Late bill"), actor: "tom", now: Fixtures.days(2))
        _ = try store.openCase(NewCase(customer: "CU-2", summary: "Someone else's"), actor: "tom", now: Fixtures.days(2))
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Meter"), actor: "tom", now: Fixtures.days(3))

        let history = try store.customerHistory(caseID: c.id, now: Fixtures.days(3))
        #expect(history.otherCaseCount == 2)
        #expect(history.otherCases.map(\.summary.id) == [b.id, a.id])
        #expect(history.otherCases.map(\.grants) == [[], [refund]])
        #expect(history.otherCases.last?.summary.summary == "Charged twice")
        #expect(history.windows.contains { $0.action == "refund" && $0.days == 30 && $0.granted == Fixtures.pounds(40) })
        #expect(try store.customerHistory(caseID: c.id, now: Fixtures.days(40)).windows
                    .first { $0.action == "refund" }?.granted == Fixtures.pounds(0))
        #expect(try store.customerHistory(caseID: c.id, now: Fixtures.days(3), limit: 1).otherCases.count == 1)
        #expect(refusal { _ = try store.customerHistory(caseID: "C-999999", now: Fixtures.days(3)) } == .unknownCase("C-999999"))
    }
}
