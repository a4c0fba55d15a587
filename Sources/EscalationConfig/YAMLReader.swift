import Yams

/// Reads one YAML file into plain values while collecting every problem with its
/// line and column, so a manager sees all mistakes at once rather than one per run.
final class YAMLReader {
    let file: String
    private(set) var issues: [ConfigIssue] = []
    /// Nodes left to visit: guards against alias bombs and absurd documents.
    private var budget = 500_000

    /// True once the node budget is spent: callers stop walking.
    var exhausted: Bool { budget <= 0 }

    init(file: String) {
        self.file = file
    }

    func report(_ message: String, at node: Node?) {
        let mark = node?.mark
        report(message, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func report(_ message: String, line: Int, column: Int) {
        issues.append(ConfigIssue(file: file, line: line, column: column, message: message))
    }

    /// Parses the text, or records why it is not YAML and returns nil.
    func parse(_ text: String) -> Node? {
        if let problem = StructureGuard.check(text) {
            report(problem.message, line: problem.line, column: problem.column)
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                report("the file is empty; it needs the settings described in CONFIG.md", line: 1, column: 1)
                return nil
            }
            return root
        } catch let error as YamlError {
            reportYAMLError(error)
        } catch {
            report("the file could not be read as YAML: \(error)", line: 1, column: 1)
        }
        return nil
    }

    private func reportYAMLError(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            report("this is not valid YAML: \(problem)\(while_); check the indentation and quoting here",
                   line: mark.line, column: mark.column)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            report("the key \(keys) appears twice in the same mapping; keep one",
                   line: context.mark.line, column: context.mark.column)
        case let .reader(problem, offset, _, yaml):
            let at = offset.map { TextPosition.of(characterOffset: $0, in: yaml) } ?? TextPosition(line: 1, column: 1)
            report("the file is not readable text: \(problem); save it as UTF-8", line: at.line, column: at.column)
        default:
            report("this is not valid YAML: \(error)", line: 1, column: 1)
        }
    }

    // MARK: Shapes

    private func spend(_ node: Node) -> Bool {
        budget -= 1
        if budget == 0 { report("the document is too large to check (over 500,000 values)", at: node) }
        if case .alias = node {
            report("anchors and aliases (*name) are not supported here; write the value out", at: node)
            return false
        }
        return budget > 0
    }

    /// A mapping's entries with their keys as strings, reporting anything else.
    func mapping(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard spend(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            report("\(what) must be a mapping of keys to values, not \(describe(node))", at: node)
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                report("keys in \(what) must be plain words", at: key)
                continue
            }
            entries.append((scalar.string, key, value))
        }
        return entries
    }

    /// A mapping whose keys must come from `allowed`; unknown keys are errors with a
    /// suggestion, missing `required` keys are errors at the mapping.
    func fields(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let entries = mapping(node, what) else { return nil }
        var result: [String: Node] = [:]
        var suggested = Set<String>()
        for entry in entries {
            if allowed.contains(entry.key) {
                result[entry.key] = entry.value
            } else {
                if let guess = Suggestion.closest(to: entry.key, among: allowed) { suggested.insert(guess) }
                report(unknownKey(entry.key, in: what, allowed: allowed), at: entry.keyNode)
            }
        }
        // A misspelt required key is reported once, as the misspelling.
        for key in required where result[key] == nil && !suggested.contains(key) {
            report("\(what) is missing \"\(key)\"", at: node)
        }
        return result
    }

    func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard spend(node) else { return nil }
        guard case .sequence(let seq) = node else {
            report("\(what) must be a list (lines starting with \"- \"), not \(describe(node))", at: node)
            return nil
        }
        return Array(seq)
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard spend(node) else { return nil }
        guard case .scalar(let scalar) = node, !isNull(scalar) else {
            report("\(what) must be text, not \(describe(node))", at: node)
            return nil
        }
        let text = scalar.string
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            report("\(what) must not be empty", at: node)
            return nil
        }
        return text
    }

    /// An identifier: lower-case letters, digits and underscores, starting with a letter.
    func identifier(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        let valid = text.first.map { $0.isASCII && $0.isLetter } == true
            && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
            && text.count <= 64
        if !valid {
            report("\(what) \"\(text)\" must be a short id of letters, digits and underscores, starting with a letter", at: node)
            return nil
        }
        return text
    }

    /// A string or a list of strings (as `customer_flag: vulnerable` or `[a, b]`).
    func strings(_ node: Node, _ what: String) -> [String]? {
        if case .sequence = node {
            guard let items = sequence(node, what) else { return nil }
            let values = items.compactMap { string($0, "each entry of \(what)") }
            if items.isEmpty { report("\(what) must name at least one value", at: node) }
            return values.count == items.count && !items.isEmpty ? values : nil
        }
        return string(node, what).map { [$0] }
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard spend(node) else { return nil }
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        report("\(what) must be true or false, not \(describe(node))", at: node)
        return nil
    }

    /// A whole number within `range`.
    func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard spend(node) else { return nil }
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report("\(what) must be a whole number, not \(describe(node))", at: node)
            return nil
        }
        guard range.contains(value) else {
            let limit = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            report("\(what) is \(value); it must be \(limit)", at: node)
            return nil
        }
        return value
    }

    /// A fraction between 0 and 1 (for `warn_at`).
    func fraction(_ node: Node, _ what: String) -> Double? {
        guard spend(node) else { return nil }
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            report("\(what) must be a number between 0 and 1, not \(describe(node))", at: node)
            return nil
        }
        guard value > 0 && value < 1 else {
            report("\(what) is \(scalar.string); it must be between 0 and 1 (the fraction of time remaining)", at: node)
            return nil
        }
        return value
    }

    func scalarText(_ node: Node) -> String? {
        if case .scalar(let scalar) = node, !isNull(scalar) { return scalar.string }
        return nil
    }

    private func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(scalar) { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "\"\(text)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func unknownKey(_ key: String, in what: String, allowed: [String]) -> String {
        var message = "unknown key \"\(key)\" in \(what)"
        if let guess = Suggestion.closest(to: key, among: allowed) {
            message += "; did you mean \"\(guess)\"?"
        } else {
            message += "; expected one of: \(allowed.joined(separator: ", "))"
        }
        return message
    }
}

import Foundation
