import EscalationCore

/// What `audit authority` found: how many grants it judged, under which versions, and every
/// remedy granted outside its granter's authority, in log order.
public struct AuthorityAuditReport: Sendable, Hashable, Codable {
    /// Remedies granted (each a grant row), across `resolutions` resolutions.
    public var grants = 0
    public var resolutions = 0
    /// The matrix versions the grants were judged under, in version order.
    public var versions: [String] = []
    public var breaches: [AuthorityBreach] = []
}

/// Replays every resolution that granted something, in log order, from the events alone
/// (the chain-covered record, never a projection a hand could have edited): each case as
/// the core's fold leaves it just before, each customer's contacts and grants recorded
/// before it, the version in force at its time from the governance events, and the role
/// the resolver held then (the staff list, raised by an acting cover approved by then).
/// The judgement is the core's (`AuthorityAudit`).
///
/// Streams the log once. A case is kept only while it is active: once resolved it is
/// dropped, and folded again from its own events (read through the case index) if it is
/// resolved again after a reopening.
struct AuthorityReplay {
    let reader: any LedgerAuditReader
    let centre: Centre
    let path: String

    private struct VersionRules {
        let rulebook: CaseRulebook
        let windows: ContextWindows
    }

    func run() throws -> AuthorityAuditReport {
        if case .broken(let mismatch) = try GovernanceBinding.rebuilt(reader) {
            throw StoreError.recordAltered(path: path, mismatch.description)
        }
        // The versions as they stood at each moment, folded in log order with the cases: a
        // version approved in the same millisecond just after a grant was not the desk's then.
        guard var register = try GovernanceBinding.founding(reader) else {
            throw StoreError.recordAltered(path: path, "the event that created the database does not name its first matrix version")
        }
        let roleOf = CaseRulebook(policy: centre.policy, staff: centre.staff).role(of:)
        var byVersion: [String: VersionRules] = [:]
        func rules(at t: Int64) throws -> VersionRules {
            guard let version = register.deciding(at: t) else {
                throw StoreError.corrupt("no matrix version is approved")
            }
            if let known = byVersion[version.id] { return known }
            let policy = try PolicyBook.policy(reader, version: version, path: path)
            let made = VersionRules(rulebook: CaseRulebook(policy: policy, staff: centre.staff, referralScope: centre.referralScope),
                                    windows: ContextWindows(policy))
            byVersion[version.id] = made
            return made
        }

        var report = AuthorityAuditReport()
        var customers: [String: CustomerReplay] = [:]
        var active: [String: Case] = [:]
        // Acting covers as they stood at each moment: granted, approved and ended in log order.
        var covers = CoverRegister()
        let currency = centre.currency
        try reader.forEachEvent { e in
            guard let caseID = e.caseID else {
                if e.kind == EventKind.customerAdded.rawValue, let payload = try? JSONValue.parse(e.payload),
                   let added = try CaseFold.customer(e, payload, before: nil) {
                    customers[added.id] = CustomerReplay(flags: added.flags)
                } else if let step = MatrixEvents.event(e) {
                    do throws(MatrixFoldError) { register = try register.applying(step, actor: e.actor, at: e.at, seq: e.seq) } catch {
                        throw StoreError.recordAltered(path: path, "\(error.description); run escdesk audit verify")
                    }
                } else if let kind = EventKind(rawValue: e.kind), CoverEvents.kinds.contains(kind) {
                    guard let step = CoverEvents.event(e) else {
                        throw StoreError.recordAltered(path: path, "event \(e.seq): its payload cannot be read; run escdesk audit verify")
                    }
                    do throws(CoverFoldError) { covers = try covers.applying(step, actor: e.actor, at: e.at) } catch {
                        throw StoreError.recordAltered(path: path, "\(error.description); run escdesk audit verify")
                    }
                }
                return
            }
            let kind = EventKind(rawValue: e.kind)
            // Events of a case no longer active matter only once it is resolved again, or
            // when they move when its contact was received (which later decisions count).
            guard kind == .caseOpened || kind == .caseResolved || kind == .caseReceiptCorrected || active[caseID] != nil else {
                return
            }
            let record = try Self.record(e, currency: currency, path: path)
            switch record.event {
            case .opened:
                let opened = try Self.folding(path) { () throws(CaseFoldError) in try Case.opened(record) }
                customers[opened.customerID, default: CustomerReplay(flags: [])].received(caseID, at: opened.receivedAt)
                active[caseID] = opened
            case .receiptCorrected(let to, _):
                if let c = active[caseID] {
                    active[caseID] = try Self.folding(path) { () throws(CaseFoldError) in try c.applying(record, roleOf: roleOf) }
                }
                let customer = try active[caseID]?.customerID ?? refold(caseID, before: record.seq, roleOf: roleOf).customerID
                customers[customer, default: CustomerReplay(flags: [])].received(caseID, at: to)
            case .resolved(let resolution):
                let before = try active.removeValue(forKey: caseID) ?? refold(caseID, before: record.seq, roleOf: roleOf)
                _ = try Self.folding(path) { () throws(CaseFoldError) in try before.applying(record, roleOf: roleOf) }
                guard !resolution.grants.isEmpty else { return }
                let grant = RecordedGrant(caseID: caseID, seq: record.seq, at: record.at, actor: record.actor,
                                          role: record.actorRole, grants: resolution.grants)
                let version = try rules(at: record.at)
                let customer = customers[before.customerID] ?? CustomerReplay(flags: [])
                let context = customer.context(version.windows, caseFlags: before.caseFlags, channel: before.channel,
                                               identityVerified: before.identityVerified, requests: resolution.grants,
                                               now: record.at)
                // The role the resolver held then (staff list and acting cover), never the one recorded.
                let held = version.rulebook.member(record.actor)
                    .map { covers.role(of: $0, at: record.at, ladder: version.rulebook.policy.ladder).role }
                report.breaches += AuthorityAudit.breaches(of: grant, on: before, context: context, rulebook: version.rulebook,
                                                           heldRole: held)
                report.grants += resolution.grants.count
                report.resolutions += 1
                let id = version.rulebook.policy.matrix.version
                if !report.versions.contains(id) { report.versions.append(id) }
                customers[before.customerID, default: CustomerReplay(flags: [])].granted(resolution.grants, at: record.at)
            default:
                if let c = active[caseID] {
                    active[caseID] = try Self.folding(path) { () throws(CaseFoldError) in try c.applying(record, roleOf: roleOf) }
                }
            }
        }
        report.versions.sort { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }
        return report
    }

    /// A case as its events before `seq` leave it (a case resolved again after a reopening).
    private func refold(_ caseID: String, before seq: Int64, roleOf: (String) -> String?) throws -> Case {
        let records = try reader.events(caseID: caseID).filter { $0.seq < seq }.map { try Self.record($0, currency: centre.currency, path: path) }
        return try Self.folding(path) { () throws(CaseFoldError) in try Case.fold(records, roleOf: roleOf) }
    }

    private static func record(_ e: StoredEvent, currency: Currency, path: String) throws -> CaseEventRecord {
        try folding(path) { () throws(CaseFoldError) in try CaseEventCodec.record(e, currency: currency) }
    }

    /// An event the core cannot fold is a log no command writes: `audit verify` names it.
    private static func folding<T>(_ path: String, _ body: () throws(CaseFoldError) -> T) throws -> T {
        do { return try body() } catch {
            throw StoreError.recordAltered(path: path, "\(error.description); run escdesk audit verify")
        }
    }
}

extension DeskStore {
    /// Proof of authority (`audit authority`): every grant in the log judged again under the
    /// version in force at its time (`AuthorityReplay`), on one snapshot.
    public func auditAuthority() throws(StoreError) -> AuthorityAuditReport {
        let (centre, path) = (centre, path)
        return try Self.guarded(path) {
            try ledger.audit { reader in try AuthorityReplay(reader: reader, centre: centre, path: path).run() }
        }
    }
}
