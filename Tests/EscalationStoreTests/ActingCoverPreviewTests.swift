import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The previews the desk shows while a form is filled in decide with the role the action
/// itself will decide with: a person acting up sees what the store will allow, not their
/// own role's limits, and after the cover ends they see their own again.
@Suite struct ActingCoverPreviewTests {
    let governance = MatrixGovernanceStoreTests()

    func refund(_ pounds: Int64) -> RemedyRequest { RemedyRequest(action: "refund", amount: Fixtures.pounds(pounds)) }

    /// Tom (an agent) acting Team Leader from minute 10 to day 3, approved at minute 3, with
    /// an open £200 refund case of his own.
    func coveredStore() throws -> (DeskStore, caseID: String) {
        let (store, _) = try governance.governedStore()
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice", requests: [refund(200)]),
                                        actor: "tom", now: .set(Fixtures.minutes(2)))
        let cover = try store.grantCover(staff: "tom", role: "team_leader", from: Fixtures.minutes(10), to: Fixtures.days(3),
                                         rationale: "Priya on leave", actor: "maria", now: .set(Fixtures.minutes(2)))
        _ = try store.approveCover(id: cover.id, actor: "helen", now: .set(Fixtures.minutes(3)))
        return (store, opened.id)
    }

    @Test func previewsFollowTheCoverFromItsStartToItsEnd() throws {
        let (store, id) = try coveredStore()
        let draft = NewCase(customer: "CU-1", summary: "Again", requests: [refund(200)])
        for (at, expected) in [(Fixtures.minutes(5), Verdict.escalate), (Fixtures.minutes(11), .withinAuthority),
                               (Fixtures.days(3), .escalate)] {
            let opening = try store.previewOpen(draft, actor: "tom", now: at)
            #expect(opening.verdict == expected)
            let resolving = try store.previewResolution(caseID: id, grants: [refund(200)], actor: "tom", now: at)
            #expect(resolving.verdict == expected)
        }
        #expect(try store.previewOpen(draft, actor: "tom", now: Fixtures.minutes(11)).handler == "team_leader")
    }

    /// The preview and the action agree: what the preview allows, the resolve accepts.
    @Test func whatThePreviewAllowsTheResolutionAccepts() throws {
        let (store, id) = try coveredStore()
        let at = Fixtures.minutes(11)
        #expect(try store.previewResolution(caseID: id, grants: [refund(200)], actor: "tom", now: at).verdict == .withinAuthority)
        let decision = try store.resolve(caseID: id, resolution: Resolution(outcome: .upheld, rationale: "Charged twice",
                                                                            grants: [refund(200)]),
                                         actor: "tom", now: .set(at))
        #expect(decision.verdict == .withinAuthority)
    }

    @Test func theCommandsOfferedFollowTheCover() throws {
        let (store, _) = try coveredStore()
        let escalated = try store.openCase(NewCase(customer: "CU-1", summary: "Big one", requests: [refund(300)]),
                                           actor: "ana", now: .set(Fixtures.minutes(4)))
        _ = try store.escalate(caseID: escalated.id, note: "Over my limit", actor: "ana", now: .set(Fixtures.minutes(4)))
        #expect(!(try store.commands(caseID: escalated.id, actor: "tom", at: Fixtures.minutes(5))).contains(.claim))
        #expect(try store.commands(caseID: escalated.id, actor: "tom", at: Fixtures.minutes(11)).contains(.claim))
        try store.claim(caseID: escalated.id, actor: "tom", now: .set(Fixtures.minutes(11)))
    }

    /// A decision letter is bound by the same authority as the resolution it announces, so
    /// it counts the cover too.
    @Test func aLetterTellingADecisionCountsTheCover() throws {
        let (store, id) = try coveredStore()
        let letter = LetterRequest(kind: .finalResponse, outcome: .upheld, reasons: "We charged you twice.", grants: [refund(200)])
        #expect(throws: (any Error).self) {
            try store.sendLetter(caseID: id, request: letter, actor: "tom", now: .set(Fixtures.minutes(5)))
        }
        let sent = try store.sendLetter(caseID: id, request: letter, actor: "tom", now: .set(Fixtures.minutes(11)))
        #expect(sent.text.contains("Refund £200.00"))
        #expect(try store.letterKinds(caseID: id, actor: "tom", at: Fixtures.minutes(11)) == LetterKind.allCases)
    }
}
