import DeskUI
import EscalationCore
import EscalationStore
import Foundation

extension StoreDeskService {
    /// A case with its whole timeline in words, and the commands open to me on it.
    public func caseDetail(id: String) throws(DeskError) -> DeskCaseDetail {
        let stored = try desk { () throws(StoreError) in try store.caseDetail(id: id) }
        let s = stored.summary
        return DeskCaseDetail(
            id: s.id, customerID: s.customerID, customerName: stored.customerName ?? Self.erasedName(s.customerID),
            customerFlags: stored.customerFlags, summary: s.summary ?? Self.erasedText, kind: s.kind, channel: s.channel,
            state: s.state, live: s.live, identity: Self.identity(stored), caseFlags: stored.caseFlags,
            requests: stored.requests, decision: stored.decision.handler.isEmpty ? nil : stored.decision,
            holderName: s.holderName, routedTo: s.state == .escalated ? s.queueRole.map(ladder.title(of:)) : nil,
            opened: s.receivedAt, deadline: s.state.isActive ? s.deadlineAt : nil,
            timeline: stored.timeline.map(entry), allowed: try allowed(stored))
    }

    /// The latest identity check decides: verified, failed, or never checked.
    static func identity(_ detail: CaseDetail) -> IdentityStatus {
        switch detail.identityChecked {
        case true?: return .verified
        case false?: return .failed
        case nil: return detail.identityVerified ? .verified : .unchecked
        }
    }

    /// What I may do now: the core's rulebook, asked by the store on the case as stored.
    func allowed(_ detail: CaseDetail) throws(DeskError) -> Set<CaseCommandKind> {
        try desk { () throws(StoreError) in try store.commands(caseID: detail.summary.id, actor: member.id) }
    }

    /// One timeline line: who (name, role title), when, what in words, and why (the note,
    /// guidance or rationale; "(erased)" once the customer's key is gone).
    func entry(_ e: TimelineEntry) -> DeskTimelineEntry {
        let why: String? = e.textErased ? Self.erasedText : e.text
        return DeskTimelineEntry(at: e.at, actorName: e.actorName, actorRole: e.actorRole.isEmpty ? "" : ladder.title(of: e.actorRole),
                                    what: what(e), why: why)
    }

    /// "Escalated to Team Leader", "Resolved: upheld, granted Refund £75.00 (root cause billing_error)", ...
    func what(_ e: TimelineEntry) -> String {
        switch e.kind {
        case .caseOpened:
            return e.decision.map { "Opened: " + DeskText.headline($0, ladder: ladder) } ?? "Opened"
        case .caseEscalated:
            return e.routeTo.map { "Escalated to \(ladder.title(of: $0))" } ?? "Escalated"
        case .caseClaimed: return "Claimed"
        case .caseReturned:
            let to = e.routeTo.map { store.centre.staff.member(id: $0)?.name ?? $0 }
            return to.map { "Returned to \($0)" } ?? "Returned"
        case .caseResolved:
            let granted = e.grants.map { DeskText.remedy($0, actions: centre.actions) }
            let outcome = e.outcome.map(DeskText.outcome) ?? "resolved"
            return "Resolved: \(outcome)" + (granted.isEmpty ? "" : ", granted " + granted.joined(separator: ", "))
                + (e.rootCause.map { " (root cause \($0))" } ?? "")
        case .caseClosed: return "Closed"
        case .caseReopened: return "Reopened"
        case .identityMarked:
            return e.identityVerified == false ? "Identity check failed" : "Identity verified"
        case .customerAdded: return "Customer registered"
        case .customerErased: return "Customer's personal data erased"
        case .customerExported: return "Customer's data exported"
        case .centreCreated: return "Centre created"
        }
    }
}
