import Foundation

/// The centre's wall clock: the one place where instants become local dates and back.
/// Every clock counts in local dates of the centre's time zone (Europe/London, with both
/// changes of summer time): a complaint received at 00:15 BST on a Monday was received on
/// Monday, though it was still Sunday in UTC.
public struct CentreTime: Sendable, Hashable {
    public let zone: TimeZone
    private let calendar: Calendar

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    /// The centre's zone by IANA name, or nil when there is no such zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone: zone)
    }

    public static func == (a: CentreTime, b: CentreTime) -> Bool { a.zone.identifier == b.zone.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(zone.identifier) }

    /// The local date of an instant.
    public func localDate(_ instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Seconds since local midnight of the instant's day (wall-clock reading, so 17:30 is
    /// 63,000 on any day, summer or winter).
    public func secondsIntoDay(_ instant: Date) -> Int {
        let c = calendar.dateComponents([.hour, .minute, .second], from: instant)
        return c.hour! * 3600 + c.minute! * 60 + c.second!
    }

    /// The instant the wall clock reads `seconds` after midnight on `date`. A reading that
    /// does not exist (inside the spring gap) is the first one after it.
    public func instant(_ date: LocalDate, secondsIntoDay seconds: Int) -> Date {
        let c = DateComponents(year: date.year, month: date.month, day: date.day,
                               hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60)
        return calendar.date(from: c) ?? startOfDay(date).addingTimeInterval(TimeInterval(seconds))
    }

    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date {
        instant(date, secondsIntoDay: time.hour * 3600 + time.minute * 60)
    }

    /// Local midnight at the start of the date.
    public func startOfDay(_ date: LocalDate) -> Date {
        calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    }

    /// The last second of the date (23:59:59 on the wall clock): "by the end of the day".
    public func endOfDay(_ date: LocalDate) -> Date {
        startOfDay(date.adding(days: 1)).addingTimeInterval(-1)
    }

    /// `2027-02-17T23:59:59+00:00`: ISO 8601 with the centre's offset at that instant.
    public func iso8601(_ instant: Date) -> String {
        let date = localDate(instant)
        let s = secondsIntoDay(instant)
        let offset = zone.secondsFromGMT(for: instant)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        return "\(date)T\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))"
            + "\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
    }
}
