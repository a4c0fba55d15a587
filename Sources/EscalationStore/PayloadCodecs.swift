import EscalationCore
import Foundation

// Core values as canonical JSON for event payloads and back. Amounts are written as minor
// units (integers) and read back in the centre's currency: the payload never holds a float.

enum Millis {
    static func from(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(ms) / 1000) }
    static let day: Int64 = 86_400_000
}

enum PayloadCodec {
    /// Requests as stored in a case's row and its events (canonical JSON).
    static func requestsText(_ items: [RemedyRequest]) -> String { requestsJSON(items).canonicalString }

    /// A decision as stored in a case's row and its events (canonical JSON).
    static func decisionText(_ d: Decision) -> String { decisionJSON(d).canonicalString }

    /// Requests as the canonical writer's value: `[{"action":…,"minor":…|null},…]`.
    static func requestsJSON(_ items: [RemedyRequest]) -> JSONValue {
        .array(items.map { .object(["action": .string($0.action), "minor": $0.amount.map { .int($0.minor) } ?? .null]) })
    }

    /// A decision as the canonical writer's value (the members `decide --json` prints).
    static func decisionJSON(_ d: Decision) -> JSONValue {
        .object([
            "handler": .string(d.handler),
            "matrix_version": .string(d.matrixVersion),
            "reasons": .array(d.reasons.map { .object(["detail": .string($0.detail), "requires": .string($0.requires), "rule": .string($0.rule)]) }),
            "required": .string(d.required),
            "route_to": .optional(d.routeTo),
            "verdict": .string(d.verdict.rawValue),
        ])
    }

    static func requests(_ value: JSONValue?, currency: Currency) -> [RemedyRequest] {
        (value?.array ?? []).compactMap { item in
            guard let action = item["action"]?.string else { return nil }
            return RemedyRequest(action: action, amount: item["minor"]?.int.map { Money(minor: $0, currency: currency) })
        }
    }

    static func decision(_ v: JSONValue?) -> Decision? {
        guard let v, let verdict = v["verdict"]?.string.flatMap(Verdict.init(rawValue:)),
              let handler = v["handler"]?.string, let required = v["required"]?.string,
              let version = v["matrix_version"]?.string else { return nil }
        let reasons = (v["reasons"]?.array ?? []).compactMap { r -> Reason? in
            guard let rule = r["rule"]?.string, let requires = r["requires"]?.string, let detail = r["detail"]?.string else { return nil }
            return Reason(rule: rule, requires: requires, detail: detail)
        }
        return Decision(verdict: verdict, handler: handler, routeTo: v["route_to"]?.string, required: required,
                        reasons: reasons, matrixVersion: version)
    }

    static func decision(text: String) -> Decision? { decision(try? JSONValue.parse(text)) }

    static func requests(text: String, currency: Currency) -> [RemedyRequest] {
        requests(try? JSONValue.parse(text), currency: currency)
    }

    /// The requests a stored list holds, or nil when it is not one: not JSON, or an item
    /// without an action or with an amount that is not a whole number of minor units (a
    /// permission's amount is absent, or `null` as earlier releases wrote it).
    static func readableRequests(text: String, currency: Currency) -> [RemedyRequest]? {
        guard let items = (try? JSONValue.parse(text))?.array,
              items.allSatisfy({ item in
                  let minor = item["minor"]
                  return item["action"]?.string != nil && (minor == nil || minor == .null || minor?.int != nil)
              }) else {
            return nil
        }
        return requests(.array(items), currency: currency)
    }
}
