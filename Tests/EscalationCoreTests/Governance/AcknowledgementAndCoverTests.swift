import Testing
@testable import EscalationCore

/// What a version changed for one role, who is asked to acknowledge it, and acting cover:
/// which role a person acts with, and the four-eyes rules for granting and approving.
@Suite struct AcknowledgementAndCoverTests {
    static func raisedAgentRefund() -> EscalationPolicy {
        var cells = Fixture.cells
        cells["agent"]?["refund"] = Fixture.limit("75.00", rolling: ("100.00", 30))
        return Fixture.policy(cells: cells)
    }

    // MARK: Acknowledgement

    @Test func theChangeForARoleIsTheDiffFilteredToIt() {
        let change = MatrixAcknowledgements.change(for: "agent", from: "1", Fixture.policy(), to: "2", Self.raisedAgentRefund())
        #expect(change.sentences == ["agent · refund · per case £50.00 → £75.00"])
        #expect(change.gains == ["refund: per case £50.00 → £75.00"] && change.losses.isEmpty)
        let leader = MatrixAcknowledgements.change(for: "team_leader", from: "1", Fixture.policy(), to: "2", Self.raisedAgentRefund())
        #expect(leader.isEmpty)
    }

    @Test func aReferralRuleConcernsOnlyTheRolesItSendsHigher() {
        var referrals = Fixture.referrals
        referrals.append(ReferralRule(id: "bereaved", when: .customerFlag(["bereaved"]), minRole: "team_leader", reason: "Care"))
        let new = Fixture.policy(referrals: referrals)
        #expect(MatrixAcknowledgements.change(for: "agent", from: "1", Fixture.policy(), to: "2", new).sentences.count == 1)
        #expect(MatrixAcknowledgements.change(for: "team_leader", from: "1", Fixture.policy(), to: "2", new).isEmpty)
        #expect(MatrixAcknowledgements.change(for: "manager", from: "1", Fixture.policy(), to: "2", new).isEmpty)
    }

    static let register: MatrixRegister = {
        var v2 = MatrixVersion.founding(id: "2", policyDigest: "d2", at: 5_000, by: "rachel", seq: 9)
        v2.base = "1"
        return MatrixRegister([.founding(id: "1", policyDigest: "d1", at: 1_000, by: "system", seq: 1), v2])
    }()

    @Test func theVersionInForceIsComparedWithTheOneBeforeIt() throws {
        let v2 = try #require(Self.register.version("2"))
        #expect(MatrixAcknowledgements.predecessor(of: v2, in: Self.register)?.id == "1")
        #expect(MatrixAcknowledgements.predecessor(of: try #require(Self.register.version("1")), in: Self.register) == nil)
    }

    @Test func onlyTheVersionInForceIsAcknowledgedAndOnlyOnce() throws {
        #expect(throws: AcknowledgementRefusal.notInForce(version: "1", standing: .superseded)) {
            try MatrixAcknowledgements.checkAcknowledge("1", by: "ann", register: Self.register, acks: [], at: 6_000)
        }
        #expect(throws: AcknowledgementRefusal.notInForce(version: "2", standing: .approved)) {
            try MatrixAcknowledgements.checkAcknowledge("2", by: "ann", register: Self.register, acks: [], at: 4_000)
        }
        #expect(throws: AcknowledgementRefusal.unknownVersion("9")) {
            try MatrixAcknowledgements.checkAcknowledge("9", by: "ann", register: Self.register, acks: [], at: 6_000)
        }
        try MatrixAcknowledgements.checkAcknowledge("2", by: "ann", register: Self.register, acks: [], at: 6_000)
        let acks = [MatrixAcknowledgement(staff: "ann", version: "2", at: 6_000)]
        #expect(throws: AcknowledgementRefusal.already(version: "2", at: 6_000)) {
            try MatrixAcknowledgements.checkAcknowledge("2", by: "ann", register: Self.register, acks: acks, at: 7_000)
        }
    }

    @Test func aVersionThatChangedNothingForARoleAsksNobodyInIt() {
        let nothing = MatrixAcknowledgements.change(for: "team_leader", from: "1", Fixture.policy(), to: "2", Self.raisedAgentRefund())
        let something = MatrixAcknowledgements.change(for: "agent", from: "1", Fixture.policy(), to: "2", Self.raisedAgentRefund())
        let acks = [MatrixAcknowledgement(staff: "ann", version: "2", at: 6_000)]
        #expect(MatrixAcknowledgements.standing(of: "tom", toward: "2", change: nothing, acks: acks) == .notAsked)
        #expect(MatrixAcknowledgements.standing(of: "bob", toward: "2", change: something, acks: acks) == .waiting)
        #expect(MatrixAcknowledgements.standing(of: "ann", toward: "2", change: something, acks: acks) == .acknowledged(at: 6_000))
    }

    // MARK: Acting cover

    static let policy: EscalationPolicy = {
        var cells = Fixture.cells
        cells["manager"]?["approve_matrix"] = AuthorityCell(.allow)
        cells["head"]?["approve_matrix"] = AuthorityCell(.allow)
        return EscalationPolicy(matrix: AuthorityMatrix(version: "1", currency: .gbp, ladder: Fixture.ladder,
                                                        actions: Fixture.actions + [MatrixGovernanceTests.approve], cells: cells),
                                referrals: Fixture.referrals, routing: .direct)
    }()

    let ann = StaffMember(id: "ann", name: "Ann Agent", role: "agent", login: "ann", team: nil)
    let rachel = StaffMember(id: "rachel", name: "Rachel Adams", role: "manager", login: "rachel", team: nil)
    let david = StaffMember(id: "david", name: "David Kowalski", role: "manager", login: "david", team: nil)
    let priya = StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: nil)
    static let day: Int64 = 86_400_000

    func granted() throws -> CoverRegister {
        try CoverRegister().applying(.granted(cover: "AC-1", staff: "ann", role: "team_leader", from: 10 * Self.day,
                                              to: 20 * Self.day, rationale: "Leave cover"), actor: "rachel", at: Self.day)
    }

    @Test func aCoverGivesItsRoleOnlyOnceApprovedAndOnlyWithinItsPeriod() throws {
        let ladder = Fixture.ladder
        let pending = try granted()
        #expect(pending.role(of: ann, at: 12 * Self.day, ladder: ladder).role == "agent")
        let approved = try pending.applying(.approved(cover: "AC-1"), actor: "david", at: 2 * Self.day)
        #expect(approved.role(of: ann, at: 10 * Self.day - 1, ladder: ladder).role == "agent")
        #expect(approved.role(of: ann, at: 10 * Self.day, ladder: ladder).role == "team_leader")
        #expect(approved.role(of: ann, at: 10 * Self.day, ladder: ladder).cover?.id == "AC-1")
        #expect(approved.role(of: ann, at: 20 * Self.day, ladder: ladder).role == "agent")  // ends by itself
        let ended = try approved.applying(.ended(cover: "AC-1"), actor: "rachel", at: 15 * Self.day)
        #expect(ended.role(of: ann, at: 15 * Self.day, ladder: ladder).role == "agent")
        #expect(ended.cover("AC-1")?.standing(at: 16 * Self.day) == .ended)
        #expect(approved.cover("AC-1")?.standing(at: 12 * Self.day) == .inEffect)
        #expect(approved.cover("AC-1")?.standing(at: 21 * Self.day) == .expired)
        #expect(pending.role(of: priya, at: 12 * Self.day, ladder: ladder).role == "team_leader")
    }

    @Test func theFoldRefusesAnApprovalByTheGranterOrThePersonCovered() throws {
        #expect(throws: CoverFoldError.self) { try granted().applying(.approved(cover: "AC-1"), actor: "rachel", at: 2) }
        #expect(throws: CoverFoldError.self) { try granted().applying(.approved(cover: "AC-1"), actor: "ann", at: 2) }
        #expect(throws: CoverFoldError.self) { try CoverRegister().applying(.approved(cover: "AC-9"), actor: "david", at: 2) }
    }

    @Test func grantingNeedsThePowerAndNeverGivesARoleAboveTheGranters() {
        let (from, to, now) = (10 * Self.day, 20 * Self.day, Self.day)
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkGrant(staff: ann, role: "team_leader", from: from, to: to, by: priya, under: Self.policy, now: now)
        }
        do {
            try CoverRules.checkGrant(staff: ann, role: "head", from: from, to: to, by: rachel, under: Self.policy, now: now)
            Issue.record("a cover above the granter's role was allowed")
        } catch { #expect(error.isNotPermitted && error.description.contains("above the granter's own")) }
        #expect(throws: CoverRefusal.notHigher(person: "Priya Shah", role: "Customer Service Agent", own: "Team Leader")) {
            try CoverRules.checkGrant(staff: priya, role: "agent", from: from, to: to, by: rachel, under: Self.policy, now: now)
        }
        #expect(throws: CoverRefusal.unknownRole("captain")) {
            try CoverRules.checkGrant(staff: ann, role: "captain", from: from, to: to, by: rachel, under: Self.policy, now: now)
        }
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkGrant(staff: ann, role: "team_leader", from: to, to: from, by: rachel, under: Self.policy, now: now)
        }
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkGrant(staff: ann, role: "team_leader", from: 0, to: 100 * Self.day, by: rachel, under: Self.policy, now: now)
        }
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkGrant(staff: ann, role: "team_leader", from: 0, to: Self.day - 1, by: rachel, under: Self.policy, now: now)
        }
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkGrant(staff: ann, role: "team_leader", from: .min, to: .max, by: rachel, under: Self.policy, now: now)
        }
    }

    @Test func approvalIsFourEyes() throws {
        let register = try granted()
        #expect(throws: CoverRefusal.fourEyes(person: "Rachel Adams", cover: "AC-1", why: "granted it")) {
            try CoverRules.checkApprove("AC-1", by: rachel, register: register, under: Self.policy, now: 2 * Self.day)
        }
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkApprove("AC-1", by: priya, register: register, under: Self.policy, now: 2 * Self.day)
        }
        #expect(try CoverRules.checkApprove("AC-1", by: david, register: register, under: Self.policy, now: 2 * Self.day).id == "AC-1")
        #expect(throws: CoverRefusal.notPending(cover: "AC-1", standing: .expired)) {
            try CoverRules.checkApprove("AC-1", by: david, register: register, under: Self.policy, now: 30 * Self.day)
        }
        let approved = try register.applying(.approved(cover: "AC-1"), actor: "david", at: 2 * Self.day)
        #expect(throws: CoverRefusal.notPending(cover: "AC-1", standing: .approved)) {
            try CoverRules.checkApprove("AC-1", by: david, register: approved, under: Self.policy, now: 3 * Self.day)
        }
        // The person covered may not approve their own cover, even as a manager.
        let managerCover = try CoverRegister().applying(.granted(cover: "AC-1", staff: "david", role: "head", from: 0, to: Self.day,
                                                                 rationale: "x"), actor: "zoe", at: 0)
        #expect(throws: CoverRefusal.fourEyes(person: "David Kowalski", cover: "AC-1", why: "is the person it covers")) {
            try CoverRules.checkApprove("AC-1", by: david, register: managerCover, under: Self.policy, now: 1)
        }
    }

    @Test func endingIsRefusedOnceOver() throws {
        let register = try granted()
        #expect(throws: CoverRefusal.notRunning(cover: "AC-1", standing: .expired)) {
            try CoverRules.checkEnd("AC-1", by: rachel, register: register, under: Self.policy, now: 25 * Self.day)
        }
        #expect(try CoverRules.checkEnd("AC-1", by: david, register: register, under: Self.policy, now: 2).id == "AC-1")
        #expect(throws: CoverRefusal.self) {
            try CoverRules.checkEnd("AC-1", by: ann, register: register, under: Self.policy, now: 2)
        }
    }
}
