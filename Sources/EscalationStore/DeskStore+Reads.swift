import EscalationCore
import Foundation

extension DeskStore {
    /// A case with its whole timeline: who (name and role), when, what, and why, with the
    /// free text decrypted (sanitising it for a terminal is the UI's job).
    public func caseDetail(id: String) throws(StoreError) -> CaseDetail {
        let rules = rules
        return try query { reader in
            var views = CaseViews(rules: rules, reader: reader)
            return try views.detail(try rules.existingCase(reader, id))
        }
    }

    /// One page of a queue, most urgent first: live calls, then the nearest deadline, then
    /// the oldest. Only the page is read, never every case. Each case comes with its
    /// customer's name and flags.
    ///
    /// - Parameters:
    ///   - state: only cases in this state; nil shows active cases (all cases for `.all`). A
    ///     search finds cases in every state.
    ///   - limit: at most this many (capped at 1,000).
    public func listCases(queue: CaseQueue, state: CaseState? = nil, limit: Int = 50,
                          offset: Int = 0) throws(StoreError) -> CasePage {
        guard let filter = try filter(queue, state) else { return try searchCases(queue, limit: limit, offset: offset) }
        let rules = rules
        let limit = min(max(limit, 0), 1000)
        let offset = max(offset, 0)
        return try query { reader in
            let total = try reader.countCases(filter)
            let rows = try reader.listCases(filter, limit: limit, offset: offset, total: total, currency: rules.centre.currency)
            var views = CaseViews(rules: rules, reader: reader)
            let cases = try rows.map { try views.listed($0) }
            return CasePage(cases: cases, total: total, offset: offset)
        }
    }

    /// One page of a queue without counting the whole queue: a desk paging through a
    /// million cases asks for the count once per change, not on every PageDown.
    ///
    /// - Parameter total: the queue's size as last counted, if known: a page in the far
    ///   half is then read from the other end (End on a million cases costs what Home does).
    public func casePage(queue: CaseQueue, state: CaseState? = nil, limit: Int = 50,
                         offset: Int = 0, total: Int? = nil) throws(StoreError) -> [CaseSummary] {
        guard let filter = try filter(queue, state) else { return try searchCases(queue, limit: limit, offset: offset).cases }
        let rules = rules
        let limit = min(max(limit, 0), 1000)
        let offset = max(offset, 0)
        return try query { reader in
            var views = CaseViews(rules: rules, reader: reader)
            return try reader.listCases(filter, limit: limit, offset: offset, total: total, currency: rules.centre.currency)
                .map { try views.listed($0) }
        }
    }

    /// How many cases a queue holds (in one state, or active ones; every case for `.all`,
    /// every match for a search).
    public func countCases(queue: CaseQueue, state: CaseState? = nil) throws(StoreError) -> Int {
        guard let filter = try filter(queue, state) else { return try searchCases(queue, limit: 0, offset: 0).total }
        return try query { try $0.countCases(filter) }
    }

    /// The listing indexes' filter for a queue, or nil for a search (`searchCases` reads it).
    /// Which team's referrals are a person's is the core's `TeamRouting`.
    func filter(_ queue: CaseQueue, _ state: CaseState?) throws(StoreError) -> CaseFilter? {
        switch queue {
        case .mine(let staffID): return .holder(staffID, state: state)
        case .role(let role): return .queueRole(role, state: state)
        case .referred(let role, let staffID):
            return .referred(role: role, staffID: staffID, view: try referralView(staffID, role: role), state: state)
        case .otherTeams(let role, let staffID):
            guard case .team(_, let others) = try referralView(staffID, role: role) else {
                return .otherTeams(role: role, teams: [], state: state)
            }
            return .otherTeams(role: role, teams: others, state: state)
        case .escalatedBy(let staffID): return .escalatedBy(staffID, state: state)
        case .all: return .all(state: state)
        case .search: return nil
        }
    }

    /// The waiting referrals at `role` a person sees as theirs (their own role, or one an
    /// acting cover gives them: the team is theirs either way); role-wide for someone not
    /// on the staff list.
    private func referralView(_ staffID: String, role: String) throws(StoreError) -> ReferralView {
        guard let member = rules.rulebook.member(staffID) else { return .roleWide }
        return rules.rulebook.teams.view(for: member.working(as: role))
    }

    /// A search queue's page (nothing for another queue).
    private func searchCases(_ queue: CaseQueue, limit: Int, offset: Int) throws(StoreError) -> CasePage {
        guard case .search(let text) = queue else { return CasePage(cases: [], total: 0, offset: offset) }
        return try searchCases(text, limit: limit, offset: offset)
    }

    /// How many cases wait in and are held at each role's queue: every role on the ladder
    /// with an active case, in role id order.
    public func queueCounts() throws(StoreError) -> [QueueCount] {
        let roles = rules.ladder.roles.map(\.id)
        return try query { try $0.queueCounts(roles: roles) }
    }

    /// A number that changes whenever any process commits: a desk polls it to notice other
    /// desks' writes (an observation of this process's connections would miss theirs).
    public func dataVersion() throws(StoreError) -> Int {
        try Self.guarded(path) { try ledger.dataVersion() }
    }

    /// How many events the log holds.
    public func eventCount() throws(StoreError) -> Int {
        try query { try $0.eventCount() }
    }

    /// The customer of a case: their other cases (newest first, at most `limit`, each with
    /// what it granted) and what they were granted of each capped action in each rolling
    /// window up to `now`, on one snapshot.
    public func customerHistory(caseID: String, now: Date, limit: Int = 10) throws(StoreError) -> CustomerHistory {
        let rules = rules
        let currency = rules.centre.currency
        return try Self.guarded(path) {
            try ledger.audit { reader in
                guard let this = try reader.case(id: caseID, currency: currency) else { throw StoreError.unknownCase(caseID) }
                let others = try reader.cases(customer: this.customerID, currency: currency)
                    .filter { $0.id != caseID }.sorted { $0.receivedAt > $1.receivedAt }
                var views = CaseViews(rules: rules, reader: reader)
                let shown = try others.prefix(max(0, limit)).map { c in
                    CustomerHistory.OtherCase(summary: try views.summary(c), grants: try reader.grants(caseID: c.id).map {
                        RemedyRequest(action: $0.action, amount: Money(minor: $0.minor, currency: currency))
                    })
                }
                let ms = Millis.from(now)
                var windows: [CustomerHistory.WindowTotal] = []
                for action in rules.policy.matrix.actions {
                    for days in rules.windows.rolling[action.id] ?? [] {
                        let total = try reader.grantedTotal(customer: this.customerID, action: action.id,
                                                            after: ms - Int64(days) * Millis.day)
                        windows.append(.init(action: action.id, days: days, granted: Money(minor: total, currency: currency)))
                    }
                }
                return CustomerHistory(otherCases: shown, otherCaseCount: others.count, windows: windows)
            }
        }
    }

    /// What `actor` may do to the case now, as the core's rulebook answers it on the case as
    /// stored (the desk offers exactly these keys; the store still has the last word, on
    /// authority and on races). An acting cover in effect `at` counts, as it does when the
    /// command is taken (an acting team leader may claim from the team leaders' queue).
    public func commands(caseID: String, actor: String, at now: Date) throws(StoreError) -> Set<CaseCommandKind> {
        let person = try member(actor)
        let rules = rules
        return try query { reader in
            let member = try Self.deciding(person, reader: reader, at: Millis.from(now), ladder: rules.ladder).member
            let c = try rules.existingCase(reader, caseID)
            let resolvedBy = c.state == .resolved ? try reader.latestResolution(caseID: caseID) : nil
            return rules.rulebook.commands(for: member, on: c, resolvedBy: resolvedBy.map { ($0.resolver, $0.role) })
        }
    }

    /// The letters the actor may send on the case at `now` (`CaseRulebook.letterKinds`), an
    /// acting cover counted as for every other command.
    public func letterKinds(caseID: String, actor: String, at now: Date) throws(StoreError) -> [LetterKind] {
        let person = try member(actor)
        let rules = rules
        return try query { reader in
            let member = try Self.deciding(person, reader: reader, at: Millis.from(now), ladder: rules.ladder).member
            return rules.rulebook.letterKinds(for: member, on: try rules.existingCase(reader, caseID))
        }
    }

    /// Whether text written on this case now goes unkept, because its customer has been
    /// erased (the case can still be worked; nothing new about the person is stored).
    public func withholdsText(caseID: String) throws(StoreError) -> Bool {
        let rules = rules
        return try query { reader in
            try reader.key(owner: try rules.existingCase(reader, caseID).customerID) == nil
        }
    }

    /// Recomputes the hash chain and names the first event that does not match; checks the
    /// configuration and mode against the chain, and every projection the desk reads against
    /// the one its events rebuild (`RecordVerifier`), naming the first case that differs.
    public func verifyChain() throws(StoreError) -> ChainVerification {
        let rules = rules
        return try Self.guarded(path) {
            var result = try ledger.audit { try RecordVerifier.verify($0, rules: rules) }
            for table in try ledger.textIndexFaults() where result.mismatches.count < RecordMismatch.limit {
                result.mismatches.append(RecordMismatch(table: table, key: nil,
                                                        detail: "SQLite's integrity check finds the search index damaged"))
            }
            return result
        }
    }

    /// Everything held on one person, decrypted, for a subject-access request. The export
    /// is itself recorded as an event (who asked, when). Needs `export_personal_data`.
    public func exportCustomer(id: String, actor: String, now: ActionClock) throws(StoreError) -> CustomerExport {
        let member = try member(actor)
        return try command(at: now) { commands, ms in
            try commands.rules.requirePower("export_personal_data", actor: member, doing: "export personal data")
            guard let customer = try commands.tx.customer(id: id) else { throw StoreError.unknownCustomer(id) }
            var views = CaseViews(rules: commands.rules, reader: commands.tx)
            let vault = try views.vault(id)
            let cases = try commands.tx.cases(customer: id, currency: commands.rules.centre.currency).map { try views.detail($0) }
            try EventChain.append(commands.tx, caseID: nil, at: ms, actor: member.id, kind: .customerExported, payload: .object([
                "customer": .string(id),
                "cases": .int(Int64(cases.count)),
                "actor_role": .string(member.role),
            ]))
            let record = CustomerRecord(
                id: id, name: customer.nameSealed.flatMap { vault?.open($0) },
                contact: customer.contactSealed.flatMap { vault?.open($0) }, flags: customer.flags,
                createdAt: Millis.date(customer.createdAt), erasedAt: customer.erasedAt.map(Millis.date),
                calendar: customer.calendar)
            return CustomerExport(customer: record, cases: cases, exportedAt: Millis.date(ms), exportedBy: member.id)
        }
    }
}
