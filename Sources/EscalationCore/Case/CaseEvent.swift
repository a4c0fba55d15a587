/// Milliseconds since 1970-01-01 UTC. The core reads no clock: every time comes in as one.
public typealias EpochMillis = Int64

/// Free text on an event (a note, guidance, a rationale) as the record keeps it. No rule of
/// a case reads it: only whether it was given.
public enum RecordedText: Sendable, Hashable {
    /// Sealed under the customer's key.
    case sealed(String)
    /// Given, but not kept: the customer's personal data had been erased.
    case withheld
}

/// Something that happened to a case, as the record keeps it.
public enum CaseEvent: Sendable, Hashable {
    /// A contact became a case, in the opener's hands.
    case opened(CaseOpening)
    /// Referred up the ladder to `routeTo`'s queue, with the engine's decision at the time.
    /// `team`: the team whose leaders it was routed to (`TeamRouting`), recorded so replay
    /// never depends on today's staff file; nil for a role-wide referral (and every event
    /// written before team routing).
    case escalated(routeTo: String, decision: Decision, note: RecordedText, team: String? = nil)
    /// Taken from the queue of `queue`. `coverFor`: the team it was waiting for, when the
    /// claimer is not of that team (a leader covering another team's referrals).
    case claimed(queue: String, coverFor: String? = nil)
    /// Handed back down to the staff member `to`, with guidance: a recorded delegation.
    case returned(to: String, note: RecordedText)
    case resolved(CaseResolution)
    case closed
    /// Taken back into someone's hands after it was resolved or closed.
    case reopened(note: RecordedText?)
    /// The customer's identity was checked on this case: passed or failed.
    case identityMarked(verified: Bool)
    /// A letter was sent to the customer: which, and the SHA-256 of exactly what was printed.
    case letterSent(SentLetter)
    /// The receipt was recorded wrongly: the complaint reached the firm at `to` (never after
    /// the case was opened); every clock counts from it instead, with the rationale sealed.
    case receiptCorrected(to: EpochMillis, rationale: RecordedText)
    /// A clock passed its warning point and the sweep referred the case to `routeTo`'s queue
    /// on its own (actor `system`), once per clock. `note` is the system's reason, naming
    /// the clock and its due time; `team` as for `escalated`.
    case clockEscalated(clock: String, routeTo: String, team: String?, note: RecordedText)
    /// A service clock was put on hold (nil: every running service clock of the case), with
    /// the reason sealed: the paused time is credited back when it resumes.
    case clockPaused(clock: String?, reason: RecordedText)
    /// A paused clock counts again (nil: every paused clock of the case).
    case clockResumed(clock: String?)
    /// An extendable clock was given `months` more (the ICO's further two months), with the
    /// reason sealed.
    case clockExtended(clock: String, months: Int, reason: RecordedText)

    /// The lifecycle transition this event is, if it is one.
    public var transition: CaseTransition? {
        switch self {
        case .escalated: return .escalate
        case .claimed: return .claim
        case .returned: return .return
        case .resolved: return .resolve
        case .closed: return .close
        case .reopened: return .reopen
        case .opened, .identityMarked, .receiptCorrected: return nil
        case .letterSent: return nil
        // Not a person's transition: it moves a case from wherever it is active.
        case .clockEscalated: return nil
        case .clockPaused, .clockResumed, .clockExtended: return nil
        }
    }
}

/// What opening a case records.
public struct CaseOpening: Sendable, Hashable {
    public var customer: String
    public var kind: String
    public var channel: String
    /// The summary as stored (sealed).
    public var summary: String
    public var live: Bool
    public var caseFlags: [String]
    public var identityVerified: Bool
    public var requests: [RemedyRequest]
    /// The engine's answer for the opener.
    public var decision: Decision
    /// When the contact reached the firm, when that was before the case was opened (a
    /// letter received yesterday, logged today); nil: when it was opened.
    public var receivedAt: EpochMillis?

    public init(customer: String, kind: String, channel: String, summary: String, live: Bool, caseFlags: [String],
                identityVerified: Bool, requests: [RemedyRequest], decision: Decision, receivedAt: EpochMillis? = nil) {
        self.receivedAt = receivedAt
        self.customer = customer
        self.kind = kind
        self.channel = channel
        self.summary = summary
        self.live = live
        self.caseFlags = caseFlags
        self.identityVerified = identityVerified
        self.requests = requests
        self.decision = decision
    }
}

/// What resolving a case records: everything monitoring needs of the decision.
public struct CaseResolution: Sendable, Hashable {
    public var outcome: Outcome
    public var grants: [RemedyRequest]
    public var rootCause: String
    /// The engine's decision on the grants for the resolver.
    public var decision: Decision
    public var rationale: RecordedText
    /// When the case was received and first escalated, copied for monitoring.
    public var receivedAt: EpochMillis
    public var escalatedAt: EpochMillis?
    /// Who had returned it to the resolver, if anyone.
    public var delegatedBy: String?

    public init(outcome: Outcome, grants: [RemedyRequest], rootCause: String, decision: Decision, rationale: RecordedText,
                receivedAt: EpochMillis, escalatedAt: EpochMillis?, delegatedBy: String?) {
        self.outcome = outcome
        self.grants = grants
        self.rootCause = rootCause
        self.decision = decision
        self.rationale = rationale
        self.receivedAt = receivedAt
        self.escalatedAt = escalatedAt
        self.delegatedBy = delegatedBy
    }
}

/// What sending a letter records. The text itself is not kept (it is the customer's
/// personal data, and a copy is on its way to them); its SHA-256 proves any copy produced later.
public struct SentLetter: Sendable, Hashable {
    public var kind: LetterKind
    /// SHA-256 of the letter exactly as printed, in lower-case hex.
    public var sha256: String
    public var format: LetterFormat
    /// The decision a summary resolution or final response told the customer: a resolution
    /// must match it.
    public var outcome: Outcome?
    public var grants: [RemedyRequest]
    /// The date a holding response told the customer to expect the final response by
    /// (`FinalResponseDue`): what the firm promised, kept apart from the text's hash.
    public var expectedFinalResponse: LocalDate?

    public init(kind: LetterKind, sha256: String, format: LetterFormat, outcome: Outcome? = nil, grants: [RemedyRequest] = [],
                expectedFinalResponse: LocalDate? = nil) {
        self.kind = kind
        self.sha256 = sha256
        self.format = format
        self.outcome = outcome
        self.grants = grants
        self.expectedFinalResponse = expectedFinalResponse
    }
}

/// An event as the log appends it: which case, when, by whom in which role.
public struct CaseEventRecord: Sendable, Hashable {
    /// Its place in the log.
    public var seq: Int64
    public var caseID: String
    public var at: EpochMillis
    /// The staff id of who did it.
    public var actor: String
    /// Their role when they did it.
    public var actorRole: String
    public var event: CaseEvent

    public init(seq: Int64, caseID: String, at: EpochMillis, actor: String, actorRole: String, event: CaseEvent) {
        self.seq = seq
        self.caseID = caseID
        self.at = at
        self.actor = actor
        self.actorRole = actorRole
        self.event = event
    }
}
