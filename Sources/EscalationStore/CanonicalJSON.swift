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
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    var canonicalString: String { String(decoding: canonicalBytes, as: UTF8.self) }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
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

    /// Whether `a` sorts before `b` by their UTF-8 bytes (the canonical key order), compared
    /// in place: a generic walk of both UTF-8 views cost more than the rest of an event's
    /// serialisation.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// Decimal digits of `value`, written without making a String first.
    static func writeInt(_ value: Int64, into out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        guard magnitude > 0 else { return out.append(UInt8(ascii: "0")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text (ids, base64 ciphertext, sentences) needs no escape: copied in one go.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
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

    /// Parses JSON text written by `canonicalBytes` (or any JSON without fractional numbers).
    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

extension JSONValue: Decodable {
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(JSONObject(try c.decode([String: JSONValue].self))) }
    }
}

/// A JSON object's members, kept in canonical order (keys sorted by their UTF-8 bytes) from
/// the moment it is made, so writing one is a plain walk. Payloads are written far more
/// often than they are read, and sorting a dictionary's keys at every write cost as much
/// as the rest of an event's serialisation.
struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The members (key, value) in canonical order, each key once. (Unlabelled, as a
    /// literal's pairs come: relabelling an array of tuples copies it.)
    let members: [(String, JSONValue)]

    init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { ($0.key, $0.value) }.sorted { JSONValue.utf8Precedes($0.0, $1.0) }
    }

    /// Members written in source order: a payload's literal written in key order costs one
    /// comparison per member. A key written twice is a programming error, as it is in a
    /// dictionary literal.
    init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(pairs: elements) }

    init(pairs: [(String, JSONValue)]) {
        var members = pairs
        // Insertion sort, in place: linear on literals already in order, and they are short.
        for i in members.indices.dropFirst() {
            var j = i
            while j > 0, JSONValue.utf8Precedes(members[j].0, members[j - 1].0) {
                members.swapAt(j, j - 1)
                j -= 1
            }
            precondition(j == 0 || members[j - 1].0 != members[j].0, "JSON key \(members[j].0) written twice")
        }
        self.members = members
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

    /// A string, or null when absent.
    static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }
}
