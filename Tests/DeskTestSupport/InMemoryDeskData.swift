import DeskUI
import EscalationCore
import Foundation

/// The shared state behind one or more `InMemoryDeskService`s: one per person at a desk, all
/// over the same cases, as several desks share one database file. Each write bumps `version`,
/// which every desk's `changeToken()` reports, so a referral made at one desk shows at another.
///
/// It holds what the store holds, in memory: each case is its events (the core's
/// `CaseEventRecord`s) and their fold (`Case`), and every command asks the core's
/// `CaseRulebook` before it appends an event (see `InMemoryCaseCommands.swift`). Nothing here
/// decides who may do what to a case.
public final class InMemoryDeskData {
    /// A case as stored: its history, oldest first, and the case that history folds to.
    struct StoredCase {
        var records: [CaseEventRecord]
        var folded: Case
    }

    /// A customer as stored.
    struct StoredCustomer {
        var id: String
        var name: String
        var contact: String
        var flags: [String]
    }

    /// The law in force: decisions are `policy.decide`, the engine the store uses too.
    public let policy: EscalationPolicy
    /// Who may do what to a case: the core's rulebook over `staff`.
    public let rulebook: CaseRulebook
    /// What screens offer as choices.
    public let centre: DeskCentreInfo
    /// Everyone who may sit at a desk.
    public let staff: [DeskPerson]
    /// The clock every desk reads.
    public var clock: () -> Date
    /// The centre's regulatory and service clocks (none unless a test gives some): a complaint
    /// a final-response clock applies to is resolved only after its final response letter.
    public var clocks: [RegulatoryClock] = []
    /// Bumped by every write (the in-memory `PRAGMA data_version`).
    public private(set) var version: Int64 = 1
    /// The windows a decision's context is counted over (the policy's, worked out once).
    private let repeatWindows: [(days: Int, enough: Int)]
    private let rollingWindows: [String: [Int]]

    /// Cases in the order they were opened.
    private(set) var cases: [StoredCase] = []
    private var caseIndex: [String: Int] = [:]
    private(set) var customers: [StoredCustomer] = []
    private var nextSeq: Int64 = 1
    private var nextCase = 1
    private var nextCustomer = 1
    /// Acknowledgements and acting covers (`InMemoryGovernance.swift`).
    var governance: InMemoryGovernanceState

    /// Creates empty shared state for a centre.
    public init(policy: EscalationPolicy, centre: DeskCentreInfo, staff: [DeskPerson], clock: @escaping () -> Date) {
        self.policy = policy
        self.centre = centre
        self.staff = staff
        self.clock = clock
        governance = InMemoryGovernanceState(matrix: InMemoryMatrixVersions(founding: policy))
        rulebook = CaseRulebook(policy: policy, staff: Self.directory(staff))
        repeatWindows = policy.repeatContactWindows
        rollingWindows = policy.rollingWindows
    }

    /// The desk's people as the core's staff list. A team is known by its name.
    static func directory(_ people: [DeskPerson]) -> StaffDirectory {
        var teams: [Team] = []
        for name in people.compactMap(\.team) where !teams.contains(where: { $0.id == name }) {
            teams.append(Team(id: name, name: name, leader: nil))
        }
        return StaffDirectory(teams: teams, staff: people.map {
            StaffMember(id: $0.id, name: $0.name, role: $0.roleID, login: $0.id, team: $0.team)
        })
    }

    /// The staff member with an id, for the rulebook.
    /// - Precondition: they are on the staff list.
    func member(_ id: String) -> StaffMember {
        guard let member = rulebook.member(id) else { preconditionFailure("no staff member \(id)") }
        return member
    }

    /// The ids of the customers, in the order they were added.
    public var customerIDs: [String] { customers.map(\.id) }

    func customer(_ id: String) -> StoredCustomer? { customers.first { $0.id == id } }

    /// The stored case with an id.
    func stored(_ id: String) throws(DeskError) -> StoredCase {
        guard let index = caseIndex[id] else { throw DeskError(.notFound, "There is no case \(id).") }
        return cases[index]
    }

    /// Records that something changed, as a committed write transaction would.
    private func touch() { version += 1 }
    /// Counts a write made outside this file.
    func bump() { touch() }

    // MARK: - Writes

    /// Adds a customer and returns their id ("CU-00000001", as long as the store's ids).
    @discardableResult
    public func addCustomer(name: String, contact: String, flags: [String] = []) -> String {
        let id = "CU-" + Self.padded(nextCustomer, to: 8)
        nextCustomer += 1
        customers.append(StoredCustomer(id: id, name: name, contact: contact, flags: flags))
        touch()
        return id
    }

    /// Appends the opening event of a new case and stores the case it opens.
    func open(_ opening: CaseOpening, by actor: StaffMember, at: EpochMillis) throws(DeskError) -> Case {
        let id = "C-" + Self.padded(nextCase, to: 6)
        let record = nextRecord(caseID: id, at: at, actor: actor, event: .opened(opening))
        let opened: Case
        do { opened = try Case.opened(record) } catch { throw DeskError(.invalid, error.description.capitalisedSentence) }
        nextCase += 1
        caseIndex[id] = cases.count
        cases.append(StoredCase(records: [record], folded: opened))
        touch()
        return opened
    }

    /// Appends an event to a case and folds it in with the core's `Case.applying`, as the
    /// store does inside the command's transaction.
    func append(_ event: CaseEvent, to caseID: String, by actor: StaffMember, at: EpochMillis) throws(DeskError) {
        guard let index = caseIndex[caseID] else { throw DeskError(.notFound, "There is no case \(caseID).") }
        let record = nextRecord(caseID: caseID, at: at, actor: actor, event: event)
        do {
            cases[index].folded = try cases[index].folded.applying(record, roleOf: rulebook.role(of:))
        } catch {
            throw DeskError(.invalid, error.description.capitalisedSentence)
        }
        cases[index].records.append(record)
        touch()
    }

    private func nextRecord(caseID: String, at: EpochMillis, actor: StaffMember, event: CaseEvent) -> CaseEventRecord {
        defer { nextSeq += 1 }
        return CaseEventRecord(seq: nextSeq, caseID: caseID, at: at, actor: actor.id, actorRole: actor.role, event: event)
    }

    /// Adds a case as seeding would, through the same commands a desk uses, and returns its id:
    /// opened by `openerID` at `opened` (now by default); an escalated case is then referred
    /// by its opener with `note` (routed where the rulebook sends it); a claimed case is then
    /// claimed by `holderID`.
    /// - Precondition: the rulebook accepts every step (the seed describes a case the store
    ///   could hold).
    @discardableResult
    public func addCase(
        customerID: String, summary: String, kind: String = "complaint", channel: String = "phone", live: Bool = false,
        state: CaseState = .open, openerID: String, holderID: String? = nil, caseFlags: [String] = [],
        requests: [RemedyRequest] = [], opened: Date? = nil, note: String = "Referred for a decision."
    ) -> String {
        let at = Self.millis(opened ?? clock())
        let draft = NewCase(customer: customerID, summary: summary, kind: kind, channel: channel, requests: requests,
                            live: live, caseFlags: caseFlags)
        do {
            let opener = member(openerID)
            let id = try openCase(draft, by: opener, at: at).id
            switch state {
            case .open:
                break
            case .escalated:
                try escalate(caseID: id, note: note, by: opener, at: at)
            case .claimed:
                guard let holderID else { preconditionFailure("a claimed case needs its holder") }
                try escalate(caseID: id, note: note, by: opener, at: at)
                try claim(caseID: id, by: member(holderID), at: at)
            default:
                preconditionFailure("seeding a \(state.rawValue) case is not supported")
            }
            return id
        } catch {
            preconditionFailure("cannot seed the case: \(error.message)")
        }
    }

    // MARK: - Decisions

    /// The engine's decision on `requests` for `role`, as the store takes it.
    func decide(role: String, requests: [RemedyRequest], context: DecisionContext) throws(DeskError) -> Decision {
        do {
            return try policy.decide(handler: role, requests: requests, context: context)
        } catch {
            throw DeskError(.invalid, error.description.capitalisedSentence)
        }
    }

    /// The decision context for a case of `customer` at `at`, with the repeat-contact counts
    /// and rolling grant totals over the windows the policy names (counted as the store counts
    /// them: cases received, and grants made, after the window opened). `pendingContact`
    /// counts a case not yet opened.
    func context(customer: StoredCustomer, caseFlags: [String], channel: String, identityVerified: Bool,
                 requests: [RemedyRequest], at: EpochMillis, pendingContact: Bool) -> DecisionContext {
        let theirs = cases.filter { $0.folded.customerID == customer.id }
        var contacts = ContactHistory()
        for (days, _) in repeatWindows {
            let since = at - Int64(days) * Self.day
            let counted = theirs.filter { $0.folded.receivedAt > since }.count
            contacts.byDays[days] = max(1, counted + (pendingContact ? 1 : 0))
        }
        var granted = GrantHistory()
        for action in Set(requests.map(\.action)) {
            for days in rollingWindows[action] ?? [] {
                let since = at - Int64(days) * Self.day
                granted.byAction[action, default: [:]][days] = theirs.flatMap(\.records)
                    .filter { $0.at > since }
                    .flatMap(Self.grants)
                    .filter { $0.action == action }
                    .reduce(0) { GrantHistory.saturatingSum($0, $1.amount?.minor ?? 0) }
            }
        }
        return DecisionContext(customerFlags: customer.flags, caseFlags: caseFlags, channel: channel,
                               identityVerified: identityVerified, contacts: contacts, granted: granted)
    }

    /// The context of an existing case (already counted as a contact).
    func context(for c: Case, requests: [RemedyRequest], at: EpochMillis) -> DecisionContext {
        let customer = customer(c.customerID) ?? StoredCustomer(id: c.customerID, name: "", contact: "", flags: [])
        return context(customer: customer, caseFlags: c.caseFlags, channel: c.channel, identityVerified: c.identityVerified,
                       requests: requests, at: at, pendingContact: false)
    }

    /// What the customer was granted of each capped action in each rolling window up to `at`.
    func windowTotals(customer: String, at: EpochMillis) -> [CustomerHistory.WindowTotal] {
        let granted = cases.filter { $0.folded.customerID == customer }.flatMap(\.records)
        return policy.matrix.actions.flatMap { action in
            (rollingWindows[action.id] ?? []).map { days in
                let since = at - Int64(days) * Self.day
                let total = granted.filter { $0.at > since }.flatMap(Self.grants).filter { $0.action == action.id }
                    .reduce(0) { GrantHistory.saturatingSum($0, $1.amount?.minor ?? 0) }
                return CustomerHistory.WindowTotal(action: action.id, days: days,
                                                   granted: Money(minor: total, currency: policy.matrix.currency))
            }
        }
    }

    /// The remedies a resolution granted.
    static func grants(_ record: CaseEventRecord) -> [RemedyRequest] {
        guard case .resolved(let resolution) = record.event else { return [] }
        return resolution.grants
    }

    // MARK: - Times and ids

    static let day: EpochMillis = 86_400_000

    static func millis(_ date: Date) -> EpochMillis { EpochMillis((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(_ millis: EpochMillis) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    static func padded(_ n: Int, to width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
