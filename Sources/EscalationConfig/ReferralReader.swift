import EscalationCore
import Yams

extension EscalationFile {
    /// `referrals:` — indicators that force a minimum role.
    func readReferrals(_ node: Node, _ r: YAMLReader) -> [ReferralRule] {
        guard let items = r.sequence(node, "referrals") else { return [] }
        var rules: [ReferralRule] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let f = r.fields(item, "a referral rule", allowed: ["id", "when", "min_role", "reason"],
                                   required: ["id", "when", "min_role", "reason"]),
                  let idNode = f["id"], let id = r.identifier(idNode, "referral id") else { continue }
            let when = f["when"].flatMap { readCondition($0, rule: id, r, depth: 0) }
            let reason = f["reason"].flatMap { r.string($0, "reason of \(id)") }
            var minRole: String?
            if let n = f["min_role"], let role = r.string(n, "min_role of \(id)") {
                if roles.contains(where: { $0.id == role }) { minRole = role }
                else if rolesSectionBroken || brokenRoles.contains(role) { continue }
                else {
                    r.report(undeclared("min_role", role, declared: roles.map(\.id), section: "roles"), at: n)
                }
            }
            if let line = seen[id] {
                r.report("referral \"\(id)\" is declared twice (first on line \(line)); referral ids must be unique", at: idNode)
                continue
            }
            seen[id] = idNode.mark?.line ?? 0
            if let when, let reason, let minRole {
                rules.append(ReferralRule(id: id, when: when, minRole: minRole, reason: reason))
            }
        }
        return rules
    }

    /// Whether every flag a condition names is declared, when the file declares that kind of
    /// flag (otherwise flags are free names); reports the first that is not.
    private func declared(_ names: [String], _ list: [String]?, broken: Bool, _ kind: String, _ section: String,
                          _ node: Node, _ r: YAMLReader) -> Bool {
        guard let list else { return !broken }
        for name in names where !list.contains(name) {
            r.report(undeclared(kind, name, declared: list, section: section), at: node)
            return false
        }
        return true
    }

    static let conditionKeys = ["customer_flag", "case_flag", "repeat_contacts", "requested_total_over",
                                "channel", "all", "any"]

    func readCondition(_ node: Node, rule: String, _ r: YAMLReader, depth: Int) -> ReferralCondition? {
        let what = "the condition of \(rule)"
        if r.exhausted { return nil }
        guard depth < 32 else {
            r.report("\(what) nests all/any more than 32 levels deep; simplify it", at: node)
            return nil
        }
        guard let f = r.fields(node, what, allowed: Self.conditionKeys) else { return nil }
        guard f.count == 1, let (key, value) = f.first else {
            let message = f.isEmpty
                ? "\(what) is empty; use one of: \(Self.conditionKeys.joined(separator: ", "))"
                : "\(what) has \(f.count) conditions side by side; combine them with all: [...] or any: [...]"
            r.report(message, at: node)
            return nil
        }
        switch key {
        case "customer_flag":
            guard let list = r.strings(value, "customer_flag"),
                  declared(list, customerFlags, broken: customerFlagsBroken, "customer flag", "customer_flags", value, r)
            else { return nil }
            return .customerFlag(list)
        case "case_flag":
            guard let list = r.strings(value, "case_flag"),
                  declared(list, caseFlags, broken: caseFlagsBroken, "case flag", "case_flags", value, r)
            else { return nil }
            return .caseFlag(list)
        case "channel":
            guard let list = r.strings(value, "channel") else { return nil }
            if channelsBroken { return nil }
            for name in list where channelsDeclared && !channels.contains(name) {
                r.report(undeclared("channel", name, declared: channels, section: "channels"), at: value)
                return nil
            }
            return .channel(list)
        case "requested_total_over": return amount(value, "requested_total_over", r).map { .requestedTotalOver($0) }
        case "repeat_contacts":
            guard let g = r.fields(value, "repeat_contacts", allowed: ["count", "days"], required: ["count", "days"]),
                  let countNode = g["count"], let daysNode = g["days"] else { return nil }
            let count = r.integer(countNode, "repeat_contacts count", in: 1...1000)
            var days: Int?
            if case .scalar(let s) = daysNode, s.string == "0" {
                r.report("a repeat-contact window of 0 days covers nothing; use at least 1 day", at: daysNode)
            } else {
                days = r.integer(daysNode, "repeat_contacts days", in: 1...3660)
            }
            guard let count, let days else { return nil }
            return .repeatContacts(count: count, days: days)
        default:
            guard let items = r.sequence(value, key) else { return nil }
            if items.isEmpty { r.report("\(key) needs at least one condition", at: value); return nil }
            var parts: [ReferralCondition] = []
            for item in items {
                guard let part = readCondition(item, rule: rule, r, depth: depth + 1) else { return nil }
                parts.append(part)
            }
            return key == "all" ? .all(parts) : .any(parts)
        }
    }
}
