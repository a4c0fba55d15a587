import EscalationCore
import Foundation

/// One clock of one active case as the `case_clocks` projection keeps it: when it is due and
/// when it warns, indexed so queues sort by the nearest due time and the sweep reads only
/// the clocks whose warning point has passed.
public struct ClockRow: Sendable, Hashable {
    public var caseNumber: Int64
    public var clock: String
    /// Milliseconds since 1970.
    public var dueAt: Int64
    public var warnAt: Int64
    /// The clock's state as of the case's latest event (`ClockState`); a running clock
    /// whose due time has since passed is breached, which readers work out with their `now`.
    public var state: String
    /// The role the sweep refers the case to once `warnAt` passes (`ClockEscalation`), nil
    /// when it should not move: what the sweep's index holds.
    public var escalateTo: String?
    /// When the sweep referred the case up on this clock (its `clockEscalated` event): the
    /// once-only marker.
    public var escalatedAt: Int64?

    public init(caseNumber: Int64, clock: String, dueAt: Int64, warnAt: Int64, state: String, escalateTo: String?,
                escalatedAt: Int64?) {
        self.caseNumber = caseNumber
        self.clock = clock
        self.dueAt = dueAt
        self.warnAt = warnAt
        self.state = state
        self.escalateTo = escalateTo
        self.escalatedAt = escalatedAt
    }
}

/// The clocks of a case as the store projects them: computed by the core (`CaseClocks`,
/// `ClockBook`, `ClockEscalation`) from the case, its events and its customer, as of its
/// latest event, so that `audit verify` rebuilds exactly what the commands wrote. Only
/// active cases have rows.
enum ClockProjection {
    /// The core's statuses of a case's clocks at `now`.
    static func statuses(_ c: Case, records: [CaseEventRecord], customer: CustomerStatus?, centre: Centre,
                         now: Date) -> [ClockStatus] {
        guard !centre.clocks.isEmpty else { return [] }
        let facts = CaseClocks.facts(c, records: records, customerFlags: customer?.flags ?? [],
                                     customerCalendar: customer?.calendar, clocks: centre.clocks)
        return ClockBook.statuses(for: facts, clocks: centre.clocks, calendars: centre.calendars,
                                  defaultCalendar: centre.defaultCalendar, time: time(centre), now: now)
    }

    /// The core's statuses of a case's clocks at `now`, its events and customer read from the store.
    static func statuses(of c: Case, reader: any LedgerReader, centre: Centre, now: Date) throws -> [ClockStatus] {
        let records = try records(try reader.events(caseID: c.id), currency: centre.currency)
        return statuses(c, records: records, customer: try reader.customerStatus(id: c.customerID), centre: centre, now: now)
    }

    /// The rows of a case: one per clock that applies and has started, none once it is no
    /// longer active; and the time its queues order it by (`ClockBook.queueDue`: the nearest
    /// unmet clock's due time, else the flat deadline), which `cases.due_at` and every
    /// `case_escalators` row of the case carry.
    static func projection(_ c: Case, records: [CaseEventRecord], customer: CustomerStatus?,
                           centre: Centre) -> (rows: [ClockRow], dueAt: Int64) {
        guard c.state.isActive, let number = CaseNumbers.number(ofID: c.id), let latest = records.last?.at else {
            return ([], c.deadlineAt)
        }
        let escalated = CaseClocks.escalations(records)
        let statuses = statuses(c, records: records, customer: customer, centre: centre, now: Millis.date(latest))
        let rows = statuses.map { status in
            ClockRow(caseNumber: number, clock: status.clock, dueAt: Millis.from(status.due), warnAt: Millis.from(status.warnAt),
                     state: status.state.rawValue,
                     escalateTo: ClockEscalation.referral(for: status, on: c, alreadyEscalated: escalated[status.clock] != nil,
                                                          ladder: centre.policy.ladder),
                     escalatedAt: escalated[status.clock])
        }.sorted { $0.clock < $1.clock }
        return (rows, Millis.from(ClockBook.queueDue(statuses, deadline: Millis.date(c.deadlineAt))))
    }

    /// A case's stored events as the core's records; an event that does not read is damage.
    static func records(_ events: [StoredEvent], currency: Currency) throws -> [CaseEventRecord] {
        try events.map { e in
            do throws(CaseFoldError) { return try CaseEventCodec.record(e, currency: currency) } catch {
                throw StoreError.corrupt(error.description)
            }
        }
    }

    /// The centre's wall clock (its `timezone`, validated when configured; London if a
    /// stored centre names none this system knows).
    static func time(_ centre: Centre) -> CentreTime {
        CentreTime(identifier: centre.timezone) ?? CentreTime(identifier: "Europe/London")!
    }
}
