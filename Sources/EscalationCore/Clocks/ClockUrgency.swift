import Foundation

/// How urgent a clock is at a moment, the one answer every desk colours by: on time before
/// its warning point, warning once past it, late once due has passed (or the clock breached).
public enum ClockUrgency: String, Sendable, Hashable, CaseIterable {
    /// Running, before the warning point (green).
    case onTime
    /// Past the warning point, not yet due (amber): the sweep refers the case up now.
    case warning
    /// Past due, or breached (red).
    case late

    /// The urgency of a clock due at `due` that warns at `warnAt` (nil: a deadline without a
    /// warning point, which is on time until it is late), at `now`. A warning point after the
    /// due time (a hand-edited row) still turns late at the due time.
    public static func at(due: Date, warnAt: Date?, now: Date) -> ClockUrgency {
        if now >= due { return .late }
        if let warnAt, now >= warnAt { return .warning }
        return .onTime
    }

    /// The urgency of one of a case's clocks at `now`: nil for a met clock (nothing to count
    /// down), late for a breached one whatever the times say.
    public static func of(_ status: ClockStatus, now: Date) -> ClockUrgency? {
        switch status.state {
        case .met: return nil
        case .breached: return .late
        case .running, .paused: return at(due: status.due, warnAt: status.warnAt, now: now)
        }
    }
}
