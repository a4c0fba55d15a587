import Foundation

/// A person's change to how a case's clocks count: a service clock put on hold while the
/// case waits on the customer and started again, or an extendable clock extended (the ICO's
/// two further months for a complex subject access request). Regulatory clocks never pause.
public enum ClockChange: Sendable, Hashable {
    /// Stop a service clock counting (nil: every running service clock of the case).
    case pause(clock: String?)
    /// Start a paused clock again (nil: every paused clock of the case).
    case resume(clock: String?)
    /// Add `months` to an extendable clock, once.
    case extend(clock: String, months: Int)

    /// The verb a sentence uses ("pause").
    public var verb: String {
        switch self {
        case .pause: return "pause"
        case .resume: return "resume"
        case .extend: return "extend"
        }
    }

    /// Whether the change must carry a recorded reason (a pause and an extension do).
    public var needsReason: Bool {
        if case .resume = self { return false }
        return true
    }
}

extension CaseRulebook {
    /// The desk power that lets a role pause, resume and extend clocks when the matrix
    /// declares it.
    public static let changeClock = "change_clock"

    /// Whether the actor may make the change to the case's clocks now (`statuses`: its
    /// clocks worked out at the time of the change; `clocks`: the centre's configured ones).
    /// - who: a role holding `change_clock` when the matrix declares it, otherwise the case's
    ///   holder for a pause or a resume, and a Team Leader or above for any change (an
    ///   extension moves a legal deadline, so an agent never extends their own);
    /// - what: an active case; a pause names a running service clock (or, naming none, the
    ///   case has one), never a regulatory clock; a resume names a paused one; an extension
    ///   names an extendable clock of the case, not met, not yet due, not extended before,
    ///   by a number of months it allows;
    /// - a pause and an extension give a reason.
    public func checkClockChange(_ change: ClockChange, reason: String?, on c: Case, statuses: [ClockStatus],
                                 clocks: [RegulatoryClock], by actor: StaffMember, at now: Date) throws(CaseRefusal) {
        guard c.state.isActive else {
            throw .clockChange("\(c.id) is \(c.state.rawValue); its clocks have stopped")
        }
        try checkClockChanger(change, on: c, by: actor)
        if change.needsReason, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .emptyText(field: "reason")
        }
        switch change {
        case .pause(let id):
            let running = try named(id, on: c, statuses: statuses, clocks: clocks)
            if let status = running.first, id != nil {
                guard status.family == .service else {
                    throw .clockChange("\(status.title) is a regulatory clock (\(status.rule)); regulatory clocks never pause")
                }
                guard status.state == .running, now <= status.due else {
                    throw .clockChange("\(status.title) on \(c.id) is \(stateWord(status, at: now)); only a running clock can be paused")
                }
            } else if !running.contains(where: { $0.family == .service && $0.state == .running && now <= $0.due }) {
                throw .clockChange("\(c.id) has no running service clock to pause; regulatory clocks never pause")
            }
        case .resume(let id):
            let named = try named(id, on: c, statuses: statuses, clocks: clocks)
            guard named.contains(where: { $0.state == .paused }) else {
                throw .clockChange(id == nil ? "\(c.id) has no paused clock to resume"
                                             : "\(named[0].title) on \(c.id) is \(stateWord(named[0], at: now)), not paused")
            }
        case .extend(let id, let months):
            guard let status = try named(id, on: c, statuses: statuses, clocks: clocks).first,
                  let clock = clocks.first(where: { $0.id == id }) else { return }
            if let problem = ClockBook.refusal(of: .extended(clock: id, months: months, reason: reason ?? "", at: now), for: clock) {
                throw .clockChange(problem)
            }
            guard status.extendedMonths == 0 else {
                throw .clockChange("\(status.title) on \(c.id) was already extended by \(status.extendedMonths) "
                                   + (status.extendedMonths == 1 ? "month" : "months") + "; it may be extended once")
            }
            guard status.metAt == nil, status.state == .running, now <= status.due else {
                throw .clockChange("\(status.title) on \(c.id) is \(stateWord(status, at: now)); "
                                   + "only a clock still running can be extended")
            }
        }
    }

    /// The changes the desk offers the actor on the case now, each one `checkClockChange`
    /// allows: pausing every running service clock, resuming every paused one, and extending
    /// each extendable clock by as much as its rule allows (so the desk never offers a key the
    /// store would refuse; the reason is asked for when the key is pressed).
    public func clockChanges(for actor: StaffMember, on c: Case, statuses: [ClockStatus], clocks: [RegulatoryClock],
                             at now: Date) -> [ClockChange] {
        var candidates: [ClockChange] = [.pause(clock: nil), .resume(clock: nil)]
        for status in statuses {
            if let allowed = clocks.first(where: { $0.id == status.clock })?.extendable {
                candidates.append(.extend(clock: status.clock, months: allowed.months))
            }
        }
        return candidates.filter { change in
            do throws(CaseRefusal) {
                try checkClockChange(change, reason: "offered", on: c, statuses: statuses, clocks: clocks, by: actor, at: now)
                return true
            } catch {
                return false
            }
        }
    }

    /// Who may change a case's clocks: `change_clock` when declared, else the holder (pause,
    /// resume) or a Team Leader or above.
    private func checkClockChanger(_ change: ClockChange, on c: Case, by actor: StaffMember) throws(CaseRefusal) {
        let allowed: Bool
        if policy.matrix.action(Self.changeClock) != nil {
            allowed = may(actor.role, use: Self.changeClock)
        } else {
            let leader = rank(actor.role) >= (ladder.rank(of: "team_leader") ?? 1)
            if case .extend = change { allowed = leader } else { allowed = leader || c.holder == actor.id }
        }
        guard allowed else {
            let who: String
            if case .extend = change { who = "a Team Leader or above" } else { who = "the case's holder or a Team Leader or above" }
            throw .notPermitted("\(actor.name) (\(title(actor.role))) may not \(change.verb) the clocks of \(c.id): only "
                                + "\(who), or a role holding \(Self.changeClock), may")
        }
    }

    /// The statuses a change names: the one clock (which must apply to the case and have
    /// started), or every clock of the case when it names none.
    private func named(_ id: String?, on c: Case, statuses: [ClockStatus],
                       clocks: [RegulatoryClock]) throws(CaseRefusal) -> [ClockStatus] {
        guard let id else { return statuses }
        if let status = statuses.first(where: { $0.clock == id }) { return [status] }
        if clocks.contains(where: { $0.id == id }) {
            throw .clockChange("\(id) does not run on \(c.id) (it does not apply to it, or has not started)")
        }
        let known = clocks.map(\.id).joined(separator: ", ")
        throw .clockChange("no clock is called \(id); the centre's clocks are \(known.isEmpty ? "none" : known)")
    }

    private func stateWord(_ status: ClockStatus, at now: Date) -> String {
        status.state == .running && now > status.due ? "breached" : status.state.rawValue
    }
}
