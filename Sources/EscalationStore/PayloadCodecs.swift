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
    static func requests(_ items: [RemedyRequest]) -> JSONValue {
        .array(items.map { r in
            .object(["action": .string(r.action), "minor": r.amount.map { .int($0.minor) } ?? .null])
        })
    }

    static func requests(_ value: JSONValue?, currency: Currency) -> [RemedyRequest] {
        (value?.array ?? []).compactMap { item in
            guard let action = item["action"]?.string else { return nil }
            return RemedyRequest(action: action, amount: item["minor"]?.int.map { Money(minor: $0, currency: currency) })
        }
    }

    static func decision(_ d: Decision) -> JSONValue {
        // Keys in canonical order, so the object is made without moving any.
        .object([
            "handler": .string(d.handler),
            "matrix_version": .string(d.matrixVersion),
            "reasons": .array(d.reasons.map { r in
                .object(["detail": .string(r.detail), "requires": .string(r.requires), "rule": .string(r.rule)])
            }),
            "required": .string(d.required),
            "route_to": .optional(d.routeTo),
            "verdict": .string(d.verdict.rawValue),
        ])
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
}
