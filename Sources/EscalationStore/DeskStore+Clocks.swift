import EscalationCore
import Foundation

/// One clock of a case as the clocks list shows it.
public struct ClockDue: Sendable, Hashable, Codable {
    public let caseID: String
    public let clock: String
    public let title: String
    public let rule: String
    public let due: Date
    /// `breached` once the due time has passed at the list's `now`, else `running`.
    public let state: ClockState
    /// Whether the warning point has passed.
    public let warning: Bool
}

extension DeskStore {
    /// Records when a case really reached the firm, with a rationale; every clock follows.
    ///
    /// - Throws: `.notPermitted` for a role the rulebook does not allow (77);
    ///   `.invalidReceipt` for a time in the future or after the case was opened (65).
    public func correctReceipt(caseID: String, receivedAt: Date, rationale: String, actor: String,
                               now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try command(at: now) {
            try $0.correctReceipt(caseID: caseID, receivedAt: Millis.from(receivedAt), rationale: rationale, actor: member,
                                  now: $1)
        }
    }

    /// Pauses or resumes a case's service clocks, or extends an extendable clock, with the
    /// reason recorded; under an acting cover the cover's role counts.
    ///
    /// - Throws: `.notPermitted` for someone the rulebook does not allow (77); `.refused`
    ///   for a change the clocks do not allow (a regulatory clock paused, a second
    ///   extension), `.emptyText` without a reason (65).
    public func changeClock(caseID: String, change: ClockChange, reason: String?, actor: String,
                            now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.changeClock(caseID: caseID, change: change, reason: reason, actor: $1, now: $2) }
    }

    /// Refers up every case whose clock has passed its warning point, once each (safe when
    /// several desks and a cron job sweep at the same moment): reads the warning index in
    /// batches, each batch one write transaction.
    public func sweepClocks(now: ActionClock, batch: Int = 500) throws(StoreError) -> [ClockReferral] {
        var referred: [ClockReferral] = []
        var read = 0
        repeat {
            let result = try command(at: now) { commands, ms in try commands.sweepClocks(now: ms, limit: max(1, batch)) }
            referred += result.referred
            read = result.read
        } while read >= max(1, batch)
        return referred
    }

    /// Whether any clock has passed its warning point at `now` and waits for the sweep: one
    /// read of the warning index, which never waits for another desk's write, so a desk can
    /// ask every minute and take the write lock only when there is something to refer.
    public func clocksAwaitSweep(now: Date) throws(StoreError) -> Bool {
        try query { try !$0.clocksWarned(by: Millis.from(now), limit: 1).isEmpty }
    }

    /// Every clock of a case, worked out by the core at `now` (met, breached and paused ones
    /// included), in the order configured.
    public func clocks(of caseID: String, now: Date) throws(StoreError) -> [ClockStatus] {
        let rules = rules
        return try query { reader in
            try ClockProjection.statuses(of: try rules.existingCase(reader, caseID), reader: reader, centre: rules.centre, now: now)
        }
    }

    /// The clock changes the actor may make on the case now (`CaseRulebook.clockChanges`,
    /// under any acting cover): what the desk offers.
    public func clockChanges(caseID: String, actor: String, at now: Date) throws(StoreError) -> [ClockChange] {
        let person = try member(actor)
        let rules = rules
        return try query { reader in
            let member = try Self.deciding(person, reader: reader, at: Millis.from(now), ladder: rules.ladder).member
            let c = try rules.existingCase(reader, caseID)
            let statuses = try ClockProjection.statuses(of: c, reader: reader, centre: rules.centre, now: now)
            return rules.rulebook.clockChanges(for: member, on: c, statuses: statuses, clocks: rules.centre.clocks, at: now)
        }
    }

    /// Breaching and due-soon clocks of active cases, nearest due first: every running clock
    /// due by `now + within` seconds, at most `limit`, read from the due index.
    public func clocksDue(now: Date, within: TimeInterval, limit: Int = 100) throws(StoreError) -> [ClockDue] {
        let clocks = Dictionary(centre.clocks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nowMS = Millis.from(now)
        let by = Millis.from(now.addingTimeInterval(max(0, within)))
        return try query { reader in
            try reader.clocksDue(by: by, limit: min(max(limit, 0), 10_000)).map { row in
                ClockDue(caseID: CaseNumbers.id(row.caseNumber), clock: row.clock, title: clocks[row.clock]?.title ?? row.clock,
                         rule: clocks[row.clock]?.rule ?? "", due: Millis.date(row.dueAt),
                         state: row.dueAt < nowMS ? .breached : .running, warning: row.warnAt <= nowMS)
            }
        }
    }
}
