import DeskUI
import EscalationCore
import Foundation

/// A working `DeskService` in memory: cases, customers, timelines, queue order and decisions
/// by `EscalationPolicy.decide` with rolling totals and repeat counts, as the store makes them.
/// Screen tests drive the desk through it.
public final class InMemoryDeskService: DeskService {
    /// The shared cases and customers (other desks may hold the same data).
    public let data: InMemoryDeskData
    /// The person at this desk.
    public let me: DeskPerson
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
    }

    /// The centre's choices.
    public var centre: DeskCentreInfo { data.centre }

    /// The shared clock.
    public func now() -> Date { data.clock() }

    /// The shared write counter.
    public func changeToken() throws(DeskError) -> Int64 { data.version }

    private var ladder: Ladder { data.policy.ladder }
    private var myRank: Int { ladder.rank(of: me.roleID) ?? 0 }

    // MARK: - Queues

    /// Number of cases in a queue.
    public func queueCount(_ queue: QueueKind) throws(DeskError) -> Int { filtered(queue).count }

    /// A page of a queue, sorted as the queue promises.
    public func queuePage(_ queue: QueueKind, offset: Int, limit: Int) throws(DeskError) -> [CaseRow] {
        let all = sorted(filtered(queue), for: queue)
        guard offset < all.count, limit > 0 else { return [] }
        let page = all[max(0, offset)..<min(all.count, offset + limit)]
        rowsRequested += page.count
        return page.map(row)
    }

    private func filtered(_ queue: QueueKind) -> [InMemoryDeskData.StoredCase] {
        switch queue {
        case .mine:
            return data.cases.filter { $0.state.isActive && ($0.holderID == me.id || $0.openerID == me.id) }
        case .referredToMe:
            return data.cases.filter {
                ($0.state == .escalated && $0.routedRole == me.roleID)
                    || (($0.state == .claimed || $0.state == .returned) && $0.holderID == me.id)
            }
        case .all:
            return data.cases
        case .search(let text):
            let needle = text.lowercased()
            guard !needle.isEmpty else { return [] }
            return data.cases.filter { stored in
                let name = data.customer(stored.customerID)?.name ?? ""
                return [stored.id, name, stored.summary].contains { $0.lowercased().contains(needle) }
            }
        }
    }

    private func sorted(_ cases: [InMemoryDeskData.StoredCase], for queue: QueueKind) -> [InMemoryDeskData.StoredCase] {
        switch queue {
        case .mine, .referredToMe:
            return cases.sorted { a, b in
                if a.live != b.live { return a.live }
                switch (a.deadline, b.deadline) {
                case (let x?, let y?) where x != y: return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return a.opened < b.opened
                }
            }
        case .all, .search:
            return cases.sorted { $0.opened != $1.opened ? $0.opened > $1.opened : $0.id > $1.id }
        }
    }

    private func row(_ stored: InMemoryDeskData.StoredCase) -> CaseRow {
        let customer = data.customer(stored.customerID)
        return CaseRow(
            id: stored.id, customerName: customer?.name ?? stored.customerID, summary: stored.summary, state: stored.state,
            live: stored.live, routedTo: stored.routedRole.map(ladder.title(of:)), holderName: data.person(stored.holderID)?.name,
            opened: stored.opened, deadline: stored.deadline, flags: (customer?.flags ?? []) + stored.caseFlags)
    }

    // MARK: - One case

    /// A case with its timeline and the commands open to me.
    public func caseDetail(id: String) throws(DeskError) -> DeskCaseDetail {
        let stored = try find(id)
        let customer = data.customer(stored.customerID)
        return DeskCaseDetail(
            id: stored.id, customerID: stored.customerID, customerName: customer?.name ?? stored.customerID,
            customerFlags: customer?.flags ?? [], summary: stored.summary, kind: stored.kind, channel: stored.channel,
            state: stored.state, live: stored.live, identity: stored.identity, caseFlags: stored.caseFlags,
            requests: stored.requests, decision: stored.decision, holderName: data.person(stored.holderID)?.name,
            routedTo: stored.routedRole.map(ladder.title(of:)), opened: stored.opened, deadline: stored.deadline,
            timeline: stored.timeline, allowed: allowed(stored))
    }

    private func allowed(_ stored: InMemoryDeskData.StoredCase) -> Set<CaseCommandKind> {
        var commands: Set<CaseCommandKind> = []
        let holding = stored.holderID == me.id
        let transitions = CaseLifecycle.allowed(from: stored.state)
        if holding && transitions.contains(.escalate) && myRank < ladder.topRank { commands.insert(.escalate) }
        if holding && transitions.contains(.resolve) { commands.insert(.resolve) }
        if holding && transitions.contains(.return) && stored.escalatorID != nil { commands.insert(.return) }
        if stored.state == .escalated, let routed = stored.routedRole, let rank = ladder.rank(of: routed), myRank >= rank {
            commands.insert(.claim)
        }
        if holding && stored.state.isActive { commands.insert(.markIdentity) }
        return commands
    }

    private func find(_ id: String) throws(DeskError) -> InMemoryDeskData.StoredCase {
        guard let index = data.caseIndex(id) else { throw DeskError(.notFound, "There is no case \(id).") }
        return data.cases[index]
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
                            openCases: data.cases.filter { $0.customerID == customer.id && $0.state.isActive }.count)
            }
    }

    /// Adds a customer after checking the name and flags.
    public func addCustomer(name: String, contact: String, flags: [String]) throws(DeskError) -> String {
        guard name.hasVisibleText else { throw DeskError(.invalid, "A customer needs a name.") }
        if let unknown = flags.first(where: { !data.centre.customerFlags.contains($0) }) {
            throw DeskError(.invalid, "\"\(unknown)\" is not a customer flag; flags are \(data.centre.customerFlags.joined(separator: ", ")).")
        }
        return data.addCustomer(name: FreeText.trimmed(name), contact: FreeText.trimmed(contact), flags: flags)
    }

    // MARK: - Decisions

    /// The decision a draft case would get.
    public func preview(_ draft: DeskNewCase) throws(DeskError) -> Decision {
        guard let customer = data.customer(draft.customerID) else { throw DeskError(.notFound, "There is no customer \(draft.customerID).") }
        let context = context(customer: customer, caseFlags: draft.caseFlags, channel: draft.channel,
                              identityVerified: draft.identityVerified, counting: nil)
        return try decide(handler: me.roleID, requests: draft.requests, context: context)
    }

    /// Whether I may grant `grants` on a case.
    public func previewResolution(caseID: String, grants: [RemedyRequest]) throws(DeskError) -> Decision {
        let stored = try find(caseID)
        return try decide(handler: me.roleID, requests: grants, context: context(for: stored))
    }

    private func decide(handler: String, requests: [RemedyRequest], context: DecisionContext) throws(DeskError) -> Decision {
        do {
            return try data.policy.decide(handler: handler, requests: requests, context: context)
        } catch {
            throw DeskError(.invalid, error.description.capitalisedSentence)
        }
    }

    private func context(for stored: InMemoryDeskData.StoredCase) -> DecisionContext {
        let customer = data.customer(stored.customerID) ?? .init(id: stored.customerID, name: "", contact: "", flags: [])
        return context(customer: customer, caseFlags: stored.caseFlags, channel: stored.channel,
                       identityVerified: stored.identity == .verified, counting: stored.id)
    }

    /// The case context with the repeat-contact counts and rolling grant totals every rule and
    /// cap names. `counting` is the case being decided (nil for a case not yet opened, which
    /// then counts as one more contact).
    private func context(customer: InMemoryDeskData.StoredCustomer, caseFlags: [String], channel: String,
                         identityVerified: Bool, counting caseID: String?) -> DecisionContext {
        let now = data.clock()
        var contacts = ContactHistory()
        for days in Self.contactWindows(data.policy.referrals.map(\.when)) {
            let since = now.addingTimeInterval(-Double(days) * 86_400)
            let earlier = data.cases.filter { $0.customerID == customer.id && $0.opened >= since }.count
            contacts.byDays[days] = earlier + (caseID == nil ? 1 : 0)
        }
        if contacts.byDays.isEmpty { contacts.everyWindow = 1 }
        var granted = GrantHistory()
        for (a, action) in data.policy.matrix.actions.enumerated() {
            for cell in data.policy.matrix.cells[a] {
                guard case .limit(_, let rolling?) = cell.authority else { continue }
                let since = now.addingTimeInterval(-Double(rolling.days) * 86_400)
                let total = data.grants.filter { $0.customerID == customer.id && $0.action == action.id && $0.at >= since }
                    .reduce(Int64(0)) { $0 + $1.minor }
                granted.byAction[action.id, default: [:]][rolling.days] = total
            }
        }
        return DecisionContext(customerFlags: customer.flags, caseFlags: caseFlags, channel: channel,
                               identityVerified: identityVerified, contacts: contacts, granted: granted)
    }

    private static func contactWindows(_ conditions: [ReferralCondition]) -> Set<Int> {
        var windows: Set<Int> = []
        for condition in conditions {
            switch condition {
            case .repeatContacts(_, let days): windows.insert(days)
            case .all(let inner), .any(let inner): windows.formUnion(contactWindows(inner))
            default: break
            }
        }
        return windows
    }

    // MARK: - Commands

    /// Opens a case held by me, with the decision the engine takes on it.
    public func openCase(_ draft: DeskNewCase) throws(DeskError) -> (caseID: String, decision: Decision) {
        guard draft.summary.hasVisibleText else { throw DeskError(.invalid, "A case needs a summary.") }
        let decision = try preview(draft)
        let at = data.clock()
        let id = data.newCaseID()
        let deadline = draft.kind == "complaint" ? at.addingTimeInterval(56 * 86_400) : nil
        data.cases.append(.init(
            id: id, customerID: draft.customerID, summary: FreeText.trimmed(draft.summary), kind: draft.kind, channel: draft.channel,
            live: draft.live, identity: draft.identityVerified ? .verified : .unchecked, caseFlags: draft.caseFlags,
            requests: draft.requests, decision: decision, state: .open, holderID: me.id, routedRole: nil, openerID: me.id,
            escalatorID: nil, opened: at, deadline: deadline,
            timeline: [entry("Opened: " + DeskText.headline(decision, ladder: ladder))]))
        data.touch()
        return (id, decision)
    }

    /// Escalates to where the decision routes (or one rung up when within authority).
    public func escalate(caseID: String, note: String) throws(DeskError) {
        guard note.hasVisibleText else { throw DeskError(.invalid, "An escalation needs a note for the next handler.") }
        var stored = try find(caseID)
        guard allowed(stored).contains(.escalate) else {
            throw .notPermitted("You cannot escalate \(caseID) while it is \(stored.state.rawValue).")
        }
        let decision = try decide(handler: me.roleID, requests: stored.requests, context: context(for: stored))
        let required = decision.verdict == .withinAuthority ? myRank + 1 : (decision.routeTo.flatMap(ladder.rank(of:)) ?? myRank + 1)
        let route = ladder.role(at: min(ladder.topRank, max(required, myRank + 1))).id
        stored.decision = decision
        stored.state = .escalated
        stored.routedRole = route
        stored.escalatorID = me.id
        stored.holderID = nil
        stored.timeline.append(entry("Escalated to \(ladder.title(of: route))", why: FreeText.trimmed(note)))
        save(stored)
    }

    /// Claims an escalated case routed to my level or below.
    public func claim(caseID: String) throws(DeskError) {
        var stored = try find(caseID)
        guard stored.state == .escalated else {
            let who = data.person(stored.holderID)?.name
            throw DeskError(.conflict, who.map { "\(caseID) was claimed by \($0) a moment ago." }
                ?? "\(caseID) is \(stored.state.rawValue), so it cannot be claimed.")
        }
        guard allowed(stored).contains(.claim) else {
            throw .notPermitted("\(caseID) is routed to \(ladder.title(of: stored.routedRole ?? "")); a \(me.roleTitle) cannot claim it.")
        }
        stored.state = .claimed
        stored.holderID = me.id
        stored.timeline.append(entry("Claimed"))
        save(stored)
    }

    /// Returns a claimed case to whoever escalated it, with guidance.
    public func returnCase(caseID: String, guidance: String) throws(DeskError) {
        guard guidance.hasVisibleText else { throw DeskError(.invalid, "A return needs guidance for the handler.") }
        var stored = try find(caseID)
        guard allowed(stored).contains(.return), let back = stored.escalatorID else {
            throw .notPermitted("Only the handler holding \(caseID) can return it.")
        }
        stored.state = .returned
        stored.holderID = back
        stored.routedRole = nil
        stored.timeline.append(entry("Returned to \(data.person(back)?.name ?? back)", why: FreeText.trimmed(guidance)))
        save(stored)
    }

    /// Resolves a case after checking rationale, root cause and every grant against my authority.
    public func resolve(caseID: String, _ resolution: DeskResolution) throws(DeskError) {
        var stored = try find(caseID)
        guard allowed(stored).contains(.resolve) else {
            throw .notPermitted("Only the handler holding \(caseID) can resolve it.")
        }
        guard resolution.rationale.hasVisibleText else {
            throw DeskError(.invalid, "A rationale is required: say why you decided this.")
        }
        guard data.centre.rootCauses.contains(resolution.rootCause) else {
            throw DeskError(.invalid, "Choose a root cause for \(caseID).")
        }
        let decision = try decide(handler: me.roleID, requests: resolution.grants, context: context(for: stored))
        guard decision.verdict == .withinAuthority else {
            let role = ladder.title(of: decision.required)
            throw .notPermitted("You may not grant this; it needs a \(role): " + decision.reasons.map(\.detail).joined(separator: " "))
        }
        let at = data.clock()
        for grant in resolution.grants {
            if let amount = grant.amount {
                data.grants.append(.init(customerID: stored.customerID, action: grant.action, minor: amount.minor, at: at))
            }
        }
        let granted = resolution.grants.map { DeskText.remedy($0, actions: data.centre.actions) }
        stored.state = .resolved
        stored.decision = decision
        stored.timeline.append(entry(
            "Resolved: \(DeskText.outcome(resolution.outcome))" + (granted.isEmpty ? "" : ", granted " + granted.joined(separator: ", "))
                + " (root cause \(resolution.rootCause))",
            why: FreeText.trimmed(resolution.rationale)))
        save(stored)
    }

    /// Records an identity check.
    public func markIdentity(caseID: String, verified: Bool) throws(DeskError) {
        var stored = try find(caseID)
        guard allowed(stored).contains(.markIdentity) else {
            throw .notPermitted("Only the handler holding \(caseID) can record an identity check.")
        }
        stored.identity = verified ? .verified : .failed
        stored.timeline.append(entry(verified ? "Identity verified" : "Identity check failed"))
        save(stored)
    }

    /// The matrix in force.
    public func matrix() throws(DeskError) -> AuthorityMatrix { data.policy.matrix }

    /// The referral rules in force.
    public func referralRules() throws(DeskError) -> [ReferralRule] { data.policy.referrals }

    private func entry(_ what: String, why: String? = nil) -> DeskTimelineEntry {
        DeskTimelineEntry(at: data.clock(), actorName: me.name, actorRole: me.roleTitle, what: what, why: why)
    }

    private func save(_ stored: InMemoryDeskData.StoredCase) {
        if let index = data.caseIndex(stored.id) { data.cases[index] = stored }
        data.touch()
    }
}
