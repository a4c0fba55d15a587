import Foundation

/// An event payload as a JSON value, written in one canonical form so its hash never depends
/// on a library version: object keys sorted by their UTF-8 bytes, no whitespace, integers
/// only (amounts are minor units, times are milliseconds: there are no floats to format),
/// and strings escaped minimally (`"`, `\`, and control characters as `\u00XX`, everything
/// else as raw UTF-8). This is the subset of RFC 8785 our payloads need, written here
/// rather than borrowed from `JSONEncoder`, whose spacing and escaping are not a contract.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// A value already written in canonical form (`canonicalString`), copied as it is: a
    /// member serialised once for both an event and a projection row. Parsing never makes
    /// one, and reading members through it finds none.
    case written(String)

    /// The canonical bytes of this value.
    var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.writeInt(i, into: &out)
        case .string(let s): Self.writeString(s, into: &out)
        case .written(let text): out.append(contentsOf: text.utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.0, into: &out)
                out.append(UInt8(ascii: ":"))
                member.1.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether `a` sorts before `b` by their UTF-8 bytes (the canonical key order).
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func writeInt(_ value: Int64, into out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x00..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30,
                                        hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Reading members back

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var int: Int64? { if case .int(let i) = self { return i } else { return nil } }
    var bool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    var array: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    var isNull: Bool { self == .null }

    /// Parses JSON text written by `canonicalBytes` (or any JSON whose numbers are integers
    /// that fit 64 bits): `JSONReader`.
    static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { bytes throws(JSONReader.Failure) in
            var reader = JSONReader(bytes: bytes)
            return try reader.document()
        }
    }
}

/// A JSON object's members, kept in canonical order (keys sorted by their UTF-8 bytes) from
/// the moment it is made: writing one is a plain walk, and two objects with the same members
/// are equal however they were listed.
struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The members (key, value) in canonical order, each key once. (Unlabelled, as a
    /// literal's pairs come: relabelling an array of tuples copies it.)
    let members: [(String, JSONValue)]

    init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { ($0.key, $0.value) }.sorted { JSONValue.utf8Precedes($0.0, $1.0) }
    }

    /// Members as a literal lists them. A key written twice is a programming error, as it is
    /// in a dictionary literal.
    init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(pairs: elements) }

    init(pairs: [(String, JSONValue)]) {
        members = pairs.sorted { JSONValue.utf8Precedes($0.0, $1.0) }
        for (a, b) in zip(members, members.dropFirst()) { precondition(a.0 != b.0, "JSON key \(a.0) written twice") }
    }

    static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.elementsEqual(b.members) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for (key, value) in members {
            hasher.combine(key)
            hasher.combine(value)
        }
    }

    subscript(key: String) -> JSONValue? { members.first { $0.0 == key }?.1 }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue {
    /// The payload member that marks text given but not kept, because the case's customer
    /// had been erased.
    static let textWithheldKey = "text_withheld"

    /// This object with `text_withheld: true` added when `withheld`; unchanged otherwise, so
    /// every other payload keeps its bytes.
    func markingTextWithheld(_ withheld: Bool) -> JSONValue {
        guard withheld, case .object(let object) = self else { return self }
        return .object(JSONObject(pairs: object.members + [(Self.textWithheldKey, .bool(true))]))
    }

    /// This object with `key: value` added when there is a value; unchanged otherwise, so an
    /// event without the optional member keeps the bytes earlier releases wrote.
    func adding(_ key: String, _ value: String?) -> JSONValue {
        guard let value, case .object(let object) = self else { return self }
        return .object(JSONObject(pairs: object.members + [(key, .string(value))]))
    }

    /// The object with an integer member added, or unchanged when the value is absent (a
    /// member added after the first release, left out so older events keep their bytes).
    func adding(_ key: String, _ value: Int64?) -> JSONValue {
        guard let value, case .object(let object) = self else { return self }
        return .object(JSONObject(pairs: object.members + [(key, .int(value))]))
    }

    /// A string, or null when absent.
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
}
