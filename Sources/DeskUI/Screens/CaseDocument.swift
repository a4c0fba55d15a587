import EscalationCore
import Foundation

/// A case laid out as lines for a given width: the fixed header (who, state, live, identity)
/// and the scrollable body (summary, remedies, the latest decision with its reasons, the
/// customer's other cases and rolling totals, and the full timeline: when, who, what, why).
/// Kept apart from the screen so it can be read alone.
struct CaseDocument {
    /// One line of text and its style.
    typealias Line = (text: String, style: Style)

    /// Lines that stay at the top.
    var header: [Line] = []
    /// Lines that scroll.
    var body: [Line] = []

    /// Lays out `detail` at `width` columns in `words`, times in `time`, ages from `now`.
    init(_ detail: CaseDetail, history: CustomerHistory = .none, clocks: [ClockStatus] = [], words: CaseWords, time: DeskTime,
         now: Date, width: Int) {
        let w = max(10, width)
        let c = detail.summary
        let centre = words.centre
        let flags = (detail.customerFlags + detail.caseFlags).map(DeskText.words)
        let flagText = flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]"
        heading("\(c.id)  \(words.customer(detail))" + flagText, Style(.title, [.bold]), width: w)
        var status = c.state.rawValue
        if c.live { status = "● LIVE  " + status }
        status += "  ·  identity " + words.identity(detail).rawValue
        if let holder = c.holderName { status += "  ·  held by \(holder)" }
        if let routed = words.routedTo(c) { status += "  ·  routed to \(routed)" }
        heading(status, c.live ? Style(.danger, [.bold]) : Style(.normal, [.bold]), width: w)
        var facts = "\(DeskText.words(c.kind)) by \(c.channel)  ·  opened \(time.stamp(c.receivedAt))"
            + " (\(DeskTime.age(from: c.receivedAt, to: now)) ago)"
        if let deadline = words.deadline(c), let urgency = c.urgency(at: now) {
            facts += "  ·  due \(time.stamp(deadline)) (\(urgency.countdown(to: deadline, from: now)))"
        }
        heading(facts, .muted, width: w)

        if c.state == .returned, let returned = detail.timeline.last(where: { $0.kind == .caseReturned }) {
            // Handed back: what the team leader said comes first, before anything else.
            let from = "Returned by \(returned.actorName) (\(words.role(returned))), \(time.stamp(returned.at))"
            body.append((from, Style(.warning, [.bold])))
            labelled("Guidance", words.why(returned) ?? "none given", width: w)
            body.append(("", .normal))
        }
        labelled("Summary", words.summary(c), width: w)
        let asked = detail.requests.map { DeskText.remedy($0, actions: centre.actions) }
        labelled("Asked for", asked.isEmpty ? "nothing" : asked.joined(separator: ", "), width: w)
        if c.state == .resolved || c.state == .closed,
           let resolution = detail.timeline.last(where: { $0.kind == .caseResolved }) {
            // Decided: the outcome and what was granted, not the verdict it was referred under.
            let words = words.what(resolution)
            for (i, line) in TextWrap.wrap(String(words.dropFirst("Resolved: ".count)), width: w - 11).enumerated() {
                body.append(((i == 0 ? "Outcome    " : String(repeating: " ", count: 11)) + line, Style(.ok, [.bold])))
            }
        } else if let decision = detail.recordedDecision {
            let within = decision.verdict == .withinAuthority
            let verdict = DeskText.headline(decision, ladder: centre.ladder) + "  (" + centre.matrixVersionName(decision.matrixVersion) + ")"
            for (i, line) in TextWrap.wrap(verdict, width: w - 11).enumerated() {
                body.append(((i == 0 ? "Decision   " : String(repeating: " ", count: 11)) + line, Style(within ? .ok : .danger, [.bold])))
            }
            for reason in decision.reasons {
                for (i, line) in TextWrap.wrap(reason.detail, width: w - 13).enumerated() {
                    body.append(((i == 0 ? "         • " : "           ") + line, .normal))
                }
            }
        }
        grantedTotals(history, words: words, width: w)
        clockList(clocks, time: time, now: now, width: w)
        customerHistory(history, words: words, time: time, width: w)
        body.append(("", .normal))
        body.append(("Timeline (\(detail.timeline.count))", Style(.title, [.bold])))
        for entry in detail.timeline {
            let who = words.who(entry)
            for (i, line) in TextWrap.wrap("\(words.what(entry)) — \(who)", width: w - 14).enumerated() {
                body.append(((i == 0 ? time.stamp(entry.at) + "  " : String(repeating: " ", count: 14)) + line,
                             i == 0 ? Style(.normal, [.bold]) : .normal))
            }
            if let why = words.why(entry), !why.trimmed.isEmpty {
                for line in TextWrap.wrap(why, width: w - 16) { body.append((String(repeating: " ", count: 16) + line, .muted)) }
            }
        }
    }

    /// Every clock of the case, in the order configured: the countdown with its urgency
    /// marker (or when it was met), title and state, coloured by the core's `ClockUrgency`;
    /// under it the due time on the centre's wall clock and the rule it comes from.
    private mutating func clockList(_ clocks: [ClockStatus], time: DeskTime, now: Date, width: Int) {
        guard !clocks.isEmpty else { return }
        body.append(("", .normal))
        body.append(("Clocks (\(clocks.count))", Style(.title, [.bold])))
        for clock in clocks {
            let urgency = ClockUrgency.of(clock, now: now)
            let left = clock.metAt.map { "done " + time.stamp($0) } ?? urgency?.countdown(to: clock.due, from: now) ?? ""
            let style = urgency?.style ?? .muted
            var due = "due \(time.stamp(clock.due))"
            if clock.extendedMonths > 0 {
                due += "  ·  extended by \(clock.extendedMonths) month\(clock.extendedMonths == 1 ? "" : "s")"
            }
            if clock.pausedSeconds > 0, clock.state != .paused { due += "  ·  later by its pauses" }
            if !clock.rule.isEmpty { due += "  ·  \(clock.rule)" }
            for (i, line) in TextWrap.wrap(TextSanitiser.singleLine("\(left)  \(clock.title)  \(clock.state.rawValue)"),
                                           width: width - 4).enumerated() {
                body.append(((i == 0 ? "  " : "    ") + line, style))
            }
            for line in TextWrap.wrap(TextSanitiser.singleLine(due), width: width - 6) { body.append(("      " + line, .muted)) }
        }
    }

    /// What the customer was granted in each rolling window, beside the decision it bears on:
    /// how near a cap they are, at a glance.
    private mutating func grantedTotals(_ history: CustomerHistory, words: CaseWords, width: Int) {
        guard !history.windows.isEmpty else { return }
        let actions = words.centre.actions
        let totals = history.windows.map { window in
            let title = actions.first { $0.id == window.action }?.title ?? window.action
            return "\(title) \(window.granted.formatted) in \(window.days) days"
        }
        labelled("Granted", totals.joined(separator: ", "), width: width)
    }

    /// The customer's other cases, newest first (id, state, received, summary, then what each
    /// granted): repeat complaints at a glance.
    private mutating func customerHistory(_ history: CustomerHistory, words: CaseWords, time: DeskTime, width: Int) {
        body.append(("", .normal))
        let heading = history.otherCaseCount == 0 ? "The customer's other cases: none"
            : "The customer's other cases (\(history.otherCaseCount))"
        body.append((heading, Style(.title, [.bold])))
        for other in history.otherCases {
            let c = other.summary
            let head = "\(c.id)  \(c.state.rawValue)  \(time.stamp(c.receivedAt))  "
            let summary = TextSanitiser.singleLine(words.summary(c))
            body.append((TextSanitiser.truncate(head + summary, toWidth: width), .normal))
            if !other.grants.isEmpty {
                let granted = "granted " + other.grants.map { DeskText.remedy($0, actions: words.centre.actions) }.joined(separator: ", ")
                for line in TextWrap.wrap(granted, width: width - 11) {
                    body.append((String(repeating: " ", count: 11) + line, .muted))
                }
            }
        }
        if history.otherCaseCount > history.otherCases.count {
            body.append(("  … and \(history.otherCaseCount - history.otherCases.count) older", .muted))
        }
    }

    /// A header line wrapped to `width`, its continuation indented two columns.
    private mutating func heading(_ text: String, _ style: Style, width: Int) {
        for (i, line) in TextWrap.wrap(text, width: width - 2).enumerated() { header.append(((i == 0 ? "" : "  ") + line, style)) }
    }

    /// "Summary    text…" with the text wrapped under itself.
    private mutating func labelled(_ label: String, _ text: String, width: Int) {
        let pad = label + String(repeating: " ", count: max(1, 11 - label.count))
        for (i, line) in TextWrap.wrap(text, width: width - 11).enumerated() {
            body.append(((i == 0 ? pad : String(repeating: " ", count: 11)) + line, .normal))
        }
    }
}
