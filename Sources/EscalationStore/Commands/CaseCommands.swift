import EscalationCore
import Foundation

extension DeskCommands {
    /// Opens a case and decides the requested remedies for the opener's role.
    func openCase(_ new: NewCase, actor: StaffMember, now: Int64) throws -> OpenedCase {
        let summary = try rules.checkedText(new.summary, field: "summary")
        let (customer, decision) = try rules.openingDecision(tx, new, actor: actor, now: now)
        let sealed = try vault(for: customer).seal(summary)
        let number = try tx.nextCaseNumber()
        let id = CaseNumbers.id(number)
        // Written once, for both the event and the case row.
        let requests = PayloadCodec.requestsText(new.requests)
        let decisionText = PayloadCodec.decisionText(decision)
        let payload: JSONValue = .object([
            "actor_role": .string(actor.role),
            "case_flags": .strings(new.caseFlags),
            "channel": .string(new.channel),
            "customer": .string(customer.id),
            "decision": .written(decisionText),
            "identity_verified": .bool(new.identityVerified),
            "kind": .string(new.kind),
            "live": .bool(new.live),
            "requests": .written(requests),
            "summary": .string(sealed),
        ])
        let event = try EventChain.append(tx, caseID: id, at: now, actor: actor.id, kind: .caseOpened, payload: payload)
        try tx.insertCase(try fold(event, payload, into: nil))
        return OpenedCase(id: id, decision: decision)
    }

    /// Refers a case up: to where the engine routes it, or for a voluntary referral (the
    /// actor could decide it) to the next rung above the actor.
    func escalate(caseID: String, note: String, actor: StaffMember, now: Int64) throws -> Referral {
        var row = try caseRow(caseID)
        try checkHolder(row, actor: actor)
        _ = try step(.escalate, row)
        let text = try rules.checkedText(note, field: "note")
        let requests = PayloadCodec.requests(text: row.requests, currency: rules.centre.currency)
        let (customer, decision) = try rules.caseDecision(tx, row: row, requests: requests, actor: actor, now: now)
        let actorRank = rules.rank(actor.role)
        var routeRank = decision.routeTo.map(rules.rank) ?? -1
        if routeRank <= actorRank { routeRank = actorRank + 1 }
        guard routeRank <= rules.ladder.topRank else { throw StoreError.atTop(caseID: caseID, role: actor.role) }
        let route = rules.ladder.role(at: routeRank).id
        let sealed = try sealedCaseText(text, customer: customer.id)
        let decisionText = PayloadCodec.decisionText(decision)
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseEscalated, payload: JSONValue.object([
            "note": .optional(sealed),
            "route_to": .string(route),
            "decision": .written(decisionText),
            "actor_role": .string(actor.role),
        ]).markingTextWithheld(sealed == nil))
        try save(row)
        return Referral(caseID: caseID, routeTo: route, decision: decision)
    }

    /// Takes a referred case; the version check makes a second claimer fail even when two
    /// processes race for it.
    func claim(caseID: String, actor: StaffMember, now: Int64) throws {
        var row = try caseRow(caseID)
        if row.state == CaseState.claimed.rawValue { throw alreadyClaimed(row) }
        _ = try step(.claim, row)
        let queue = row.queueRole ?? rules.ladder.top.id
        guard rules.rank(actor.role) >= rules.rank(queue) else {
            throw StoreError.roleTooLow(caseID: caseID, role: actor.role, needed: queue)
        }
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseClaimed, payload: .object([
            "queue": .string(queue),
            "actor_role": .string(actor.role),
        ]))
        // A claim that lost the race throws here, and the event goes with the transaction.
        guard try tx.updateCase(row) else {
            throw alreadyClaimed(try caseRow(caseID))
        }
    }

    /// Hands a claimed case back to whoever referred it, with guidance: a recorded
    /// delegation that lets them resolve despite referral rules the returner met.
    func returnCase(caseID: String, guidance: String, actor: StaffMember, now: Int64) throws {
        var row = try caseRow(caseID)
        try checkHolder(row, actor: actor)
        _ = try step(.return, row)
        let text = try rules.checkedText(guidance, field: "guidance")
        let to = try rules.member(row.escalatedBy ?? row.openedBy)
        let sealed = try sealedCaseText(text, customer: row.customerID)
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseReturned, payload: JSONValue.object([
            "note": .optional(sealed),
            "to": .string(to.id),
            "actor_role": .string(actor.role),
        ]).markingTextWithheld(sealed == nil))
        try save(row)
    }

    /// Resolves a case. Every grant is decided for the actor's role against the matrix in
    /// force and the customer's rolling totals read in this same transaction; anything
    /// beyond the actor's authority is refused before a single row is written.
    func resolve(caseID: String, resolution: Resolution, actor: StaffMember, now: Int64) throws -> Decision {
        var row = try caseRow(caseID)
        try checkHolder(row, actor: actor)
        _ = try step(.resolve, row)
        let rationale = try rules.checkedText(resolution.rationale, field: "rationale")
        try rules.checkMember(resolution.rootCause, of: rules.centre.rootCauses, field: "root cause")
        let (customer, decision, blocking) = try rules.resolutionDecision(tx, row: row, grants: resolution.grants,
                                                                          actor: actor, now: now)
        if !blocking.isEmpty {
            throw StoreError.beyondAuthority(caseID: caseID, role: actor.role, reasons: blocking)
        }
        let sealed = try sealedCaseText(rationale, customer: customer.id)
        let grants = PayloadCodec.requestsText(resolution.grants)
        let payload = JSONValue.object([
            "outcome": .string(resolution.outcome.rawValue),
            "rationale": .optional(sealed),
            "grants": .written(grants),
            "root_cause": .string(resolution.rootCause),
            "decision": .written(PayloadCodec.decisionText(decision)),
            "matrix_version": .string(decision.matrixVersion),
            "actor_role": .string(actor.role),
            "received_at": .int(row.receivedAt),
            "escalated_at": row.escalatedAt.map(JSONValue.int) ?? .null,
            "delegated_by": .optional(row.delegatedBy),
        ]).markingTextWithheld(sealed == nil)
        let event = try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseResolved, payload: payload)
        for grant in CaseFold.grants(event, payload, customer: row.customerID, currency: rules.centre.currency) {
            try tx.insertGrant(grant)
        }
        try tx.insertResolution(CaseFold.resolution(event, payload))
        try save(row)
        return decision
    }

    /// Closes a resolved case: the resolver, or anyone whose role ranks at or above the
    /// role they resolved it in, may close it (a peer covers an absent colleague; a junior
    /// may not close what a senior decided).
    func close(caseID: String, actor: StaffMember, now: Int64) throws {
        var row = try caseRow(caseID)
        _ = try step(.close, row)
        guard let resolution = try tx.latestResolution(caseID: caseID) else {
            throw StoreError.corrupt("\(caseID) is resolved but has no resolution recorded")
        }
        if resolution.resolver != actor.id && rules.rank(actor.role) < rules.rank(resolution.role) {
            let name = rules.name(of: resolution.resolver) ?? resolution.resolver
            throw StoreError.notPermitted("\(caseID) was resolved by \(name) (\(resolution.role)); "
                                          + "only they or a \(resolution.role) or above may close it")
        }
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseClosed, payload: .object([
            "actor_role": .string(actor.role),
        ]))
        try save(row)
    }

    /// Reopens a resolved or closed case into the actor's hands: anyone on the ladder may,
    /// because a customer ringing back reaches whoever answers. From then on only the
    /// reopener may act on it until they refer it up.
    func reopen(caseID: String, note: String?, actor: StaffMember, now: Int64) throws {
        var row = try caseRow(caseID)
        _ = try step(.reopen, row)
        guard rules.rank(actor.role) >= 0 else {
            throw StoreError.notPermitted("\(actor.name) (\(actor.role)) is not on the escalation ladder and may not reopen \(caseID)")
        }
        let text = try note.map { try rules.checkedText($0, field: "note") }
        let sealed = try text.flatMap { try sealedCaseText($0, customer: row.customerID) }
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .caseReopened, payload: JSONValue.object([
            "note": .optional(sealed),
            "actor_role": .string(actor.role),
        ]).markingTextWithheld(text != nil && sealed == nil))
        try save(row)
    }

    // MARK: Guards

    private func step(_ transition: CaseTransition, _ row: CaseRow) throws -> CaseState {
        try DeskRules.step(transition, row)
    }

    func checkHolder(_ row: CaseRow, actor: StaffMember) throws {
        try rules.checkHolder(row, actor: actor)
    }

    private func alreadyClaimed(_ row: CaseRow) -> StoreError {
        let holder = row.holder.flatMap { try? rules.member($0) }
        return .alreadyClaimed(caseID: row.id, holder: holder?.name ?? row.holder ?? "someone",
                               role: holder?.role ?? row.queueRole ?? "")
    }
}
