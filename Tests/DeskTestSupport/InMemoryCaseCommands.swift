import DeskUI
import EscalationCore
import Foundation

// Each command goes as the store's does (EscalationStore/Commands/CaseCommands.swift): the
// core's rulebook says whether the actor may act on the case as it stands, free text passes
// `FreeText.checked`, the engine decides, and the event is appended and folded with
// `Case.applying`. Free text is kept as typed: the double seals nothing.

extension InMemoryDeskData {
    /// Opens a case in the actor's hands, with the engine's decision for their role.
    func openCase(_ draft: NewCase, by actor: StaffMember, at: EpochMillis) throws(DeskError) -> OpenedCase {
        let summary = try checked(draft.summary, field: "summary")
        guard let customer = customer(draft.customer) else { throw DeskError(.notFound, "There is no customer \(draft.customer).") }
        let context = context(customer: customer, caseFlags: draft.caseFlags, channel: draft.channel,
                              identityVerified: draft.identityVerified, requests: draft.requests, at: at, pendingContact: true)
        let decision = try decide(role: actor.role, requests: draft.requests, context: context)
        let opened = try open(CaseOpening(
            customer: customer.id, kind: draft.kind, channel: draft.channel, summary: summary, live: draft.live,
            caseFlags: draft.caseFlags, identityVerified: draft.identityVerified, requests: draft.requests, decision: decision),
            by: actor, at: at)
        return OpenedCase(id: opened.id, decision: decision)
    }

    /// Refers a case up to where the rulebook routes the engine's decision.
    func escalate(caseID: String, note: String, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let c = try stored(caseID).folded
        try refusing { () throws(CaseRefusal) in try rulebook.checkHolder(c, actor: actor); _ = try rulebook.step(.escalate, c) }
        let text = try checked(note, field: "note")
        let decision = try decide(on: c, requests: c.requests, by: actor, at: at)
        let route = try refusing { () throws(CaseRefusal) in try rulebook.escalation(of: c, by: actor, decision: decision) }
        let team = rulebook.teams.team(forReferralTo: route, by: actor)
        try append(.escalated(routeTo: route, decision: decision, note: .sealed(text), team: team), to: caseID, by: actor, at: at)
    }

    /// Takes a referred case from its queue.
    func claim(caseID: String, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let c = try stored(caseID).folded
        let queue = try refusing { () throws(CaseRefusal) in try rulebook.claim(of: c, by: actor) }
        try append(.claimed(queue: queue, coverFor: rulebook.teams.coverFor(c, by: actor)), to: caseID, by: actor, at: at)
    }

    /// Hands a claimed case back to whoever referred it, with guidance: a delegation.
    func returnCase(caseID: String, guidance: String, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let c = try stored(caseID).folded
        let to = try refusing { () throws(CaseRefusal) in try rulebook.returnTarget(of: c, by: actor) }
        let text = try checked(guidance, field: "guidance")
        try append(.returned(to: to.id, note: .sealed(text)), to: caseID, by: actor, at: at)
    }

    /// The decision on granting `grants` on a case as it bears on the actor resolving it: a
    /// delegation lets through the referral rules its returner met (the resolve dialog's
    /// panel, as the store previews it).
    func previewResolution(caseID: String, grants: [RemedyRequest], by actor: StaffMember,
                           at: EpochMillis) throws(DeskError) -> Decision {
        let c = try stored(caseID).folded
        try refusing { () throws(CaseRefusal) in try rulebook.checkResolve(c, by: actor) }
        let decision = try decide(on: c, requests: grants, by: actor, at: at)
        return rulebook.effective(decision, blocking: rulebook.blockingReasons(decision, on: c))
    }

    /// Resolves a case; a grant beyond the actor's authority (and not delegated) is refused.
    func resolve(caseID: String, _ resolution: Resolution, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let c = try stored(caseID).folded
        try refusing { () throws(CaseRefusal) in try rulebook.checkResolve(c, by: actor) }
        let rationale = try checked(resolution.rationale, field: "rationale")
        guard centre.rootCauses.contains(resolution.rootCause) else { throw DeskError(.invalid, "Choose a root cause for \(caseID).") }
        let decision = try decide(on: c, requests: resolution.grants, by: actor, at: at)
        let blocking = rulebook.blockingReasons(decision, on: c)
        if !blocking.isEmpty {
            let needed = rulebook.effective(decision, blocking: blocking).required
            throw .notPermitted("You may not grant this; it needs a \(policy.ladder.title(of: needed)): "
                                + blocking.map(\.detail).joined(separator: " "))
        }
        if CaseRulebook.mayNeedResponseLetter(clocks: clocks, kind: c.kind, flags: Set(c.caseFlags), channel: c.channel) {
            let records = try stored(caseID).records
            let now = Date(timeIntervalSince1970: Double(at) / 1000)
            let statuses = try clockStatuses(caseID, at: now)
            try refusing { () throws(CaseRefusal) in
                try rulebook.checkResponseLetter(c, events: records, clocks: statuses, outcome: resolution.outcome,
                                                 grants: resolution.grants, now: now)
            }
        }
        try append(.resolved(CaseResolution(
            outcome: resolution.outcome, grants: resolution.grants, rootCause: resolution.rootCause, decision: decision,
            rationale: .sealed(rationale), receivedAt: c.receivedAt, escalatedAt: c.escalatedAt, delegatedBy: c.delegatedBy)),
            to: caseID, by: actor, at: at)
    }

    /// Records an identity check, passed or failed.
    func markIdentity(caseID: String, verified: Bool, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        let stored = try stored(caseID)
        try refusing { () throws(CaseRefusal) in
            try rulebook.checkMarkIdentity(stored.folded, verified: verified, events: stored.records, by: actor)
        }
        try append(.identityMarked(verified: verified), to: caseID, by: actor, at: at)
    }

    // MARK: Shared

    /// The engine's decision on `requests` for the actor on an existing case.
    func decide(on c: Case, requests: [RemedyRequest], by actor: StaffMember, at: EpochMillis) throws(DeskError) -> Decision {
        try decide(role: actor.role, requests: requests, context: context(for: c, requests: requests, at: at))
    }

    /// Free text as the core keeps it, or the core's refusal.
    func checked(_ text: String, field: String) throws(DeskError) -> String {
        try refusing { () throws(CaseRefusal) in try FreeText.checked(text, field: field) }
    }

    /// Runs a rulebook check, turning its refusal into the desk's.
    @discardableResult
    func refusing<T>(_ check: () throws(CaseRefusal) -> T) throws(DeskError) -> T {
        do { return try check() } catch { throw DeskError(error) }
    }
}

extension DeskError {
    /// The desk's kind of failure for a refusal by the core, with the core's sentence (the
    /// kinds `StoreDeskService` gives the store's refusals of the same).
    init(_ refusal: CaseRefusal) {
        let kind: Kind
        switch refusal {
        case .heldByOther, .roleTooLow, .notPermitted: kind = .notPermitted
        case .alreadyClaimed: kind = .conflict
        case .lifecycle, .atTop, .emptyText, .textTooLong, .damaged, .letterRequired, .clockChange, .notARemedy: kind = .invalid
        }
        self.init(kind, refusal.description.capitalisedSentence)
    }
}
