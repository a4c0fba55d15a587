import DeskUI
import EscalationCore
import EscalationStore

extension StoreDeskService {
    /// The case's clocks at the desk's time, worked out by the core through the store.
    public func clocks(caseID: String) throws(DeskError) -> [ClockStatus] {
        try desk { () throws(StoreError) in try store.clocks(of: caseID, now: now()) }
    }

    /// The clock changes I may make on the case at the desk's time.
    public func clockChanges(caseID: String) throws(DeskError) -> [ClockChange] {
        try desk { () throws(StoreError) in try store.clockChanges(caseID: caseID, actor: member.id, at: now()) }
    }

    /// Records the change through the store, as the command line does.
    public func changeClock(caseID: String, _ change: ClockChange, reason: String?) throws(DeskError) {
        try desk { () throws(StoreError) in
            try store.changeClock(caseID: caseID, change: change, reason: reason, actor: member.id, now: clock.actionClock)
        }
    }

    /// The store's sweep at the desk's time, after a read that finds nothing to do on almost
    /// every minute (so an idle desk never takes the write lock for it).
    public func sweepClocks() throws(DeskError) -> Int {
        try desk { () throws(StoreError) in
            guard try store.clocksAwaitSweep(now: now()) else { return 0 }
            return try store.sweepClocks(now: clock.actionClock).count
        }
    }
}
