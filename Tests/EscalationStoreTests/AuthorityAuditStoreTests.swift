import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// `audit authority` in the store: every grant judged from the events under the version in
/// force at its time, with the rolling totals the log holds before it. A grant outside
/// authority can only reach the log by a forger, so the tests forge one: an amount raised
/// in the event and in every projection, and the chain re-hashed, which `audit verify`
/// cannot tell from the truth.
@Suite struct AuthorityAuditStoreTests {
    static let approve = Action(id: "approve_matrix", title: "Approve a matrix proposal", kind: .permission)

    /// The fixture centre with `approve_matrix` for managers and the head, and the agent's
    /// per-case refund and goodwill limits as given (refunds also capped at £100 in 30 days).
    static func policy(agentRefund: Int64, agentGoodwill: Int64) -> EscalationPolicy {
        let base = Fixtures.centre().policy
        var cells = base.matrix.cellsByRole
        cells["agent"]?["refund"] = AuthorityCell(.limit(perCase: Fixtures.pounds(agentRefund),
                                                         rolling: RollingCap(amount: Fixtures.pounds(100), days: 30)))
        cells["agent"]?["goodwill"] = AuthorityCell(.limit(perCase: Fixtures.pounds(agentGoodwill), rolling: nil))
        cells["manager"]?["approve_matrix"] = AuthorityCell(.allow)
        cells["head"]?["approve_matrix"] = AuthorityCell(.allow)
        return EscalationPolicy(matrix: AuthorityMatrix(version: "config", currency: .gbp, ladder: base.ladder,
                                                        actions: base.matrix.actions + [approve], cells: cells),
                                referrals: base.referrals, routing: .direct)
    }

    func store(agentRefund: Int64 = 75, agentGoodwill: Int64 = 25) throws -> DeskStore {
        let centre = Fixtures.centre().withPolicy(Self.policy(agentRefund: agentRefund, agentGoodwill: agentGoodwill))
        let (store, _) = try Fixtures.newStore(centre: centre)
        for id in ["CU-1", "CU-2", "CU-3"] {
            try store.addCustomer(NewCustomer(id: id, name: "Jane Doe"), actor: "tom", now: Fixtures.minutes(1))
        }
        return store
    }

    /// Tom opens a case for `customer` and resolves it granting `remedy`; the resolution's seq.
    @discardableResult
    func grant(_ store: DeskStore, _ customer: String, _ remedy: RemedyRequest, at: Date) throws -> Int64 {
        let opened = try store.openCase(NewCase(customer: customer, summary: "Charged twice", requests: [remedy]),
                                        actor: "tom", now: at)
        return try resolve(store, opened.id, remedy, at: at.addingTimeInterval(60))
    }

    func resolve(_ store: DeskStore, _ caseID: String, _ remedy: RemedyRequest, at: Date) throws -> Int64 {
        let decision = try store.resolve(caseID: caseID, resolution: Resolution(outcome: .upheld, rationale: "Confirmed",
                                                                                grants: [remedy], rootCause: "billing_error"),
                                         actor: "tom", now: at)
        #expect(decision.verdict == .withinAuthority)
        return Int64(try store.integer("SELECT max(seq) FROM events") ?? 0)
    }

    /// Raises one grant of a resolution from `from` to `to` minor units in its event, the
    /// grants and resolutions tables alike, and re-hashes the chain from it.
    func forgeGrant(_ store: DeskStore, seq: Int64, from: Int64, to: Int64) throws {
        try store.executeRaw("UPDATE events SET payload = replace(payload, '\"minor\":\(from)', '\"minor\":\(to)') WHERE seq = \(seq)")
        try store.executeRaw("""
            UPDATE grants SET minor = \(to) WHERE minor = \(from) AND granted_at = (SELECT at FROM events WHERE seq = \(seq))
            """)
        try store.executeRaw("UPDATE resolutions SET grants = replace(grants, '\"minor\":\(from)', '\"minor\":\(to)') WHERE seq = \(seq)")
        try store.forgeHashes(from: seq)
        let verified = try store.verifyChain()
        #expect(verified.isIntact, "the forgery should pass audit verify: \(verified.mismatches)")
    }

    /// Version 1 lets agents refund £75 and give £25 goodwill; version 2 (from day 2) £50
    /// and £40: the agent loses refund authority and gains goodwill authority.
    func twoVersions() throws -> (DeskStore, refundSeq: Int64, goodwillSeq: Int64) {
        let store = try store()
        let refundSeq = try grant(store, "CU-1", RemedyRequest(action: "refund", amount: Fixtures.pounds(60)), at: Fixtures.minutes(5))
        let outcome = try store.proposeMatrix(Self.policy(agentRefund: 50, agentGoodwill: 40), rationale: "Rebalance",
                                              effective: Fixtures.days(2), actor: "maria", now: .set(Fixtures.minutes(10)))
        guard case .proposed(let version, _, _) = outcome else { throw StoreError.corrupt("not proposed") }
        _ = try store.approveMatrix(version: version, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(11)))
        let goodwillSeq = try grant(store, "CU-2", RemedyRequest(action: "goodwill", amount: Fixtures.pounds(35)), at: Fixtures.days(3))
        return (store, refundSeq, goodwillSeq)
    }

    @Test func eachGrantIsJudgedUnderTheVersionInForceAtItsTime() throws {
        let (store, _, _) = try twoVersions()
        let report = try store.auditAuthority()
        // £60 refund is beyond version 2 and £35 goodwill beyond version 1: neither is named.
        #expect(report.breaches.isEmpty, "\(report.breaches)")
        #expect(report.grants == 2)
        #expect(report.resolutions == 2)
        #expect(report.versions == ["1", "2"])
    }

    @Test func aForgedGrantUnderVersionOneIsNamedWithVersionOnesLimit() throws {
        let (store, refundSeq, _) = try twoVersions()
        try forgeGrant(store, seq: refundSeq, from: 6_000, to: 9_000)
        let breaches = try store.auditAuthority().breaches
        #expect(breaches.count == 1)
        let breach = try #require(breaches.first)
        #expect(breach.caseID == "C-000001")
        #expect(breach.seq == refundSeq)
        #expect(breach.actor == "tom")
        #expect(breach.role == "agent")
        #expect(breach.action == "refund")
        #expect(breach.amount == Fixtures.pounds(90))
        #expect(breach.version == "1")
        #expect(breach.reasons.joined().contains("£75.00"), "\(breach.reasons)")
    }

    @Test func aForgedGrantUnderVersionTwoIsNamedWithVersionTwosLimit() throws {
        let (store, _, goodwillSeq) = try twoVersions()
        try forgeGrant(store, seq: goodwillSeq, from: 3_500, to: 4_500)
        let breaches = try store.auditAuthority().breaches
        #expect(breaches.map(\.seq) == [goodwillSeq])
        #expect(breaches.first?.version == "2")
        #expect(breaches.first?.reasons.joined().contains("£40.00") == true, "\(breaches)")
    }

    @Test func rollingTotalsAreTheGrantsTheLogHoldsBeforeEachGrant() throws {
        let store = try store(agentRefund: 50)
        let refund = { (pounds: Int64) in RemedyRequest(action: "refund", amount: Fixtures.pounds(pounds)) }
        // One case resolved three times (reopened in between): £40, £40, £15 within the £100 in 30 days.
        let first = try grant(store, "CU-3", refund(40), at: Fixtures.minutes(5))
        try store.reopen(caseID: "C-000001", note: nil, actor: "tom", now: Fixtures.minutes(10))
        _ = try resolve(store, "C-000001", refund(40), at: Fixtures.minutes(11))
        try store.reopen(caseID: "C-000001", note: nil, actor: "tom", now: Fixtures.minutes(20))
        let third = try resolve(store, "C-000001", refund(15), at: Fixtures.minutes(21))
        #expect(try store.auditAuthority().breaches.isEmpty)

        // £40 forged to £50 is within the per-case limit, but puts the third grant over the cap.
        try forgeGrant(store, seq: first, from: 4_000, to: 5_000)
        let report = try store.auditAuthority()
        #expect(report.breaches.map(\.seq) == [third], "\(report.breaches)")
        #expect(report.grants == 3)
    }

    @Test func repeatContactsCountByWhenEachWasReceivedAsTheDeskCountsThem() throws {
        let store = try store()
        // Three cases recorded today about contacts received 40 days ago: none is within the
        // repeat-contact rule's 30 days at the desk, so Tom may settle the third himself.
        let received = Millis.from(Fixtures.start) - 40 * Millis.day
        var last = ""
        for i in 0..<3 {
            last = try store.openCase(NewCase(customer: "CU-1", summary: "Charged twice", receivedAt: received),
                                      actor: "tom", now: Fixtures.minutes(5 + Double(i))).id
        }
        _ = try resolve(store, last, RemedyRequest(action: "refund", amount: Fixtures.pounds(10)), at: Fixtures.minutes(20))
        #expect(try store.auditAuthority().breaches.isEmpty)
    }

    @Test func aRecordedRoleTheResolverDidNotHoldIsNamed() throws {
        let store = try store()
        let seq = try grant(store, "CU-1", RemedyRequest(action: "refund", amount: Fixtures.pounds(60)), at: Fixtures.minutes(5))
        #expect(try store.auditAuthority().breaches.isEmpty)
        // A forger who writes a senior role into the event (and re-hashes) gains nothing.
        try store.executeRaw("UPDATE events SET payload = replace(payload, '\"actor_role\":\"agent\"', '\"actor_role\":\"head\"') WHERE seq = \(seq)")
        try store.forgeHashes(from: seq)
        let breaches = try store.auditAuthority().breaches
        #expect(breaches.map(\.seq) == [seq])
        #expect(breaches.first?.role == "head")
        #expect(breaches.first?.reasons.first?.hasPrefix("the log records tom acting as ") == true, "\(breaches)")
        #expect(breaches.first?.reasons.first?.hasSuffix("but they were Customer Service Agent then") == true, "\(breaches)")
    }

    @Test func aVersionApprovedInTheSameMillisecondJustAfterAGrantWasNotTheDesks() throws {
        let store = try store()
        let outcome = try store.proposeMatrix(Self.policy(agentRefund: 50, agentGoodwill: 25), rationale: "Tighten", effective: nil,
                                              actor: "maria", now: .set(Fixtures.minutes(3)))
        guard case .proposed(let version, _, _) = outcome else { throw StoreError.corrupt("not proposed") }
        // £60 under version 1 (limit £75), resolved at 00:06; version 2 (limit £50) approved at 00:06 too.
        let seq = try grant(store, "CU-1", RemedyRequest(action: "refund", amount: Fixtures.pounds(60)), at: Fixtures.minutes(5))
        _ = try store.approveMatrix(version: version, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(6)))
        #expect(try store.integer("SELECT max(seq) FROM events") == Int(seq) + 1)
        let report = try store.auditAuthority()
        #expect(report.breaches.isEmpty, "\(report.breaches)")
        #expect(report.versions == ["1"])
    }
}
