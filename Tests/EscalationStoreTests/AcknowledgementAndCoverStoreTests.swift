import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Acknowledgements and acting cover in the store: events on the centre's log, the four-eyes
/// rules inside the write, decisions taken with the acting role and naming the cover, and
/// `audit verify` naming an event that could not have been written.
@Suite struct AcknowledgementAndCoverStoreTests {
    let governance = MatrixGovernanceStoreTests()

    /// A store where version 2 (agent refunds to £75) came into force at minute 4.
    func storeWithVersionTwo() throws -> DeskStore {
        let (store, _) = try governance.governedStore()
        let version = try governance.propose(store, agentRefund: 75, at: Fixtures.minutes(2))
        _ = try store.approveMatrix(version: version, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(4)))
        return store
    }

    @Test func onlyThoseWhoseRoleChangedAreAskedUntilTheyAcknowledge() throws {
        let store = try storeWithVersionTwo()
        let due = try #require(try store.acknowledgementDue(actor: "tom", at: Fixtures.minutes(5)))
        #expect(due.from == "1" && due.to == "2")
        #expect(due.sentences == ["agent · refund · per case £50.00 → £75.00"])
        #expect(try store.acknowledgementDue(actor: "priya", at: Fixtures.minutes(5)) == nil)
        #expect(try store.acknowledgementDue(actor: "tom", at: Fixtures.minutes(3)) == nil)  // version 1 still in force

        try store.acknowledgeMatrix(version: "2", actor: "tom", now: .set(Fixtures.minutes(6)))
        #expect(try store.acknowledgementDue(actor: "tom", at: Fixtures.minutes(7)) == nil)
        let report = try store.acknowledgements(version: "2", at: Fixtures.minutes(7))
        #expect(report.comparedWith == "1")
        let standing = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.member.id, $0.standing) })
        #expect(standing["tom"] == .acknowledged(at: Int64(Fixtures.minutes(6).timeIntervalSince1970 * 1000)))
        #expect(standing["ana"] == .waiting)
        #expect(standing["priya"] == .notAsked)
        #expect(report.waiting.map(\.id).contains("ana") && !report.waiting.map(\.id).contains("tom"))
        #expect(try store.verifyChain().isIntact)
    }

    @Test func aSecondAcknowledgementOrOneOfAnotherVersionIsRefused() throws {
        let store = try storeWithVersionTwo()
        try store.acknowledgeMatrix(version: "2", actor: "tom", now: .set(Fixtures.minutes(6)))
        #expect(refusal { try store.acknowledgeMatrix(version: "2", actor: "tom", now: .set(Fixtures.minutes(7))) }?.exitCode == 65)
        #expect(refusal { try store.acknowledgeMatrix(version: "1", actor: "ana", now: .set(Fixtures.minutes(7))) }?.exitCode == 65)
        #expect(refusal { _ = try store.acknowledgements(version: "9", at: Fixtures.minutes(7)) }?.exitCode == 65)
    }

    // MARK: Acting cover

    func coveredStore() throws -> (DeskStore, ActingCover) {
        let (store, path) = try governance.governedStore()
        _ = path
        let cover = try store.grantCover(staff: "tom", role: "team_leader", from: Fixtures.minutes(10), to: Fixtures.days(3),
                                         rationale: "Priya on leave", actor: "maria", now: .set(Fixtures.minutes(2)))
        return (store, cover)
    }

    @Test func anApprovedCoverDecidesWithTheHigherRoleAndIsNamedInTheDecision() throws {
        let (store, cover) = try coveredStore()
        #expect(cover.id == "AC-1")
        // Not yet approved: Tom decides as an agent.
        #expect(try governance.refund(store, 200, at: Fixtures.minutes(11)).verdict == .escalate)
        _ = try store.approveCover(id: cover.id, actor: "helen", now: .set(Fixtures.minutes(12)))
        #expect(try store.actingCover(actor: "tom", at: Fixtures.minutes(13))?.id == "AC-1")
        let decided = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice",
                                                 requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(200))]),
                                         actor: "tom", now: .set(Fixtures.minutes(13)))
        #expect(decided.decision.verdict == .withinAuthority)
        let opening = try #require(try store.rawEvents().last { $0.caseID == decided.id })
        #expect(opening.payload.contains("\"acting_cover\":\"AC-1\""))
        #expect(opening.payload.contains("\"actor_role\":\"team_leader\""))
        // Settled under the cover, the grant is within the authority the cover gave then.
        _ = try store.resolve(caseID: decided.id, resolution: Resolution(outcome: .upheld, rationale: "Confirmed",
                                                                         grants: [RemedyRequest(action: "refund", amount: Fixtures.pounds(200))],
                                                                         rootCause: "billing_error"),
                              actor: "tom", now: .set(Fixtures.minutes(14)))
        #expect(try store.auditAuthority().breaches.isEmpty)
        // It ends by itself.
        #expect(try store.actingCover(actor: "tom", at: Fixtures.days(3)) == nil)
        #expect(try governance.refund(store, 200, at: Fixtures.days(3)).verdict == .escalate)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func eventsWithoutCoverKeepTheirBytes() throws {
        let (store, _) = try governance.governedStore()
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice",
                                                requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(20))]),
                                        actor: "tom", now: .set(Fixtures.minutes(3)))
        let opening = try #require(try store.rawEvents().last { $0.caseID == opened.id })
        #expect(!opening.payload.contains("acting_cover"))
    }

    @Test func coverIsFourEyesAndARefusalWritesNothing() throws {
        let (store, cover) = try coveredStore()
        let before = try store.rawEvents().count
        #expect(refusal { _ = try store.approveCover(id: cover.id, actor: "maria", now: .set(Fixtures.minutes(3))) }?.exitCode == 77)
        #expect(refusal { _ = try store.approveCover(id: cover.id, actor: "priya", now: .set(Fixtures.minutes(3))) }?.exitCode == 77)
        #expect(refusal {
            _ = try store.grantCover(staff: "tom", role: "head", from: Fixtures.minutes(10), to: Fixtures.days(1), rationale: "x",
                                     actor: "maria", now: .set(Fixtures.minutes(3)))
        }?.exitCode == 77)
        #expect(refusal {
            _ = try store.grantCover(staff: "tom", role: "team_leader", from: Fixtures.minutes(10), to: Fixtures.days(1),
                                     rationale: "x", actor: "priya", now: .set(Fixtures.minutes(3)))
        }?.exitCode == 77)
        let managerCover = try store.grantCover(staff: "maria", role: "head", from: Fixtures.minutes(10), to: Fixtures.days(1),
                                                rationale: "Helen away", actor: "helen", now: .set(Fixtures.minutes(3)))
        #expect(refusal { _ = try store.approveCover(id: managerCover.id, actor: "maria", now: .set(Fixtures.minutes(4))) }?
            .exitCode == 77)
        #expect(try store.rawEvents().count == before + 1)
        _ = try store.endCover(id: cover.id, actor: "maria", now: .set(Fixtures.minutes(5)))
        #expect(refusal { _ = try store.approveCover(id: cover.id, actor: "helen", now: .set(Fixtures.minutes(6))) }?.exitCode == 65)
        #expect(try store.covers().map(\.id) == ["AC-1", "AC-2"])
    }

    @Test func auditVerifyNamesACoverApprovedByItsGranterInAForgedLog() throws {
        let (store, cover) = try coveredStore()
        _ = try store.approveCover(id: cover.id, actor: "helen", now: .set(Fixtures.minutes(3)))
        #expect(try store.verifyChain().isIntact)
        let approval = try #require(try store.rawEvents().last { $0.kind == "cover_approved" })
        try store.executeRaw("UPDATE events SET actor = 'maria' WHERE seq = \(approval.seq)")
        try store.forgeHashes(from: approval.seq)
        let verified = try store.verifyChain()
        #expect(!verified.isIntact)
        #expect(verified.mismatches.contains { $0.key == String(approval.seq) && $0.detail.contains("four eyes") })
    }

    /// Rewrites who took a step (event and projection alike) and re-hashes the chain, as a
    /// forger with the file would.
    func forgeActor(_ store: DeskStore, kind: String, to actor: String) throws -> Int64 {
        let step = try #require(try store.rawEvents().last { $0.kind == kind })
        try store.executeRaw("UPDATE events SET actor = '\(actor)' WHERE seq = \(step.seq)")
        if kind == "matrix_approved" { try store.executeRaw("UPDATE matrix_versions SET decided_by = '\(actor)' WHERE version = '2'") }
        try store.forgeHashes(from: step.seq)
        return step.seq
    }

    @Test func auditVerifyNamesAMatrixApprovalByItsProposerOrByAnAgent() throws {
        for (forger, words) in [("maria", "a second person must (four eyes)"), ("tom", "Customer Service Agent")] {
            let store = try storeWithVersionTwo()
            #expect(try store.verifyChain().isIntact)
            let seq = try forgeActor(store, kind: "matrix_approved", to: forger)
            let named = try store.verifyChain().mismatches.filter { $0.key == String(seq) }
            #expect(named.count == 1, "\(named)")
            #expect(named.first?.detail.contains("a matrix step taken by \(forger), who could not take it") == true, "\(named)")
            #expect(named.first?.detail.contains(words) == true, "\(named)")
        }
    }

    @Test func auditVerifyNamesACoverGrantedBySomeoneWithoutThePowerOrNotOnTheStaffList() throws {
        let (store, _) = try coveredStore()
        #expect(try store.verifyChain().isIntact)
        let seq = try forgeActor(store, kind: "cover_granted", to: "priya")
        let named = try store.verifyChain().mismatches.filter { $0.key == String(seq) }
        #expect(named.first?.detail.contains("an acting-cover step taken by priya, who could not take it") == true, "\(named)")
        _ = try forgeActor(store, kind: "cover_granted", to: "mallory")
        let stranger = try store.verifyChain().mismatches.filter { $0.key == String(seq) }
        #expect(stranger.first?.detail == "an acting-cover step taken by mallory, who is not on the centre's staff list", "\(stranger)")
    }

    @Test func auditVerifyNamesAnAcknowledgementOfAVersionNotInForce() throws {
        let store = try storeWithVersionTwo()
        try store.acknowledgeMatrix(version: "2", actor: "tom", now: .set(Fixtures.minutes(6)))
        let ack = try #require(try store.rawEvents().last { $0.kind == "matrix_acknowledged" })
        try store.executeRaw("UPDATE events SET payload = '{\"version\":\"1\"}' WHERE seq = \(ack.seq)")
        try store.forgeHashes(from: ack.seq)
        let verified = try store.verifyChain()
        #expect(verified.mismatches.contains { $0.key == String(ack.seq) })
    }
}

extension DeskStore {
    /// Every event as stored, for tests that read payload bytes.
    func rawEvents() throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        try ledger.forEachEvent { all.append($0) }
        return all
    }
}
