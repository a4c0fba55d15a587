import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The customer picker's "Open" column: each listed customer's active cases, counted by the
/// store through its index of cases by customer.
@Suite struct ActiveCaseCountTests {
    @Test func activeCasesAreCountedPerCustomerAndResolvedOnesAreNot() throws {
        let (store, _) = try Fixtures.newStore()
        for (id, name) in [("CU-1", "Ann Example"), ("CU-2", "Bob Other"), ("CU-3", "Cat None")] {
            try store.addCustomer(NewCustomer(id: id, name: name), actor: "tom", now: Fixtures.start)
        }
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice"), actor: "tom", now: Fixtures.days(1))
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Late bill"), actor: "tom", now: Fixtures.days(2))
        _ = try store.openCase(NewCase(customer: "CU-2", summary: "Meter"), actor: "tom", now: Fixtures.days(2))
        #expect(try store.activeCaseCounts(customers: ["CU-1", "CU-2", "CU-3"]) == ["CU-1": 2, "CU-2": 1])
        try store.resolve(caseID: a.id, resolution: Resolution(outcome: .upheld, rationale: "Sorted"), actor: "tom",
                          now: Fixtures.days(3))
        #expect(try store.activeCaseCounts(customers: ["CU-1", "CU-2", "CU-3", "CU-1"]) == ["CU-1": 1, "CU-2": 1])
        #expect(try store.activeCaseCounts(customers: []) == [:])
    }

    @Test func theCountSeeksTheCustomersIndexRange() throws {
        let (store, _) = try Fixtures.newStore()
        let plan = try store.activeCountPlan()
        #expect(plan.contains { $0.contains("USING INDEX cases_by_customer (customer_id=?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }
}
