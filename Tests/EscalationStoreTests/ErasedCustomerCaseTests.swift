import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Erasing a customer must not strand their open complaints: the organisation still has to
/// finish the record. The cases can be escalated, claimed, returned, resolved, closed and
/// reopened; text written on them after erasure is not kept, and the record says so.
@Suite struct ErasedCustomerCaseTests {
    static let later = "Pennyworth asked again about the Pennyworth meter"

    @Test func anErasedCustomersActiveCasesCanBeFinished() throws {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(retention: RetentionPeriod(days: 1)))
        try store.addCustomer(NewCustomer(id: "CU-5", name: "Alfred Pennyworth", flags: ["vulnerable"]), actor: "tom", now: Fixtures.start)
        let first = try store.openCase(NewCase(customer: "CU-5", summary: "Meter wrong",
                                               requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(30))]),
                                       actor: "tom", now: Fixtures.minutes(1))
        let second = try store.openCase(NewCase(customer: "CU-5", summary: "Bill late"), actor: "tom", now: Fixtures.minutes(2))
        _ = try store.escalate(caseID: first.id, note: "Vulnerable", actor: "tom", now: Fixtures.minutes(3))
        _ = try store.eraseCustomer(id: "CU-5", actor: "maria", rationale: "Asked by letter", overrideRetention: false,
                                    now: Fixtures.days(2))

        // A new case for an erased customer still makes no sense.
        #expect(refusal { _ = try store.openCase(NewCase(customer: "CU-5", summary: "x"), actor: "tom", now: Fixtures.days(2)) }
                == .customerErased("CU-5"))

        try store.claim(caseID: first.id, actor: "priya", now: Fixtures.days(2))
        try store.returnCase(caseID: first.id, guidance: Self.later, actor: "priya", now: Fixtures.days(2))
        _ = try store.escalate(caseID: first.id, note: Self.later, actor: "tom", now: Fixtures.days(2))
        try store.claim(caseID: first.id, actor: "priya", now: Fixtures.days(2))
        #expect(try store.withholdsText(caseID: first.id))
        let decision = try store.resolve(caseID: first.id,
                                         resolution: Resolution(outcome: .upheld, rationale: Self.later,
                                                                grants: [RemedyRequest(action: "refund", amount: Fixtures.pounds(30))]),
                                         actor: "priya", now: Fixtures.days(2))
        #expect(decision.verdict == .withinAuthority)
        try store.close(caseID: first.id, actor: "priya", now: Fixtures.days(2))
        try store.reopen(caseID: first.id, note: Self.later, actor: "tom", now: Fixtures.days(3))
        try store.markIdentity(caseID: second.id, verified: true, actor: "tom", now: Fixtures.days(3))
        _ = try store.escalate(caseID: second.id, note: Self.later, actor: "tom", now: Fixtures.days(3))
        try store.claim(caseID: second.id, actor: "sam", now: Fixtures.days(3))
        try store.resolve(caseID: second.id, resolution: Resolution(outcome: .notUpheld, rationale: Self.later),
                          actor: "sam", now: Fixtures.days(3))

        // Nothing said after erasure is in the file; the record shows where text was given.
        #expect(!Fixtures.contains(Fixtures.rawBytes(path), "Pennyworth"))
        let detail = try store.caseDetail(id: first.id)
        let afterErasure = detail.timeline.filter { $0.at >= Fixtures.days(2) && $0.kind != .caseClaimed && $0.kind != .caseClosed }
        #expect(afterErasure.count == 4)
        #expect(afterErasure.allSatisfy { $0.textErased && $0.text == nil })
        #expect(detail.summary.state == .reopened)
        #expect(try store.query { try $0.grantedTotal(customer: "CU-5", action: "refund", after: 0) } == 3_000)
        #expect(try store.verifyChain().isIntact)
    }
}
