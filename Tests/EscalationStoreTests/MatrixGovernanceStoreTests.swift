import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Matrix versions in the store: four eyes enforced in the write transaction, decisions
/// under the version in force at their own time (in an open store, and in another handle on
/// the same file), and the versions table bound to the governance events.
@Suite struct MatrixGovernanceStoreTests {
    static let approve = Action(id: "approve_matrix", title: "Approve a matrix proposal", kind: .permission)

    /// The fixture centre with `approve_matrix` for managers and the head, and the agent's
    /// refund limit per case as given.
    static func policy(agentRefund: Int64 = 50, largeTotal: Int64 = 750) -> EscalationPolicy {
        let base = Fixtures.centre().policy
        var cells = base.matrix.cellsByRole
        cells["agent"]?["refund"] = AuthorityCell(.limit(perCase: Fixtures.pounds(agentRefund),
                                                         rolling: RollingCap(amount: Fixtures.pounds(100), days: 30)))
        cells["manager"]?["approve_matrix"] = AuthorityCell(.allow)
        cells["head"]?["approve_matrix"] = AuthorityCell(.allow)
        var referrals = base.referrals
        referrals[3] = ReferralRule(id: "large_total", when: .requestedTotalOver(Fixtures.pounds(largeTotal)), minRole: "manager",
                                    reason: "Large total")
        return EscalationPolicy(matrix: AuthorityMatrix(version: "config", currency: .gbp, ladder: base.ladder,
                                                        actions: base.matrix.actions + [approve], cells: cells),
                                referrals: referrals, routing: .direct)
    }

    func governedStore() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre().withPolicy(Self.policy()))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jane Doe"), actor: "tom", now: Fixtures.minutes(1))
        return (store, path)
    }

    func refund(_ store: DeskStore, _ pounds: Int64, at: Date, customer: String = "CU-1") throws -> Decision {
        try store.openCase(NewCase(customer: customer, summary: "Charged twice",
                                   requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(pounds))]),
                           actor: "tom", now: at).decision
    }

    func propose(_ store: DeskStore, agentRefund: Int64, by: String = "maria", at: Date, effective: Date? = nil) throws -> String {
        let outcome = try store.proposeMatrix(Self.policy(agentRefund: agentRefund), rationale: "Fewer referrals for small refunds",
                                              effective: effective, actor: by, now: .set(at))
        guard case .proposed(let version, _, _) = outcome else { throw StoreError.corrupt("not proposed: \(outcome)") }
        return version
    }

    @Test func anApprovedVersionGovernsTheNextDecisionWithoutARestart() throws {
        let (store, path) = try governedStore()
        let other = try DeskStore.open(at: path)
        let version = try propose(store, agentRefund: 75, at: Fixtures.minutes(2))
        #expect(version == "2")
        let before = try refund(store, 60, at: Fixtures.minutes(3))
        #expect(before.verdict == .escalate)
        #expect(before.matrixVersion == "1")

        let approved = try other.approveMatrix(version: version, rationale: "Agreed at the ops meeting", actor: "helen",
                                               now: .set(Fixtures.minutes(4)))
        #expect(approved.status == .approved)
        #expect(approved.effectiveAt == Int64(Fixtures.minutes(4).timeIntervalSince1970 * 1000))
        let after = try refund(store, 60, at: Fixtures.minutes(5))
        #expect(after.verdict == .withinAuthority)
        #expect(after.matrixVersion == "2")
        #expect(try store.matrixVersion(nil, at: Fixtures.minutes(5)).version.id == "2")
        #expect(try store.matrixVersion("1", at: Fixtures.minutes(5)).standing == .superseded)
        let verified = try store.verifyChain()
        #expect(verified.isIntact, "\(verified.mismatches)")
    }

    @Test func aLaterEffectiveTimeWaitsForItsMoment() throws {
        let (store, _) = try governedStore()
        let version = try propose(store, agentRefund: 75, at: Fixtures.minutes(2), effective: Fixtures.days(2))
        _ = try store.approveMatrix(version: version, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(3)))
        #expect(try store.matrixVersion(version, at: Fixtures.days(1)).standing == .approved)
        #expect(try refund(store, 60, at: Fixtures.days(1)).matrixVersion == "1")
        #expect(try refund(store, 60, at: Fixtures.days(2)).matrixVersion == "2")
        #expect(try store.matrixVersion(version, at: Fixtures.days(2)).standing == .inForce)
    }

    @Test func fourEyesAreEnforcedAndARefusalWritesNothing() throws {
        let (store, _) = try governedStore()
        let version = try propose(store, agentRefund: 75, at: Fixtures.minutes(2))
        let events = try store.verifyChain().events
        let own = refusal { _ = try store.approveMatrix(version: version, rationale: nil, actor: "maria", now: .set(Fixtures.minutes(3))) }
        #expect(own?.exitCode == 77)
        #expect(own?.description.contains("Maria Jones proposed matrix version 2 and may not approve it") == true)
        let lacking = refusal { _ = try store.approveMatrix(version: version, rationale: nil, actor: "priya", now: .set(Fixtures.minutes(3))) }
        #expect(lacking?.exitCode == 77)
        #expect(lacking?.description.contains("Priya Shah (Team Leader) may not approve a matrix proposal") == true)
        let proposing = refusal { _ = try propose(store, agentRefund: 80, by: "priya", at: Fixtures.minutes(3)) }
        #expect(proposing?.exitCode == 77)
        let unknown = refusal { _ = try store.rejectMatrix(version: "7", rationale: "No", actor: "helen", now: .set(Fixtures.minutes(3))) }
        #expect(unknown?.exitCode == 65)
        #expect(try store.verifyChain().events == events)
        #expect(try store.matrixRegister().version(version)?.status == .proposed)

        let rejected = try store.rejectMatrix(version: version, rationale: "Too generous", actor: "helen", now: .set(Fixtures.minutes(4)))
        #expect(rejected.status == .rejected)
        #expect(rejected.decisionRationale == "Too generous")
        #expect(try refund(store, 60, at: Fixtures.minutes(5)).matrixVersion == "1")
        #expect(try store.verifyChain().isIntact)
    }

    @Test func aProposalOnAReplacedBaseMustBeRebased() throws {
        let (store, _) = try governedStore()
        let first = try propose(store, agentRefund: 75, at: Fixtures.minutes(2))
        let second = try store.proposeMatrix(Self.policy(largeTotal: 1000), rationale: "Raise the threshold", effective: nil,
                                             actor: "helen", now: .set(Fixtures.minutes(3)))
        guard case .proposed("3", "1", let diff) = second else { Issue.record("\(second)"); return }
        #expect(diff.sentences == ["referral large_total: over £750.00 → over £1,000.00"])
        _ = try store.approveMatrix(version: first, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(4)))
        let stale = refusal { _ = try store.approveMatrix(version: "3", rationale: nil, actor: "maria", now: .set(Fixtures.minutes(5))) }
        #expect(stale?.exitCode == 65)
        #expect(stale?.description.hasPrefix("rebase: matrix version 3 was proposed as a change of version 1") == true)

        // Only its proposer may rebase it: the approver-to-be may not decide both sides.
        let notTheirs = refusal { _ = try store.rebaseMatrix(version: "3", actor: "maria", now: .set(Fixtures.minutes(6))) }
        #expect(notTheirs?.exitCode == 77)
        #expect(notTheirs?.description.contains("did not propose matrix version 3 and may not rebase it") == true)
        let (rebased, again) = try store.rebaseMatrix(version: "3", actor: "helen", now: .set(Fixtures.minutes(6)))
        #expect(rebased.base == "2")
        // Read against version 2, the proposal would also take back the agent's new limit.
        #expect(again.sentences.contains("agent · refund · per case £75.00 → £50.00"))
        _ = try store.approveMatrix(version: "3", rationale: "Seen the diff", actor: "maria", now: .set(Fixtures.minutes(7)))
        #expect(try refund(store, 60, at: Fixtures.minutes(8)).matrixVersion == "3")
        #expect(try store.verifyChain().isIntact)
    }

    @Test func anUnchangedPolicyProposesNothing() throws {
        let (store, _) = try governedStore()
        let events = try store.verifyChain().events
        let outcome = try store.proposeMatrix(Self.policy(), rationale: "Same again", effective: nil, actor: "maria",
                                              now: .set(Fixtures.minutes(2)))
        #expect(outcome == .unchanged(base: "1"))
        #expect(try store.verifyChain().events == events)
        #expect(try store.matrixRegister().versions.count == 1)
    }

    static let governanceEdits = [
        "UPDATE matrix_versions SET status = 'approved', effective_at = created_at, approval_seq = 999 WHERE version = '2'",
        "UPDATE matrix_versions SET decided_by = 'tom' WHERE version = '2'",
        "UPDATE matrix_versions SET policy_json = replace(policy_json, '7500', '70000') WHERE version = '2'",
        "DELETE FROM matrix_versions WHERE version = '2'",
    ]

    @Test(arguments: governanceEdits)
    func aHandEditToTheVersionsIsRefusedAndNamed(_ sql: String) throws {
        let (store, path) = try governedStore()
        let version = try propose(store, agentRefund: 75, at: Fixtures.minutes(2))
        _ = try store.rejectMatrix(version: version, rationale: "No", actor: "helen", now: .set(Fixtures.minutes(3)))
        try store.executeRaw(sql)
        let error = refusal { _ = try DeskStore.open(at: path) }
        guard case .recordAltered? = error else { Issue.record("\(sql): opened (\(String(describing: error)))"); return }
        #expect(error?.exitCode == 65)
        // A desk already open refuses to decide under the edited register.
        if !sql.contains("policy_json") {
            #expect(refusal { _ = try refund(store, 60, at: Fixtures.minutes(4)) }?.exitCode == 65)
        }
        let audit = try DeskStore.open(at: path, checkingConfiguration: false).verifyChain()
        #expect(!audit.isIntact)
        #expect(audit.mismatches.contains { $0.table == "matrix_versions" && $0.key == "2" }, "\(audit.mismatches)")
    }

    /// A database from the release before governance: version 1 becomes approved by the
    /// event that created the database, everything verifies, and a change can be governed.
    @Test func aSchemaNineDatabaseIsUpgradedAndGoverned() throws {
        let (store, path) = try governedStore()
        try Fixtures.downgradeToSchemaNine(store)
        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[9, SQLiteSchema.schemaVersion]])
        let first = try #require(try again.matrixRegister().version("1"))
        #expect(first.status == .approved && first.approvalOrder == 1 && first.base == nil)
        #expect(try again.verifyChain().isIntact)
        let version = try propose(again, agentRefund: 75, at: Fixtures.minutes(2))
        _ = try again.approveMatrix(version: version, rationale: nil, actor: "helen", now: .set(Fixtures.minutes(3)))
        #expect(try refund(again, 60, at: Fixtures.minutes(4)).matrixVersion == "2")
        let plan = try again.integer("SELECT count(*) FROM sqlite_master WHERE name = 'events_of_centre'")
        #expect(plan == 1)
        #expect(try again.verifyChain().isIntact)
    }

    /// Five customers' openings replayed under a draft that raises the agent's refund limit
    /// to £75: the three between £50 and £75 would stay with the agent instead of going to a
    /// team leader; £40 and £80 decide as before. The first customer's two later contacts
    /// (the second one a third contact, referred under both) do not count back in time.
    @Test func aSimulationCountsTheDecisionsADraftWouldChange() throws {
        let (store, _) = try governedStore()
        for i in 2...5 { try store.addCustomer(NewCustomer(id: "CU-\(i)", name: "Customer \(i)"), actor: "tom", now: Fixtures.minutes(1)) }
        for (i, pounds) in [60, 40, 70, 80, 75].enumerated() {
            _ = try refund(store, Int64(pounds), at: Fixtures.minutes(Double(2 + i)), customer: "CU-\(i + 1)")
        }
        _ = try refund(store, 10, at: Fixtures.minutes(8))
        let third = try refund(store, 10, at: Fixtures.minutes(9))
        #expect(third.reasons.map(\.rule) == ["repeat_contact"])
        let result = try store.simulate(Self.policy(agentRefund: 75), days: 90, now: Fixtures.days(1))
        #expect(result.replayed == 7)
        #expect(result.changed == 3)
        #expect(result.byRole["agent"] == SimulationResult.RoleCounts(changed: 3, escalationsAppear: 0, escalationsDisappear: 3, rerouted: 0))
        #expect(result.byAction == ["refund": 3])
        #expect(result.queueChange == ["team_leader": -3])
        #expect(result.changedCases == ["C-000001", "C-000003", "C-000005"])
        // Outside the window, or against itself, nothing changes.
        #expect(try store.simulate(Self.policy(agentRefund: 75), days: 1, now: Fixtures.days(3)).replayed == 0)
        #expect(try store.simulate(Self.policy(), days: 90, now: Fixtures.days(1)).changed == 0)
    }
}
