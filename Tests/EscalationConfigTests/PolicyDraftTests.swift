import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// The desk's draft editor reads what a manager types with the file's own readers: a cell
/// typed on the desk gets, word for word, the message `config validate` gives for that cell
/// written in `escalation.yaml`, and a whole draft the messages of the whole file.
@Suite struct PolicyDraftTests {
    let centre = try! ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base))

    /// What `config validate` says of the base file with the agent's `action` cell written as `cell`.
    func fileMessages(agent action: String, cell: String) -> [String] {
        let refund = "    refund: {per_case: 50.00, rolling: {amount: 100.00, days: 30}}"
        let text = ValidationTests.base.replacingOccurrences(
            of: refund, with: action == "refund" ? "    refund: \(cell)" : refund + "\n    \(action): \(cell)")
        return ValidationTests().issues(text).map(\.message)
    }

    func draftMessages(agent action: String, cell: String) -> [String] {
        do {
            _ = try PolicyDraft.cell(cell, role: "agent", action: action, in: centre.policy)
            return []
        } catch {
            return error.issues.map(\.message)
        }
    }

    @Test(arguments: [("refund", "allow"), ("refund", "-5"), ("refund", "12.345"), ("refund", "{per_case: 5, rolling: {amount: 10, days: 0}}"),
                      ("refund", "{per_case: 5, bonus: 1}"), ("cancel_contract", "75.00"), ("cancel_contract", "unlimited"),
                      ("refund", "{rolling: {amount: 10}}")])
    func aBadCellReadsAsConfigValidateSaysIt(action: String, cell: String) {
        let draft = draftMessages(agent: action, cell: cell)
        #expect(!draft.isEmpty)
        #expect(draft == fileMessages(agent: action, cell: cell))
    }

    @Test func goodCellsReadAndWriteBackAsTheFileWritesThem() throws {
        let cell = try PolicyDraft.cell("{per_case: 75, rolling: {amount: 150, days: 30}}", role: "agent", action: "refund", in: centre.policy)
        #expect(PolicyDraft.text(of: cell) == "{per_case: 75.00, rolling: {amount: 150.00, days: 30}}")
        #expect(PolicyDraft.text(of: try PolicyDraft.cell("deny", role: "agent", action: "refund", in: centre.policy)) == "deny")
        #expect(throws: ConfigErrors.self) { try PolicyDraft.cell("  ", role: "agent", action: "refund", in: centre.policy) }
        #expect(throws: ConfigErrors.self) { try PolicyDraft.cell("allow", role: "agent", action: "no_such_action", in: centre.policy) }
    }

    @Test func aWholeDraftIsCheckedAsTheFileIs() throws {
        #expect(PolicyDraft.problems(centre.policy, in: centre).isEmpty)
        let low = try PolicyDraft.cell("10.00", role: "team_leader", action: "refund", in: centre.policy)
        let m = centre.policy.matrix
        var cells: [String: [String: AuthorityCell]] = [:]
        for (a, action) in m.actions.enumerated() {
            for (r, role) in m.ladder.roles.enumerated() { cells[role.id, default: [:]][action.id] = m.cells[a][r] }
        }
        cells["team_leader"]?["refund"] = low
        let draft = EscalationPolicy(matrix: AuthorityMatrix(version: m.version, currency: m.currency, ladder: m.ladder, actions: m.actions,
                                                             cells: cells), referrals: centre.policy.referrals, routing: centre.policy.routing)
        let problems = PolicyDraft.problems(draft, in: centre)
        #expect(problems.count == 1 && problems[0].hasPrefix("inverted matrix: the team_leader per-case limit for refund (£10.00)"))
    }

    @Test func aReferralRuleReadsAsTheFileReadsIt() throws {
        let rule = try PolicyDraft.rule(id: "large", when: "{requested_total_over: 750}", minRole: "manager", reason: "Large: \"quoted\"",
                                        in: centre)
        #expect(rule == ReferralRule(id: "large", when: .requestedTotalOver(Money(minor: 75_000, currency: .gbp)), minRole: "manager",
                                     reason: "Large: \"quoted\""))
        #expect(PolicyDraft.text(of: rule.when) == "{requested_total_over: 750.00}")
        #expect(throws: ConfigErrors.self) { try PolicyDraft.rule(id: "x", when: "{weather: rain}", minRole: "manager", reason: "r", in: centre) }
        #expect(throws: ConfigErrors.self) { try PolicyDraft.rule(id: "x", when: "{channel: phone}", minRole: "boss", reason: "r", in: centre) }
    }
}
