import Foundation

/// A case's clocks from its record: which of its events move which clock, and what the
/// sweep does when one passes its warning point. The store, `audit verify` and the desk all
/// count a case's clocks through here, so they never disagree.
public enum CaseClocks {
    /// The clock events a case's history holds, oldest first. This is the one mapping from
    /// what the record keeps to what moves a clock, for everything that works clocks out
    /// (the store's projection, the letters' due dates, the final-response gate, the desk):
    /// - each referral up the ladder (by a person or on a clock) starts the clocks that
    ///   `start: referred` again, and a claim meets them;
    /// - a letter meets the clocks its kind meets (`LetterKind.meets`); a holding response
    ///   is also `holdingResponseSent`, which moves a clock with a second limit (the payment
    ///   services 15 → 35 business days);
    /// - a resolution meets every clock not met before: the case's answer has been given;
    /// - a pause, a resume and an extension recorded by a person are what they say.
    ///
    /// A receipt correction is not among them: `Case.receivedAt` already follows it.
    public static func events(_ records: [CaseEventRecord], clocks: [RegulatoryClock]) -> [ClockEvent] {
        let referralClocks = clocks.filter { $0.starts == "referred" }.map(\.id)
        var events: [ClockEvent] = []
        for record in records {
            let at = Date(timeIntervalSince1970: Double(record.at) / 1000)
            switch record.event {
            case .escalated, .clockEscalated:
                events.append(.referred(at: at))
            case .claimed:
                events += referralClocks.map { .met(clock: $0, at: at) }
            case .letterSent(let letter):
                if letter.kind == .holdingResponse { events.append(.holdingResponseSent(at: at)) }
                events += letter.kind.meets.map { .met(clock: $0, at: at) }
            case .resolved:
                events += clocks.map { .met(clock: $0.id, at: at) }
            // The reason is sealed in the record; no clock reads it (it was required when
            // the change was recorded).
            case .clockPaused(let clock, _):
                events.append(.paused(clock: clock, reason: "", at: at))
            case .clockResumed(let clock):
                events.append(.resumed(clock: clock, at: at))
            case .clockExtended(let clock, let months, _):
                events.append(.extended(clock: clock, months: months, reason: "", at: at))
            case .opened, .returned, .closed, .reopened, .identityMarked, .receiptCorrected:
                break
            }
        }
        return events
    }

    /// What a case's clocks are counted from: its receipt (as corrected), kind, channel, the
    /// case's and the customer's flags, the customer's calendar and its history.
    public static func facts(_ c: Case, records: [CaseEventRecord], customerFlags: [String], customerCalendar: String?,
                             clocks: [RegulatoryClock]) -> ClockFacts {
        ClockFacts(received: Date(timeIntervalSince1970: Double(c.receivedAt) / 1000), kind: c.kind, flags: Set(c.caseFlags + customerFlags),
                   channel: c.channel, customerCalendar: customerCalendar, events: events(records, clocks: clocks))
    }

    /// When the case was referred up on each clock's warning (the sweep's `clockEscalated`
    /// events): what makes that escalation happen once.
    public static func escalations(_ records: [CaseEventRecord]) -> [String: EpochMillis] {
        var found: [String: EpochMillis] = [:]
        for record in records {
            if case .clockEscalated(let clock, _, _, _) = record.event, found[clock] == nil { found[clock] = record.at }
        }
        return found
    }
}

/// What the sweep does when a clock passes its warning point.
public enum ClockEscalation {
    /// The role to refer the case to because of this clock, or nil to leave it alone:
    /// - a clock without `escalate_to`, met, or paused (a service clock on hold) asks nothing;
    /// - a case already referred on this clock's warning is not referred again (once);
    /// - a case that is not active, or whose queue is already at or above the role, or that
    ///   was handed back down by someone at or above it (a recorded delegation, as for
    ///   referral rules), is left where it is: someone with that authority has it or has
    ///   seen it.
    ///
    /// Whether the warning point has been reached is the sweep's question (its `now`);
    /// this answers only whether, when it is, the case should move.
    public static func referral(for status: ClockStatus, on c: Case, alreadyEscalated: Bool, ladder: Ladder) -> String? {
        guard let role = status.escalateTo, let target = ladder.rank(of: role), !alreadyEscalated,
              status.metAt == nil, status.state == .running || status.state == .breached, c.state.isActive else { return nil }
        let queue = c.queueRole.flatMap(ladder.rank(of:)) ?? -1
        let delegated = c.delegatedRole.flatMap(ladder.rank(of:)) ?? -1
        return max(queue, delegated) < target ? role : nil
    }

    /// The reason the system records when it refers a case on a clock, naming the clock and
    /// when it is due (ISO 8601 with the centre's offset); a clock already past due when the
    /// sweep finds it is said to be breached, never merely warned.
    public static func reason(_ clock: RegulatoryClock, due: Date, role: String, ladder: Ladder, time: CentreTime,
                              now: Date? = nil) -> String {
        let name = "\(clock.title) (\(clock.rule.isEmpty ? clock.id : clock.rule))"
        let to = "referred to \(ladder.title(of: role)) automatically"
        if let now, now > due { return "\(name) was due \(time.iso8601(due)) and is breached: \(to)" }
        return "\(name) is due \(time.iso8601(due)) and has passed its warning point: \(to)"
    }
}
