import DeskUI
import EscalationCore
import EscalationStore
import Foundation

/// The desk's service over the real store, for one person. Screens never see the store:
/// this type asks it for one page or one case at a time, maps its values into the desk's
/// words, and turns its refusals into `DeskError` sentences.
///
/// Reads that the desk repeats on every change (queue counts, customer names for a page)
/// are remembered until the database's data version moves, so an idle desk costs one
/// `PRAGMA data_version` per poll, and a change costs three indexed counts, whatever the
/// number of cases.
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

    /// Remembered reads and the data version they were read at.
    private var cachedVersion: Int?
    private var counts: [QueueKind: Int] = [:]
    private var customers: [String: CustomerRecord] = [:]
    /// A search result's total is remembered with the page, so typing a query costs one search.
    private var searchPages: [String: Page] = [:]

    /// A desk for `member` over `store`, on `clock`.
    public init(store: DeskStore, member: StaffMember, clock: SessionClock) {
        self.store = store
        self.member = member
        self.clock = clock
        me = DeskFacts.person(member, centre: store.centre)
        centre = DeskFacts.centreInfo(store.centre)
    }

    var ladder: Ladder { store.centre.policy.ladder }

    /// The session clock's time.
    public func now() -> Date { clock.now() }

    /// `PRAGMA data_version` through the store: it moves when any process commits.
    public func changeToken() throws(DeskError) -> Int64 {
        Int64(try desk { () throws(StoreError) in try store.dataVersion() })
    }

    // MARK: - Queues

    /// The queue's size from the store's count, remembered until the data version moves.
    public func queueCount(_ queue: QueueKind) throws(DeskError) -> Int {
        try forgetIfChanged()
        if let known = counts[queue] { return known }
        let total: Int
        if case .search = queue {
            total = try searchPage(queue, offset: 0, limit: 0).total
        } else {
            total = try desk { () throws(StoreError) -> Int in try store.countCases(queue: storeQueue(queue)) }
        }
        counts[queue] = total
        return total
    }

    /// One page of a queue, straight from the store in its order; paging never recounts
    /// the queue (at a million cases a count costs more than the page).
    public func queuePage(_ queue: QueueKind, offset: Int, limit: Int) throws(DeskError) -> [CaseRow] {
        try forgetIfChanged()
        let cases: [CaseSummary]
        if case .search = queue {
            let page = try searchPage(queue, offset: offset, limit: limit)
            counts[queue] = page.total
            cases = page.cases
        } else {
            cases = try desk { () throws(StoreError) -> [CaseSummary] in
                try store.casePage(queue: storeQueue(queue), limit: limit, offset: offset, total: counts[queue])
            }
        }
        return try cases.map { summary throws(DeskError) in try row(summary) }
    }

    /// One page of a search, and how many cases match in all.
    typealias Page = (cases: [CaseSummary], total: Int)

    /// The store's queue for a desk queue: my cases, the cases referred to my role that
    /// nobody else holds, or every case.
    private func storeQueue(_ queue: QueueKind) -> CaseQueue {
        switch queue {
        case .mine: return .mine(staffID: member.id)
        case .referredToMe: return .referred(role: member.role, staffID: member.id)
        case .all, .search: return .all
        }
    }

    /// A search page (an empty search matches nothing rather than everything).
    private func searchPage(_ queue: QueueKind, offset: Int, limit: Int) throws(DeskError) -> Page {
        guard case .search(let text) = queue else { return ([], 0) }
        return try desk { () throws(StoreError) -> Page in
            let query = text.trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return ([], 0) }
            let key = "\(query)\u{0}\(offset)\u{0}\(limit)"
            if let known = searchPages[key] { return known }
            let page = try store.searchCases(query, limit: limit, offset: offset)
            searchPages[key] = (page.cases, page.total)
            return (page.cases, page.total)
        }
    }

    /// A list line: the store's summary with the customer's name and flags.
    private func row(_ s: CaseSummary) throws(DeskError) -> CaseRow {
        let customer = try customerRecord(s.customerID)
        return CaseRow(
            id: s.id, customerName: customer?.name ?? Self.erasedName(s.customerID), summary: s.summary ?? Self.erasedText,
            state: s.state, live: s.live, routedTo: s.state == .escalated ? s.queueRole.map(ladder.title(of:)) : nil,
            holderName: s.holderName, opened: s.receivedAt, deadline: s.state.isActive ? s.deadlineAt : nil,
            flags: customer?.flags ?? [])
    }

    /// A customer's record (nil if they are gone), remembered until the data version moves.
    func customerRecord(_ id: String) throws(DeskError) -> CustomerRecord? {
        if let known = customers[id] { return known }
        do {
            let record = try store.customer(id: id)
            customers[id] = record
            return record
        } catch .unknownCustomer {
            return nil
        } catch {
            throw DeskError(error)
        }
    }

    /// Drops remembered reads when anyone has written since they were read.
    private func forgetIfChanged() throws(DeskError) {
        let version = try desk { () throws(StoreError) in try store.dataVersion() }
        guard version != cachedVersion else { return }
        cachedVersion = version
        counts = [:]
        customers = [:]
        searchPages = [:]
    }

    /// What the desk shows where erased personal text was.
    static let erasedText = "(erased)"

    /// The name shown for a customer whose record is erased or missing.
    static func erasedName(_ id: String) -> String { "(erased) \(id)" }
}
