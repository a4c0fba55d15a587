import Foundation

/// One line of a case list: what a queue shows of a case without reading its history.
public struct CaseSummary: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let customerID: String
    public let kind: String
    public let channel: String
    public let state: CaseState
    public let live: Bool
    /// The role whose queue the case is in.
    public let queueRole: String?
    /// The team (id) a referral waits for: the escalator's team at the team-leader rung;
    /// nil when it waits role-wide or is not waiting.
    public let queueTeam: String?
    /// Who holds it (staff id), and their name.
    public let holder: String?
    public let holderName: String?
    public let receivedAt: Date
    public let deadlineAt: Date
    /// The summary in plain text, or nil once the customer is erased.
    public let summary: String?
    /// Goes up with every change: a desk holding an older version is looking at old news.
    public let version: Int64
    /// The customer's name as a list shows it: nil once they are erased, and nil in a
    /// `CaseDetail` (which carries the customer itself).
    public let customerName: String?
    /// The customer's flags as a list shows them (nil in a `CaseDetail`, as the name).
    public let customerFlags: [String]?
    /// How a resolved or closed case ended (its latest resolution), as a list shows it; nil
    /// while it is active, and in a `CaseDetail` (whose timeline has it).
    public let outcome: Outcome?
    /// When the case's nearest clock runs out (regulatory or service, breached ones first by
    /// being earliest), while it is active and a clock applies; nil otherwise, and then
    /// `deadlineAt` is what it must be finished by.
    public var nearestDue: Date? = nil
    /// When that nearest clock passes its warning point (amber on the desk); nil with
    /// `nearestDue`.
    public var nearestWarnAt: Date? = nil

    public init(id: String, customerID: String, kind: String, channel: String, state: CaseState, live: Bool,
                queueRole: String?, holder: String?, holderName: String?, receivedAt: Date, deadlineAt: Date,
                summary: String?, version: Int64, customerName: String? = nil, customerFlags: [String]? = nil,
                outcome: Outcome? = nil, queueTeam: String? = nil) {
        self.outcome = outcome
        self.queueTeam = queueTeam
        self.id = id
        self.customerID = customerID
        self.kind = kind
        self.channel = channel
        self.state = state
        self.live = live
        self.queueRole = queueRole
        self.holder = holder
        self.holderName = holderName
        self.receivedAt = receivedAt
        self.deadlineAt = deadlineAt
        self.summary = summary
        self.version = version
        self.customerName = customerName
        self.customerFlags = customerFlags
    }
}

extension CaseSummary {
    /// The same line with its nearest clock's due time and warning point.
    public func withNearestDue(_ due: Date?, warnAt: Date? = nil) -> CaseSummary {
        var copy = self
        copy.nearestDue = due
        copy.nearestWarnAt = due == nil ? nil : warnAt
        return copy
    }

    /// How urgent the line is at `now`: its nearest clock's urgency, else its deadline's
    /// (no warning point); nil once it is no longer active.
    public func urgency(at now: Date) -> ClockUrgency? {
        guard state.isActive else { return nil }
        guard let due = nearestDue else { return ClockUrgency.at(due: deadlineAt, warnAt: nil, now: now) }
        return ClockUrgency.at(due: due, warnAt: nearestWarnAt, now: now)
    }
}
