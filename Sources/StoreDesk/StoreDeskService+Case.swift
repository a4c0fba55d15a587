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
        try desk { () throws(StoreError) in try store.commands(caseID: caseID, actor: member.id) }
    }
}
