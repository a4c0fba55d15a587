/// Checks a document's shape before the YAML parser sees it, so hostile input (nesting
/// thousands deep) becomes a clear error instead of exhausting the stack.
enum StructureGuard {
    struct Problem {
        let line: Int
        let column: Int
        let message: String
    }

    static let maxFlowDepth = 100
    static let maxIndent = 256

    static func quoteMayOpen(after previous: Character) -> Bool { " \t:[{,-\n".contains(previous) }

    static func check(_ text: String) -> Problem? {
        var depth = 0
        var line = 1
        var column = 0
        var atLineStart = true
        var indent = 0
        var quote: Character?
        var inComment = false
        var previous: Character = "\n"
        for ch in text {
            defer { previous = ch }
            column += 1
            if ch == "\n" {
                line += 1; column = 0; atLineStart = true; indent = 0; inComment = false
                continue
            }
            if inComment { continue }
            if atLineStart {
                // Block nesting shows as indentation, and "- - - x" nests without any.
                if ch == " " || ch == "-" || ch == "?" || ch == "\t" {
                    indent += 1
                    if indent > maxIndent {
                        return Problem(line: line, column: column,
                                       message: "this line is indented more than \(maxIndent) spaces; the configuration nests too deeply")
                    }
                    continue
                }
                atLineStart = false
            }
            if let q = quote {
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            // A quote opens a quoted scalar only where one can start; inside a plain scalar
            // (`it's`, `5"`) it is an ordinary character, and taking it for a quote would hide
            // every bracket after it from this guard.
            case "\"" where Self.quoteMayOpen(after: previous), "'" where Self.quoteMayOpen(after: previous): quote = ch
            case "#": inComment = true
            case "[", "{":
                depth += 1
                if depth > maxFlowDepth {
                    return Problem(line: line, column: column,
                                   message: "brackets nest more than \(maxFlowDepth) levels deep here; the configuration nests too deeply")
                }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}
