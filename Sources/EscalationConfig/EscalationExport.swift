import EscalationCore

/// Writes a centre's `escalation.yaml` (CONFIG.md) back out: the organisation and the rest
/// of the centre as stored, with one version of the policy. Reading the text back with
/// `ConfigLoader.parse` gives the same policy and the same centre settings, so a manager can
/// export, edit and propose, and an unchanged file proposes nothing.
public enum EscalationExport {
    /// - Parameter header: comment lines put first (each gets its `# `).
    public static func yaml(_ centre: Centre, header: [String] = []) -> String {
        let policy = centre.policy
        let matrix = policy.matrix
        var out: [String] = header.map { "# " + String(String.UnicodeScalarView($0.unicodeScalars.filter { !escaped($0) })) }
        out.append("organisation: \(text(centre.organisation))")
        out.append("currency: \(matrix.currency.code)")
        out.append("timezone: \(text(centre.timezone))")
        out.append("routing: \(policy.routing.rawValue)")
        if let scope = centre.referralScope { out.append("referral_scope: \(scope.rawValue)") }
        out.append("retention: \(retention(centre.retention))")
        out.append("")
        out.append("roles:")
        for role in matrix.ladder.roles {
            out.append("  - id: \(role.id)")
            out.append("    title: \(text(role.title))")
        }
        out.append("")
        out.append("actions:")
        for action in matrix.actions {
            out.append("  - id: \(action.id)")
            out.append("    title: \(text(action.title))")
            out.append("    kind: \(action.kind.rawValue)")
            if action.requiresVerifiedIdentity { out.append("    requires_verified_identity: true") }
        }
        out.append("")
        out.append("authority:")
        for (r, role) in matrix.ladder.roles.enumerated() {
            let cells = matrix.actions.indices.compactMap { a in
                cell(matrix.cells[a][r]).map { "    \(matrix.actions[a].id): \($0)" }
            }
            if cells.isEmpty { continue }
            out.append("  \(role.id):")
            out += cells
        }
        if !policy.referrals.isEmpty {
            out.append("")
            out.append("referrals:")
            for rule in policy.referrals {
                out.append("  - id: \(rule.id)")
                out.append("    when: \(condition(rule.when))")
                out.append("    min_role: \(rule.minRole)")
                out.append("    reason: \(text(rule.reason))")
            }
        }
        out.append("")
        out.append("case_kinds: \(list(centre.caseKinds))")
        out.append("channels: \(list(centre.channels))")
        out.append("root_causes: \(list(centre.rootCauses))")
        if let flags = centre.declaredCaseFlags { out.append("case_flags: \(list(flags))") }
        if let flags = centre.declaredCustomerFlags { out.append("customer_flags: \(list(flags))") }
        if let calendar = centre.defaultCalendar { out.append("calendar: \(calendar)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// A cell as CONFIG.md writes it, or nil for a plain deny (a missing cell is deny).
    static func cell(_ cell: AuthorityCell) -> String? {
        let marked = cell.invertedOK ? ", inverted_ok: true" : ""
        switch cell.authority {
        case .deny: return cell.invertedOK ? "{cell: deny\(marked)}" : nil
        case .allow: return cell.invertedOK ? "{cell: allow\(marked)}" : "allow"
        // A limit with neither amount (never read from a file) allows any amount.
        case .unlimited, .limit(nil, nil): return cell.invertedOK ? "{cell: unlimited\(marked)}" : "unlimited"
        case .limit(let perCase?, nil) where !cell.invertedOK: return perCase.plain
        case .limit(let perCase, let rolling):
            var parts: [String] = []
            if let perCase { parts.append("per_case: \(perCase.plain)") }
            if let rolling { parts.append("rolling: {amount: \(rolling.amount.plain), days: \(rolling.days)}") }
            return "{" + parts.joined(separator: ", ") + marked + "}"
        }
    }

    static func condition(_ c: ReferralCondition) -> String {
        switch c {
        case .customerFlag(let flags): return "{customer_flag: \(names(flags))}"
        case .caseFlag(let flags): return "{case_flag: \(names(flags))}"
        case .channel(let channels): return "{channel: \(names(channels))}"
        case .repeatContacts(let count, let days): return "{repeat_contacts: {count: \(count), days: \(days)}}"
        case .requestedTotalOver(let amount): return "{requested_total_over: \(amount.plain)}"
        case .all(let parts): return "{all: [" + parts.map(condition).joined(separator: ", ") + "]}"
        case .any(let parts): return "{any: [" + parts.map(condition).joined(separator: ", ") + "]}"
        }
    }

    static func retention(_ r: RetentionPeriod) -> String {
        var parts: [String] = []
        if r.years > 0 { parts.append("years: \(r.years)") }
        if r.months > 0 { parts.append("months: \(r.months)") }
        if r.days > 0 || parts.isEmpty { parts.append("days: \(r.days)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    static func names(_ values: [String]) -> String { values.count == 1 ? text(values[0]) : list(values) }

    static func list(_ values: [String]) -> String { "[" + values.map(text).joined(separator: ", ") + "]" }

    /// Plain when YAML reads it back as the same text; otherwise double-quoted and escaped.
    static func text(_ value: String) -> String {
        if isPlain(value) { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if Self.escaped(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Characters written as `\\uXXXX`: controls, line and paragraph separators, and
    /// invisible format characters such as bidi overrides, so the exported file is the same
    /// text on any terminal or editor it is shown in.
    private static func escaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }

    /// Words YAML 1.1 would read as something other than text.
    private static let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]

    private static func isPlain(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII,
              !reserved.contains(value.lowercased()) else { return false }
        return value.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-" || s == "/" || s == ".")
        }
    }
}
