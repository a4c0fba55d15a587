import DeskUI
import EscalationCore
import Foundation

/// A working `DeskService` in memory, for screen tests: cases, customers, timelines and queue
/// order over `InMemoryDeskData`, whose commands ask the core's `CaseRulebook` and fold the
/// core's events, and whose decisions are `EscalationPolicy.decide` with rolling totals and
/// repeat counts, as the store makes them. What the screens are offered (`commands`) is the
/// rulebook's answer too. It answers in the core's values, as `StoreDeskService` does.
public final class InMemoryDeskService: DeskService {
    /// The shared cases and customers (other desks may hold the same data).
    public let data: InMemoryDeskData
    /// The person at this desk.
    public let me: DeskPerson
    /// The same person as the rulebook knows them.
    let member: StaffMember
    /// Rows handed out by `queuePage`, counted so tests can prove the queue is paged.
    public private(set) var rowsRequested = 0
    /// Clock sweeps this desk asked for, so tests can prove it sweeps once a minute.
    public internal(set) var sweepsRun = 0

    /// A desk for `personID` over `data`.
    /// - Precondition: the person is in `data.staff`.
    public init(data: InMemoryDeskData, personID: String) {
        self.data = data
        guard let person = data.staff.first(where: { $0.id == personID }) else {
            preconditionFailure("no staff member \(personID)")
        }
        member = data.member(personID)
        var shown = person
        shown.coversOtherTeams = data.rulebook.teams.seesOtherTeams(member)
        me = shown
    }

    /// The centre's choices.
    public var centre: DeskCentreInfo {
        var centre = data.centre
        centre.clockTitles = Dictionary(data.clocks.map { ($0.id, $0.title) }) { first, _ in first }
        return centre
    }

    /// The shared clock.
    public func now() -> Date { data.clock() }

    /// The shared write counter.
    public func changeToken() throws(DeskError) -> Int64 { data.version }

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
        return page.map { summary($0) }
    }

    /// The cases a queue holds: mine are the active cases I opened or hold; referred, other
    /// teams' and who escalated a case are the core's answers (`TeamRouting`); a search also
    /// matches summaries.
    private func filtered(_ queue: CaseQueue) -> [Case] {
        let cases = data.cases.map(\.folded)
        switch queue {
        case .mine(let staffID):
            return cases.filter { $0.state.isActive && ($0.holder == staffID || $0.openedBy == staffID) }
        case .role(let role):
            return cases.filter { $0.state.isActive && $0.queueRole == role }
        case .referred(let role, let staffID):
            let person = data.member(staffID)
            return cases.filter { $0.queueRole == role && rulebook.teams.isReferred($0, to: person) }
        case .otherTeams(let role, let staffID):
            let person = data.member(staffID)
            return cases.filter { $0.queueRole == role && rulebook.teams.isForOtherTeam($0, member: person) }
        case .escalatedBy(let staffID):
            return data.cases.filter { CaseOutcome.escalators(of: $0.records).contains(staffID) }.map(\.folded)
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
        case .mine, .role, .referred, .otherTeams, .escalatedBy:
            return cases.sorted { a, b in
                if a.live != b.live { return a.live }
                if a.deadlineAt != b.deadlineAt { return a.deadlineAt < b.deadlineAt }
                return a.receivedAt < b.receivedAt
            }
        case .all, .search:
            return cases.sorted { $0.receivedAt != $1.receivedAt ? $0.receivedAt > $1.receivedAt : $0.id > $1.id }
        }
    }

    /// A case as folded; as a list line (`listing`) with its customer's name and flags.
    private func summary(_ c: Case, listing: Bool = true) -> CaseSummary {
        let customer = listing ? data.customer(c.customerID) : nil
        // The unmet clock due earliest, as the store's `case_clocks` read finds it.
        let nearest = c.state.isActive ? (try? data.clockStatuses(c.id, at: now()))?.filter { $0.state != .met }.min { $0.due < $1.due } : nil
        return CaseSummary(
            id: c.id, customerID: c.customerID, kind: c.kind, channel: c.channel, state: c.state, live: c.live,
            queueRole: c.queueRole, holder: c.holder, holderName: c.holder.map(rulebook.name(of:)),
            receivedAt: InMemoryDeskData.date(c.receivedAt), deadlineAt: InMemoryDeskData.date(c.deadlineAt),
            summary: c.summary, version: c.version, customerName: customer?.name, customerFlags: customer?.flags,
            outcome: listing && !c.state.isActive ? outcome(of: c.id) : nil, queueTeam: c.queueTeam)
            .withNearestDue(nearest?.due, warnAt: nearest?.warnAt)
    }

    /// The outcome of a case's latest resolution, as the store lists it.
    private func outcome(of caseID: String) -> Outcome? {
        guard let stored = try? data.stored(caseID) else { return nil }
        for record in stored.records.reversed() {
            if case .resolved(let r) = record.event { return r.outcome }
        }
        return nil
    }

    // MARK: - One case

    /// A case with its timeline, as the store reads one: the fold of its events, its
    /// customer, and an entry for each event.
    public func caseDetail(id: String) throws(DeskError) -> CaseDetail {
        let stored = try data.stored(id)
        let c = stored.folded
        let customer = data.customer(c.customerID)
        let timeline = stored.records.map(entry)
        return CaseDetail(
            summary: summary(c, listing: false), customerName: customer?.name, customerFlags: customer?.flags ?? [],
            caseFlags: c.caseFlags, identityVerified: c.identityVerified,
            identityChecked: TimelineEntry.latestIdentityCheck(in: timeline), requests: c.requests, decision: c.decision,
            escalatedBy: c.escalatedBy, timeline: timeline)
    }

    /// What became of the cases I referred since `after`: the core's `CaseOutcome.kind` over
    /// the newer events, as the store reads them.
    public func outcomes(after: Int64?) throws(DeskError) -> CaseOutcomes {
        let newest = data.cases.flatMap(\.records).map(\.seq).max() ?? 0
        guard let after else { return CaseOutcomes(outcomes: [], through: newest) }
        let found = data.cases.flatMap { stored in
            stored.records.compactMap { record -> CaseOutcome? in
                guard record.seq > after,
                      let kind = CaseOutcome.kind(of: record, escalators: CaseOutcome.escalators(of: stored.records),
                                                  holder: CaseOutcome.holder(before: record, in: stored.records, roleOf: rulebook.role(of:)),
                                                  for: me.id) else { return nil }
                var cover: String?
                var resolution: CaseResolution?
                var clock: (id: String, routeTo: String)?
                switch record.event {
                case .claimed(_, let team): cover = team
                case .resolved(let r): resolution = r
                case .clockEscalated(let id, let routeTo, _, _): clock = (id, routeTo)
                default: break
                }
                return CaseOutcome(seq: record.seq, caseID: record.caseID, kind: kind, at: InMemoryDeskData.date(record.at),
                                   actorID: record.actor, actorName: rulebook.name(of: record.actor), actorRole: record.actorRole,
                                   coverFor: cover, outcome: resolution?.outcome, grants: resolution?.grants ?? [],
                                   clock: clock?.id, routeTo: clock?.routeTo)
            }
        }.sorted { $0.seq < $1.seq }
        return CaseOutcomes(outcomes: found, through: max(after, newest))
    }

    /// What I may do now: the rulebook's answer, told who resolved the case if it is resolved.
    /// The customer's other cases, newest first, and their rolling totals, as the store gives them.
    public func customerHistory(caseID: String) throws(DeskError) -> CustomerHistory {
        let this = try data.stored(caseID).folded
        let others = data.cases.filter { $0.folded.customerID == this.customerID && $0.folded.id != caseID }
            .sorted { $0.folded.receivedAt > $1.folded.receivedAt }
        let shown = others.prefix(10).map { stored in
            CustomerHistory.OtherCase(summary: summary(stored.folded, listing: false),
                                      grants: stored.records.flatMap(InMemoryDeskData.grants))
        }
        return CustomerHistory(otherCases: Array(shown), otherCaseCount: others.count,
                               windows: data.windowTotals(customer: this.customerID, at: InMemoryDeskData.millis(data.clock())))
    }

    public func commands(caseID: String) throws(DeskError) -> Set<CaseCommandKind> {
        let stored = try data.stored(caseID)
        let resolved = stored.folded.state == .resolved
            ? stored.records.last { if case .resolved = $0.event { true } else { false } } : nil
        return rulebook.commands(for: deciding, on: stored.folded, resolvedBy: resolved.map { ($0.actor, $0.actorRole) })
    }

    /// One event as the store's timeline reads it: who, when, what and the text given (kept
    /// as typed: the double seals nothing).
    private func entry(_ record: CaseEventRecord) -> TimelineEntry {
        func entry(_ kind: EventKind, _ text: RecordedText? = nil, decision: Decision? = nil, routeTo: String? = nil,
                   resolution: CaseResolution? = nil, identityVerified: Bool? = nil, team: String? = nil,
                   coverFor: String? = nil, letter: SentLetter? = nil, clock: String? = nil, months: Int? = nil) -> TimelineEntry {
            var plain: String?
            if case .sealed(let typed)? = text { plain = typed }
            return TimelineEntry(
                seq: record.seq, at: InMemoryDeskData.date(record.at), actorID: record.actor,
                actorName: rulebook.name(of: record.actor), actorRole: record.actorRole, kind: kind, text: plain,
                textErased: text == .withheld, decision: decision, routeTo: routeTo, outcome: resolution?.outcome,
                grants: resolution?.grants ?? [], rootCause: resolution?.rootCause, identityVerified: identityVerified,
                team: team, coverFor: coverFor, letter: letter?.kind, letterSHA256: letter?.sha256, clock: clock, months: months)
        }
        switch record.event {
        case .opened(let o):
            return entry(.caseOpened, .sealed(o.summary), decision: o.decision, identityVerified: o.identityVerified ? true : nil)
        case .escalated(let routeTo, let decision, let note, let team):
            return entry(.caseEscalated, note, decision: decision, routeTo: routeTo, team: team)
        case .claimed(_, let coverFor): return entry(.caseClaimed, coverFor: coverFor)
        case .returned(let to, let note): return entry(.caseReturned, note, routeTo: to)
        case .resolved(let r): return entry(.caseResolved, r.rationale, decision: r.decision, resolution: r)
        case .closed: return entry(.caseClosed)
        case .reopened(let note): return entry(.caseReopened, note)
        case .identityMarked(let verified): return entry(.identityMarked, identityVerified: verified)
        case .letterSent(let letter): return entry(.letterSent, letter: letter)
        case .receiptCorrected(_, let rationale): return entry(.caseReceiptCorrected, rationale)
        case .clockEscalated(_, let routeTo, let team, let note): return entry(.caseClockEscalated, note, routeTo: routeTo, team: team)
        case .clockPaused(let clock, let reason): return entry(.caseClockPaused, reason, clock: clock)
        case .clockResumed(let clock): return entry(.caseClockResumed, clock: clock)
        case .clockExtended(let clock, let months, let reason): return entry(.caseClockExtended, reason, clock: clock, months: months)
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
        return try data.decide(role: deciding.role, requests: draft.requests, context: context)
    }

    /// Whether I may grant `grants` on a case, as resolving it (a delegation counts).
    public func previewResolution(caseID: String, grants: [RemedyRequest]) throws(DeskError) -> Decision {
        try data.previewResolution(caseID: caseID, grants: grants, by: deciding, at: at)
    }

    // MARK: - Commands

    /// Opens a case held by me, with the decision the engine takes on it.
    public func openCase(_ draft: NewCase) throws(DeskError) -> OpenedCase {
        try data.openCase(draft, by: deciding, at: at)
    }

    /// Escalates to where the rulebook routes the decision.
    public func escalate(caseID: String, note: String) throws(DeskError) {
        try data.escalate(caseID: caseID, note: note, by: deciding, at: at)
    }

    /// Claims an escalated case waiting for my role or one below.
    public func claim(caseID: String) throws(DeskError) {
        try data.claim(caseID: caseID, by: deciding, at: at)
    }

    /// Returns a claimed case to whoever escalated it, with guidance.
    public func returnCase(caseID: String, guidance: String) throws(DeskError) {
        try data.returnCase(caseID: caseID, guidance: guidance, by: deciding, at: at)
    }

    /// Resolves a case after checking rationale, root cause and every grant against my authority.
    public func resolve(caseID: String, _ resolution: Resolution) throws(DeskError) {
        try data.resolve(caseID: caseID, resolution, by: deciding, at: at)
    }

    /// Records an identity check.
    public func markIdentity(caseID: String, verified: Bool) throws(DeskError) {
        try data.markIdentity(caseID: caseID, verified: verified, by: deciding, at: at)
    }

    /// The matrix in force.
    public func matrix() throws(DeskError) -> AuthorityMatrix { data.policy.matrix }

    /// The referral rules in force.
    public func referralRules() throws(DeskError) -> [ReferralRule] { data.policy.referrals }
}
