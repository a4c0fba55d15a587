import EscalationCore
@testable import EscalationStore
import Foundation

// Tests name each action's time as a date: a trainer's set time (`ActionClock.set`), which
// the store refuses when it is behind the record, so a test that goes back in time fails
// instead of being quietly moved forward.
extension DeskStore {
    func addCustomer(_ customer: NewCustomer, actor: String, now: Date) throws(StoreError) {
        try addCustomer(customer, actor: actor, now: .set(now))
    }

    func markIdentity(caseID: String, verified: Bool, actor: String, now: Date) throws(StoreError) {
        try markIdentity(caseID: caseID, verified: verified, actor: actor, now: .set(now))
    }

    func openCase(_ new: NewCase, actor: String, now: Date) throws(StoreError) -> OpenedCase {
        try openCase(new, actor: actor, now: .set(now))
    }

    func escalate(caseID: String, note: String, actor: String, now: Date) throws(StoreError) -> Referral {
        try escalate(caseID: caseID, note: note, actor: actor, now: .set(now))
    }

    func claim(caseID: String, actor: String, now: Date) throws(StoreError) {
        try claim(caseID: caseID, actor: actor, now: .set(now))
    }

    func returnCase(caseID: String, guidance: String, actor: String, now: Date) throws(StoreError) {
        try returnCase(caseID: caseID, guidance: guidance, actor: actor, now: .set(now))
    }

    @discardableResult
    func resolve(caseID: String, resolution: Resolution, actor: String, now: Date) throws(StoreError) -> Decision {
        try resolve(caseID: caseID, resolution: resolution, actor: actor, now: .set(now))
    }

    func close(caseID: String, actor: String, now: Date) throws(StoreError) {
        try close(caseID: caseID, actor: actor, now: .set(now))
    }

    func reopen(caseID: String, note: String?, actor: String, now: Date) throws(StoreError) {
        try reopen(caseID: caseID, note: note, actor: actor, now: .set(now))
    }

    func eraseCustomer(id: String, actor: String, rationale: String, overrideRetention: Bool,
                       now: Date) throws(StoreError) -> ErasureReceipt {
        try eraseCustomer(id: id, actor: actor, rationale: rationale, overrideRetention: overrideRetention, now: .set(now))
    }

    func exportCustomer(id: String, actor: String, now: Date) throws(StoreError) -> CustomerExport {
        try exportCustomer(id: id, actor: actor, now: .set(now))
    }
}

extension DeskStore {
    /// Opens a case at a time in the past, in any order (as the demo generator writes its
    /// history): for tests that need cases received out of order.
    func openCaseInHistory(_ new: NewCase, actor: String, at date: Date) throws -> OpenedCase {
        let member = try rules.member(actor)
        return try command { try $0.openCase(new, actor: member, now: Millis.from(date)) }
    }
}
