import DeskUI
import EscalationCore
import Foundation

/// A working `DeskService` in memory, for screen tests: cases, customers, timelines and queue
/// order over `InMemoryDeskData`, whose commands ask the core's `CaseRulebook` and fold the
/// core's events, and whose decisions are `EscalationPolicy.decide` with rolling totals and
/// repeat counts, as the store makes them. What the screens are offered (`allowed`) is the
/// rulebook's answer too.
public final class InMemoryDeskService: DeskService {
    /// The shared cases and customers (other desks may hold the same data).
    public let data: InMemoryDeskData
    /// The person at this desk.
    public let me: DeskPerson
    /// The same person as the rulebook knows them.
    private let member: StaffMember
    /// Rows handed out by `queuePage`, counted so tests can prove the queue is paged.
    public private(set) var rowsRequested = 0

    /// A desk for `personID` over `data`.
    /// - Precondition: the person is in `data.staff`.
    public init(data: InMemoryDeskData, personID: String) {
        self.data = data
        guard let person = data.staff.first(where: { $0.id == personID }) else {
            preconditionFailure("no staff member \(personID)")
        }
        me = person
        member = data.member(personID)
    }

    /// The centre's choices.
    public var centre: DeskCentreInfo { data.centre }

    /// The shared clock.
    public func now() -> Date { data.clock() }

    /// The shared write counter.
    public func changeToken() throws(DeskError) -> Int64 { data.version }

    private var ladder: Ladder { data.policy.ladder }
    private var rulebook: CaseRulebook { data.rulebook }
    private var at: EpochMillis { InMemoryDeskData.millis(data.clock()) }

    // MARK: - Queues

    /// Number of cases in a queue.
    public func queueCount(_ queue: CaseQueue) throws(DeskError) -> Int { filtered(queue).count }

    /// A page of a queue, most urgent first (every case and a search: newest first).
    public func queuePage(_ queue: CaseQueue, offset: Int, limit: Int) throws(DeskError) -> [CaseSummary] {
        let all = sorted(filtered(queue), for: queue)
        guard offset < all.count, limit > 0 else { return [] }
        let page = all[max(0, offset)..<min(all.count, offset + limit)]
        rowsRequested += page.count
        return page.map(summary)
    }

    /// The cases a queue holds: mine are the active cases I opened or hold; referred are the
    /// ones waiting for my role and those I claimed or was returned; a search also matches
    /// summaries.
    private func filtered(_ queue: CaseQueue) -> [Case] {
        let cases = data.cases.map(\.folded)
        switch queue {
        case .mine(let staffID):
            return cases.filter { $0.state.isActive && ($0.holder == staffID || $0.openedBy == staffID) }
        case .role(let role):
            return cases.filter { $0.state.isActive && $0.queueRole == role }
        case .referred(let role, let staffID):
            return cases.filter {
                ($0.state == .escalated && $0.queueRole == role)
                    || (($0.state == .claimed || $0.state == .returned) && $0.holder == staffID)
            }
        case .all:
            return cases
        case .search(let text):
            let needle = text.lowercased()
            guard !needle.isEmpty else { return [] }
            return cases.filter { c in
                let name = data.customer(c.customerID)?.name ?? ""
                return [c.id, name, c.summary].contains { $0.lowercased().contains(needle) }
            }
        }
    }

    private func sorted(_ cases: [Case], for queue: CaseQueue) -> [Case] {
        switch queue {
        case .mine, .role, .referred:
            return cases.sorted { a, b in
                if a.live != b.live { return a.live }
                if a.deadlineAt != b.deadlineAt { return a.deadlineAt < b.deadlineAt }
                return a.receivedAt < b.receivedAt
            }
        case .all, .search:
            return cases.sorted { $0.receivedAt != $1.receivedAt ? $0.receivedAt > $1.receivedAt : $0.id > $1.id }
        }
    }

    /// A list line: the case as folded, with its customer's name and flags.
    private func summary(_ c: Case) -> CaseSummary {
        let customer = data.customer(c.customerID)
        return CaseSummary(
            id: c.id, customerID: c.customerID, kind: c.kind, channel: c.channel, state: c.state, live: c.live,
            queueRole: c.queueRole, holder: c.holder, holderName: c.holder.map(rulebook.name(of:)),
            receivedAt: InMemoryDeskData.date(c.receivedAt), deadlineAt: InMemoryDeskData.date(c.deadlineAt),
            summary: c.summary, version: c.version, customerName: customer?.name, customerFlags: customer?.flags)
    }

    /// The role a case waits for, while it waits in a queue.
    private func routedTo(_ c: Case) -> String? { c.state == .escalated ? c.queueRole.map(ladder.title(of:)) : nil }

    /// The case's deadline (`CaseDeadline`, every kind), while the case is active.
    private func deadline(_ c: Case) -> Date? { c.state.isActive ? InMemoryDeskData.date(c.deadlineAt) : nil }

    // MARK: - One case

    /// A case with its timeline and the commands the rulebook opens to me.
    public func caseDetail(id: String) throws(DeskError) -> DeskCaseDetail {
        let stored = try data.stored(id)
        let c = stored.folded
        let customer = data.customer(c.customerID)
        return DeskCaseDetail(
            id: c.id, customerID: c.customerID, customerName: customer?.name ?? c.customerID,
            customerFlags: customer?.flags ?? [], summary: c.summary, kind: c.kind, channel: c.channel,
            state: c.state, live: c.live, identity: Self.identity(stored.records), caseFlags: c.caseFlags,
            requests: c.requests, decision: c.decision, holderName: c.holder.map(rulebook.name(of:)),
            routedTo: routedTo(c), opened: InMemoryDeskData.date(c.receivedAt), deadline: deadline(c),
            timeline: stored.records.map(entry), allowed: allowed(stored))
    }

    /// What I may do now: the rulebook's answer, told who resolved the case if it is resolved.
    private func allowed(_ stored: InMemoryDeskData.StoredCase) -> Set<CaseCommandKind> {
        let resolved = stored.folded.state == .resolved
            ? stored.records.last { if case .resolved = $0.event { true } else { false } } : nil
        return rulebook.commands(for: member, on: stored.folded, resolvedBy: resolved.map { ($0.actor, $0.actorRole) })
    }

    /// The latest identity check decides: verified, failed, or (never checked) as opened.
    static func identity(_ records: [CaseEventRecord]) -> IdentityStatus {
        for record in records.reversed() {
            switch record.event {
            case .identityMarked(let verified): return verified ? .verified : .failed
            case .opened(let opening): return opening.identityVerified ? .verified : .unchecked
            default: continue
            }
        }
        return .unchecked
    }

    /// One timeline line: who (name, role title), when, what in words, and why.
    private func entry(_ record: CaseEventRecord) -> DeskTimelineEntry {
        let (what, why) = words(record.event)
        return DeskTimelineEntry(at: InMemoryDeskData.date(record.at), actorName: rulebook.name(of: record.actor),
                                 actorRole: ladder.title(of: record.actorRole), what: what, why: why.map(Self.text))
    }

    /// "Escalated to Team Leader" and the note, and so on: the words `StoreDeskService` uses.
    private func words(_ event: CaseEvent) -> (what: String, why: RecordedText?) {
        switch event {
        case .opened(let o): return ("Opened: " + DeskText.headline(o.decision, ladder: ladder), .sealed(o.summary))
        case .escalated(let routeTo, _, let note): return ("Escalated to \(ladder.title(of: routeTo))", note)
        case .claimed: return ("Claimed", nil)
        case .returned(let to, let note): return ("Returned to \(rulebook.name(of: to))", note)
        case .resolved(let r):
            let granted = r.grants.map { DeskText.remedy($0, actions: centre.actions) }
            return ("Resolved: \(DeskText.outcome(r.outcome))" + (granted.isEmpty ? "" : ", granted " + granted.joined(separator: ", "))
                    + " (root cause \(r.rootCause))", r.rationale)
        case .closed: return ("Closed", nil)
        case .reopened(let note): return ("Reopened", note)
        case .identityMarked(let verified): return (verified ? "Identity verified" : "Identity check failed", nil)
        }
    }

    /// Text as the double keeps it (as typed: it seals nothing).
    private static func text(_ recorded: RecordedText) -> String {
        switch recorded {
        case .sealed(let text): return text
        case .withheld: return "(erased)"
        }
    }

    // MARK: - Customers

    /// Customers matching a query by name, contact or id.
    public func findCustomers(_ query: String) throws(DeskError) -> [CustomerRow] {
        let needle = query.lowercased()
        return data.customers
            .filter { needle.isEmpty || [$0.id, $0.name, $0.contact].contains { $0.lowercased().contains(needle) } }
            .prefix(50)
            .map { customer in
                CustomerRow(id: customer.id, name: customer.name, contact: customer.contact, flags: customer.flags,
                            openCases: data.cases.filter { $0.folded.customerID == customer.id && $0.folded.state.isActive }.count)
            }
    }

    /// Adds a customer after checking the name (the core's free-text rule) and flags.
    public func addCustomer(name: String, contact: String, flags: [String]) throws(DeskError) -> String {
        let kept: String
        do { kept = try FreeText.checked(name, field: "name") } catch .emptyText {
            throw DeskError(.invalid, "A customer needs a name.")
        } catch {
            throw DeskError(error)
        }
        if let unknown = flags.first(where: { !centre.customerFlags.contains($0) }) {
            throw DeskError(.invalid, "\"\(unknown)\" is not a customer flag; flags are \(centre.customerFlags.joined(separator: ", ")).")
        }
        return data.addCustomer(name: kept, contact: FreeText.trimmed(contact), flags: flags)
    }

    // MARK: - Decisions

    /// The decision a draft case would get, counting it as one more contact.
    public func preview(_ draft: NewCase) throws(DeskError) -> Decision {
        guard let customer = data.customer(draft.customer) else { throw DeskError(.notFound, "There is no customer \(draft.customer).") }
        let context = data.context(customer: customer, caseFlags: draft.caseFlags, channel: draft.channel,
                                   identityVerified: draft.identityVerified, requests: draft.requests, at: at, pendingContact: true)
        return try data.decide(role: me.roleID, requests: draft.requests, context: context)
    }

    /// Whether I may grant `grants` on a case, as resolving it (a delegation counts).
    public func previewResolution(caseID: String, grants: [RemedyRequest]) throws(DeskError) -> Decision {
        try data.previewResolution(caseID: caseID, grants: grants, by: member, at: at)
    }

    // MARK: - Commands

    /// Opens a case held by me, with the decision the engine takes on it.
    public func openCase(_ draft: NewCase) throws(DeskError) -> OpenedCase {
        try data.openCase(draft, by: member, at: at)
    }

    /// Escalates to where the rulebook routes the decision.
    public func escalate(caseID: String, note: String) throws(DeskError) {
        try data.escalate(caseID: caseID, note: note, by: member, at: at)
    }

    /// Claims an escalated case waiting for my role or one below.
    public func claim(caseID: String) throws(DeskError) {
        try data.claim(caseID: caseID, by: member, at: at)
    }

    /// Returns a claimed case to whoever escalated it, with guidance.
    public func returnCase(caseID: String, guidance: String) throws(DeskError) {
        try data.returnCase(caseID: caseID, guidance: guidance, by: member, at: at)
    }

    /// Resolves a case after checking rationale, root cause and every grant against my authority.
    public func resolve(caseID: String, _ resolution: Resolution) throws(DeskError) {
        try data.resolve(caseID: caseID, resolution, by: member, at: at)
    }

    /// Records an identity check.
    public func markIdentity(caseID: String, verified: Bool) throws(DeskError) {
        try data.markIdentity(caseID: caseID, verified: verified, by: member, at: at)
    }

    /// The matrix in force.
    public func matrix() throws(DeskError) -> AuthorityMatrix { data.policy.matrix }

    /// The referral rules in force.
    public func referralRules() throws(DeskError) -> [ReferralRule] { data.policy.referrals }
}
