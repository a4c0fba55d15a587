import EscalationCore
import Foundation

// The clocks' side of the commands: the projection every case event refreshes, the receipt
// correction, and the sweep that refers cases up when a clock passes its warning point.

extension DeskCommands {
    /// Recomputes the `case_clocks` rows of one case from the core (its events, its
    /// customer's flags and calendar, the centre's clocks), as of its latest event, and the
    /// time its queues order it by (`cases.due_at`, and its escalators' rows); an inactive
    /// case is left with no clocks, ordered by its flat deadline. Every command that writes
    /// a case row calls it after the write in the same transaction as the event (a row just
    /// inserted has no due time until then), so a command that records a new kind of event
    /// (a letter, a holding response) keeps the projection right by saving the case (or
    /// calling this) after appending.
    func refreshClocks(_ c: Case) throws {
        guard let number = CaseNumbers.number(ofID: c.id) else { return }
        guard c.state.isActive, !rules.centre.clocks.isEmpty else {
            return try tx.replaceCaseClocks(caseNumber: number, rows: [], dueAt: c.deadlineAt)
        }
        let currency = rules.centre.currency
        let records = try ClockProjection.records(try tx.events(caseID: c.id), currency: currency)
        let customer = try tx.customerStatus(id: c.customerID)
        let projected = ClockProjection.projection(c, records: records, customer: customer, centre: rules.centre)
        try tx.replaceCaseClocks(caseNumber: number, rows: projected.rows, dueAt: projected.dueAt)
    }

    /// `refreshClocks` for a case by id.
    func refreshClocks(caseID: String) throws {
        try refreshClocks(try load(caseID))
    }

    /// Records when the case really reached the firm, with a rationale (sealed like a note):
    /// only a role the rulebook allows, never in the future nor after the case was opened.
    func correctReceipt(caseID: String, receivedAt: Int64, rationale: String, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkCorrectReceipt(c, by: actor) }
        let opened = try c.timeline.first.flatMap { try tx.event(seq: $0)?.at }
        if let problem = CaseReceipt.refusal(received: receivedAt, now: now, opened: opened) {
            throw StoreError.invalidReceipt(problem)
        }
        let text = try rules.checkedText(rationale, field: "rationale")
        let note = try sealed(text, for: c)
        c = try record(.receiptCorrected(to: receivedAt, rationale: note), on: c, actor: actor, at: now)
        try save(c)
        try index(text, note, on: c)
    }

    /// Pauses, resumes or extends a case's clocks as the rulebook allows
    /// (`CaseRulebook.checkClockChange`, on the clocks as they stand at `now`), the reason
    /// sealed like a note and searchable like one; the projection follows in the same
    /// transaction.
    func changeClock(caseID: String, change: ClockChange, reason: String?, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        let statuses = try ClockProjection.statuses(of: c, reader: tx, centre: rules.centre, now: Millis.date(now))
        try refusing { () throws(CaseRefusal) in
            try rules.rulebook.checkClockChange(change, reason: reason, on: c, statuses: statuses, clocks: rules.centre.clocks,
                                                by: actor, at: Millis.date(now))
        }
        var written: (text: String, note: RecordedText)?
        if change.needsReason {
            let text = try rules.checkedText(reason ?? "", field: "reason")
            written = (text, try sealed(text, for: c))
        }
        let note = written?.note ?? .withheld
        switch change {
        case .pause(let clock): c = try record(.clockPaused(clock: clock, reason: note), on: c, actor: actor, at: now)
        case .resume(let clock): c = try record(.clockResumed(clock: clock), on: c, actor: actor, at: now)
        case .extend(let clock, let months):
            c = try record(.clockExtended(clock: clock, months: months, reason: note), on: c, actor: actor, at: now)
        }
        try save(c)
        if let written { try index(written.text, written.note, on: c) }
    }

    /// Refers up every case whose clock passed its warning point by `now` and that the
    /// core says should move (`ClockEscalation`), reading at most `limit` clocks from the
    /// warning index. Each clock is taken with a conditional update first, so a case is
    /// referred once however many sweepers run; a taken clock leaves the index whether or
    /// not its case moved. Returns what it referred and how many clocks it read.
    func sweepClocks(now: Int64, limit: Int) throws -> (referred: [ClockReferral], read: Int) {
        let rows = try tx.clocksWarned(by: now, limit: limit)
        var referred: [ClockReferral] = []
        for row in rows {
            guard try tx.claimClockEscalation(caseNumber: row.caseNumber, clock: row.clock), let role = row.escalateTo,
                  let clock = rules.centre.clocks.first(where: { $0.id == row.clock }) else { continue }
            var c = try load(CaseNumbers.id(row.caseNumber))
            guard c.state.isActive else { continue }
            let ladder = rules.ladder
            let reason = ClockEscalation.reason(clock, due: Millis.date(row.dueAt), role: role, ladder: ladder,
                                                time: ClockProjection.time(rules.centre), now: Millis.date(now))
            // The referral waits for the team of whoever had the case, as theirs would.
            let handler = rules.rulebook.member(c.holder ?? c.escalatedBy ?? c.openedBy)
            let team = handler.flatMap { rules.rulebook.teams.team(forReferralTo: role, by: $0) }
            let note = try sealed(reason, for: c)
            c = try record(.clockEscalated(clock: clock.id, routeTo: role, team: team, note: note), on: c,
                           actor: Self.system, at: now)
            try save(c)
            referred.append(ClockReferral(caseID: c.id, clock: clock.id, title: clock.title, due: Millis.date(row.dueAt),
                                          routeTo: role, team: team))
        }
        return (referred, rows.count)
    }

    /// Who the sweep acts as: no person, so no role on the ladder.
    static let system = StaffMember(id: DeskStore.systemActor, name: "Escalation Desk", role: DeskStore.systemActor,
                                    login: "", team: nil)
}

/// A case the sweep referred up on a clock.
public struct ClockReferral: Sendable, Hashable, Codable {
    public let caseID: String
    public let clock: String
    public let title: String
    public let due: Date
    public let routeTo: String
    public let team: String?
}
