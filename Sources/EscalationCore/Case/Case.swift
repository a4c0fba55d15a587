/// A case as its events leave it: the fold of its history, oldest first. The store keeps
/// this as its projection and `audit verify` rebuilds it, both through `applying(_:roleOf:)`.
public struct Case: Sendable, Hashable {
    public let id: String
    public let customerID: String
    public let kind: String
    public let channel: String
    /// The summary as stored (sealed).
    public let summary: String
    public internal(set) var state: CaseState
    /// The customer is waiting on the line.
    public internal(set) var live: Bool
    public let caseFlags: [String]
    public internal(set) var identityVerified: Bool
    /// The role whose queue the case sits in.
    public internal(set) var queueRole: String?
    /// The team whose leaders the referral waits for (`TeamRouting`), nil when it waits
    /// role-wide or is not waiting in a referral queue.
    public internal(set) var queueTeam: String?
    /// Who holds it: the opener while open, the claimer, the person it was returned to, or
    /// the reopener. Nobody while it waits in a queue or after it is resolved.
    public internal(set) var holder: String?
    /// Who last referred it up, and so who a return goes back to.
    public internal(set) var escalatedBy: String?
    /// Who returned it with guidance, and their role: a recorded delegation.
    public internal(set) var delegatedBy: String?
    public internal(set) var delegatedRole: String?
    public let openedBy: String
    /// The remedies asked for when it was opened.
    public let requests: [RemedyRequest]
    /// The latest decision on what was asked (opening or escalation).
    public internal(set) var decision: Decision
    /// When the contact reached the firm: as recorded at opening, or as last corrected.
    public internal(set) var receivedAt: EpochMillis
    public internal(set) var escalatedAt: EpochMillis?
    public internal(set) var resolvedAt: EpochMillis?
    public internal(set) var closedAt: EpochMillis?
    public internal(set) var deadlineAt: EpochMillis
    /// How many events the case has had: a write that finds another version lost a race.
    public internal(set) var version: Int64
    /// The seqs of its events, oldest first.
    public internal(set) var timeline: [Int64]

    public init(id: String, customerID: String, kind: String, channel: String, summary: String, state: CaseState,
                live: Bool, caseFlags: [String], identityVerified: Bool, queueRole: String?, holder: String?,
                escalatedBy: String?, delegatedBy: String?, delegatedRole: String?, openedBy: String,
                requests: [RemedyRequest], decision: Decision, receivedAt: EpochMillis, escalatedAt: EpochMillis?,
                resolvedAt: EpochMillis?, closedAt: EpochMillis?, deadlineAt: EpochMillis, version: Int64, timeline: [Int64],
                queueTeam: String? = nil) {
        self.id = id
        self.queueTeam = queueTeam
        self.customerID = customerID
        self.kind = kind
        self.channel = channel
        self.summary = summary
        self.state = state
        self.live = live
        self.caseFlags = caseFlags
        self.identityVerified = identityVerified
        self.queueRole = queueRole
        self.holder = holder
        self.escalatedBy = escalatedBy
        self.delegatedBy = delegatedBy
        self.delegatedRole = delegatedRole
        self.openedBy = openedBy
        self.requests = requests
        self.decision = decision
        self.receivedAt = receivedAt
        self.escalatedAt = escalatedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.deadlineAt = deadlineAt
        self.version = version
        self.timeline = timeline
    }

    /// A case as its opening event leaves it: in the opener's hands, in their role's queue.
    public static func opened(_ record: CaseEventRecord) throws(CaseFoldError) -> Case {
        guard case .opened(let o) = record.event else { throw CaseFoldError(seq: record.seq, reason: "does not open a case") }
        return Case(id: record.caseID, customerID: o.customer, kind: o.kind, channel: o.channel, summary: o.summary,
                    state: .open, live: o.live, caseFlags: o.caseFlags, identityVerified: o.identityVerified,
                    queueRole: record.actorRole, holder: record.actor, escalatedBy: nil, delegatedBy: nil, delegatedRole: nil,
                    openedBy: record.actor, requests: o.requests, decision: o.decision, receivedAt: o.receivedAt ?? record.at,
                    escalatedAt: nil, resolvedAt: nil, closedAt: nil,
                    deadlineAt: CaseDeadline.due(kind: o.kind, receivedAt: o.receivedAt ?? record.at), version: 1,
                    timeline: [record.seq])
    }

    /// The case after one more event. `roleOf` gives a staff member's role: a return puts
    /// the case in the queue of the referrer's role.
    public func applying(_ record: CaseEventRecord, roleOf: (String) -> String?) throws(CaseFoldError) -> Case {
        func fail(_ reason: String) -> CaseFoldError { CaseFoldError(seq: record.seq, reason: reason) }
        guard record.caseID == id else { throw fail("belongs to \(record.caseID), not \(id)") }
        var next = self
        if let transition = record.event.transition {
            do { next.state = try CaseLifecycle.apply(transition, to: state) } catch { throw fail("is not allowed: \(error)") }
        }
        switch record.event {
        case .opened:
            throw fail("opens \(id) a second time")
        case .escalated(let routeTo, let decision, _, let team):
            next.queueRole = routeTo
            next.queueTeam = team
            next.holder = nil
            next.escalatedBy = record.actor
            next.delegatedBy = nil
            next.delegatedRole = nil
            next.escalatedAt = escalatedAt ?? record.at
            next.decision = decision
        case .claimed:
            next.holder = record.actor
        case .returned(let to, _):
            guard let role = roleOf(to) else { throw fail("returns \(id) to \(to), who is not on the staff list") }
            next.holder = to
            next.queueRole = role
            next.queueTeam = nil
            next.delegatedBy = record.actor
            next.delegatedRole = record.actorRole
        case .resolved:
            next.holder = nil
            next.live = false
            next.resolvedAt = record.at
        case .closed:
            next.holder = nil
            next.live = false
            next.closedAt = record.at
        case .reopened:
            next.holder = record.actor
            next.queueRole = record.actorRole
            next.queueTeam = nil
            next.closedAt = nil
            next.delegatedBy = nil
            next.delegatedRole = nil
        case .identityMarked(let verified):
            next.identityVerified = verified
        case .letterSent:
            break
        case .receiptCorrected(let to, _):
            guard to <= record.at else { throw fail("corrects the receipt of \(id) to a time after it was recorded") }
            next.receivedAt = to
            next.deadlineAt = CaseDeadline.due(kind: kind, receivedAt: to)
        case .clockPaused, .clockResumed, .clockExtended:
            guard state.isActive else { throw fail("changes a clock of \(id) although it is \(state.rawValue)") }
        case .clockEscalated(_, let routeTo, let team, _):
            guard state.isActive else { throw fail("refers \(id) up on a clock although it is \(state.rawValue)") }
            // Like a referral, except that nobody referred it: a return goes back to whoever
            // last did (or the opener), and the decision stays the one last taken.
            next.state = .escalated
            next.queueRole = routeTo
            next.queueTeam = team
            next.holder = nil
            next.delegatedBy = nil
            next.delegatedRole = nil
            next.escalatedAt = escalatedAt ?? record.at
        }
        next.version += 1
        next.timeline.append(record.seq)
        return next
    }

    /// A case from its whole history, oldest first.
    public static func fold(_ records: [CaseEventRecord], roleOf: (String) -> String?) throws(CaseFoldError) -> Case {
        guard let first = records.first else { throw CaseFoldError(seq: 0, reason: "no events: a case starts with its opening") }
        var folded = try opened(first)
        for record in records.dropFirst() { folded = try folded.applying(record, roleOf: roleOf) }
        return folded
    }
}

/// Why an event cannot be folded into a case: the log holds something no command writes.
public struct CaseFoldError: Error, Sendable, Equatable, CustomStringConvertible {
    public let seq: Int64
    public let reason: String

    public init(seq: Int64, reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "event \(seq) \(reason)" }
}
