import DeskUI
import EscalationCore
import EscalationStore

extension StoreDeskService {
    /// A case with its whole timeline, as the store reads it.
    public func caseDetail(id: String) throws(DeskError) -> CaseDetail {
        try desk { () throws(StoreError) in try store.caseDetail(id: id) }
    }

    /// What I may do now: the core's rulebook, asked by the store on the case as stored.
    public func commands(caseID: String) throws(DeskError) -> Set<CaseCommandKind> {
        try desk { () throws(StoreError) in try store.commands(caseID: caseID, actor: member.id, at: now()) }
    }

    /// The case's customer's other cases and rolling totals, as of the desk's clock.
    public func customerHistory(caseID: String) throws(DeskError) -> CustomerHistory {
        try desk { () throws(StoreError) in try store.customerHistory(caseID: caseID, now: now()) }
    }

    /// What became of the cases I referred up since event `after` (nil: where the log ends now).
    public func outcomes(after: Int64?) throws(DeskError) -> CaseOutcomes {
        try desk { () throws(StoreError) in try store.outcomes(for: member.id, after: after) }
    }
}
