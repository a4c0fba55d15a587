import Foundation

/// When an action is recorded. The store reads it inside the action's write transaction,
/// after the write lock is held, so the time and the totals a decision counts are read
/// together: a desk that waited for the lock cannot record a grant at a time before one
/// another desk recorded while it waited.
///
/// The record never runs backwards: no event is recorded before the newest one. A clock
/// that has gone back (a virtual machine restored, a time server's correction) is held at
/// the newest event's time; a time a trainer set (`--now`) behind the record is refused,
/// since quietly moving it would make a walkthrough say something other than asked.
public struct ActionClock: Sendable {
    enum Source: Sendable {
        case reading(@Sendable () -> Date)
        case set(Date)
    }

    let source: Source

    /// The system clock.
    public static let system = ActionClock(source: .reading { Date() })

    /// A clock read through `read` (a desk's ticking training clock, or a test's clock that
    /// goes back), held at the newest event's time like the system clock.
    public static func reading(_ read: @escaping @Sendable () -> Date) -> ActionClock {
        ActionClock(source: .reading(read))
    }

    /// A time set by a person, accepted on a training database only and never behind the record.
    public static func set(_ date: Date) -> ActionClock { ActionClock(source: .set(date)) }

    /// Whether this is a time a person set (`--now`) rather than a clock.
    public var isSet: Bool {
        if case .set = source { return true }
        return false
    }

    /// The time to record an action at, given the newest event's time (milliseconds).
    ///
    /// - Throws: `.notTraining` for a set time on a normal database; `.clockBehindRecord`
    ///   for a set time before the newest event.
    func time(newestEvent: Int64, training: Bool) throws(StoreError) -> Int64 {
        switch source {
        case .reading(let read):
            return max(Millis.from(read()), newestEvent)
        case .set(let date):
            guard training else { throw .notTraining(option: "--now") }
            let ms = Millis.from(date)
            if ms < newestEvent { throw .clockBehindRecord(set: Millis.date(ms), newest: Millis.date(newestEvent)) }
            return ms
        }
    }
}
