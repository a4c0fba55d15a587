import EscalationCore
import Foundation
import Yams

/// What one `regulatory/*.yaml` file declares: clocks and, optionally, retention rules.
struct RegulatoryFile {
    var clocks: [RegulatoryClock] = []
    var retention: [RetentionRule] = []
    /// Every name an `applies_to` lists, with what lists it and where, for checking against
    /// the case kinds, flags and channels of `escalation.yaml` once that file is read.
    var appliesTo: [AppliesToName] = []
}

/// One name of an `applies_to` list and where it is written.
struct AppliesToName {
    /// "clock disp_final_response" or "retention rule disp_complaint_records".
    let owner: String
    /// A retention rule (true) or a clock (false).
    let isRetention: Bool
    let name: String
    let node: Node
}

/// `regulatory/*.yaml` (clocks, retention) and `calendars/*.yaml` (working days and holidays).
enum ClockFiles {
    static let clockKeys = ["id", "title", "family", "applies_to", "starts", "limit", "then", "extendable",
                            "warn_at", "escalate_to", "rule", "calendar"]
    static let limitKinds = ["business_days", "calendar_days", "weeks", "months", "hours"]

    /// A file holds one clock, or lists under `clocks:` and `retention:`.
    static func readRegulatory(_ root: Node, roles: [Role], _ r: YAMLReader) -> RegulatoryFile {
        var file = RegulatoryFile()
        if case .mapping(let mapping) = root,
           mapping.contains(where: { r.scalarText($0.key) == "clocks" || r.scalarText($0.key) == "retention" }) {
            guard let f = r.fields(root, "the regulatory file", allowed: ["clocks", "retention"]) else { return file }
            file.clocks = (f["clocks"].flatMap { r.sequence($0, "clocks") } ?? []).compactMap { readClock($0, roles: roles, r) }
            file.retention = (f["retention"].flatMap { r.sequence($0, "retention") } ?? []).compactMap { readRetention($0, r) }
            for (key, isRetention) in [("clocks", false), ("retention", true)] {
                guard case .sequence(let items)? = f[key] else { continue }
                file.appliesTo += items.flatMap { appliesToNames($0, isRetention: isRetention) }
            }
            return file
        }
        file.clocks = readClock(root, roles: roles, r).map { [$0] } ?? []
        file.appliesTo = appliesToNames(root, isRetention: false)
        return file
    }

    /// The names a clock's or retention rule's `applies_to` lists, with their nodes (none
    /// when the entry is malformed: that is reported where it is read).
    static func appliesToNames(_ entry: Node, isRetention: Bool) -> [AppliesToName] {
        guard let id = entry["id"]?.string, let list = entry["applies_to"] else { return [] }
        let nodes: [Node]
        switch list {
        case .sequence(let items): nodes = Array(items)
        case .scalar: nodes = [list]
        default: nodes = []
        }
        let owner = (isRetention ? "retention rule " : "clock ") + id
        return nodes.compactMap { node in node.string.map { AppliesToName(owner: owner, isRetention: isRetention, name: $0, node: node) } }
    }

    static func readClocks(_ root: Node, roles: [Role], _ r: YAMLReader) -> [RegulatoryClock] {
        readRegulatory(root, roles: roles, r).clocks
    }

    static func readClock(_ node: Node, roles: [Role], _ r: YAMLReader) -> RegulatoryClock? {
        guard let f = r.fields(node, "a clock", allowed: clockKeys,
                               required: ["id", "title", "applies_to", "starts", "limit", "warn_at"]),
              let id = f["id"].flatMap({ r.identifier($0, "clock id") }) else { return nil }
        let title = f["title"].flatMap { r.string($0, "title of \(id)") }
        var family: ClockFamily? = .regulatory
        if let n = f["family"], let text = r.string(n, "family of \(id)") {
            family = ClockFamily(rawValue: text)
            if family == nil {
                r.report("family \"\(text)\" of clock \(id) is not known; use regulatory (never pauses) "
                         + "or service (may pause, the paused time credited back)", at: n)
            }
        }
        let appliesTo = f["applies_to"].flatMap { r.strings($0, "applies_to of \(id)") }
        var starts: String?
        if let n = f["starts"], let s = r.string(n, "starts of \(id)") {
            if ClockBook.starts.contains(s) { starts = s } else {
                r.report("clock \(id) starts \"\(s)\"; clocks start at received (receipt of the complaint) "
                         + "or referred (the latest referral up the ladder)", at: n)
            }
        }
        let limit = f["limit"].flatMap { readLimit($0, clock: id, r) }
        var then: FollowOnLimit?? = .some(nil)
        if let n = f["then"] { then = readThen(n, clock: id, r).map { .some($0) } }
        var extendable: ClockExtension?? = .some(nil)
        if let n = f["extendable"] { extendable = readExtension(n, clock: id, limit: limit, r).map { .some($0) } }
        let warnAt = f["warn_at"].flatMap { r.fraction($0, "warn_at of \(id)") }
        var escalateTo: String?
        if let n = f["escalate_to"], let role = r.string(n, "escalate_to of \(id)") {
            if roles.contains(where: { $0.id == role }) { escalateTo = role } else {
                var message = "escalate_to \"\(role)\" of clock \(id) is not a role declared in escalation.yaml"
                if let guess = Suggestion.closest(to: role, among: roles.map(\.id)) { message += "; did you mean \"\(guess)\"?" }
                r.report(message, at: n)
                return nil
            }
        }
        let rule = f["rule"].flatMap { r.string($0, "rule of \(id)") } ?? ""
        let calendar = f["calendar"].flatMap { r.identifier($0, "calendar of \(id)") }
        guard let title, let family, let appliesTo, let starts, let limit, let then, let extendable, let warnAt else { return nil }
        return RegulatoryClock(id: id, title: title, family: family, appliesTo: appliesTo, starts: starts, limit: limit,
                               then: then, extendable: extendable, warnAt: warnAt, escalateTo: escalateTo,
                               calendar: calendar, rule: rule)
    }

    static func readLimit(_ node: Node, clock: String, _ r: YAMLReader) -> ClockLimit? {
        guard let f = r.fields(node, "the limit of \(clock)", allowed: limitKinds + ["end_of_day", "roll_to_working_day"])
        else { return nil }
        let kinds = limitKinds.filter { f[$0] != nil }
        guard kinds.count == 1 else {
            r.report("the limit of \(clock) needs exactly one of business_days, calendar_days, weeks, months or hours, "
                     + "like {business_days: 3, end_of_day: true} or {calendar_days: 56}", at: node)
            return nil
        }
        let endOfDay = f["end_of_day"].flatMap { r.bool($0, "end_of_day") } ?? false
        if let n = f["end_of_day"], kinds[0] != "business_days" {
            r.report("end_of_day applies only to business_days (day, week and month limits always run to the end of the day)", at: n)
        }
        let roll = f["roll_to_working_day"].flatMap { r.bool($0, "roll_to_working_day") } ?? false
        if let n = f["roll_to_working_day"], kinds[0] != "months" {
            r.report("roll_to_working_day applies only to months, like {months: 1, roll_to_working_day: true}", at: n)
        }
        let range = kinds[0] == "months" ? 1...120 : kinds[0] == "weeks" ? 1...520 : 1...3660
        guard let value = r.integer(f[kinds[0]]!, "\(kinds[0]) of \(clock)", in: range) else { return nil }
        switch kinds[0] {
        case "business_days": return .businessDays(value, endOfDay: endOfDay)
        case "calendar_days": return .calendarDays(value)
        case "weeks": return .weeks(value)
        case "months": return .months(value, rollToWorkingDay: roll)
        default: return .hours(value)
        }
    }

    static func readThen(_ node: Node, clock: String, _ r: YAMLReader) -> FollowOnLimit? {
        guard let f = r.fields(node, "then of \(clock)", allowed: ["after", "limit"], required: ["after", "limit"]) else { return nil }
        var after: ClockMilestone?
        if let n = f["after"], let text = r.string(n, "after of \(clock)") {
            after = ClockMilestone(rawValue: text)
            if after == nil {
                r.report("then of \(clock) is after \"\(text)\"; the only milestone is holding_response "
                         + "(a second limit once a holding response is sent)", at: n)
            }
        }
        let limit = f["limit"].flatMap { readLimit($0, clock: clock, r) }
        guard let after, let limit else { return nil }
        return FollowOnLimit(after: after, limit: limit)
    }

    static func readExtension(_ node: Node, clock: String, limit: ClockLimit?, _ r: YAMLReader) -> ClockExtension? {
        guard let f = r.fields(node, "extendable of \(clock)", allowed: ["months"], required: ["months"]),
              let months = f["months"].flatMap({ r.integer($0, "extendable months of \(clock)", in: 1...24) }) else { return nil }
        if let limit, case .months = limit {} else if limit != nil {
            r.report("only a limit in months can be extended (like UK GDPR's one month, extendable by two); "
                     + "give \(clock) a limit like {months: 1, roll_to_working_day: true} or remove extendable", at: node)
            return nil
        }
        return ClockExtension(months: months)
    }

    static func readRetention(_ node: Node, _ r: YAMLReader) -> RetentionRule? {
        guard let f = r.fields(node, "a retention rule", allowed: ["id", "applies_to", "keep", "rule"],
                               required: ["id", "applies_to", "keep"]),
              let id = f["id"].flatMap({ r.identifier($0, "retention id") }) else { return nil }
        let appliesTo = f["applies_to"].flatMap { r.strings($0, "applies_to of \(id)") }
        let keep = f["keep"].flatMap { EscalationFile.readRetention($0, r) }
        let rule = f["rule"].flatMap { r.string($0, "rule of \(id)") } ?? ""
        guard let appliesTo, let keep else { return nil }
        return RetentionRule(id: id, appliesTo: appliesTo, keep: keep, rule: rule)
    }

    static let calendarKeys = ["id", "title", "working_days", "close_of_business", "covers", "holidays"]

    static func readCalendar(_ root: Node, _ r: YAMLReader) -> WorkingCalendar? {
        guard let f = r.fields(root, "the calendar", allowed: calendarKeys, required: ["id", "title", "working_days"]),
              let id = f["id"].flatMap({ r.identifier($0, "calendar id") }),
              let title = f["title"].flatMap({ r.string($0, "title of \(id)") }),
              let daysNode = f["working_days"], let days = r.strings(daysNode, "working_days") else { return nil }
        var ok = true
        for day in days where !WorkingCalendar.weekdays.contains(day.lowercased()) {
            r.report("\"\(day)\" is not a weekday; use monday … sunday", at: daysNode)
            ok = false
        }
        var close = WorkingCalendar.defaultCloseOfBusiness
        if let n = f["close_of_business"], let text = r.string(n, "close_of_business of \(id)") {
            if let time = LocalTime(text) { close = time } else {
                r.report("close_of_business \"\(text)\" is not a time of day; write it HH:MM on the 24-hour clock, like \"17:30\"", at: n)
                ok = false
            }
        }
        var covers: ClosedRange<Int>?
        if let n = f["covers"] {
            if let c = r.fields(n, "covers of \(id)", allowed: ["from", "to"], required: ["from", "to"]),
               let from = c["from"].flatMap({ r.integer($0, "covers from", in: 1900...2200) }),
               let to = c["to"].flatMap({ r.integer($0, "covers to", in: 1900...2200) }) {
                if from <= to { covers = from...to } else {
                    r.report("covers of \(id) runs from \(from) to \(to); the first year must not be after the last", at: n)
                    ok = false
                }
            } else { ok = false }
        }
        var holidays: [Holiday] = []
        var years = Set<Int>()
        for item in f["holidays"].flatMap({ r.sequence($0, "holidays") }) ?? [] {
            guard let h = r.fields(item, "a holiday", allowed: ["date", "name", "substitute", "derived"], required: ["date", "name"]),
                  let dateNode = h["date"], let date = r.string(dateNode, "holiday date"),
                  let name = h["name"].flatMap({ r.string($0, "holiday name") }) else { ok = false; continue }
            let substitute = h["substitute"].flatMap { r.bool($0, "substitute") } ?? false
            let derived = h["derived"].flatMap { r.bool($0, "derived") } ?? false
            guard let day = LocalDate(date) else {
                r.report("holiday date \"\(date)\" is not a real date written YYYY-MM-DD", at: dateNode)
                ok = false
                continue
            }
            if holidays.contains(where: { $0.date == date }) {
                r.report("holiday \(date) is listed twice", at: dateNode)
                ok = false
                continue
            }
            if let covers, !covers.contains(day.year) {
                r.report("holiday \(date) is outside the years the calendar covers (\(covers.lowerBound)–\(covers.upperBound)); "
                         + "widen covers or remove it", at: dateNode)
                ok = false
                continue
            }
            years.insert(day.year)
            holidays.append(Holiday(date: date, name: name, substitute: substitute, derived: derived))
        }
        if let covers, let n = f["covers"] {
            for year in covers where !years.contains(year) {
                r.report("the calendar \(id) covers \(year) but lists no holiday in it; list that year's holidays or narrow covers", at: n)
                ok = false
            }
        }
        return ok ? WorkingCalendar(id: id, title: title, workingDays: days.map { $0.lowercased() }, holidays: holidays,
                                    closeOfBusiness: close, covers: covers) : nil
    }

    static func isCalendarDate(_ text: String) -> Bool { LocalDate(text) != nil }
}
