/// What happened, as the event log names it.
public enum EventKind: String, Sendable, Hashable, Codable, CaseIterable {
    case centreCreated = "centre_created"
    case customerAdded = "customer_added"
    case customerErased = "customer_erased"
    case customerExported = "customer_exported"
    case identityMarked = "identity_marked"
    case caseOpened = "case_opened"
    case caseEscalated = "case_escalated"
    case caseClaimed = "case_claimed"
    case caseReturned = "case_returned"
    case caseResolved = "case_resolved"
    case caseClosed = "case_closed"
    case caseReopened = "case_reopened"
    case caseReceiptCorrected = "case_receipt_corrected"
    case caseClockEscalated = "case_clock_escalated"
}
