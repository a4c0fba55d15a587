import Foundation

/// Reads JSON text into a `JSONValue` in one pass over its UTF-8 bytes. Every event payload
/// and every stored decision is read through here (replay, `audit verify`, the clocks'
/// projection), so it reads each byte once and allocates only the values it makes. It takes
/// RFC 8259 JSON whose numbers are integers within 64 bits (payloads hold no others);
/// anything else, nesting deeper than `maxDepth` included, is a `Failure`, never a crash.
struct JSONReader {
    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "the JSON is not valid at byte \(offset): \(reason)" }
    }

    static let maxDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The one value the text holds, with nothing but whitespace around it.
    mutating func document() throws(Failure) -> JSONValue {
        let value = try self.value()
        skipSpace()
        guard at == bytes.count else { throw fail("text after the value") }
        return value
    }

    private func fail(_ reason: String) -> Failure { Failure(offset: at, reason: reason) }

    private mutating func skipSpace() {
        while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        skipSpace()
        guard at < bytes.count else { throw fail("a value was expected") }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .int(try integer())
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count,
              word.withUTF8Buffer({ w in (0..<count).allSatisfy { bytes[at + $0] == w[$0] } }) else {
            throw fail("an unknown word")
        }
        at += count
    }

    private mutating func nested<T>(_ body: (inout JSONReader) throws(Failure) -> T) throws(Failure) -> T {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) deep") }
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try nested { (r: inout JSONReader) throws(Failure) -> JSONValue in
            r.at += 1
            var items: [JSONValue] = []
            r.skipSpace()
            if r.at < r.bytes.count, r.bytes[r.at] == UInt8(ascii: "]") { r.at += 1; return .array(items) }
            while true {
                items.append(try r.value())
                r.skipSpace()
                guard r.at < r.bytes.count else { throw r.fail("an unfinished array") }
                let next = r.bytes[r.at]
                r.at += 1
                if next == UInt8(ascii: "]") { return .array(items) }
                guard next == UInt8(ascii: ",") else { throw r.fail("a comma or ] was expected") }
            }
        }
    }

    /// A key written twice keeps its last value.
    private mutating func object() throws(Failure) -> JSONValue {
        try nested { (r: inout JSONReader) throws(Failure) -> JSONValue in
            r.at += 1
            var members: [String: JSONValue] = [:]
            r.skipSpace()
            if r.at < r.bytes.count, r.bytes[r.at] == UInt8(ascii: "}") { r.at += 1; return .object(JSONObject(members)) }
            while true {
                r.skipSpace()
                guard r.at < r.bytes.count, r.bytes[r.at] == UInt8(ascii: "\"") else { throw r.fail("a key was expected") }
                let key = try r.string()
                r.skipSpace()
                guard r.at < r.bytes.count, r.bytes[r.at] == UInt8(ascii: ":") else { throw r.fail("a colon was expected") }
                r.at += 1
                members[key] = try r.value()
                r.skipSpace()
                guard r.at < r.bytes.count else { throw r.fail("an unfinished object") }
                let next = r.bytes[r.at]
                r.at += 1
                if next == UInt8(ascii: "}") { return .object(JSONObject(members)) }
                guard next == UInt8(ascii: ",") else { throw r.fail("a comma or } was expected") }
            }
        }
    }

    /// An integer: an optional minus, then 0 or digits not starting with 0; a fraction or
    /// an exponent is refused, as is a value beyond 64 bits.
    private mutating func integer() throws(Failure) -> Int64 {
        let negative = bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        let start = at
        var magnitude: UInt64 = 0
        while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(bytes[at] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw fail("a number beyond 64 bits") }
            magnitude = sum
            at += 1
        }
        guard at > start else { throw fail("a value was expected") }
        guard bytes[start] != UInt8(ascii: "0") || at == start + 1 else { throw fail("a number with a leading zero") }
        if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) {
            throw fail("a number that is not an integer")
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { throw fail("a number beyond 64 bits") }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { throw fail("a number beyond 64 bits") }
        return Int64(magnitude)
    }

    /// A string: raw UTF-8 copied in runs, escapes decoded (`\\u` with surrogate pairs);
    /// a control character not escaped, or a lone surrogate, is refused.
    private mutating func string() throws(Failure) -> String {
        at += 1
        var out: [UInt8] = []
        var run = at
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "\"") {
                if out.isEmpty { defer { at += 1 }; return String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<at]), as: UTF8.self) }
                out.append(contentsOf: bytes[run..<at])
                at += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw fail("a control character in a string") }
            guard byte == UInt8(ascii: "\\") else { at += 1; continue }
            out.append(contentsOf: bytes[run..<at])
            at += 1
            guard at < bytes.count else { break }
            let escape = bytes[at]
            at += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone surrogate")
                    }
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("a lone surrogate") }
                out.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw fail("an unknown escape")
            }
            run = at
        }
        throw fail("an unfinished string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard at + 4 <= bytes.count else { throw fail("a short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[at]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape that is not hexadecimal")
            }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }
}
