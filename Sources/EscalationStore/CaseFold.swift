import EscalationCore

/// How each event changes the projections the desk reads: a case's row, its grants and
/// resolutions, and a customer's record. The commands update the projections through these
/// functions after appending an event, and `audit verify` rebuilds every projection from the
/// log through the same functions and compares, so a table edited by hand (a case's state
/// or holder, a grant removed to free a rolling cap, a customer's flags) is found.
enum CaseFold {
    /// Why an event cannot be folded: the log holds something the commands never write.
    struct Unfoldable: Error, CustomStringConvertible {
        let seq: Int64
        let reason: String
        var description: String { "event \(seq) \(reason)" }
    }

    /// The case after `event`, from the case before it (nil for its opening event).
    /// `role(of:)` gives a staff member's role (a return hands the case to the referrer's queue).
    static func apply(_ event: StoredEvent, _ payload: JSONValue, to before: CaseRow?,
                      role: (String) -> String?) throws -> CaseRow {
        func fail(_ reason: String) -> Unfoldable { Unfoldable(seq: event.seq, reason: reason) }
        func string(_ key: String) throws -> String {
            guard let value = payload[key]?.string else { throw fail("has no \(key)") }
            return value
        }
        guard let kind = EventKind(rawValue: event.kind) else { throw fail("is of unknown kind \(event.kind)") }
        guard let caseID = event.caseID else { throw fail("belongs to no case") }
        if kind == .caseOpened {
            guard before == nil else { throw fail("opens \(caseID) a second time") }
            guard let number = CaseNumbers.number(ofID: caseID) else { throw fail("names an invalid case id") }
            return CaseRow(
                id: caseID, number: number, customerID: try string("customer"), kind: try string("kind"),
                channel: try string("channel"), summarySealed: try string("summary"), state: CaseState.open.rawValue,
                live: payload["live"]?.bool == true, caseFlags: (payload["case_flags"]?.array ?? []).compactMap(\.string),
                identityVerified: payload["identity_verified"]?.bool == true, queueRole: try string("actor_role"),
                holder: event.actor, escalatedBy: nil, delegatedBy: nil, delegatedRole: nil, openedBy: event.actor,
                requests: text(payload["requests"]), decision: text(payload["decision"]), receivedAt: event.at,
                escalatedAt: nil, resolvedAt: nil, closedAt: nil, deadlineAt: event.at + DeskRules.deadline,
                version: 1, timeline: [event.seq])
        }
        guard var row = before else { throw fail("acts on \(caseID) before it was opened") }
        func step(_ transition: CaseTransition) throws {
            guard let state = CaseState(rawValue: row.state) else { throw fail("finds \(caseID) in unknown state \(row.state)") }
            do { row.state = try CaseLifecycle.apply(transition, to: state).rawValue } catch {
                throw fail("is not allowed: \(error)")
            }
        }
        switch kind {
        case .caseEscalated:
            try step(.escalate)
            row.queueRole = try string("route_to")
            row.holder = nil
            row.escalatedBy = event.actor
            row.delegatedBy = nil
            row.delegatedRole = nil
            row.escalatedAt = row.escalatedAt ?? event.at
            row.decision = text(payload["decision"])
        case .caseClaimed:
            try step(.claim)
            row.holder = event.actor
        case .caseReturned:
            try step(.return)
            let to = try string("to")
            guard let toRole = role(to) else { throw fail("returns \(caseID) to \(to), who is not on the staff list") }
            row.holder = to
            row.queueRole = toRole
            row.delegatedBy = event.actor
            row.delegatedRole = try string("actor_role")
        case .caseResolved:
            try step(.resolve)
            row.holder = nil
            row.live = false
            row.resolvedAt = event.at
        case .caseClosed:
            try step(.close)
            row.holder = nil
            row.live = false
            row.closedAt = event.at
        case .caseReopened:
            try step(.reopen)
            row.holder = event.actor
            row.queueRole = try string("actor_role")
            row.closedAt = nil
            row.delegatedBy = nil
            row.delegatedRole = nil
        case .identityMarked:
            guard let verified = payload["verified"]?.bool else { throw fail("has no verified") }
            row.identityVerified = verified
        case .centreCreated, .customerAdded, .customerErased, .customerExported, .caseOpened:
            throw fail("of kind \(event.kind) cannot belong to a case")
        }
        row.version += 1
        row.timeline.append(event.seq)
        return row
    }

    /// The grants a resolution records, one per monetary remedy, in the order given.
    static func grants(_ event: StoredEvent, _ payload: JSONValue, customer: String, currency: Currency) -> [GrantRow] {
        PayloadCodec.requests(payload["grants"].map(text).flatMap { try? JSONValue.parse($0) }, currency: currency)
            .compactMap { grant in
                grant.amount.map { GrantRow(caseID: event.caseID ?? "", customerID: customer, action: grant.action,
                                            minor: $0.minor, grantedAt: event.at) }
            }
    }

    /// What monitoring keeps of a resolution.
    static func resolution(_ event: StoredEvent, _ payload: JSONValue) -> ResolutionRow {
        ResolutionRow(seq: event.seq, caseID: event.caseID ?? "", outcome: payload["outcome"]?.string ?? "",
                      rootCause: payload["root_cause"]?.string ?? "", matrixVersion: payload["matrix_version"]?.string ?? "",
                      handlerRole: payload["actor_role"]?.string ?? "", resolver: event.actor,
                      receivedAt: payload["received_at"]?.int ?? 0, escalatedAt: payload["escalated_at"]?.int,
                      resolvedAt: event.at, grants: text(payload["grants"]))
    }

    /// A customer's record after `event` (added, or erased), from the record before it;
    /// other events leave it as it was.
    static func customer(_ event: StoredEvent, _ payload: JSONValue, before: CustomerRow?) throws -> CustomerRow? {
        func fail(_ reason: String) -> Unfoldable { Unfoldable(seq: event.seq, reason: reason) }
        switch EventKind(rawValue: event.kind) {
        case .customerAdded?:
            guard let id = payload["customer"]?.string else { throw fail("adds a customer without an id") }
            guard before == nil else { throw fail("adds customer \(id) a second time") }
            return CustomerRow(id: id, nameSealed: payload["name"]?.string, contactSealed: payload["contact"]?.string,
                               flags: (payload["flags"]?.array ?? []).compactMap(\.string), createdAt: event.at, erasedAt: nil)
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

    /// A member's canonical text, as the row stores it (a member the command wrote once
    /// for both the event and the row is copied as written).
    static func text(_ value: JSONValue?) -> String {
        guard let value else { return "null" }
        if case .written(let written) = value { return written }
        return value.canonicalString
    }
}
