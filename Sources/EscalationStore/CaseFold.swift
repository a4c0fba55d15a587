import EscalationCore

/// How events change the projections besides a case's own row (which the core's
/// `Case.applying` folds): the grants and resolution a resolution records, and a customer's
/// record. The commands write them through these functions and `audit verify` rebuilds them
/// through the same, so a grant removed by hand to free a rolling cap is found.
enum CaseFold {
    /// The grants a resolution records, one per monetary remedy, in the order given.
    static func grants(_ record: CaseEventRecord, _ resolution: CaseResolution, customer: String) -> [GrantRow] {
        resolution.grants.compactMap { grant in
            grant.amount.map { GrantRow(caseID: record.caseID, customerID: customer, action: grant.action,
                                        minor: $0.minor, grantedAt: record.at) }
        }
    }

    /// What monitoring keeps of a resolution.
    static func resolution(_ record: CaseEventRecord, _ resolution: CaseResolution) -> ResolutionRow {
        ResolutionRow(seq: record.seq, caseID: record.caseID, outcome: resolution.outcome.rawValue, rootCause: resolution.rootCause,
                      matrixVersion: resolution.decision.matrixVersion, handlerRole: record.actorRole, resolver: record.actor,
                      receivedAt: resolution.receivedAt, escalatedAt: resolution.escalatedAt, resolvedAt: record.at,
                      grants: PayloadCodec.requestsText(resolution.grants))
    }

    /// A customer's record after `event` (added, or erased), from the record before it;
    /// other events leave it as it was.
    static func customer(_ event: StoredEvent, _ payload: JSONValue, before: SealedCustomer?) throws(CaseFoldError) -> SealedCustomer? {
        func fail(_ reason: String) -> CaseFoldError { CaseFoldError(seq: event.seq, reason: reason) }
        switch EventKind(rawValue: event.kind) {
        case .customerAdded?:
            guard let id = payload["customer"]?.string else { throw fail("adds a customer without an id") }
            guard before == nil else { throw fail("adds customer \(id) a second time") }
            return SealedCustomer(id: id, nameSealed: payload["name"]?.string, contactSealed: payload["contact"]?.string,
                               flags: (payload["flags"]?.array ?? []).compactMap(\.string), createdAt: event.at, erasedAt: nil,
                               calendar: payload["calendar"]?.string)
        case .customerErased?:
            guard var row = before else { throw fail("erases a customer who was never added") }
            guard row.erasedAt == nil else { throw fail("erases customer \(row.id) a second time") }
            row.nameSealed = nil
            row.contactSealed = nil
            row.erasedAt = event.at
            return row
        default:
            return before
        }
    }
}
