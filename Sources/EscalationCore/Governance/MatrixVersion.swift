/// Where a matrix version stands as its events leave it. A draft is a file being edited and
/// never reaches the store; "in force" and "superseded" depend on the time asked about
/// (`MatrixRegister.standing(of:at:)`), so they are worked out, never stored.
public enum MatrixVersionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case proposed
    case approved
    case rejected
}

/// Where a version stands at a moment, as a person reads it.
public enum MatrixVersionStanding: String, Sendable, Hashable, Codable {
    /// Waiting for a second person's approval.
    case proposed
    case rejected
    /// Approved, coming into force at its effective time, which has not come yet.
    case approved
    /// The version decisions are taken under at this moment.
    case inForce = "in_force"
    /// Was in force (or would have been) and a later approved version has taken its place.
    case superseded

    /// "in force", "approved, not yet in force"...
    public var words: String {
        switch self {
        case .proposed: "proposed, waiting for approval"
        case .rejected: "rejected"
        case .approved: "approved, not yet in force"
        case .inForce: "in force"
        case .superseded: "superseded"
        }
    }
}

/// One version of the policy (matrix, referral rules, routing) and its governance: who
/// proposed it on which base and why, who approved or rejected it and why, and from when it
/// is in force. The policy itself is held by whoever stores the version; `policyDigest`
/// names it so the log can vouch for it.
public struct MatrixVersion: Sendable, Hashable {
    public let id: String
    public var status: MatrixVersionStatus
    /// The version it was proposed as a change of (nil only for the first version).
    public var base: String?
    /// SHA-256 (hex) of the stored policy.
    public let policyDigest: String
    public let proposedBy: String
    public let proposedAt: Int64
    public let proposalRationale: String?
    /// While proposed: the effective time asked for (nil: on approval). Once approved: the
    /// time it comes into force.
    public var effectiveAt: Int64?
    public var decidedBy: String?
    public var decidedAt: Int64?
    public var decisionRationale: String?
    /// The seq of the event that approved it: of two versions with one effective time, the
    /// later approval wins.
    public var approvalOrder: Int64?

    public init(id: String, status: MatrixVersionStatus, base: String?, policyDigest: String, proposedBy: String,
                proposedAt: Int64, proposalRationale: String?, effectiveAt: Int64?, decidedBy: String? = nil,
                decidedAt: Int64? = nil, decisionRationale: String? = nil, approvalOrder: Int64? = nil) {
        self.id = id
        self.status = status
        self.base = base
        self.policyDigest = policyDigest
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.proposalRationale = proposalRationale
        self.effectiveAt = effectiveAt
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionRationale = decisionRationale
        self.approvalOrder = approvalOrder
    }

    /// The version a database is created with: approved by the system and in force from
    /// the moment of creation (`seq` is the creating event's).
    public static func founding(id: String, policyDigest: String, at: Int64, by: String, seq: Int64) -> MatrixVersion {
        MatrixVersion(id: id, status: .approved, base: nil, policyDigest: policyDigest, proposedBy: by, proposedAt: at,
                      proposalRationale: nil, effectiveAt: at, decidedBy: by, decidedAt: at, decisionRationale: nil,
                      approvalOrder: seq)
    }
}

/// A governance step, as the log records it (each is one event on the centre's log).
public enum MatrixEvent: Sendable, Hashable {
    case proposed(version: String, base: String, policyDigest: String, rationale: String, effectiveAt: Int64?)
    case approved(version: String, rationale: String?, effectiveAt: Int64)
    case rejected(version: String, rationale: String)
    /// The proposal now changes `base` (the newest approved version) instead of an older one.
    case rebased(version: String, base: String)

    public var version: String {
        switch self {
        case .proposed(let v, _, _, _, _), .approved(let v, _, _), .rejected(let v, _), .rebased(let v, _): v
        }
    }
}

/// An event that does not follow from the versions before it (a log edited by hand).
public struct MatrixFoldError: Error, Sendable, Hashable, CustomStringConvertible {
    public let version: String
    public let reason: String

    public var description: String { "matrix version \(version): \(reason)" }
}
