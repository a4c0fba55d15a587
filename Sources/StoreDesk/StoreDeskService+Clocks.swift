import DeskUI
import EscalationCore
import EscalationStore

extension StoreDeskService {
    /// The case's clocks at the desk's time, worked out by the core through the store.
    public func clocks(caseID: String) throws(DeskError) -> [ClockStatus] {
        try desk { () throws(StoreError) in try store.clocks(of: caseID, now: now()) }
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
