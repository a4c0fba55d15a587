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
    // Matrix governance, on the centre's log (no case).
    case matrixProposed = "matrix_proposed"
    case matrixApproved = "matrix_approved"
    case matrixRejected = "matrix_rejected"
    case matrixRebased = "matrix_rebased"
    case letterSent = "letter_sent"
    case caseReceiptCorrected = "case_receipt_corrected"
    case caseClockEscalated = "case_clock_escalated"
    // A person's acknowledgement of the version in force, and acting cover (no case).
    case matrixAcknowledged = "matrix_acknowledged"
    case coverGranted = "cover_granted"
    case coverApproved = "cover_approved"
    case coverEnded = "cover_ended"
}
