/// A case with its whole timeline.
public struct CaseDetail: Sendable, Hashable, Codable {
    public let summary: CaseSummary
    /// The customer's name, or nil once their personal data is erased.
    public let customerName: String?
    public let customerFlags: [String]
    public let caseFlags: [String]
    /// Whether the customer's identity counts as verified for decisions on this case.
    public let identityVerified: Bool
    /// The latest identity check: true verified, false failed, nil never checked (the
    /// distinction `identityVerified` alone cannot make).
    public let identityChecked: Bool?
    /// The remedies asked for when the case was opened.
    public let requests: [RemedyRequest]
    /// The latest decision on what was asked; one with no handler when none is on record.
    public let decision: Decision
    /// Who last referred it up (staff id).
    public let escalatedBy: String?
    /// Every event of the case, oldest first.
    public let timeline: [TimelineEntry]

    public init(summary: CaseSummary, customerName: String?, customerFlags: [String], caseFlags: [String],
                identityVerified: Bool, identityChecked: Bool?, requests: [RemedyRequest], decision: Decision,
                escalatedBy: String?, timeline: [TimelineEntry]) {
        self.summary = summary
        self.customerName = customerName
        self.customerFlags = customerFlags
        self.caseFlags = caseFlags
        self.identityVerified = identityVerified
        self.identityChecked = identityChecked
        self.requests = requests
        self.decision = decision
        self.escalatedBy = escalatedBy
        self.timeline = timeline
    }

    /// The decision on record, or nil when there is none.
    public var recordedDecision: Decision? { decision.handler.isEmpty ? nil : decision }
}
