import EscalationCore
import Foundation
import Yams

/// `regulatory/*.yaml` (clocks) and `calendars/*.yaml` (working days and holidays).
enum ClockFiles {
    static func readClocks(_ root: Node, roles: [Role], _ r: YAMLReader) -> [RegulatoryClock] {
        // A file holds one clock, or a list of them under `clocks:`.
        if case .mapping = root, let f = r.fields(root, "the clock file", allowed: clockKeys + ["clocks"]) , f["clocks"] != nil {
            if f.count > 1 { r.report("a file with clocks: holds only that list", at: root) }
            return (f["clocks"].flatMap { r.sequence($0, "clocks") } ?? []).compactMap { readClock($0, roles: roles, r) }
        }
        return readClock(root, roles: roles, r).map { [$0] } ?? []
    }

    static let clockKeys = ["id", "title", "applies_to", "starts", "limit", "warn_at", "escalate_to", "calendar"]

    static func readClock(_ node: Node, roles: [Role], _ r: YAMLReader) -> RegulatoryClock? {
        guard let f = r.fields(node, "a clock", allowed: clockKeys,
                               required: ["id", "title", "applies_to", "starts", "limit", "warn_at"]),
              let id = f["id"].flatMap({ r.identifier($0, "clock id") }) else { return nil }
        let title = f["title"].flatMap { r.string($0, "title of \(id)") }
        let appliesTo = f["applies_to"].flatMap { r.strings($0, "applies_to of \(id)") }
        var starts: String?
        if let n = f["starts"], let s = r.string(n, "starts of \(id)") {
            if s == "received" { starts = s } else {
                r.report("clock \(id) starts \"\(s)\"; clocks start at received (receipt of the complaint)", at: n)
            }
        }
        let limit = f["limit"].flatMap { readLimit($0, clock: id, r) }
        let warnAt = f["warn_at"].flatMap { r.fraction($0, "warn_at of \(id)") }
        var escalateTo: String?
        if let n = f["escalate_to"], let role = r.string(n, "escalate_to of \(id)") {
            if roles.contains(where: { $0.id == role }) { escalateTo = role } else {
                r.report("escalate_to \"\(role)\" of clock \(id) is not a role declared in escalation.yaml", at: n)
                return nil
            }
        }
        let calendar = f["calendar"].flatMap { r.identifier($0, "calendar of \(id)") }
        guard let title, let appliesTo, let starts, let limit, let warnAt else { return nil }
        return RegulatoryClock(id: id, title: title, appliesTo: appliesTo, starts: starts, limit: limit,
                               warnAt: warnAt, escalateTo: escalateTo, calendar: calendar)
    }

    static func readLimit(_ node: Node, clock: String, _ r: YAMLReader) -> ClockLimit? {
        guard let f = r.fields(node, "the limit of \(clock)",
                               allowed: ["business_days", "calendar_days", "hours", "end_of_day"]) else { return nil }
        let kinds = ["business_days", "calendar_days", "hours"].filter { f[$0] != nil }
        guard kinds.count == 1 else {
            r.report("the limit of \(clock) needs exactly one of business_days, calendar_days or hours", at: node)
            return nil
        }
        let endOfDay = f["end_of_day"].flatMap { r.bool($0, "end_of_day") } ?? false
        if f["end_of_day"] != nil && kinds[0] != "business_days" {
            r.report("end_of_day applies only to business_days", at: f["end_of_day"])
        }
        guard let value = r.integer(f[kinds[0]]!, "\(kinds[0]) of \(clock)", in: 1...3660) else { return nil }
        switch kinds[0] {
        case "business_days": return .businessDays(value, endOfDay: endOfDay)
        case "calendar_days": return .calendarDays(value)
        default: return .hours(value)
        }
    }

    static func readCalendar(_ root: Node, _ r: YAMLReader) -> WorkingCalendar? {
        guard let f = r.fields(root, "the calendar", allowed: ["id", "title", "working_days", "holidays"],
                               required: ["id", "title", "working_days"]),
              let id = f["id"].flatMap({ r.identifier($0, "calendar id") }),
              let title = f["title"].flatMap({ r.string($0, "title of \(id)") }),
              let daysNode = f["working_days"], let days = r.strings(daysNode, "working_days") else { return nil }
        var ok = true
        for day in days where !WorkingCalendar.weekdays.contains(day.lowercased()) {
            r.report("\"\(day)\" is not a weekday; use monday … sunday", at: daysNode)
            ok = false
        }
        var holidays: [Holiday] = []
        for item in f["holidays"].flatMap({ r.sequence($0, "holidays") }) ?? [] {
            guard let h = r.fields(item, "a holiday", allowed: ["date", "name"], required: ["date", "name"]),
                  let dateNode = h["date"], let date = r.string(dateNode, "holiday date"),
                  let name = h["name"].flatMap({ r.string($0, "holiday name") }) else { ok = false; continue }
            guard isCalendarDate(date) else {
                r.report("holiday date \"\(date)\" is not a real date written YYYY-MM-DD", at: dateNode)
                ok = false
                continue
            }
            if holidays.contains(where: { $0.date == date }) {
                r.report("holiday \(date) is listed twice", at: dateNode)
                ok = false
                continue
            }
            holidays.append(Holiday(date: date, name: name))
        }
        return ok ? WorkingCalendar(id: id, title: title, workingDays: days.map { $0.lowercased() }, holidays: holidays) : nil
    }

    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[m - 1]).contains(d)
    }
}
