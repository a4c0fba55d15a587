import EscalationCore
import Foundation

/// A policy being edited on the desk, read and checked by the same code `config validate`
/// uses on `escalation.yaml`: a cell is typed as the file writes it (`deny`, `allow`, `75.00`,
/// `{per_case: 75.00, rolling: {amount: 150.00, days: 30}}`) and read by the file's cell
/// reader, and a whole draft is checked by writing it as the file and loading that, so the
/// desk's messages are the command's, word for word.
public enum PolicyDraft {
    /// A cell as CONFIG.md writes it (`deny` for a plain deny), to start an edit from.
    public static func text(of cell: AuthorityCell) -> String {
        EscalationExport.cell(cell) ?? "deny"
    }

    /// Reads a typed cell for `role` and action `id` of `policy`, or throws the issues
    /// `config validate` would report for it in the file.
    public static func cell(_ text: String, role: String, action id: String, in policy: EscalationPolicy) throws(ConfigErrors) -> AuthorityCell {
        guard let action = policy.matrix.action(id) else {
            throw ConfigErrors([ConfigIssue(file: "the cell", line: 1, column: 1, message: "there is no action \(id)")])
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { throw ConfigErrors([blank]) }
        let r = YAMLReader(file: "the cell")
        var file = EscalationFile()
        file.currency = policy.matrix.currency
        guard let node = r.parse(text), let cell = file.readCell(node, role: role, action: action, r), r.issues.isEmpty else {
            throw ConfigErrors(r.issues.isEmpty ? [blank] : r.issues)
        }
        return cell
    }

    /// A referral rule's condition as `escalation.yaml` writes it, to start an edit from.
    public static func text(of condition: ReferralCondition) -> String {
        EscalationExport.condition(condition)
    }

    /// Reads a referral rule typed field by field (`when` as the file writes it) for `centre`,
    /// with the file's referral reader, or throws the issues `config validate` would report.
    public static func rule(id: String, when: String, minRole: String, reason: String, in centre: Centre) throws(ConfigErrors) -> ReferralRule {
        let text = "- id: \(EscalationExport.text(id))\n  when: \(when)\n  min_role: \(EscalationExport.text(minRole))\n"
            + "  reason: \(EscalationExport.text(reason))\n"
        let r = YAMLReader(file: "the rule")
        var file = EscalationFile()
        file.currency = centre.policy.matrix.currency
        file.roles = centre.policy.ladder.roles
        file.caseFlags = centre.declaredCaseFlags
        file.customerFlags = centre.declaredCustomerFlags
        file.channels = centre.channels
        file.channelsDeclared = true
        guard let node = r.parse(text) else { throw ConfigErrors(r.issues) }
        let rules = file.readReferrals(node, r)
        guard let rule = rules.first, r.issues.isEmpty else {
            throw ConfigErrors(r.issues.isEmpty ? [ConfigIssue(file: "the rule", line: 1, column: 1, message: "the rule could not be read")] : r.issues)
        }
        return rule
    }

    /// The issues as sentences to show on one line: "The agent cell for refund: ...".
    public static func sentences(_ errors: ConfigErrors) -> String {
        errors.issues.map { issue in
            let m = issue.message
            return (m.first.map { $0.uppercased() + m.dropFirst() } ?? m) + (m.hasSuffix(".") ? "" : ".")
        }.joined(separator: " ")
    }

    private static let blank = ConfigIssue(file: "the cell", line: 1, column: 1,
                                           message: "the cell is empty; write deny, allow, unlimited, an amount or a limit")

    /// What `config validate` would say of `centre` under `policy` (an inverted matrix, a
    /// referral naming an unknown role...), in its words; empty when the draft may be proposed.
    public static func problems(_ policy: EscalationPolicy, in centre: Centre) -> [String] {
        let text = EscalationExport.yaml(centre.withPolicy(policy))
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: text))
            return []
        } catch {
            return error.issues.map(\.message)
        }
    }
}
