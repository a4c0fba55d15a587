import Foundation

/// What became of a case someone referred up: claimed, returned to them with guidance, or
/// resolved. Their desk announces it (the bell for a return or a resolution), since the
/// customer may be waiting on the line. And a case someone held that a clock's sweep moved
/// up out of their hands: their desk says where it went and why, since it left their queue.
public struct CaseOutcome: Sendable, Hashable, Codable {
    /// What happened to the referral.
    public enum Kind: String, Sendable, Hashable, Codable {
        case claimed, returned, resolved
        /// Referred up by the sweep when one of its clocks passed its warning point, out of
        /// the hands of whoever held it.
        case referredOnClock = "referred_on_clock"
    }

    /// The event's place in the log: a desk asks for outcomes after the last it has seen.
    public let seq: Int64
    public let caseID: String
    public let kind: Kind
    public let at: Date
    /// Who claimed, returned or resolved it (staff id), their name and role id.
    public let actorID: String
    public let actorName: String
    public let actorRole: String
    /// A claim taken as cover for this team (its name), when the claimer is not of it.
    public let coverFor: String?
    /// A resolution's outcome and what it granted.
    public let outcome: Outcome?
    public let grants: [RemedyRequest]
    /// A clock referral's clock (its id) and the role it went to.
    public let clock: String?
    public let routeTo: String?

    public init(seq: Int64, caseID: String, kind: Kind, at: Date, actorID: String, actorName: String, actorRole: String,
                coverFor: String? = nil, outcome: Outcome? = nil, grants: [RemedyRequest] = [], clock: String? = nil,
                routeTo: String? = nil) {
        self.clock = clock
        self.routeTo = routeTo
        self.seq = seq
        self.caseID = caseID
        self.kind = kind
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.actorRole = actorRole
        self.coverFor = coverFor
        self.outcome = outcome
        self.grants = grants
    }

    /// Whether the desk rings the bell: a return or a resolution needs the escalator now; a
    /// claim only says someone has it.
    public var rings: Bool { kind == .returned || kind == .resolved }

    /// What `record` is to `staffID`, who may have referred the case up (`escalators`:
    /// everyone who did, `escalators(of:)`): an outcome when they referred it and someone
    /// else claimed, returned or resolved it; nil otherwise (their own actions, and other
    /// people's cases, are no news). An agent whose referral a team leader took higher still
    /// hears who claimed it and how it ended. A return is news only to the person it is
    /// handed back to; for the others, their referral is still being worked. A clock referral
    /// is news to whoever held the case just before it (`holder`, `holder(before:in:roleOf:)`).
    public static func kind(of record: CaseEventRecord, escalators: Set<String>, holder: String? = nil,
                            for staffID: String) -> Kind? {
        if case .clockEscalated = record.event {
            return holder == staffID && record.actor != staffID ? .referredOnClock : nil
        }
        guard escalators.contains(staffID), record.actor != staffID else { return nil }
        switch record.event {
        case .claimed: return .claimed
        case .returned(let to, _): return to == staffID ? .returned : nil
        case .resolved: return .resolved
        case .opened, .escalated, .closed, .reopened, .identityMarked, .receiptCorrected, .clockEscalated,
             .clockPaused, .clockResumed, .clockExtended: return nil
        case .letterSent: return nil
        }
    }

    /// Who held the case just before `record`: its history (`records`, oldest first) folded
    /// up to it; nil when nobody did or the history does not fold.
    public static func holder(before record: CaseEventRecord, in records: [CaseEventRecord],
                              roleOf: (String) -> String?) -> String? {
        let before = records.filter { $0.seq < record.seq }
        guard !before.isEmpty else { return nil }
        return (try? Case.fold(before, roleOf: roleOf))?.holder
    }

    /// Everyone who referred a case up in its history (`records`), not only the last: each
    /// lists it in "Escalated by me" and hears its outcomes.
    public static func escalators(of records: [CaseEventRecord]) -> Set<String> {
        Set(records.compactMap { record in
            guard case .escalated = record.event else { return nil }
            return record.actor
        })
    }
}

/// Outcomes after a seq, and the seq to ask after next time.
public struct CaseOutcomes: Sendable, Hashable, Codable {
    public let outcomes: [CaseOutcome]
    /// The newest event read: the next call asks for outcomes after it.
    public let through: Int64

    public init(outcomes: [CaseOutcome], through: Int64) {
        self.outcomes = outcomes
        self.through = through
    }
}
