import EscalationCore
import PropertyBased
import Testing
@testable import EscalationStore

/// Every event's hash covers its payload's canonical bytes, so the fast writer must give
/// exactly the bytes of the plain definition, for any value.
@Suite struct CanonicalJSONTests {
    /// The canonical form as the format defines it, written as plainly as possible.
    static func reference(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map(reference).joined(separator: ",") + "]"
        case .written(let text): return text
        case .object(let object):
            let sorted = object.members.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }
            return "{" + sorted.map { quoted($0.0) + ":" + reference($0.1) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Keys that sort differently by bytes, by characters and by length: prefixes, non-ASCII,
    /// a decomposed accent, an emoji, upper case, controls.
    static let keys = ["", "a", "ab", "b", "B", "é", "e\u{301}", "z", "\u{1F600}", "a\u{0}", "a\"b", "ü", "\u{7F}", "aa"]
    static let ints: [Int64] = [0, 1, -1, 9, 10, -10, 42, 1_000_000, Int64.max, Int64.min, -9_223_372_036_854_775_807]

    static func randomValue(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0...(depth > 2 ? 3 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Bool.random(using: &generator) ? ints.randomElement(using: &generator)!
                                                           : Int64.random(in: Int64.min...Int64.max, using: &generator))
        case 3: return .string((0..<Int.random(in: 0...3, using: &generator)).map { _ in keys.randomElement(using: &generator)! }.joined())
        case 4:
            let items = (0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(&generator, depth: depth + 1) }
            // Sometimes a value written earlier stands in for itself.
            return Bool.random(using: &generator) ? .array(items) : .written(JSONValue.array(items).canonicalString)
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                members[keys.randomElement(using: &generator)!] = randomValue(&generator, depth: depth + 1)
            }
            // Half built from a dictionary, half from pairs in a random order (as a literal is).
            if Bool.random(using: &generator) { return .object(JSONObject(members)) }
            return .object(JSONObject(pairs: members.map { ($0.key, $0.value) }.shuffled(using: &generator)))
        }
    }

    @Test func theFastWriterGivesTheDefinitionsBytes() async {
        await propertyCheck(count: 1_000, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            var generator = SeededGenerator(seed: seed)
            let value = Self.randomValue(&generator, depth: 0)
            #expect(value.canonicalString == Self.reference(value))
        }
    }

    /// The reader gives back every value the writer writes (byte for byte when written again).
    @Test func theReaderReadsWhatTheWriterWrites() async {
        await propertyCheck(count: 1_000, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            var generator = SeededGenerator(seed: seed)
            let value = Self.randomValue(&generator, depth: 0)
            #expect((try? JSONValue.parse(value.canonicalString))?.canonicalString == value.canonicalString)
        }
    }

    /// Whitespace and every escape JSON allows read as JSON says; anything else, numbers
    /// that are not 64-bit integers and nesting past the limit included, is refused in words.
    @Test func theReaderTakesJSONAndRefusesTheRest() throws {
        let read: [(String, JSONValue)] = [
            (" { \"b\" : [ 1 , -2 ,true,false, null ] ,\"a\":\"x\" }\n", .object(["a": "x", "b": .array([1, -2, true, false, .null])])),
            (#""\"\\\/\b\f\n\r\t\u00e9\u00E9\ud83d\ude00""#, .string("\"\\/\u{8}\u{C}\n\r\t\u{E9}\u{E9}\u{1F600}")),
            ("-9223372036854775808", .int(Int64.min)), ("9223372036854775807", .int(Int64.max)), ("0", 0), ("-0", 0),
            (#"{"k":1,"k":2}"#, .object(["k": 2])), ("[]", .array([])), ("{}", .object([:])), ("\"\u{E9}\u{1F600}\"", "\u{E9}\u{1F600}"),
        ]
        for (text, value) in read { #expect(try JSONValue.parse(text) == value, "\(text)") }
        let refused = ["", " ", "1.5", "1e3", "01", "9223372036854775808", "-9223372036854775809", "[1,]", "[1 2]",
                       "{\"a\" 1}", "{a:1}", "\"open", "\"\u{1}\"", #""\x""#, #""\ud800""#, #""\udc00x""#, #""\u12""#,
                       "tru", "nul", "1 2", "-", "[", "{\"a\":1",
                       String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)]
        for text in refused { #expect(throws: JSONReader.Failure.self, "\(text)") { try JSONValue.parse(text) } }
        let deepest = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect(throws: Never.self) { try JSONValue.parse(deepest) }
    }

    /// An object is the same value however its members were listed, and finds each member.
    @Test func anObjectIsTheSameInAnyOrder() {
        let literal: JSONObject = ["verdict": "escalate", "handler": "agent", "reasons": .array([]), "é": 1, "a": .null]
        let built = JSONObject(["a": .null, "é": 1, "reasons": .array([]), "handler": "agent", "verdict": "escalate"])
        #expect(literal == built)
        #expect(literal.members.map(\.0) == ["a", "handler", "reasons", "verdict", "é"])
        #expect(literal["handler"] == "agent")
        #expect(literal["route_to"] == nil)
        #expect(JSONValue.object(literal).canonicalString == #"{"a":null,"handler":"agent","reasons":[],"verdict":"escalate","é":1}"#)
    }

    /// Flag lists and event-seq lists are stored as JSON arrays (SQL reads the seqs with
    /// `json_each`), and come back as they went in.
    @Test func storedListsRoundTrip() {
        #expect(StoredList.encode([String]()) == "[]")
        #expect(StoredList.encode(["vulnerable", "a\"b"]) == #"["vulnerable","a\"b"]"#)
        #expect(StoredList.decode(StoredList.encode(["vulnerable", "a\"b", ""])) == ["vulnerable", "a\"b", ""])
        #expect(StoredList.encode([Int64]()) == "[]")
        #expect(StoredList.encode([7]) == "[7]")
        #expect(StoredList.encode([1, 22, 333_000_000_000]) == "[1,22,333000000000]")
        for numbers: [Int64] in [[], [0], [1, 2, 3], [Int64.max, 9, 10]] {
            #expect(StoredList.decodeNumbers(StoredList.encode(numbers)) == numbers)
        }
    }

    /// Requests and decisions are stored as text in every case write, inside payloads the
    /// hash covers: for any value the text must be the format's definition of the same
    /// members, and read back as it was.
    @Test func requestsAndDecisionsAreWrittenCanonically() async {
        let words = ["refund", "goodwill", "", "a\"b\\c", "line\nbreak", "é", "\u{1F600}", "Team Leader", "authority.refund"]
        await propertyCheck(count: 500, input: Gen<UInt64>.value(in: 0...UInt64.max)) { seed in
            var generator = SeededGenerator(seed: seed)
            func word() -> String { words.randomElement(using: &generator)! }
            let requests = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
                RemedyRequest(action: word(), amount: Bool.random(using: &generator)
                              ? Money(minor: Int64.random(in: -5...Int64.max, using: &generator), currency: .gbp) : nil)
            }
            let reference: JSONValue = .array(requests.map { r in
                .object(JSONObject(["action": .string(r.action), "minor": r.amount.map { .int($0.minor) } ?? .null]))
            })
            #expect(PayloadCodec.requestsText(requests) == Self.reference(reference))
            #expect(PayloadCodec.requests(text: PayloadCodec.requestsText(requests), currency: .gbp) == requests)

            let reasons = (0..<Int.random(in: 0...3, using: &generator)).map { _ in Reason(rule: word(), requires: word(), detail: word()) }
            let verdict = [Verdict.withinAuthority, .escalate, .outsideMatrix].randomElement(using: &generator)!
            let decision = Decision(verdict: verdict, handler: word(), routeTo: Bool.random(using: &generator) ? word() : nil,
                                    required: word(), reasons: reasons, matrixVersion: word())
            let members: [String: JSONValue] = [
                "verdict": .string(decision.verdict.rawValue), "handler": .string(decision.handler),
                "route_to": .optional(decision.routeTo), "required": .string(decision.required),
                "matrix_version": .string(decision.matrixVersion),
                "reasons": .array(decision.reasons.map { r in
                    .object(JSONObject(["rule": .string(r.rule), "requires": .string(r.requires), "detail": .string(r.detail)]))
                }),
            ]
            #expect(PayloadCodec.decisionText(decision) == Self.reference(.object(JSONObject(members))))
            #expect(PayloadCodec.decision(text: PayloadCodec.decisionText(decision)) == decision)
        }
    }

    /// The bytes of a stored request list and decision, written out: what databases already
    /// hold and their hashes cover.
    @Test func requestsAndDecisionsKeepTheirStoredBytes() {
        let requests = [RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp)),
                        RemedyRequest(action: "disclose_account_data", amount: nil)]
        #expect(PayloadCodec.requestsText(requests) == #"[{"action":"refund","minor":7500},{"action":"disclose_account_data","minor":null}]"#)
        #expect(PayloadCodec.requestsText([]) == "[]")
        let decision = Decision(verdict: .escalate, handler: "agent", routeTo: "team_leader", required: "team_leader",
                                reasons: [Reason(rule: "authority.refund", requires: "team_leader",
                                                 detail: "Refund £75.00 is over the \"agent\" limit\n")],
                                matrixVersion: "1")
        #expect(PayloadCodec.decisionText(decision) == #"{"handler":"agent","matrix_version":"1","reasons":[{"detail":"Refund £75.00 is over the \"agent\" limit\u000a","requires":"team_leader","rule":"authority.refund"}],"required":"team_leader","route_to":"team_leader","verdict":"escalate"}"#)
        let within = Decision(verdict: .withinAuthority, handler: "agent", routeTo: nil, required: "agent", reasons: [],
                              matrixVersion: "file-1")
        #expect(PayloadCodec.decisionText(within) == #"{"handler":"agent","matrix_version":"file-1","reasons":[],"required":"agent","route_to":null,"verdict":"within_authority"}"#)
    }

    @Test func integersAreWrittenInFull() {
        for i in Self.ints {
            var out: [UInt8] = []
            JSONValue.writeInt(i, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(i))
        }
    }
}
