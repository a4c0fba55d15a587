import EscalationCore
import Yams

extension EscalationFile {
    /// `authority:` — role → action → cell. A missing cell is deny.
    mutating func readAuthority(_ node: Node, _ r: YAMLReader) {
        guard let byRole = r.mapping(node, "authority") else { return }
        let roleIDs = roles.map(\.id)
        var seenRoles = Set<String>()
        for roleEntry in byRole {
            let roleID = roleEntry.key
            guard roleIDs.contains(roleID) else {
                if !rolesSectionBroken && !brokenRoles.contains(roleID) {
                    r.report(undeclared("role", roleID, declared: roleIDs, section: "roles"), at: roleEntry.keyNode)
                }
                continue
            }
            roleKeyNodes[roleID] = roleEntry.keyNode
            if !seenRoles.insert(roleID).inserted {
                r.report("role \"\(roleID)\" has two authority blocks; merge them into one", at: roleEntry.keyNode)
                continue
            }
            guard let byAction = r.mapping(roleEntry.value, "the authority of \(roleID)") else { continue }
            for actionEntry in byAction {
                guard let action = actions.first(where: { $0.id == actionEntry.key }) else {
                    if actionsSectionBroken || brokenActions.contains(actionEntry.key) { continue }
                    r.report(undeclared("action", actionEntry.key, declared: actions.map(\.id), section: "actions"),
                             at: actionEntry.keyNode)
                    continue
                }
                if cells[roleID]?[action.id] != nil {
                    r.report("\(roleID) has two cells for \(action.id); keep one", at: actionEntry.keyNode)
                    continue
                }
                if let cell = readCell(actionEntry.value, role: roleID, action: action, r) {
                    cells[roleID, default: [:]][action.id] = cell
                    cellNodes[roleID, default: [:]][action.id] = actionEntry.value
                }
            }
        }
    }

    func undeclared(_ kind: String, _ id: String, declared: [String], section: String) -> String {
        var message = "\(kind) \"\(id)\" is not declared under \(section)"
        if let guess = Suggestion.closest(to: id, among: declared) { message += "; did you mean \"\(guess)\"?" }
        else if !declared.isEmpty { message += "; declared \(kind)s are: \(declared.joined(separator: ", "))" }
        return message
    }

    /// One cell: `deny`, `allow`, `unlimited`, a bare amount, or a mapping with `per_case`,
    /// `rolling`, `inverted_ok` (and `cell:` to mark a word cell as inverted_ok).
    func readCell(_ node: Node, role: String, action: Action, _ r: YAMLReader) -> AuthorityCell? {
        let what = "the \(role) cell for \(action.id)"
        if case .mapping = node {
            let before = r.issues.count
            guard let f = r.fields(node, what, allowed: ["per_case", "rolling", "inverted_ok", "cell"]),
                  r.issues.count == before else { return nil }
            let invertedOK = f["inverted_ok"].flatMap { r.bool($0, "inverted_ok") } ?? false
            if let wordNode = f["cell"] {
                if f["per_case"] != nil || f["rolling"] != nil {
                    r.report("\(what) gives both cell: and limits; use one or the other", at: wordNode)
                    return nil
                }
                return readWord(wordNode, what: what, action: action, r).map { AuthorityCell($0, invertedOK: invertedOK) }
            }
            guard f["per_case"] != nil || f["rolling"] != nil else {
                r.report("\(what) needs per_case, rolling, or cell (deny, allow, unlimited)", at: node)
                return nil
            }
            guard action.kind == .monetary else {
                r.report("\(action.id) is a permission, so its cell is allow or deny, not a limit", at: node)
                return nil
            }
            var perCase: Money?
            var rolling: RollingCap?
            var ok = true
            if let n = f["per_case"] {
                perCase = amount(n, "per_case", r)
                ok = ok && perCase != nil
            }
            if let n = f["rolling"] {
                rolling = readRolling(n, what: what, r)
                ok = ok && rolling != nil
            }
            return ok ? AuthorityCell(.limit(perCase: perCase, rolling: rolling), invertedOK: invertedOK) : nil
        }
        return readWord(node, what: what, action: action, r).map { AuthorityCell($0) }
    }

    private func readWord(_ node: Node, what: String, action: Action, _ r: YAMLReader) -> Authority? {
        guard let text = r.string(node, what) else { return nil }
        switch (text, action.kind) {
        case ("deny", _): return .deny
        case ("allow", .permission): return .allow
        case ("unlimited", .monetary): return .unlimited
        case ("allow", .monetary):
            r.report("\(action.id) is monetary, so its cell is an amount, a limit or unlimited, not allow", at: node)
        case ("unlimited", .permission):
            r.report("\(action.id) is a permission, so its cell is allow or deny, not unlimited", at: node)
        case (_, .permission):
            r.report("\(action.id) is a permission, so its cell is allow or deny, not \(r.describe(node))", at: node)
        case (_, .monetary):
            return amount(node, what, r).map { .limit(perCase: $0, rolling: nil) }
        }
        return nil
    }

    private func readRolling(_ node: Node, what: String, _ r: YAMLReader) -> RollingCap? {
        guard let f = r.fields(node, "the rolling cap of \(what)", allowed: ["amount", "days"], required: ["amount", "days"]),
              let amountNode = f["amount"], let daysNode = f["days"] else { return nil }
        let cap = amount(amountNode, "the rolling amount", r)
        var days: Int?
        if case .scalar(let s) = daysNode, s.string == "0" {
            r.report("a rolling window of 0 days covers nothing; use at least 1 day", at: daysNode)
        } else {
            days = r.integer(daysNode, "rolling days", in: 1...3660)
        }
        guard let cap, let days else { return nil }
        return RollingCap(amount: cap, days: days)
    }

    /// An exact amount in the file's currency; negatives and extra decimals are errors.
    func amount(_ node: Node, _ what: String, _ r: YAMLReader) -> Money? {
        guard let text = r.scalarText(node) else {
            r.report("\(what) must be an amount like 50.00, not \(r.describe(node))", at: node)
            return nil
        }
        do {
            return try Money.parse(text, currency: currency)
        } catch {
            r.report("\(what): \(error.description)", at: node)
            return nil
        }
    }
}
