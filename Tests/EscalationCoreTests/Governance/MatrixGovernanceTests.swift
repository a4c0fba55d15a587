import Testing
@testable import EscalationCore

/// The version lifecycle and the four-eyes rules, on the fixture matrix with `approve_matrix`.
@Suite struct MatrixGovernanceTests {
    static let approve = Action(id: "approve_matrix", title: "Approve a matrix proposal", kind: .permission)

    static func policy(agentRefund: String = "50.00") -> EscalationPolicy {
        var cells = Fixture.cells
        cells["agent"]?["refund"] = Fixture.limit(agentRefund, rolling: ("100.00", 30))
        cells["manager"]?["approve_matrix"] = AuthorityCell(.allow)
        cells["head"]?["approve_matrix"] = AuthorityCell(.allow)
        return EscalationPolicy(matrix: AuthorityMatrix(version: "1", currency: .gbp, ladder: Fixture.ladder,
                                                        actions: Fixture.actions + [approve], cells: cells),
                                referrals: Fixture.referrals, routing: .direct)
    }

    let rachel = StaffMember(id: "rachel", name: "Rachel Adams", role: "manager", login: "rachel", team: nil)
    let david = StaffMember(id: "david", name: "David Kowalski", role: "manager", login: "david", team: nil)
    let priya = StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: nil)

    static let founding = MatrixRegister([.founding(id: "1", policyDigest: "d1", at: 1_000, by: "system", seq: 1)])

    func proposed(_ register: MatrixRegister = founding, id: String = "2", base: String = "1", by: String = "rachel",
                  at: Int64 = 2_000, effective: Int64? = nil) throws -> MatrixRegister {
        try register.applying(.proposed(version: id, base: base, policyDigest: "d\(id)", rationale: "Raise agent refunds",
                                        effectiveAt: effective), actor: by, at: at, seq: at)
    }

    @Test func aProposalWaitsThenComesIntoForceAtItsEffectiveTime() throws {
        let register = try proposed(effective: 10_000)
        let v = try #require(register.version("2"))
        #expect(register.standing(of: v, at: 3_000) == .proposed)
        #expect(register.inForce(at: 3_000)?.id == "1")

        let approvedAt: Int64 = 4_000
        let effective = MatrixGovernance.effectiveTime(requested: v.effectiveAt, approvedAt: approvedAt,
                                                       base: register.version("1"))
        #expect(effective == 10_000)
        let approved = try register.applying(.approved(version: "2", rationale: nil, effectiveAt: effective),
                                             actor: "david", at: approvedAt, seq: 5)
        #expect(approved.inForce(at: 9_999)?.id == "1")
        #expect(approved.inForce(at: 10_000)?.id == "2")
        #expect(approved.standing(of: try #require(approved.version("2")), at: 9_999) == .approved)
        #expect(approved.standing(of: try #require(approved.version("1")), at: 10_000) == .superseded)
        #expect(approved.standing(of: try #require(approved.version("1")), at: 9_999) == .inForce)
    }

    @Test func anEffectiveTimeNeverPrecedesTheApprovalOrTheBase() {
        let base = MatrixVersion.founding(id: "1", policyDigest: "d", at: 500, by: "system", seq: 1)
        #expect(MatrixGovernance.effectiveTime(requested: nil, approvedAt: 700, base: base) == 700)
        #expect(MatrixGovernance.effectiveTime(requested: 600, approvedAt: 700, base: base) == 700)
        var later = base
        later.effectiveAt = 900
        #expect(MatrixGovernance.effectiveTime(requested: 800, approvedAt: 700, base: later) == 900)
    }

    @Test func equalEffectiveTimesGoToTheLaterApproval() {
        var a = MatrixVersion.founding(id: "2", policyDigest: "a", at: 100, by: "x", seq: 7)
        var b = MatrixVersion.founding(id: "3", policyDigest: "b", at: 100, by: "x", seq: 9)
        a.effectiveAt = 500
        b.effectiveAt = 500
        #expect(MatrixRegister([b, a]).inForce(at: 500)?.id == "3")
        #expect(MatrixRegister([a, b]).inForce(at: 499) == nil)
    }

    @Test func theProposerMayNotApproveOrRejectTheirOwnProposal() throws {
        let register = try proposed()
        #expect(throws: GovernanceRefusal.ownProposal(person: "Rachel Adams", version: "2", doing: "approve")) {
            try MatrixGovernance.checkApprove("2", by: rachel, register: register, current: Self.policy(), now: 3_000)
        }
        #expect(throws: GovernanceRefusal.ownProposal(person: "Rachel Adams", version: "2", doing: "reject")) {
            try MatrixGovernance.checkReject("2", by: rachel, register: register, current: Self.policy(), now: 3_000)
        }
        #expect(try MatrixGovernance.checkApprove("2", by: david, register: register, current: Self.policy(), now: 3_000).id == "2")
    }

    @Test func aRoleWithoutThePowerIsRefusedNamingWhoHoldsIt() throws {
        let register = try proposed()
        do {
            _ = try MatrixGovernance.checkApprove("2", by: priya, register: register, current: Self.policy(), now: 3_000)
            Issue.record("a team leader approved")
        } catch {
            #expect(error.isNotPermitted)
            #expect(error.description == "Priya Shah (Team Leader) may not approve a matrix proposal: the role lacks Approve a "
                    + "matrix proposal; it is held by Contact Centre Manager, Head of Customer Service")
        }
        #expect(throws: GovernanceRefusal.self) {
            try MatrixGovernance.checkPropose(Self.policy(agentRefund: "75"), by: priya, current: Self.policy(),
                                              base: Self.policy(), effectiveAt: nil, now: 3_000)
        }
    }

    /// A decision is taken under the version in force; before the first version's time (a
    /// clock far behind) under the first approved one; and never under one only proposed.
    @Test func theVersionADecisionIsTakenUnder() throws {
        var register = try proposed()
        #expect(register.deciding(at: 500)?.id == "1")
        #expect(register.deciding(at: 2_500)?.id == "1")
        register = try register.applying(.approved(version: "2", rationale: nil, effectiveAt: 3_000), actor: "david", at: 2_600, seq: 8)
        #expect(register.deciding(at: 2_999)?.id == "1")
        #expect(register.deciding(at: 3_000)?.id == "2")
        #expect(MatrixRegister([]).deciding(at: 3_000) == nil)
    }

    @Test func aProposalOnAnOlderBaseMustBeRebased() throws {
        var register = try proposed()
        register = try proposed(register, id: "3", at: 2_500)
        register = try register.applying(.approved(version: "2", rationale: "ok", effectiveAt: 3_000), actor: "david", at: 3_000, seq: 8)
        do {
            _ = try MatrixGovernance.checkApprove("3", by: david, register: register, current: Self.policy(), now: 3_100)
            Issue.record("a stale proposal was approved")
        } catch {
            #expect(error == .mustRebase(version: "3", base: "1", current: "2"))
            #expect(!error.isNotPermitted)
            #expect(error.description.hasPrefix("rebase: matrix version 3 was proposed as a change of version 1"))
        }
        // Only its proposer rebases it: David, who will decide it, may not.
        #expect(throws: GovernanceRefusal.notProposer(person: "David Kowalski", version: "3")) {
            try MatrixGovernance.checkRebase("3", by: david, register: register, current: Self.policy(), now: 3_100)
        }
        #expect(GovernanceRefusal.notProposer(person: "David Kowalski", version: "3").isNotPermitted)
        let newest = try MatrixGovernance.checkRebase("3", by: rachel, register: register, current: Self.policy(), now: 3_100)
        #expect(newest.id == "2")
        register = try register.applying(.rebased(version: "3", base: "2"), actor: "rachel", at: 3_100, seq: 9)
        #expect(try MatrixGovernance.checkApprove("3", by: david, register: register, current: Self.policy(), now: 3_200).id == "3")
        #expect(throws: GovernanceRefusal.alreadyCurrent(version: "3", base: "2")) {
            try MatrixGovernance.checkRebase("3", by: rachel, register: register, current: Self.policy(), now: 3_200)
        }
    }

    @Test func onlyAProposalWaitingForADecisionCanBeDecided() throws {
        var register = try proposed()
        register = try register.applying(.rejected(version: "2", rationale: "No"), actor: "david", at: 3_000, seq: 8)
        #expect(throws: GovernanceRefusal.notPending(version: "2", standing: .rejected)) {
            try MatrixGovernance.checkApprove("2", by: david, register: register, current: Self.policy(), now: 3_100)
        }
        #expect(throws: GovernanceRefusal.unknownVersion("9")) {
            try MatrixGovernance.checkReject("9", by: david, register: register, current: Self.policy(), now: 3_100)
        }
        #expect(throws: MatrixFoldError.self) {
            try register.applying(.approved(version: "2", rationale: nil, effectiveAt: 4_000), actor: "x", at: 4_000, seq: 9)
        }
        #expect(register.nextID == "3")
    }

    @Test func aProposalMayNotChangeTheLadderTheCurrencyOrDropAnAction() throws {
        let current = Self.policy()
        func shaped(_ matrix: AuthorityMatrix) -> EscalationPolicy {
            EscalationPolicy(matrix: matrix, referrals: current.referrals, routing: current.routing)
        }
        let m = current.matrix
        let euro = Currency.named("EUR")!
        let cases: [(EscalationPolicy, String)] = [
            (shaped(AuthorityMatrix(version: "2", currency: euro, ladder: m.ladder, actions: m.actions, cells: [:])), "currency"),
            (shaped(AuthorityMatrix(version: "2", currency: .gbp, ladder: Ladder(Array(m.ladder.roles.dropLast())),
                                    actions: m.actions, cells: m.cellsByRole)), "ladder"),
            (shaped(AuthorityMatrix(version: "2", currency: .gbp, ladder: m.ladder, actions: Array(m.actions.dropFirst()),
                                    cells: m.cellsByRole)), "removes action refund"),
            (shaped(AuthorityMatrix(version: "2", currency: .gbp, ladder: m.ladder, actions: m.actions,
                                    cells: Fixture.cells)), "no role may approve"),
        ]
        for (proposal, words) in cases {
            do {
                try MatrixGovernance.checkShape(proposal, against: current)
                Issue.record("accepted a proposal that changes the \(words)")
            } catch {
                #expect(error.description.contains(words), "\(error)")
            }
        }
        #expect(throws: GovernanceRefusal.effectiveInPast) {
            try MatrixGovernance.checkPropose(Self.policy(agentRefund: "75"), by: rachel, current: current, base: current,
                                              effectiveAt: 1_000, now: 2_000)
        }
    }
}
