import Foundation

/// What happened to a case that moves its clocks, in the order it happened. The store maps
/// its case events onto these (a holding response letter → `holdingResponseSent`, a final
/// response → `met` of the final-response clock, a claim → `met` of the referral clock).
public enum ClockEvent: Sendable, Hashable, Codable {
    /// The receipt was recorded wrongly; every clock counts from `to` instead.
    case receiptCorrected(to: Date, reason: String, at: Date)
    /// The case was referred up the ladder: a clock that `starts: referred` starts (again).
    case referred(at: Date)
    /// A holding response was sent: a clock with `then: {after: holding_response}` moves to
    /// its second limit, if this came before its first one ran out.
    case holdingResponseSent(at: Date)
    /// A service clock stops counting (nil: every service clock of the case). Regulatory
    /// clocks never pause.
    case paused(clock: String?, reason: String, at: Date)
    case resumed(clock: String?, at: Date)
    /// An extendable clock is extended by `months`, with the reason recorded.
    case extended(clock: String, months: Int, reason: String, at: Date)
    /// What the clock waits for was done (the response sent, the referral claimed).
    case met(clock: String, at: Date)

    public var at: Date {
        switch self {
        case .receiptCorrected(_, _, let at), .referred(let at), .holdingResponseSent(let at), .paused(_, _, let at),
             .resumed(_, let at), .extended(_, _, _, let at), .met(_, let at):
            return at
        }
    }
}

/// Where a clock stands.
public enum ClockState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Counting down.
    case running
    /// A service clock on hold; its due time moves on while it stays paused.
    case paused
    /// Done in time.
    case met
    /// Past due, done late or not yet done.
    case breached
}
