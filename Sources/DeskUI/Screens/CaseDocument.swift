import EscalationCore
import Foundation

/// A case laid out as lines for a given width: the fixed header (who, state, live, identity)
/// and the scrollable body (summary, remedies, the latest decision with its reasons, and the
/// full timeline: when, who, what, why). Kept apart from the screen so it can be read alone.
struct CaseDocument {
    /// One line of text and its style.
    typealias Line = (text: String, style: Style)

    /// Lines that stay at the top.
    var header: [Line] = []
    /// Lines that scroll.
    var body: [Line] = []

    /// Lays out `detail` at `width` columns in `words`, times in `time`, ages from `now`.
    init(_ detail: CaseDetail, words: CaseWords, time: DeskTime, now: Date, width: Int) {
        let w = max(10, width)
        let c = detail.summary
        let centre = words.centre
        let flags = (detail.customerFlags + detail.caseFlags).map(DeskText.words)
        let flagText = flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]"
        header.append(("\(c.id)  \(words.customer(detail))" + flagText, Style(.title, [.bold])))
        var status = c.state.rawValue
        if c.live { status = "● LIVE  " + status }
        status += "  ·  identity " + words.identity(detail).rawValue
        if let holder = c.holderName { status += "  ·  held by \(holder)" }
        if let routed = words.routedTo(c) { status += "  ·  routed to \(routed)" }
        header.append((status, c.live ? Style(.danger, [.bold]) : Style(.normal, [.bold])))
        var facts = "\(DeskText.words(c.kind)) by \(c.channel)  ·  opened \(time.stamp(c.receivedAt))"
            + " (\(DeskTime.age(from: c.receivedAt, to: now)) ago)"
        if let deadline = words.deadline(c) { facts += "  ·  due \(time.stamp(deadline)) (\(DeskTime.countdown(to: deadline, from: now)))" }
        header.append((facts, .muted))

        labelled("Summary", words.summary(c), width: w)
        let asked = detail.requests.map { DeskText.remedy($0, actions: centre.actions) }
        labelled("Asked for", asked.isEmpty ? "nothing" : asked.joined(separator: ", "), width: w)
        if let decision = detail.recordedDecision {
            let within = decision.verdict == .withinAuthority
            body.append(("Decision   " + DeskText.headline(decision, ladder: centre.ladder) + "  (matrix \(decision.matrixVersion))",
                         Style(within ? .ok : .danger, [.bold])))
            for reason in decision.reasons {
                for (i, line) in TextWrap.wrap(reason.detail, width: w - 13).enumerated() {
                    body.append(((i == 0 ? "         • " : "           ") + line, .normal))
                }
            }
        }
        body.append(("", .normal))
        body.append(("Timeline (\(detail.timeline.count))", Style(.title, [.bold])))
        for entry in detail.timeline {
            let who = "\(entry.actorName) (\(words.role(entry)))"
            for (i, line) in TextWrap.wrap("\(words.what(entry)) — \(who)", width: w - 14).enumerated() {
                body.append(((i == 0 ? time.stamp(entry.at) + "  " : String(repeating: " ", count: 14)) + line,
                             i == 0 ? Style(.normal, [.bold]) : .normal))
            }
            if let why = words.why(entry), !why.trimmed.isEmpty {
                for line in TextWrap.wrap(why, width: w - 16) { body.append((String(repeating: " ", count: 16) + line, .muted)) }
            }
        }
    }

    /// "Summary    text…" with the text wrapped under itself.
    private mutating func labelled(_ label: String, _ text: String, width: Int) {
        let pad = label + String(repeating: " ", count: max(1, 11 - label.count))
        for (i, line) in TextWrap.wrap(text, width: width - 11).enumerated() {
            body.append(((i == 0 ? pad : String(repeating: " ", count: 11)) + line, .normal))
        }
    }
}
