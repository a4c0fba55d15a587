import Foundation

/// Times as the desk shows them, in the centre's time zone: the status-bar clock, timeline
/// stamps, a case's age and a deadline's countdown. Kept in one place so every screen agrees.
public struct DeskTime: Sendable {
    /// The calendar used to split instants into local fields.
    private let calendar: Calendar

    /// Times in the IANA zone `timezone` (UTC when the zone is unknown).
    public init(timezone: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")!
        self.calendar = calendar
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// "Tue 14:05" for the status bar.
    public func clock(_ date: Date) -> String {
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        return Self.weekdays[(parts.weekday ?? 1) - 1] + " " + Self.two(parts.hour ?? 0) + ":" + Self.two(parts.minute ?? 0)
    }

    /// "19 Dec" for the end of an acting cover.
    public func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month], from: date)
        return "\(parts.day ?? 1) " + Self.months[(parts.month ?? 1) - 1]
    }

    /// "12 Jan 14:05" for timelines.
    public func stamp(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month, .hour, .minute], from: date)
        return Self.two(parts.day ?? 1) + " " + Self.months[(parts.month ?? 1) - 1] + " "
            + Self.two(parts.hour ?? 0) + ":" + Self.two(parts.minute ?? 0)
    }

    /// How long ago, in the largest whole unit: "45s", "12m", "3h", "5d".
    public static func age(from start: Date, to now: Date) -> String {
        span(max(0, now.timeIntervalSince(start)))
    }

    /// Time left before a deadline, negative once it has passed: "3d 4h", "5h", "45m",
    /// "-2h". Under ten days the hours are kept, since they decide what to do first.
    public static func countdown(to deadline: Date, from now: Date) -> String {
        let left = deadline.timeIntervalSince(now)
        let s = Int(min(abs(left), 1e15))
        let days = s / 86_400, hours = (s % 86_400) / 3_600
        let text = days > 0 && days < 10 && hours > 0 ? "\(days)d \(hours)h" : span(Double(s))
        return left < 0 && s > 0 ? "-" + text : text
    }

    private static func span(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3_600)h" }
        return "\(s / 86_400)d"
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
