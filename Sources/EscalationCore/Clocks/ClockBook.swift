import Foundation

/// What the clocks of one case are computed from.
public struct ClockFacts: Sendable, Hashable {
    /// The receipt as first recorded (a correction is an event).
    public var received: Date
    public var kind: String
    /// The case's and the customer's flags.
    public var flags: Set<String>
    public var channel: String?
    /// The calendar of the customer's part of the UK, when the customer names one.
    public var customerCalendar: String?
    public var events: [ClockEvent]

    public init(received: Date, kind: String, flags: Set<String> = [], channel: String? = nil,
                customerCalendar: String? = nil, events: [ClockEvent] = []) {
        self.received = received
        self.kind = kind
        self.flags = flags
        self.channel = channel
        self.customerCalendar = customerCalendar
        self.events = events
    }

    /// The receipt every clock counts from: the latest correction, else as recorded.
    public var effectiveReceipt: Date {
        var receipt = received
        for case .receiptCorrected(let to, _, _) in events.sorted(by: { $0.at < $1.at }) { receipt = to }
        return receipt
    }
}

/// One clock of one case, worked out.
public struct ClockStatus: Sendable, Hashable {
    public let clock: String
    public let title: String
    public let family: ClockFamily
    /// The source of the rule ("FCA DISP 1.6.2R").
    public let rule: String
    /// The calendar counted on (nil: none was needed or none exists).
    public let calendar: String?
    /// The receipt counted from (after any correction).
    public let received: Date
    /// The limit in force (the second one once a holding response moved it; extended months
    /// included).
    public let limit: ClockLimit
    /// The local date the clock runs out on.
    public let dueDate: LocalDate
    /// The instant it runs out: close of business for business-day clocks that end at close,
    /// the end of the day for day, week and month clocks, pause credit included.
    public let due: Date
    /// When `warn_at` of the time is left: the case escalates to `escalateTo` then, once.
    public let warnAt: Date
    public let state: ClockState
    /// When the awaited thing was done, if it was.
    public let metAt: Date?
    /// Seconds of pause credited back (service clocks only; always 0 for regulatory ones).
    public let pausedSeconds: Double
    /// Months added by a recorded extension.
    public let extendedMonths: Int
    public let escalateTo: String?
    /// The count ran past the years the calendar lists holidays for: a holiday there would
    /// not have been seen.
    public let beyondCalendar: Bool

    /// Whether the warning point has been reached at `now` while the clock still runs.
    public func isWarning(at now: Date) -> Bool { (state == .running || state == .paused) && now >= warnAt }
}

/// The clocks of a case as pure functions of its facts, the calendars and the centre's zone.
public enum ClockBook {
    /// Every configured clock that applies to the case, worked out at `now`.
    public static func statuses(for facts: ClockFacts, clocks: [RegulatoryClock], calendars: [WorkingCalendar],
                                defaultCalendar: String? = nil, time: CentreTime, now: Date) -> [ClockStatus] {
        clocks.filter { $0.applies(kind: facts.kind, flags: facts.flags, channel: facts.channel) }.compactMap { clock in
            let calendar = Self.calendar(for: clock, customerCalendar: facts.customerCalendar,
                                         defaultCalendar: defaultCalendar, in: calendars)
            return status(of: clock, facts: facts, calendar: calendar, time: time, now: now)
        }
    }

    /// The clock a queue row shows: the breached one due earliest, else the running or paused
    /// one due soonest; nil when every clock is met.
    public static func nearest(_ statuses: [ClockStatus]) -> ClockStatus? {
        statuses.filter { $0.state == .breached && $0.metAt == nil }.min { $0.due < $1.due }
            ?? statuses.filter { $0.state == .running || $0.state == .paused }.min { $0.due < $1.due }
    }

    /// What a queue orders an active case by: its nearest clock's due time (`nearest`), else,
    /// when every clock is met or none applies, the case's flat deadline.
    public static func queueDue(_ statuses: [ClockStatus], deadline: Date) -> Date {
        nearest(statuses)?.due ?? deadline
    }

    /// The calendar a clock counts on: the one the clock names, else the customer's, else the
    /// centre's default, else the first calendar configured.
    public static func calendar(for clock: RegulatoryClock, customerCalendar: String?, defaultCalendar: String?,
                                in calendars: [WorkingCalendar]) -> WorkingCalendar? {
        for id in [clock.calendar, customerCalendar, defaultCalendar].compactMap({ $0 }) {
            if let found = calendars.first(where: { $0.id == id }) { return found }
        }
        return calendars.first
    }

    /// The starts a clock may have: the receipt, or the latest referral up the ladder.
    public static let starts = ["received", "referred"]

    /// One clock of a case at `now`, or nil when it has not started (a `starts: referred`
    /// clock on a case never referred).
    public static func status(of clock: RegulatoryClock, facts: ClockFacts, calendar: WorkingCalendar?,
                              time: CentreTime, now: Date) -> ClockStatus? {
        let events = facts.events.sorted { $0.at < $1.at }
        let received: Date
        if clock.starts == "referred" {
            guard let referred = events.last(where: { if case .referred = $0 { return true }; return false })?.at
            else { return nil }
            received = referred
        } else {
            received = facts.effectiveReceipt
        }
        let metAt = events.lazy.compactMap { event -> Date? in
            if case .met(let id, let at) = event, id == clock.id, at >= received { return at }
            return nil
        }.first
        // The limit in force: the first, moved on by a timely holding response, extended.
        var limit = clock.limit
        var first = deadline(limit, received: received, calendar: calendar, time: time, family: clock.family)
        if let then = clock.then, then.after == .holdingResponse,
           let sent = events.lazy.compactMap({ e -> Date? in if case .holdingResponseSent(let at) = e { return at }; return nil }).first,
           sent <= first.due {
            limit = then.limit
            first = deadline(limit, received: received, calendar: calendar, time: time, family: clock.family)
        }
        var extendedMonths = 0
        for event in events {
            guard case .extended(let id, let months, _, let at) = event, id == clock.id,
                  clock.allowsExtension(by: months), at <= first.due,
                  case .months(let n, let roll) = limit else { continue }
            extendedMonths = months
            limit = .months(n + months, rollToWorkingDay: roll)
            first = deadline(limit, received: received, calendar: calendar, time: time, family: clock.family)
            break
        }
        let nominal = max(0, first.due.timeIntervalSince(received))
        // Pauses credit time back to service clocks only.
        var due = first.due
        var credit = 0.0
        var paused = false
        if clock.family == .service {
            let end = min(metAt ?? now, now)
            var pausedSince: Date?
            for event in events where event.at <= end {
                switch event {
                case .paused(let id, _, let at) where (id == nil || id == clock.id) && pausedSince == nil:
                    // A pause before receipt counts from receipt; one after the clock ran out
                    // cannot rescue it.
                    let start = max(at, received)
                    if start < first.due.addingTimeInterval(credit) { pausedSince = start }
                case .resumed(let id, let at) where (id == nil || id == clock.id):
                    if let since = pausedSince {
                        credit += max(0, at.timeIntervalSince(since))
                        pausedSince = nil
                    }
                default: break
                }
            }
            if let since = pausedSince {
                credit += max(0, end.timeIntervalSince(since))
                paused = metAt == nil
            }
            due = first.due.addingTimeInterval(credit)
            // Credit that carries a business-day clock onto a day off moves it to the next
            // working day, at the same time of day.
            if case .businessDays = limit, credit > 0, let calendar {
                let day = time.localDate(due)
                let next = calendar.onOrNextBusinessDay(day, serviceDays: true)
                if next != day { due = time.instant(next, secondsIntoDay: time.secondsIntoDay(due)) }
            }
        }
        let state: ClockState
        if let metAt {
            state = metAt <= due ? .met : .breached
        } else if now > due {
            state = .breached
        } else {
            state = paused ? .paused : .running
        }
        let dueDate = time.localDate(due)
        return ClockStatus(clock: clock.id, title: clock.title, family: clock.family, rule: clock.rule,
                           calendar: calendar?.id, received: received, limit: limit, dueDate: dueDate, due: due,
                           warnAt: due.addingTimeInterval(-clock.warnAt * nominal), state: state, metAt: metAt,
                           pausedSeconds: credit, extendedMonths: extendedMonths, escalateTo: clock.escalateTo,
                           beyondCalendar: limit.needsCalendar && !(calendar?.covers(dueDate) ?? false))
    }

    /// When a limit runs out for a receipt, with the local date it runs out on.
    public static func deadline(_ limit: ClockLimit, received: Date, calendar: WorkingCalendar?, time: CentreTime,
                                family: ClockFamily = .regulatory) -> (date: LocalDate, due: Date) {
        let day = time.localDate(received)
        // With no calendar, only weekends and the two days closed everywhere are off.
        let calendar = calendar ?? WorkingCalendar(id: "", title: "", workingDays: Array(WorkingCalendar.weekdays.prefix(5)),
                                                   holidays: [])
        switch limit {
        case .hours(let n):
            let due = received.addingTimeInterval(TimeInterval(n) * 3600)
            return (time.localDate(due), due)
        case .calendarDays(let n):
            let date = day.adding(days: n)
            return (date, time.endOfDay(date))
        case .weeks(let n):
            let date = day.adding(days: 7 * n)
            return (date, time.endOfDay(date))
        case .months(let n, let roll):
            var date = day.adding(months: n)
            if roll { date = calendar.onOrNextBusinessDay(date) }
            return (date, time.endOfDay(date))
        case .businessDays(let n, let endOfDay):
            let date = calendar.businessDay(n, after: day, serviceDays: family == .service)
            let due = endOfDay ? time.instant(date, calendar.closeOfBusiness)
                               : time.instant(date, secondsIntoDay: time.secondsIntoDay(received))
            return (date, due)
        }
    }

    /// Why the event cannot be applied to the clock (for the store to refuse it before
    /// recording), or nil when it can.
    public static func refusal(of event: ClockEvent, for clock: RegulatoryClock) -> String? {
        switch event {
        case .paused(let id, let reason, _):
            if clock.family == .regulatory && id == clock.id {
                return "\(clock.title) is a regulatory clock (\(clock.rule)); regulatory clocks never pause"
            }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "a pause needs a reason" }
        case .extended(_, let months, let reason, _):
            guard let allowed = clock.extendable, case .months = clock.limit else {
                return "\(clock.title) cannot be extended"
            }
            if months < 1 || months > allowed.months {
                return "\(clock.title) may be extended by 1 to \(allowed.months) months, not \(months)"
            }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return "extending \(clock.title) needs a recorded reason"
            }
        case .receiptCorrected(let to, let reason, let at):
            if to > at { return "a receipt cannot be in the future" }
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return "correcting the receipt needs a rationale"
            }
        case .referred, .holdingResponseSent, .resumed, .met:
            break
        }
        return nil
    }
}

/// How long a case's records are kept (DISP 1.9), from the regulatory data.
extension RetentionRule {
    /// The longest applicable period (a UCITS complaint is kept five years though it is also
    /// a complaint), or nil when no rule applies.
    public static func period(for kind: String, flags: Set<String>, in rules: [RetentionRule]) -> RetentionRule? {
        rules.filter { $0.applies(kind: kind, flags: flags) }
            .max { ($0.keep.years * 12 + $0.keep.months) * 31 + $0.keep.days < ($1.keep.years * 12 + $1.keep.months) * 31 + $1.keep.days }
    }
}
