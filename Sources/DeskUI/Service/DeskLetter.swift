import EscalationCore

/// A letter as typed on the desk: the kind, and for a letter that tells the customer a
/// decision its outcome, reasons and remedies; a holding response's reasons and the date it
/// promises the final response by. The service renders the centre's template from the case.
public struct LetterDraft: Sendable, Hashable {
    public var kind: LetterKind
    public var outcome: Outcome?
    public var reasons: String?
    public var grants: [RemedyRequest]
    /// A holding response's promised date (`FinalResponseDue`).
    public var expected: LocalDate?

    public init(kind: LetterKind, outcome: Outcome? = nil, reasons: String? = nil, grants: [RemedyRequest] = [],
                expected: LocalDate? = nil) {
        self.kind = kind
        self.outcome = outcome
        self.reasons = reasons
        self.grants = grants
        self.expected = expected
    }
}

/// A letter sent from the desk: exactly the text the record's SHA-256 is of, and where the
/// desk kept a copy to send (nil when it could not, with why in `saveProblem`).
public struct DeskLetter: Sendable, Hashable {
    public var caseID: String
    public var kind: LetterKind
    public var sha256: String
    public var text: String
    public var savedTo: String?
    public var saveProblem: String?

    public init(caseID: String, kind: LetterKind, sha256: String, text: String, savedTo: String? = nil, saveProblem: String? = nil) {
        self.caseID = caseID
        self.kind = kind
        self.sha256 = sha256
        self.text = text
        self.savedTo = savedTo
        self.saveProblem = saveProblem
    }
}
