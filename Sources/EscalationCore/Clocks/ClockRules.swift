// Clocks and calendars as configured (`regulatory/*.yaml`, `calendars/*.yaml`). These values
// are stored inside the centre's JSON in the database: members added after the first release
// decode with their defaults, so a centre stored earlier still opens.

/// How long a clock runs before it is breached.
public enum ClockLimit: Sendable, Hashable, Codable {
    /// Business days after the day of receipt; `endOfDay`: to close of business on the last
    /// one (otherwise to the time of receipt on that day).
    case businessDays(Int, endOfDay: Bool)
    /// To the end of the day N days after the day of receipt, never moved.
    case calendarDays(Int)
    /// Elapsed hours from the moment of receipt.
    case hours(Int)
    /// To the end of the day N weeks after the day of receipt (7N calendar days), never moved.
    case weeks(Int)
    /// To the end of the same date N months later (the month's last day when it has no such
    /// date), moved to the next business day when `rollToWorkingDay` and it is not one.
    case months(Int, rollToWorkingDay: Bool)

    /// Whether counting this limit needs a calendar's business days.
    public var needsCalendar: Bool {
        switch self {
        case .businessDays: return true
        case .months(_, let roll): return roll
        case .calendarDays, .hours, .weeks: return false
        }
    }

    /// The limit in words, for the desk ("3 business days", "1 month").
    public var words: String {
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s")" }
        switch self {
        case .businessDays(let n, _): return plural(n, "business day")
        case .calendarDays(let n): return plural(n, "day")
        case .hours(let n): return plural(n, "hour")
        case .weeks(let n): return plural(n, "week")
        case .months(let n, _): return plural(n, "month")
        }
    }
}

/// `regulatory`: a legal time limit that never pauses. `service`: an internal service level
/// that may be paused with a reason, the paused time credited back.
public enum ClockFamily: String, Sendable, Hashable, Codable, CaseIterable {
    case regulatory, service
}

/// What can replace a clock's limit part-way: today only a holding response (DISP 1.6.2AR:
/// 15 business days become 35 once the holding response is sent).
public enum ClockMilestone: String, Sendable, Hashable, Codable, CaseIterable {
    case holdingResponse = "holding_response"
}

/// `then: {after: holding_response, limit: {business_days: 35}}`.
public struct FollowOnLimit: Sendable, Hashable, Codable {
    public let after: ClockMilestone
    public let limit: ClockLimit

    public init(after: ClockMilestone, limit: ClockLimit) {
        self.after = after
        self.limit = limit
    }
}

/// `extendable: {months: 2, reason_required: true}`: the clock may be extended once, by
/// up to this many months, with a recorded reason (UK GDPR Art. 12(3)).
public struct ClockExtension: Sendable, Hashable, Codable {
    public let months: Int

    public init(months: Int) {
        self.months = months
    }
}

/// A regulatory or service-level time limit (e.g. FCA DISP's eight weeks for a final
/// response), started at receipt and shown as a countdown.
public struct RegulatoryClock: Sendable, Hashable, Codable {
    public let id: String
    public let title: String
    public let family: ClockFamily
    /// Case kinds, flags or channels the clock applies to (any of them).
    public let appliesTo: [String]
    /// What starts the clock; `received` is the only start the desk records today.
    public let starts: String
    public let limit: ClockLimit
    /// A limit that replaces `limit` once a milestone is reached in time.
    public let then: FollowOnLimit?
    /// How far the clock may be extended with a reason (nil: never).
    public let extendable: ClockExtension?
    /// The fraction of time remaining at which the clock warns.
    public let warnAt: Double
    /// A role to escalate to automatically when the warning is reached.
    public let escalateTo: String?
    /// The calendar this clock always counts on, whatever the customer's (nil: the
    /// customer's calendar, else the centre's default).
    public let calendar: String?
    /// The source of the rule ("FCA DISP 1.6.2R"), shown with the clock.
    public let rule: String

    public init(id: String, title: String, family: ClockFamily = .regulatory, appliesTo: [String], starts: String,
                limit: ClockLimit, then: FollowOnLimit? = nil, extendable: ClockExtension? = nil,
                warnAt: Double, escalateTo: String?, calendar: String?, rule: String = "") {
        self.id = id
        self.title = title
        self.family = family
        self.appliesTo = appliesTo
        self.starts = starts
        self.limit = limit
        self.then = then
        self.extendable = extendable
        self.warnAt = warnAt
        self.escalateTo = escalateTo
        self.calendar = calendar
        self.rule = rule
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, family, appliesTo, starts, limit, then, extendable, warnAt, escalateTo, calendar, rule
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        family = try c.decodeIfPresent(ClockFamily.self, forKey: .family) ?? .regulatory
        appliesTo = try c.decode([String].self, forKey: .appliesTo)
        starts = try c.decode(String.self, forKey: .starts)
        limit = try c.decode(ClockLimit.self, forKey: .limit)
        then = try c.decodeIfPresent(FollowOnLimit.self, forKey: .then)
        extendable = try c.decodeIfPresent(ClockExtension.self, forKey: .extendable)
        warnAt = try c.decode(Double.self, forKey: .warnAt)
        escalateTo = try c.decodeIfPresent(String.self, forKey: .escalateTo)
        calendar = try c.decodeIfPresent(String.self, forKey: .calendar)
        rule = try c.decodeIfPresent(String.self, forKey: .rule) ?? ""
    }

    /// Whether the clock runs on a case of this kind, with these flags, through this channel.
    public func applies(kind: String, flags: Set<String> = [], channel: String? = nil) -> Bool {
        appliesTo.contains { $0 == kind || flags.contains($0) || $0 == channel }
    }

    /// Whether an extension by `months` is one this clock allows (a month-counted clock that
    /// is `extendable` by at least that much). The reason is checked when it is recorded.
    public func allowsExtension(by months: Int) -> Bool {
        guard let allowed = extendable, case .months = limit else { return false }
        return months >= 1 && months <= allowed.months
    }
}

/// A dated day off.
public struct Holiday: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`.
    public let date: String
    public let name: String
    /// A weekday given in place of a holiday that fell on a weekend.
    public let substitute: Bool
    /// Worked out from the statutory rules rather than taken from a published list.
    public let derived: Bool

    public init(date: String, name: String, substitute: Bool = false, derived: Bool = false) {
        self.date = date
        self.name = name
        self.substitute = substitute
        self.derived = derived
    }

    private enum CodingKeys: String, CodingKey { case date, name, substitute, derived }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(String.self, forKey: .date)
        name = try c.decode(String.self, forKey: .name)
        substitute = try c.decodeIfPresent(Bool.self, forKey: .substitute) ?? false
        derived = try c.decodeIfPresent(Bool.self, forKey: .derived) ?? false
    }

    public var localDate: LocalDate? { LocalDate(date) }
}

/// Working weekdays, close of business and holidays of one part of the UK, for counting
/// business days.
public struct WorkingCalendar: Sendable, Hashable, Codable {
    public static let weekdays = Weekday.allCases.map(\.rawValue)
    public static let defaultCloseOfBusiness = LocalTime(hour: 17, minute: 30)!

    public let id: String
    public let title: String
    public let workingDays: [String]
    public let closeOfBusiness: LocalTime
    public let holidays: [Holiday]
    /// The years whose holidays the file lists in full (nil: not said). Counting past them
    /// treats every weekday as working, so a clock that does says so.
    public let covers: ClosedRange<Int>?

    public init(id: String, title: String, workingDays: [String], holidays: [Holiday],
                closeOfBusiness: LocalTime = WorkingCalendar.defaultCloseOfBusiness, covers: ClosedRange<Int>? = nil) {
        self.id = id
        self.title = title
        self.workingDays = workingDays
        self.closeOfBusiness = closeOfBusiness
        self.holidays = holidays
        self.covers = covers
        holidayDays = Set(holidays.compactMap { $0.localDate?.daysSinceEpoch })
    }

    /// The holidays as day numbers, for counting (derived from `holidays`, not stored).
    private let holidayDays: Set<Int>

    private enum CodingKeys: String, CodingKey { case id, title, workingDays, closeOfBusiness, holidays, covers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
                  workingDays: try c.decode([String].self, forKey: .workingDays),
                  holidays: try c.decode([Holiday].self, forKey: .holidays),
                  closeOfBusiness: try c.decodeIfPresent(LocalTime.self, forKey: .closeOfBusiness)
                      ?? WorkingCalendar.defaultCloseOfBusiness,
                  covers: try c.decodeIfPresent(ClosedRange<Int>.self, forKey: .covers))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(workingDays, forKey: .workingDays)
        try c.encode(closeOfBusiness, forKey: .closeOfBusiness)
        try c.encode(holidays, forKey: .holidays)
        try c.encodeIfPresent(covers, forKey: .covers)
    }

    public static func == (a: WorkingCalendar, b: WorkingCalendar) -> Bool {
        (a.id, a.title, a.workingDays, a.closeOfBusiness, a.holidays, a.covers)
            == (b.id, b.title, b.workingDays, b.closeOfBusiness, b.holidays, b.covers)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(holidays)
    }

    /// A dated holiday of this calendar falls on the day.
    public func isHoliday(_ date: LocalDate) -> Bool { holidayDays.contains(date.daysSinceEpoch) }

    public func holiday(on date: LocalDate) -> Holiday? {
        isHoliday(date) ? holidays.first { $0.localDate == date } : nil
    }

    /// Whether the file lists the holidays of the date's year (true when it does not say).
    public func covers(_ date: LocalDate) -> Bool { covers?.contains(date.year) ?? true }
}

/// How long complaint records are kept from receipt, by kind (DISP 1.9: three years; five
/// for UCITS complaints), from `retention:` in `regulatory/*.yaml`.
public struct RetentionRule: Sendable, Hashable, Codable {
    public let id: String
    public let appliesTo: [String]
    public let keep: RetentionPeriod
    public let rule: String

    public init(id: String, appliesTo: [String], keep: RetentionPeriod, rule: String) {
        self.id = id
        self.appliesTo = appliesTo
        self.keep = keep
        self.rule = rule
    }

    public func applies(kind: String, flags: Set<String> = []) -> Bool {
        appliesTo.contains { $0 == kind || flags.contains($0) }
    }
}
