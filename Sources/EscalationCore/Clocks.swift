/// How long a clock runs before it is breached.
public enum ClockLimit: Sendable, Hashable, Codable {
    /// Working days on the clock's calendar; `endOfDay` runs to the close of the last day.
    case businessDays(Int, endOfDay: Bool)
    case calendarDays(Int)
    case hours(Int)
}

/// A regulatory or service-level time limit (e.g. FCA DISP's eight weeks for a final
/// response), started at receipt and shown as a countdown.
public struct RegulatoryClock: Sendable, Hashable, Codable {
    public let id: String
    public let title: String
    /// Case kinds or flags the clock applies to (any of them).
    public let appliesTo: [String]
    /// What starts the clock; `received` is the only start the desk records today.
    public let starts: String
    public let limit: ClockLimit
    /// The fraction of time remaining at which the clock warns.
    public let warnAt: Double
    /// A role to escalate to automatically when the warning is reached.
    public let escalateTo: String?
    /// The calendar business days are counted on (nil: the centre's first calendar).
    public let calendar: String?

    public init(id: String, title: String, appliesTo: [String], starts: String, limit: ClockLimit,
                warnAt: Double, escalateTo: String?, calendar: String?) {
        self.id = id
        self.title = title
        self.appliesTo = appliesTo
        self.starts = starts
        self.limit = limit
        self.warnAt = warnAt
        self.escalateTo = escalateTo
        self.calendar = calendar
    }
}

/// A dated day off.
public struct Holiday: Sendable, Hashable, Codable {
    /// `YYYY-MM-DD`.
    public let date: String
    public let name: String

    public init(date: String, name: String) {
        self.date = date
        self.name = name
    }
}

/// Working weekdays and holidays, for counting business days.
public struct WorkingCalendar: Sendable, Hashable, Codable {
    public static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    public let id: String
    public let title: String
    public let workingDays: [String]
    public let holidays: [Holiday]

    public init(id: String, title: String, workingDays: [String], holidays: [Holiday]) {
        self.id = id
        self.title = title
        self.workingDays = workingDays
        self.holidays = holidays
    }
}
