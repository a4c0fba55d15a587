import Foundation

/// A letter's text with named placeholders, `{{customer_name}}`, filled in from the case when
/// the letter is sent. The syntax is the whole of it: `{{` opens a field, `}}` closes it,
/// spaces inside are allowed (`{{ case_id }}`); a field must be one its kind may use
/// (`LetterKind.fields`). Line endings are kept as written, except that CR LF reads as LF.
/// Control characters other than line breaks and tabs are refused: a letter is printed.
public struct LetterTemplate: Sendable, Hashable, Codable {
    public let kind: LetterKind
    /// The text as written (CR LF read as LF).
    public let text: String

    /// A piece of a template: text as written, or a field to fill in.
    public enum Piece: Sendable, Hashable {
        case text(String)
        case field(LetterField)
    }

    /// The template in pieces, parsed once.
    public let pieces: [Piece]

    /// The template, or where and why it cannot be one.
    public init(kind: LetterKind, text: String) throws(LetterTemplateError) {
        self.kind = kind
        self.text = text.replacingOccurrences(of: "\r\n", with: "\n")
        pieces = try Self.pieces(of: self.text, kind: kind)
    }

    enum CodingKeys: String, CodingKey {
        case kind, text
    }

    /// A stored template (checked when the database was created, and bound to the chain
    /// since); one that no longer parses prints as written, fields and all, cleaned of
    /// control characters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(LetterKind.self, forKey: .kind)
        text = try container.decode(String.self, forKey: .text)
        pieces = (try? Self.pieces(of: text, kind: kind)) ?? [.text(LetterRenderer.clean(text))]
    }

    /// Every field the template uses, in order of first use.
    public var fields: [LetterField] {
        var seen: [LetterField] = []
        for case .field(let f) in pieces where !seen.contains(f) { seen.append(f) }
        return seen
    }

    public static func pieces(of text: String, kind: LetterKind) throws(LetterTemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var line = 1, column = 1
        let chars = Array(text)
        if chars.isEmpty || !chars.contains(where: { !$0.isWhitespace }) {
            throw LetterTemplateError(line: 0, column: 0, message: "the \(kind.title) template is empty; write the letter")
        }
        var i = 0
        func fail(_ message: String, _ l: Int, _ c: Int) -> LetterTemplateError { LetterTemplateError(line: l, column: c, message: message) }
        while i < chars.count {
            let ch = chars[i]
            if ch == "{", i + 1 < chars.count, chars[i + 1] == "{" {
                let (openLine, openColumn) = (line, column)
                guard let close = (i + 2..<chars.count).first(where: { chars[$0] == "}" && $0 + 1 < chars.count && chars[$0 + 1] == "}" }),
                      !chars[(i + 2)..<close].contains(where: \.isNewline) else {
                    throw fail("\"{{\" opens a field that is not closed with \"}}\" on the same line; "
                               + "write fields like {{customer_name}}", openLine, openColumn)
                }
                let name = String(chars[(i + 2)..<close]).trimmingCharacters(in: .whitespaces)
                guard let field = LetterField(rawValue: name) else {
                    throw fail("{{\(String(name.prefix(40)))}} is not a letter field; use one of: "
                               + kind.fields.map(\.rawValue).joined(separator: ", "), openLine, openColumn)
                }
                guard kind.fields.contains(field) else {
                    throw fail("{{\(name)}} cannot be used in the \(kind.title) letter; it may use: "
                               + kind.fields.map(\.rawValue).joined(separator: ", "), openLine, openColumn)
                }
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.field(field))
                column += close + 2 - i
                i = close + 2
                continue
            }
            if ch == "}", i + 1 < chars.count, chars[i + 1] == "}" {
                throw fail("\"}}\" closes no field; fields are written {{customer_name}}", line, column)
            }
            if let bad = ch.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
                let hex = String(bad.value, radix: 16, uppercase: true)
                throw fail("a control character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)) is here; "
                           + "letters are plain text", line, column)
            }
            literal.append(ch)
            if ch.isNewline { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }
}

/// Why a template cannot be used, at the place to edit (line and column from 1; 0 for the
/// whole template).
public struct LetterTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { line > 0 ? "\(line):\(column): \(message)" : message }
}
