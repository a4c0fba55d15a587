import Foundation

/// One event of a case's timeline, as recorded: who (name and role), when, what and why.
/// Putting it into words is each reader's business.
public struct TimelineEntry: Sendable, Hashable, Codable {
    public let seq: Int64
    public let at: Date
    public let actorID: String
    public let actorName: String
    /// The actor's role id when they acted.
    public let actorRole: String
    public let kind: EventKind
    /// The free text (summary, note, guidance or rationale) in plain text; nil when there
    /// is none or the customer has been erased (`textErased`).
    public let text: String?
    public let textErased: Bool
    public let decision: Decision?
    /// Where the event sent the case: a role id for an escalation, a staff id for a return.
    public let routeTo: String?
    public let outcome: Outcome?
    public let grants: [RemedyRequest]
    public let rootCause: String?
    /// The outcome of an identity check this event recorded: true or false on an
    /// `identity_marked` event (false: the check failed), true on a `case_opened` event for
    /// a case opened with identity already verified, nil when the event records no check.
    public let identityVerified: Bool?
    /// The team an escalation was routed to (nil: role-wide).
    public let team: String?
    /// The team a claim covered: the case waited for that team and the claimer is not of it.
    public let coverFor: String?
    /// The letter a `letter_sent` event records, and the SHA-256 of what was printed.
    public let letter: LetterKind?
    public let letterSHA256: String?
    /// The clock a pause, resume or extension changed (nil with a pause or resume: every
    /// clock it could), and the months an extension added.
    public let clock: String?
    public let months: Int?

    public init(seq: Int64, at: Date, actorID: String, actorName: String, actorRole: String, kind: EventKind,
                text: String?, textErased: Bool, decision: Decision? = nil, routeTo: String? = nil,
                outcome: Outcome? = nil, grants: [RemedyRequest] = [], rootCause: String? = nil,
                identityVerified: Bool? = nil, team: String? = nil, coverFor: String? = nil,
                letter: LetterKind? = nil, letterSHA256: String? = nil, clock: String? = nil, months: Int? = nil) {
        self.clock = clock
        self.months = months
        self.letter = letter
        self.letterSHA256 = letterSHA256
        self.team = team
        self.coverFor = coverFor
        self.seq = seq
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.actorRole = actorRole
        self.kind = kind
        self.text = text
        self.textErased = textErased
        self.decision = decision
        self.routeTo = routeTo
        self.outcome = outcome
        self.grants = grants
        self.rootCause = rootCause
        self.identityVerified = identityVerified
    }

    /// The latest identity check in a timeline, oldest first: true verified, false failed,
    /// nil never checked.
    public static func latestIdentityCheck(in timeline: [TimelineEntry]) -> Bool? {
        timeline.last { $0.identityVerified != nil }?.identityVerified
    }
}
