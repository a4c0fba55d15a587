import EscalationCore
import Foundation

/// `letters/`: one template per letter kind (`final_response.txt`, …) and `letters.yaml`
/// (the firm's position on the Ombudsman's time limits). Every template is checked for its
/// syntax (file:line:column) and, rendered from sample facts, for what its kind must say
/// (DISP 1.5.4R, 1.6.2R), so a template that leaves out the customer's right to refer to the
/// Financial Ombudsman Service is refused before any letter is sent.
enum LetterFiles {
    static let settingsFile = "letters.yaml"

    /// The letters, or nil with the problems reported to `issues`. `folder` is how errors
    /// name the folder ("Config/letters").
    static func read(_ sources: [ConfigLoader.Source], folder: String, issues: inout [ConfigIssue]) -> LetterBook? {
        var templates: [LetterTemplate] = []
        var position: String?
        var ok = true
        func fileIssue(_ name: String, _ message: String) {
            issues.append(ConfigIssue(file: name, line: 0, column: 0, message: message))
            ok = false
        }
        for source in sources {
            let base = (source.name as NSString).lastPathComponent
            if base == settingsFile {
                position = readSettings(source, issues: &issues)
                if position == nil { ok = false }
                continue
            }
            let stem = base.hasSuffix(".txt") ? String(base.dropLast(4)) : base
            guard let kind = LetterKind(rawValue: stem) else {
                var message = "\(base) is not a letter kind; name templates "
                    + LetterKind.allCases.map { $0.rawValue + ".txt" }.joined(separator: ", ")
                if let guess = Suggestion.closest(to: stem, among: LetterKind.allCases.map(\.rawValue)) {
                    message += "; did you mean \(guess).txt?"
                }
                fileIssue(source.name, message)
                continue
            }
            do {
                templates.append(try LetterTemplate(kind: kind, text: source.text))
            } catch {
                issues.append(ConfigIssue(file: source.name, line: error.line, column: error.column, message: error.message))
                ok = false
            }
        }
        let names = Set(sources.map { ($0.name as NSString).lastPathComponent })
        for kind in LetterKind.allCases where !names.contains(kind.rawValue + ".txt") {
            fileIssue(folder + "/" + kind.rawValue + ".txt", "the \(kind.title) template is missing; every letter kind needs one")
        }
        if !names.contains(settingsFile) {
            fileIssue(folder + "/" + settingsFile, "the file is missing; it states the firm's position on the Financial "
                      + "Ombudsman Service's time limits (time_limits_position)")
        }
        guard ok, let position else { return nil }
        let book: LetterBook
        do { book = try LetterBook(templates: templates, timeLimitsPosition: position) } catch {
            fileIssue(folder, error.description)
            return nil
        }
        for (kind, missing) in book.missingContent() {
            let name = folder + "/" + kind.rawValue + ".txt"
            let rule = missing[0].rule(for: kind)
            fileIssue(name, "the \(kind.title) letter must say (\(rule)) " + missing.map(\.missing).joined(separator: "; and "))
        }
        return ok ? book : nil
    }

    /// `time_limits_position:` of `letters.yaml`.
    static func readSettings(_ source: ConfigLoader.Source, issues: inout [ConfigIssue]) -> String? {
        let r = YAMLReader(file: source.name)
        defer { issues += r.issues }
        guard let root = r.parse(source.text),
              let f = r.fields(root, "letters.yaml", allowed: ["time_limits_position"], required: ["time_limits_position"]),
              let node = f["time_limits_position"], let text = r.string(node, "time_limits_position") else { return nil }
        guard VisibleText.hasVisibleCharacter(text) else {
            r.report("time_limits_position is empty; write whether the firm consents to the Ombudsman considering a "
                     + "complaint referred outside its time limits", at: node)
            return nil
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
