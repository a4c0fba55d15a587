import EscalationStore
import Foundation

/// The desk's clock. Real time, or on a training database the `--now` time advanced by the
/// wall-clock time elapsed since the desk started, so a training desk's clock still ticks
/// (ages, countdowns and the status-bar clock move) while staying where the trainer set it.
public struct SessionClock: Sendable {
    /// The time set with `--now`, if any.
    let setTime: Date?
    /// When the desk started, by the wall clock.
    let started: Date

    /// A clock starting now, set to `setTime` if given.
    public init(setTime: Date?, started: Date = Date()) {
        self.setTime = setTime
        self.started = started
    }

    /// The clock the store records this desk's actions by: on a training desk the set time,
    /// advanced as the wall clock moves; otherwise the system clock, read inside each write.
    public var actionClock: ActionClock {
        guard setTime != nil else { return .system }
        return .set(now())
    }

    /// The current time on this clock.
    public func now() -> Date {
        guard let setTime else { return Date() }
        return setTime.addingTimeInterval(Date().timeIntervalSince(started))
    }
}
