import DeskUI
import EscalationCore
import Foundation

// The double's clocks, as the store works them out (EscalationStore/ClockProjection.swift and
// Commands/ClockCommands.swift): every rule is the core's (`CaseClocks`, `ClockBook`,
// `ClockEscalation`); the double only has no calendars and counts on UTC.

extension InMemoryDeskData {
    /// The double's wall clock.
    static let clockTime = CentreTime(zone: .gmt)

    /// Every clock of a case at `now`.
    func clockStatuses(_ caseID: String, at now: Date) throws(DeskError) -> [ClockStatus] {
        let stored = try stored(caseID)
        let facts = CaseClocks.facts(stored.folded, records: stored.records, customerFlags: customer(stored.folded.customerID)?.flags ?? [],
                                     customerCalendar: nil, clocks: clocks)
        return ClockBook.statuses(for: facts, clocks: clocks, calendars: [], time: Self.clockTime, now: now)
    }

    /// Records a pause, resume or extension as the store does: the core's check on the clocks
    /// as they stand, the reason kept as typed (the double seals nothing).
    func changeClock(caseID: String, _ change: ClockChange, reason: String?, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let c = try stored(caseID).folded
        let now = Self.date(at)
        let statuses = try clockStatuses(caseID, at: now)
        try refusing { () throws(CaseRefusal) in
            try rulebook.checkClockChange(change, reason: reason, on: c, statuses: statuses, clocks: clocks, by: actor, at: now)
        }
        let note = RecordedText.sealed(change.needsReason ? try checked(reason ?? "", field: "reason") : "")
        switch change {
        case .pause(let clock): try append(.clockPaused(clock: clock, reason: note), to: caseID, by: actor, at: at)
        case .resume(let clock): try append(.clockResumed(clock: clock), to: caseID, by: actor, at: at)
        case .extend(let clock, let months):
            try append(.clockExtended(clock: clock, months: months, reason: note), to: caseID, by: actor, at: at)
        }
    }

    /// Who the sweep acts as: no person, so no role on the ladder.
    static let system = StaffMember(id: "system", name: "Escalation Desk", role: "system", login: "", team: nil)

    /// Refers up every active case whose clock has passed its warning point, once per clock,
    /// as the store's sweep does; returns how many cases moved.
    func sweepClocks(at now: Date) throws(DeskError) -> Int {
        var moved = 0
        for stored in cases where stored.folded.state.isActive {
            let escalated = CaseClocks.escalations(stored.records)
            for status in try clockStatuses(stored.folded.id, at: now) where now >= status.warnAt {
                let c = try self.stored(stored.folded.id).folded
                guard let role = ClockEscalation.referral(for: status, on: c, alreadyEscalated: escalated[status.clock] != nil,
                                                          ladder: policy.ladder),
                      let clock = clocks.first(where: { $0.id == status.clock }) else { continue }
                let handler = rulebook.member(c.holder ?? c.escalatedBy ?? c.openedBy)
                let team = handler.flatMap { rulebook.teams.team(forReferralTo: role, by: $0) }
                let reason = ClockEscalation.reason(clock, due: status.due, role: role, ladder: policy.ladder, time: Self.clockTime,
                                                    now: now)
                try append(.clockEscalated(clock: clock.id, routeTo: role, team: team, note: .sealed(reason)), to: c.id,
                           by: Self.system, at: Self.millis(now))
                moved += 1
            }
        }
        return moved
    }
}

extension InMemoryDeskService {
    // MARK: - Clocks

    /// The case's clocks at the shared clock's time.
    public func clocks(caseID: String) throws(DeskError) -> [ClockStatus] {
        try data.clockStatuses(caseID, at: now())
    }

    /// The clock changes the core offers me on the case now.
    public func clockChanges(caseID: String) throws(DeskError) -> [ClockChange] {
        data.rulebook.clockChanges(for: deciding, on: try data.stored(caseID).folded, statuses: try clocks(caseID: caseID),
                                   clocks: data.clocks, at: now())
    }

    /// Changes the case's clocks at the shared clock's time.
    public func changeClock(caseID: String, _ change: ClockChange, reason: String?) throws(DeskError) {
        try data.changeClock(caseID: caseID, change, reason: reason, by: deciding, at: InMemoryDeskData.millis(now()))
    }

    /// The sweep at the shared clock's time, counted so tests see how often a desk runs it.
    public func sweepClocks() throws(DeskError) -> Int {
        sweepsRun += 1
        return try data.sweepClocks(at: now())
    }
}
