import DeskUI
import EscalationCore
import EscalationStore
import Foundation

/// The desk's service over the real store, for one person. Screens never see the store:
/// this type asks it for one page or one case at a time, as me and on the session's clock,
/// and turns its refusals into `DeskError` sentences. The values are the core's, as the
/// store reads them; the desk puts them into words (`CaseWords`).
///
/// Queue counts, which the desk reads again on every change, are remembered until the
/// database's data version moves, so an idle desk costs one `PRAGMA data_version` per poll,
/// and a change costs three indexed counts, whatever the number of cases.
public final class StoreDeskService: DeskService {
    /// The open database.
    let store: DeskStore
    /// The staff member at the keyboard.
    let member: StaffMember
    /// The person at the keyboard, in the desk's words.
    public let me: DeskPerson
    /// The centre's choices, read once.
    public let centre: DeskCentreInfo
    /// Real time, or the training clock.
    let clock: SessionClock

    /// Queue counts and the data version they were read at.
    private var cachedVersion: Int?
    private var counts: [CaseQueue: Int] = [:]

    /// A desk for `member` over `store`, on `clock`.
    public init(store: DeskStore, member: StaffMember, clock: SessionClock) {
        self.store = store
        self.member = member
        self.clock = clock
        // An acting cover in force as the desk opens gives the queues of its role.
        let cover = try? store.actingCover(actor: member.id, at: clock.now())
        me = DeskFacts.person(member, centre: store.centre, acting: cover?.role)
        centre = DeskFacts.centreInfo(store.centre)
    }

    /// The session clock's time.
    public func now() -> Date { clock.now() }

    /// `PRAGMA data_version` through the store: it moves when any process commits.
    public func changeToken() throws(DeskError) -> Int64 {
        Int64(try desk { () throws(StoreError) in try store.dataVersion() })
    }

    // MARK: - Queues

    /// The queue's size from the store's count, remembered until the data version moves.
    public func queueCount(_ queue: CaseQueue) throws(DeskError) -> Int {
        try forgetIfChanged()
        if let known = counts[queue] { return known }
        let total = try desk { () throws(StoreError) in try store.countCases(queue: queue) }
        counts[queue] = total
        return total
    }

    /// One page of a queue, straight from the store in its order, each case with its
    /// customer's name; paging never recounts the queue (at a million cases a count costs
    /// more than the page).
    public func queuePage(_ queue: CaseQueue, offset: Int, limit: Int) throws(DeskError) -> [CaseSummary] {
        try forgetIfChanged()
        return try desk { () throws(StoreError) in
            try store.casePage(queue: queue, limit: limit, offset: offset, total: counts[queue])
        }
    }

    /// Drops remembered reads when anyone has written since they were read.
    private func forgetIfChanged() throws(DeskError) {
        let version = try desk { () throws(StoreError) in try store.dataVersion() }
        guard version != cachedVersion else { return }
        cachedVersion = version
        counts = [:]
    }
}
