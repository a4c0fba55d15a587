import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Who may act on a case: the holder rule, and the close and reopen rules.
@Suite struct HolderRuleTests {
    let refund20 = RemedyRequest(action: "refund", amount: Fixtures.pounds(20))

    func storeWithOpenCase() throws -> (DeskStore, String) {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Margaret Oyelaran"), actor: "tom", now: Fixtures.start)
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Charged a late fee", requests: [refund20]),
                                        actor: "tom", now: Fixtures.minutes(1))
        #expect(opened.decision.verdict == .withinAuthority)
        return (store, opened.id)
    }

    func resolution(_ grants: [RemedyRequest] = []) -> Resolution {
        Resolution(outcome: grants.isEmpty ? .notUpheld : .upheld, rationale: "Fee refunded", grants: grants,
                   rootCause: "billing_error")
    }

    @Test func aTeamLeaderCannotResolveAnAgentsOpenCase() throws {
        let (store, id) = try storeWithOpenCase()
        let events = try store.eventCount()
        let error = refusal { try store.resolve(caseID: id, resolution: resolution([refund20]), actor: "priya", now: Fixtures.minutes(2)) }
        #expect(error == .heldByOther(caseID: id, holder: "Tom Reed"))
        #expect(error?.exitCode == 77)
        #expect(error?.description == "C-000001 is held by Tom Reed; only they can act on it now")
        #expect(try store.eventCount() == events)
        try store.resolve(caseID: id, resolution: resolution([refund20]), actor: "tom", now: Fixtures.minutes(3))
    }

    @Test func onlyTheHolderEscalatesOrMarksIdentityOnAnOpenCase() throws {
        let (store, id) = try storeWithOpenCase()
        #expect(refusal { _ = try store.escalate(caseID: id, note: "Taking over", actor: "ana", now: Fixtures.minutes(2)) }
                == .heldByOther(caseID: id, holder: "Tom Reed"))
        #expect(refusal { _ = try store.escalate(caseID: id, note: "Taking over", actor: "helen", now: Fixtures.minutes(2)) }
                == .heldByOther(caseID: id, holder: "Tom Reed"))
        #expect(refusal { try store.markIdentity(caseID: id, verified: true, actor: "priya", now: Fixtures.minutes(2)) }
                == .heldByOther(caseID: id, holder: "Tom Reed"))
        try store.markIdentity(caseID: id, verified: true, actor: "tom", now: Fixtures.minutes(2))
        #expect(try store.escalate(caseID: id, note: "Second opinion", actor: "tom", now: Fixtures.minutes(3)).routeTo == "team_leader")
    }

    @Test func onlyTheClaimerReturnsResolvesOrEscalatesAClaimedCase() throws {
        let (store, id) = try storeWithOpenCase()
        _ = try store.escalate(caseID: id, note: "Second opinion", actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: id, actor: "priya", now: Fixtures.minutes(3))
        let held = StoreError.heldByOther(caseID: id, holder: "Priya Shah")
        #expect(refusal { try store.returnCase(caseID: id, guidance: "Refund it", actor: "sam", now: Fixtures.minutes(4)) } == held)
        #expect(refusal { try store.resolve(caseID: id, resolution: resolution(), actor: "maria", now: Fixtures.minutes(4)) } == held)
        #expect(refusal { _ = try store.escalate(caseID: id, note: "Up", actor: "tom", now: Fixtures.minutes(4)) } == held)
        #expect(refusal { try store.markIdentity(caseID: id, verified: false, actor: "tom", now: Fixtures.minutes(4)) } == held)
        try store.returnCase(caseID: id, guidance: "Refund it", actor: "priya", now: Fixtures.minutes(4))
        // Returned to Tom: now his alone, even the returner may not resolve it.
        #expect(refusal { try store.resolve(caseID: id, resolution: resolution(), actor: "priya", now: Fixtures.minutes(5)) }
                == .heldByOther(caseID: id, holder: "Tom Reed"))
        try store.resolve(caseID: id, resolution: resolution([refund20]), actor: "tom", now: Fixtures.minutes(5))
    }

    @Test func identityOnAQueuedCaseIsForTheReferrerOrWhoeverCouldClaimIt() throws {
        let (store, id) = try storeWithOpenCase()
        _ = try store.escalate(caseID: id, note: "Second opinion", actor: "tom", now: Fixtures.minutes(2))
        let error = refusal { try store.markIdentity(caseID: id, verified: true, actor: "ana", now: Fixtures.minutes(3)) }
        #expect(error?.exitCode == 77)
        #expect(error?.description.contains("waits for a Team Leader") == true)
        try store.markIdentity(caseID: id, verified: true, actor: "tom", now: Fixtures.minutes(3))
        try store.markIdentity(caseID: id, verified: false, actor: "sam", now: Fixtures.minutes(4))
    }

    @Test func aReopenedCaseIsTheReopenersAndAnyoneOnTheLadderMayReopen() throws {
        let (store, id) = try storeWithOpenCase()
        try store.resolve(caseID: id, resolution: resolution([refund20]), actor: "tom", now: Fixtures.minutes(2))
        try store.close(caseID: id, actor: "tom", now: Fixtures.minutes(3))
        try store.reopen(caseID: id, note: "Refund never arrived", actor: "ana", now: Fixtures.minutes(4))
        let detail = try store.caseDetail(id: id)
        #expect(detail.summary.state == .reopened)
        #expect(detail.summary.holder == "ana")
        #expect(refusal { try store.resolve(caseID: id, resolution: resolution(), actor: "tom", now: Fixtures.minutes(5)) }
                == .heldByOther(caseID: id, holder: "Ana Lopes"))
        try store.resolve(caseID: id, resolution: resolution(), actor: "ana", now: Fixtures.minutes(5))
        // A manager may reopen an agent's resolved case too.
        try store.reopen(caseID: id, note: "Review", actor: "maria", now: Fixtures.minutes(6))
        #expect(try store.caseDetail(id: id).summary.holder == "maria")
    }

    @Test func theResolverOrAnEqualOrHigherRoleCloses() throws {
        let (store, id) = try storeWithOpenCase()
        _ = try store.escalate(caseID: id, note: "Second opinion", actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: id, actor: "priya", now: Fixtures.minutes(3))
        try store.resolve(caseID: id, resolution: resolution([refund20]), actor: "priya", now: Fixtures.minutes(4))
        let events = try store.eventCount()
        let error = refusal { try store.close(caseID: id, actor: "tom", now: Fixtures.minutes(5)) }
        #expect(error == .notPermitted("C-000001 was resolved by Priya Shah (Team Leader); only they or a Team Leader or above may close it"))
        #expect(error?.exitCode == 77)
        #expect(try store.eventCount() == events)
        try store.close(caseID: id, actor: "sam", now: Fixtures.minutes(5))
        #expect(try store.caseDetail(id: id).summary.state == .closed)

        // The resolver themselves, and a higher role, may close as well.
        let (other, second) = try storeWithOpenCase()
        try other.resolve(caseID: second, resolution: resolution(), actor: "tom", now: Fixtures.minutes(2))
        try other.close(caseID: second, actor: "tom", now: Fixtures.minutes(3))
        try other.reopen(caseID: second, note: "Back again", actor: "ana", now: Fixtures.minutes(4))
        try other.resolve(caseID: second, resolution: resolution(), actor: "ana", now: Fixtures.minutes(5))
        try other.close(caseID: second, actor: "helen", now: Fixtures.minutes(6))
        #expect(try other.verifyChain().isIntact)
    }
}
