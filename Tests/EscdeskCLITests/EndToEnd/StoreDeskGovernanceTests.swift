import DeskUI
import EscalationCore
import EscalationStore
import Foundation
import Testing
@testable import StoreDesk

// Matrix governance through the desk's service over a real database: the store's four eyes
// reach the desk as its sentences, nothing written on a refusal; the editor's cell check is
// `config validate`'s reader.
extension StoreDeskServiceTests {
    /// Rachel's draft: the agent's refund cell raised to £75.00 a case, as typed in the editor.
    func proposal(_ rachel: StoreDeskService) throws -> String? {
        let policy = try rachel.matrixPolicy(version: nil)
        let cell = try rachel.readCell("75.00", role: "agent", action: "refund")
        let draft = MatrixEditorScreen.setting(cell, action: policy.matrix.actionIndex("refund")!, role: 0, in: policy)
        return try rachel.proposeMatrix(draft, rationale: "Agents settle more refunds first time", effective: nil)
    }

    @Test func theProposerIsRefusedAndASecondManagerApproves() throws {
        let rachel = try desk("rachel"), david = try desk("david"), tom = try desk("tom")
        #expect(try rachel.mayGovernMatrix() && !(try tom.mayGovernMatrix()))
        let version = try #require(try proposal(rachel))
        #expect(try rachel.matrixVersions().first?.standing == .proposed)

        #expect(throws: DeskError(.notPermitted, "Rachel Adams proposed matrix version \(version) and may not approve it: "
                                  + "a second person must (four eyes).")) {
            try rachel.approveMatrix(version: version, rationale: nil)
        }
        #expect(throws: DeskError.self) { try tom.approveMatrix(version: version, rationale: nil) }
        #expect(try store.matrixRegister().version(version)?.status == .proposed)

        try david.approveMatrix(version: version, rationale: "Agreed at the ops review")
        let entry = try #require(try david.matrixVersions().first { $0.id == version })
        #expect(entry.standing == .inForce && entry.version.decidedBy == "david")
        #expect(try tom.matrix().cell(role: "agent", action: "refund").authority
                == .limit(perCase: Money(minor: 7_500, currency: .gbp), rolling: nil))
    }

    @Test func anUnchangedDraftProposesNothingAndABadCellReadsAsConfigValidateSaysIt() throws {
        let rachel = try desk("rachel")
        let unchanged = try rachel.proposeMatrix(try rachel.matrixPolicy(version: nil), rationale: "No change", effective: nil)
        #expect(unchanged == nil)
        #expect(try rachel.matrixVersions().count == 1)
        #expect(throws: DeskError(.invalid, "Cancel_contract is a permission, so its cell is allow or deny, not unlimited.")) {
            try rachel.readCell("unlimited", role: "agent", action: "cancel_contract")
        }
        #expect(rachel.cellText(try rachel.readCell("{per_case: 60, rolling: {amount: 120, days: 30}}", role: "agent", action: "refund"))
                == "{per_case: 60.00, rolling: {amount: 120.00, days: 30}}")
    }

    @Test func aRejectionNeedsTheSameFourEyesAndTheSimulationReplaysTheStore() throws {
        let rachel = try desk("rachel"), david = try desk("david")
        let version = try #require(try proposal(rachel))
        #expect(throws: DeskError.self) { try rachel.rejectMatrix(version: version, rationale: "Changed my mind") }
        let result = try david.simulate(try david.matrixPolicy(version: version), days: 90)
        #expect(result.changed == 0 && result.undecidable == 0)
        try david.rejectMatrix(version: version, rationale: "Finance has not agreed")
        #expect(try david.matrixVersions().first?.standing == .rejected)
    }

    @Test func aReferralRuleTypedOnTheDeskIsReadAsTheFileReadsIt() throws {
        let rachel = try desk("rachel")
        let rule = try rachel.readReferral(id: "large_total", when: "{requested_total_over: 750.00}", minRole: "manager",
                                           reason: "Large totals go to a manager")
        #expect(rule.when == .requestedTotalOver(Money(minor: 75_000, currency: .gbp)) && rule.minRole == "manager")
        #expect(rachel.conditionText(rule.when) == "{requested_total_over: 750.00}")
        #expect(throws: DeskError(.invalid, "Min_role \"boss\" is not declared under roles; declared min_roles are: agent, "
                                  + "team_leader, manager, customer_relations, head.")) {
            try rachel.readReferral(id: "x", when: "{channel: phone}", minRole: "boss", reason: "r")
        }
    }
}
