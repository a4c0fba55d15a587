import Foundation

/// A case's events as its clocks see them: the one mapping from what the record keeps to what
/// moves a clock, for everything that works clocks out (the store's projection, the letters'
/// due dates, the final-response gate).
public enum CaseClockEvents {
    /// The service clocks (preset ids of `regulatory/service.yaml`) a resolution meets.
    public static let metByResolution = ["service_first_response", "service_resolution_priority", "service_resolution_standard"]
    /// The service clock a claim meets.
    public static let metByClaim = "service_referral_claimed"

    /// What a case's clocks are worked out from: its receipt, kind, its and its customer's
    /// flags, channel, and its events.
    public static func facts(of c: Case, records: [CaseEventRecord], customerFlags: [String] = []) -> ClockFacts {
        ClockFacts(received: Date(timeIntervalSince1970: Double(c.receivedAt) / 1000), kind: c.kind,
                   flags: Set(c.caseFlags + customerFlags), channel: c.channel, events: clockEvents(from: records))
    }

    /// Oldest first, as the records come: a referral starts `starts: referred` clocks; a
    /// claim meets the referral clock; a resolution meets the service resolution clocks; a
    /// letter meets the clocks its kind meets (`LetterKind.meets`), and a holding response
    /// is also `holdingResponseSent`, which moves the payment services clock from 15 to 35
    /// business days.
    public static func clockEvents(from records: [CaseEventRecord]) -> [ClockEvent] {
        var events: [ClockEvent] = []
        for record in records {
            let at = Date(timeIntervalSince1970: Double(record.at) / 1000)
            switch record.event {
            case .escalated:
                events.append(.referred(at: at))
            case .claimed:
                events.append(.met(clock: metByClaim, at: at))
            case .resolved:
                events += metByResolution.map { .met(clock: $0, at: at) }
            case .letterSent(let letter):
                if letter.kind == .holdingResponse { events.append(.holdingResponseSent(at: at)) }
                events += letter.kind.meets.map { .met(clock: $0, at: at) }
            case .opened, .returned, .closed, .reopened, .identityMarked:
                break
            }
        }
        return events
    }
}
