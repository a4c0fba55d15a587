import PropertyBased
import Testing
@testable import EscalationCore

/// The diff in words, and its laws: a policy against itself is empty; B against A is A
/// against B turned round, with gains and losses swapped.
@Suite struct MatrixDiffTests {
    @Test func cellsAreWordedOneByOne() {
        var cells = Fixture.cells
        cells["agent"]?["refund"] = Fixture.limit("75.00", rolling: ("150.00", 30))
        cells["agent"]?["cancel_contract"] = AuthorityCell(.allow)
        cells["manager"]?["goodwill"] = AuthorityCell(.unlimited)
        cells["team_leader"]?["goodwill"] = nil
        let diff = MatrixDiff(from: Fixture.policy(), to: Fixture.policy(cells: cells))
        #expect(diff.sentences == [
            "agent · refund · per case £50.00 → £75.00; rolling £100.00 in 30 days → £150.00 in 30 days",
            "team_leader · goodwill · per case £100.00 → deny",
            "manager · goodwill · per case £1,000.00 → unlimited",
            "agent · cancel_contract · deny → allow",
        ])
        let agent = diff.shifts.first { $0.role == "agent" }
        #expect(agent?.gains.count == 2 && agent?.losses.isEmpty == true)
        #expect(diff.shifts.first { $0.role == "team_leader" }?.losses == ["goodwill: per case £100.00 → deny"])
    }

    @Test func referralRulesAndRoutingAreWordedRuleByRule() {
        var referrals = Fixture.referrals
        referrals[3] = ReferralRule(id: "large_total", when: .requestedTotalOver(Fixture.money("1000")), minRole: "manager",
                                    reason: "Large total")
        referrals.remove(at: 0)
        referrals.append(ReferralRule(id: "bereaved", when: .customerFlag(["bereaved"]), minRole: "team_leader", reason: "Care"))
        let diff = MatrixDiff(from: Fixture.policy(), to: Fixture.policy(.stepwise, referrals: referrals))
        #expect(diff.sentences == [
            "referral large_total: any of (over £750.00; case flag media) → over £1,000.00; reason \"Large total or media interest\" → \"Large total\"",
            "referral bereaved added: at least team_leader when customer flag bereaved",
            "referral vulnerable_customer removed (was: at least team_leader when customer flag vulnerable)",
            "routing: direct → stepwise",
        ])
        // The agent loses to the new rule, gains from the removed one, and both from the changed one.
        let agent = diff.shifts.first { $0.role == "agent" }
        #expect(agent?.gains.count == 2)
        #expect(agent?.losses.count == 2)
    }

    @Test func aThresholdRaisedIsAGainBelowTheRule() {
        let from = [ReferralRule(id: "large_total", when: .requestedTotalOver(Fixture.money("750")), minRole: "manager", reason: "r")]
        let to = [ReferralRule(id: "large_total", when: .requestedTotalOver(Fixture.money("1000")), minRole: "manager", reason: "r")]
        let diff = MatrixDiff(from: Fixture.policy(referrals: from), to: Fixture.policy(referrals: to))
        #expect(diff.sentences == ["referral large_total: over £750.00 → over £1,000.00"])
        #expect(diff.shifts.map(\.role) == ["agent", "team_leader"])
        #expect(diff.shifts.allSatisfy { $0.gains.count == 1 && $0.losses.isEmpty })
    }

    // MARK: Laws

    static let cellGen = Gen<Int>.value(in: 0...5)
    static let amountGen = Gen<Int64>.value(in: 1...200_000)

    /// A random cell for a monetary action (`kind` 0...5) or a permission.
    static func cell(_ kind: Int, _ amount: Int64, monetary: Bool) -> AuthorityCell {
        let money = Money(minor: amount, currency: .gbp)
        guard monetary else { return AuthorityCell(kind % 2 == 0 ? .deny : .allow) }
        switch kind {
        case 0: return .deny
        case 1: return AuthorityCell(.unlimited)
        case 2: return AuthorityCell(.limit(perCase: money, rolling: nil))
        case 3: return AuthorityCell(.limit(perCase: money, rolling: RollingCap(amount: Money(minor: amount * 2, currency: .gbp), days: 30)))
        case 4: return AuthorityCell(.limit(perCase: nil, rolling: RollingCap(amount: money, days: Int(amount % 60) + 1)))
        default: return AuthorityCell(.limit(perCase: money, rolling: nil), invertedOK: true)
        }
    }

    static func randomPolicy(_ kinds: [Int], _ amounts: [Int64], threshold: Int64, routing: RoutingMode) -> EscalationPolicy {
        var cells: [String: [String: AuthorityCell]] = [:]
        var i = 0
        for role in Fixture.ladder.roles {
            for action in Fixture.actions {
                cells[role.id, default: [:]][action.id] = cell(kinds[i % kinds.count], amounts[i % amounts.count],
                                                                monetary: action.kind == .monetary)
                i += 1
            }
        }
        var referrals = Fixture.referrals
        referrals[3] = ReferralRule(id: "large_total", when: .requestedTotalOver(Money(minor: threshold, currency: .gbp)),
                                    minRole: threshold % 2 == 0 ? "manager" : "team_leader", reason: "Large total")
        if threshold % 3 == 0 { referrals.removeFirst() }
        return Fixture.policy(routing, cells: cells, referrals: referrals)
    }

    static let policyGen = zip(cellGen.array(of: 24), amountGen.array(of: 24), amountGen, Gen.element(of: RoutingMode.allCases))

    @Test func aPolicyAgainstItselfHasNoDifference() async {
        await propertyCheck(count: 100, input: Self.policyGen) { input in
            let (kinds, amounts, threshold, routing) = input
            let policy = Self.randomPolicy(kinds, amounts, threshold: threshold, routing: routing!)
            let diff = MatrixDiff(from: policy, to: policy)
            #expect(diff.isEmpty)
            #expect(diff.shifts.isEmpty)
        }
    }

    @Test func theDiffBackIsTheDiffTurnedRound() async {
        await propertyCheck(count: 150, input: Self.policyGen, Self.policyGen) { a, b in
            let pa = Self.randomPolicy(a.0, a.1, threshold: a.2, routing: a.3!)
            let pb = Self.randomPolicy(b.0, b.1, threshold: b.2, routing: b.3!)
            let forth = MatrixDiff(from: pa, to: pb), back = MatrixDiff(from: pb, to: pa)
            #expect(Set(back.changes) == Set(forth.changes.map(\.inverted)))
            #expect(back.changes.count == forth.changes.count)
            for role in Fixture.ladder.roles.map(\.id) {
                let f = forth.shifts.first { $0.role == role }, r = back.shifts.first { $0.role == role }
                #expect((f?.gains.count ?? 0) == (r?.losses.count ?? 0), "\(role)")
                #expect((f?.losses.count ?? 0) == (r?.gains.count ?? 0), "\(role)")
            }
        }
    }
}
