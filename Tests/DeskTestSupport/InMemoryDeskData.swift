import DeskUI
import EscalationCore
import Foundation

/// The shared state behind one or more `InMemoryDeskService`s: one per person at a desk, all
/// over the same cases, as several desks share one database file. Each write bumps `version`,
/// which every desk's `changeToken()` reports, so a referral made at one desk shows at another.
public final class InMemoryDeskData {
    /// A case as stored, with what the projections of the real store would hold.
    struct StoredCase {
        var id: String
        var customerID: String
        var summary: String
        var kind: String
        var channel: String
        var live: Bool
        var identity: IdentityStatus
        var caseFlags: [String]
        var requests: [RemedyRequest]
        var decision: Decision?
        var state: CaseState
        var holderID: String?
        var routedRole: String?
        var openerID: String
        /// Who escalated it last, so a return goes back to them.
        var escalatorID: String?
        var opened: Date
        var deadline: Date?
        var timeline: [DeskTimelineEntry]
    }

    /// A customer as stored.
    struct StoredCustomer {
        var id: String
        var name: String
        var contact: String
        var flags: [String]
    }

    /// A grant made by a resolution, counted toward rolling caps.
    struct StoredGrant {
        var customerID: String
        var action: String
        var minor: Int64
        var at: Date
    }

    /// The law in force: decisions are `policy.decide`, the engine the store uses too.
    public let policy: EscalationPolicy
    /// What screens offer as choices.
    public let centre: DeskCentreInfo
    /// Everyone who may sit at a desk.
    public let staff: [DeskPerson]
    /// The clock every desk reads.
    public var clock: () -> Date
    /// Bumped by every write (the in-memory `PRAGMA data_version`).
    public private(set) var version: Int64 = 1

    var cases: [StoredCase] = []
    var customers: [StoredCustomer] = []
    var grants: [StoredGrant] = []
    private var nextCase = 1
    private var nextCustomer = 1

    /// Creates empty shared state for a centre.
    public init(policy: EscalationPolicy, centre: DeskCentreInfo, staff: [DeskPerson], clock: @escaping () -> Date) {
        self.policy = policy
        self.centre = centre
        self.staff = staff
        self.clock = clock
    }

    /// Records that something changed, as a committed write transaction would.
    func touch() { version += 1 }

    /// The person with a staff id.
    func person(_ id: String?) -> DeskPerson? {
        guard let id else { return nil }
        return staff.first { $0.id == id }
    }

    func customer(_ id: String) -> StoredCustomer? { customers.first { $0.id == id } }

    func caseIndex(_ id: String) -> Int? { cases.firstIndex { $0.id == id } }

    /// Adds a customer and returns their id ("K-0001").
    @discardableResult
    public func addCustomer(name: String, contact: String, flags: [String] = []) -> String {
        let id = "K-" + Self.padded(nextCustomer, to: 4)
        nextCustomer += 1
        customers.append(StoredCustomer(id: id, name: name, contact: contact, flags: flags))
        touch()
        return id
    }

    /// Adds a case directly, as seeding or another process would, and returns its id.
    /// An escalated case is routed to `routedRole`; a claimed one is held by `holderID`.
    @discardableResult
    public func addCase(
        customerID: String, summary: String, kind: String = "complaint", channel: String = "phone", live: Bool = false,
        state: CaseState = .open, openerID: String, holderID: String? = nil, routedRole: String? = nil,
        caseFlags: [String] = [], requests: [RemedyRequest] = [], opened: Date? = nil, deadline: Date? = nil,
        note: String? = nil
    ) -> String {
        let id = newCaseID()
        let at = opened ?? clock()
        let opener = person(openerID)
        var timeline = [DeskTimelineEntry(at: at, actorName: opener?.name ?? openerID, actorRole: opener?.roleTitle ?? "",
                                      what: "Opened", why: summary)]
        if state == .escalated, let routedRole {
            timeline.append(DeskTimelineEntry(at: at, actorName: opener?.name ?? openerID, actorRole: opener?.roleTitle ?? "",
                                          what: "Escalated to \(policy.ladder.title(of: routedRole))", why: note))
        }
        cases.append(StoredCase(
            id: id, customerID: customerID, summary: summary, kind: kind, channel: channel, live: live, identity: .unchecked,
            caseFlags: caseFlags, requests: requests, decision: nil, state: state,
            holderID: holderID ?? (state == .escalated ? nil : openerID), routedRole: routedRole, openerID: openerID,
            escalatorID: state == .escalated || state == .claimed ? openerID : nil, opened: at, deadline: deadline,
            timeline: timeline))
        touch()
        return id
    }

    func newCaseID() -> String {
        defer { nextCase += 1 }
        return "C-" + Self.padded(nextCase, to: 6)
    }

    static func padded(_ n: Int, to width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
