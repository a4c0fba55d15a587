import EscalationCore
import Foundation

// Each command asks the core's rulebook whether the actor may act on the case as it stands
// in this transaction, records the core's event for it, and folds the event into the
// projection with the core's `Case.applying` (which `audit verify` replays).

extension DeskCommands {
    /// Opens a case and decides the requested remedies for the opener's role.
    func openCase(_ new: NewCase, actor: StaffMember, now: Int64) throws -> OpenedCase {
        let summary = try rules.checkedText(new.summary, field: "summary")
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkRemedies(new.requests, doing: "asked for") }
        if let received = new.receivedAt, let problem = CaseReceipt.refusal(received: received, now: now) {
            throw StoreError.invalidReceipt(problem)
        }
        let (customer, decision) = try rules.openingDecision(tx, new, actor: actor, now: now)
        let sealed = try vault(for: customer).seal(summary)
        let number = try tx.nextCaseNumber()
        let id = CaseNumbers.id(number)
        let opening = CaseEvent.opened(CaseOpening(
            customer: customer.id, kind: new.kind, channel: new.channel, summary: sealed, live: new.live,
            caseFlags: new.caseFlags, identityVerified: new.identityVerified, requests: new.requests, decision: decision,
            receivedAt: new.receivedAt == now ? nil : new.receivedAt))
        let record = try append(opening, caseID: id, actor: actor, at: now)
        let opened = try Case.opened(record)
        try tx.insertCase(opened)
        try refreshClocks(opened)
        try tx.insertCaseText(caseNumber: number, customer: customer.id, position: 0, text: summary)
        return OpenedCase(id: id, decision: decision)
    }

    /// Refers a case up: to where the engine routes it, or for a voluntary referral (the
    /// actor could decide it) to the next rung above the actor.
    func escalate(caseID: String, note: String, actor: StaffMember, now: Int64) throws -> Referral {
        var c = try load(caseID)
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkHolder(c, actor: actor); _ = try rules.rulebook.step(.escalate, c) }
        let text = try rules.checkedText(note, field: "note")
        let (_, decision) = try rules.caseDecision(tx, c, requests: c.requests, actor: actor, now: now)
        let route = try refusing { () throws(CaseRefusal) in try rules.rulebook.escalation(of: c, by: actor, decision: decision) }
        let team = rules.rulebook.teams.team(forReferralTo: route, by: actor)
        let note = try sealed(text, for: c)
        let event = CaseEvent.escalated(routeTo: route, decision: decision, note: note, team: team)
        c = try record(event, on: c, actor: actor, at: now)
        try save(c)
        try index(text, note, on: c)
        return Referral(caseID: caseID, routeTo: route, decision: decision, team: team)
    }

    /// Takes a referred case; the version check makes a second claimer fail even when two
    /// processes race for it.
    func claim(caseID: String, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        let queue = try refusing { () throws(CaseRefusal) in try rules.rulebook.claim(of: c, by: actor) }
        let cover = rules.rulebook.teams.coverFor(c, by: actor)
        c = try record(.claimed(queue: queue, coverFor: cover), on: c, actor: actor, at: now)
        // A claim that lost the race throws here, and the event goes with the transaction.
        guard try tx.updateCase(c) else {
            let now = try load(caseID)
            _ = try refusing { () throws(CaseRefusal) in try rules.rulebook.claim(of: now, by: actor) }
            throw StoreError.unavailable(path: caseID, detail: "the case changed while it was being claimed; try again")
        }
        try refreshClocks(c)
    }

    /// Hands a claimed case back to whoever referred it, with guidance: a recorded
    /// delegation that lets them resolve despite referral rules the returner met.
    func returnCase(caseID: String, guidance: String, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        let to = try refusing { () throws(CaseRefusal) in try rules.rulebook.returnTarget(of: c, by: actor) }
        let text = try rules.checkedText(guidance, field: "guidance")
        let note = try sealed(text, for: c)
        c = try record(.returned(to: to.id, note: note), on: c, actor: actor, at: now)
        try save(c)
        try index(text, note, on: c)
    }

    /// Resolves a case. Every grant is decided for the actor's role against the matrix in
    /// force and the customer's rolling totals read in this same transaction; anything
    /// beyond the actor's authority is refused before a single row is written.
    func resolve(caseID: String, resolution: Resolution, actor: StaffMember, now: Int64) throws -> Decision {
        var c = try load(caseID)
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkResolve(c, by: actor) }
        let rationale = try rules.checkedText(resolution.rationale, field: "rationale")
        try rules.checkMember(resolution.rootCause, of: rules.centre.rootCauses, field: "root cause")
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkRemedies(resolution.grants, doing: "granted") }
        let (_, decision) = try rules.caseDecision(tx, c, requests: resolution.grants, actor: actor, now: now)
        let blocking = rules.rulebook.blockingReasons(decision, on: c)
        if !blocking.isEmpty {
            throw StoreError.beyondAuthority(caseID: caseID, role: rules.ladder.title(of: actor.role), reasons: blocking)
        }
        try checkResponseLetter(c, resolution: resolution, now: now)
        let sealedRationale = try sealed(rationale, for: c)
        let resolved = CaseResolution(
            outcome: resolution.outcome, grants: resolution.grants, rootCause: resolution.rootCause, decision: decision,
            rationale: sealedRationale, receivedAt: c.receivedAt, escalatedAt: c.escalatedAt,
            delegatedBy: c.delegatedBy)
        let customer = c.customerID
        let record = try append(.resolved(resolved), caseID: caseID, actor: actor, at: now)
        c = try fold(record, into: c)
        for grant in CaseFold.grants(record, resolved, customer: customer) { try tx.insertGrant(grant) }
        try tx.insertResolution(CaseFold.resolution(record, resolved))
        try save(c)
        try index(rationale, sealedRationale, on: c)
        return decision
    }

    /// Closes a resolved case: the resolver, or anyone whose role ranks at or above the
    /// role they resolved it in.
    func close(caseID: String, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        _ = try refusing { () throws(CaseRefusal) in try rules.rulebook.step(.close, c) }
        guard let resolution = try tx.latestResolution(caseID: caseID) else {
            throw StoreError.corrupt("\(caseID) is resolved but has no resolution recorded")
        }
        try refusing { () throws(CaseRefusal) in
            try rules.rulebook.checkClose(c, by: actor, resolver: resolution.resolver, resolvedAs: resolution.role)
        }
        c = try record(.closed, on: c, actor: actor, at: now)
        try save(c)
    }

    /// Reopens a resolved or closed case into the actor's hands.
    func reopen(caseID: String, note: String?, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkReopen(c, by: actor) }
        let text = try note.map { try rules.checkedText($0, field: "note") }
        let sealedNote = try text.map { try sealed($0, for: c) }
        c = try record(.reopened(note: sealedNote), on: c, actor: actor, at: now)
        try save(c)
        if let text, let sealedNote { try index(text, sealedNote, on: c) }
    }

    /// Records an identity check (an `identity_marked` event: a failed check stays visible
    /// as such).
    func markIdentity(caseID: String, verified: Bool, actor: StaffMember, now: Int64) throws {
        var c = try load(caseID)
        let records = verified ? try caseRecords(c) : []
        try refusing { () throws(CaseRefusal) in
            try rules.rulebook.checkMarkIdentity(c, verified: verified, events: records, by: actor)
        }
        c = try record(.identityMarked(verified: verified), on: c, actor: actor, at: now)
        try save(c)
    }

    // MARK: Shared

    /// The case as its projection holds it.
    func load(_ id: String) throws -> Case {
        try rules.existingCase(tx, id)
    }

    /// Free text written on a case, sealed under its customer's key. Once the customer is
    /// erased there is no key, and the text is not kept at all: the case can still be
    /// worked, but nothing new about the person is stored.
    func sealed(_ text: String, for c: Case) throws -> RecordedText {
        guard let key = try tx.key(owner: c.customerID) else { return .withheld }
        return .sealed(try Vault(keyBytes: key).seal(text))
    }

    /// Indexes the text of the event just folded into `c` (the last of its timeline) for
    /// search, when it was kept: text withheld because the customer is erased is not.
    func index(_ text: String, _ recorded: RecordedText, on c: Case) throws {
        guard case .sealed = recorded, let number = CaseNumbers.number(ofID: c.id) else { return }
        try tx.insertCaseText(caseNumber: number, customer: c.customerID, position: c.timeline.count - 1, text: text)
    }

    /// Appends a case event to the chain as the core's record of it.
    func append(_ event: CaseEvent, caseID: String, actor: StaffMember, at: Int64) throws -> CaseEventRecord {
        let stored = try EventChain.append(tx, caseID: caseID, at: at, actor: actor.id, kind: CaseEventCodec.kind(event),
                                           payload: CaseEventCodec.payload(event, actorRole: actor.role)
                                               .adding("acting_cover", actingCover))
        return CaseEventRecord(seq: stored.seq, caseID: caseID, at: at, actor: actor.id, actorRole: actor.role, event: event)
    }

    /// Appends a case event and folds it into the case.
    func record(_ event: CaseEvent, on c: Case, actor: StaffMember, at: Int64) throws -> Case {
        try fold(try append(event, caseID: c.id, actor: actor, at: at), into: c)
    }

    func fold(_ record: CaseEventRecord, into c: Case) throws -> Case {
        do { return try c.applying(record, roleOf: rules.rulebook.role(of:)) } catch { throw StoreError.corrupt(error.description) }
    }

    /// Writes the changed projection with its version check (another writer's change in
    /// between fails the update), and the case's clocks with it.
    func save(_ c: Case) throws {
        guard try tx.updateCase(c) else {
            throw StoreError.unavailable(path: c.id, detail: "the case changed while it was being saved; try again")
        }
        try refreshClocks(c)
    }

    /// Runs a rulebook check, turning its refusal into the store's.
    @discardableResult
    func refusing<T>(_ check: () throws(CaseRefusal) -> T) throws -> T {
        do { return try check() } catch { throw StoreError(error) }
    }
}
