import EscalationCore
import Foundation

/// How the desk shows a clock's urgency (the core's `ClockUrgency`): green, amber or red,
/// and a marker in the text itself so a monochrome terminal, a screen reader or a
/// colour-blind agent sees it too ("!" warning, "!!" late; the `?` legend says so).
extension ClockUrgency {
    /// The colour role: ok (green), warning (amber), danger (red); bold past the warning point.
    public var style: Style {
        switch self {
        case .onTime: return .ok
        case .warning: return Style(.warning, [.bold])
        case .late: return Style(.danger, [.bold])
        }
    }

    /// The marker before a countdown: none on time.
    public var marker: String {
        switch self {
        case .onTime: return ""
        case .warning: return "!"
        case .late: return "!!"
        }
    }

    /// "3d 4h", "! 45m", "!! -2h": the countdown to `due` with this urgency's marker.
    public func countdown(to due: Date, from now: Date) -> String {
        let left = DeskTime.countdown(to: due, from: now)
        return marker.isEmpty ? left : marker + " " + left
    }
}
