import EscalationCore
import Foundation

/// Turns stored cases, customers and events into the plain values readers get, opening sealed text
/// with the customer's key (text reads as nil once the key is destroyed).
struct CaseViews {
    let rules: DeskRules
    let reader: any LedgerReader
    private var vaults: [String: Vault?] = [:]
    private var customers: [String: SealedCustomer?] = [:]

    init(rules: DeskRules, reader: any LedgerReader) {
        self.rules = rules
        self.reader = reader
    }

    mutating func vault(_ customer: String) throws -> Vault? {
        if let cached = vaults[customer] { return cached }
        let vault = try reader.key(owner: customer).map { Vault(keyBytes: $0) }
        vaults[customer] = vault
        return vault
    }

    /// A customer's record with name and contact unsealed (nil once their key is gone).
    mutating func record(_ row: SealedCustomer) throws -> CustomerRecord {
        let vault = try vault(row.id)
        return CustomerRecord(id: row.id, name: row.nameSealed.flatMap { vault?.open($0) },
                              contact: row.contactSealed.flatMap { vault?.open($0) }, flags: row.flags,
                              createdAt: Millis.date(row.createdAt), erasedAt: row.erasedAt.map(Millis.date),
                              calendar: row.calendar)
    }

    /// A case as a detail heads it: the customer is the detail's to carry.
    mutating func summary(_ c: Case) throws -> CaseSummary {
        try summary(c, customer: nil)
    }

    /// A case as a list shows it: with its customer's name (nil once erased) and flags, and
    /// how it ended when it is resolved or closed.
    mutating func listed(_ c: Case) throws -> CaseSummary {
        try summary(c, customer: customer(c.customerID), outcome: c.state.isActive ? nil : outcome(c))
    }

    /// The outcome of a case's latest resolution: a point read of its newest events (a closed
    /// case's resolution is the event before its closing, or a few before), never its history.
    private func outcome(_ c: Case) throws -> Outcome? {
        for seq in c.timeline.reversed().prefix(3) {
            guard let e = try reader.event(seq: seq), e.kind == EventKind.caseResolved.rawValue else { continue }
            return try JSONValue.parse(e.payload)["outcome"]?.string.flatMap(Outcome.init(rawValue:))
        }
        return nil
    }

    private mutating func summary(_ c: Case, customer: SealedCustomer?, outcome: Outcome? = nil) throws -> CaseSummary {
        let vault = try vault(c.customerID)
        let nearest = try nearestClock(c)
        return CaseSummary(id: c.id, customerID: c.customerID, kind: c.kind, channel: c.channel,
                           state: c.state, live: c.live, queueRole: c.queueRole,
                           holder: c.holder, holderName: rules.name(of: c.holder),
                           receivedAt: Millis.date(c.receivedAt), deadlineAt: Millis.date(c.deadlineAt),
                           summary: vault?.open(c.summary), version: c.version,
                           customerName: customer?.nameSealed.flatMap { vault?.open($0) }, customerFlags: customer?.flags,
                           outcome: outcome, queueTeam: c.queueTeam).withNearestDue(nearest?.due, warnAt: nearest?.warnAt)
    }

    /// The clock the case's queues order it by (the core's `ClockBook.nearest`, stored as
    /// `cases.due_at`), with its due time and warning point; nil when every clock is met or
    /// none applies. A clock met late stays `breached` in its row, so the row is found by
    /// that stored time rather than by the earliest unmet-looking one.
    private func nearestClock(_ c: Case) throws -> (due: Date, warnAt: Date)? {
        guard c.state.isActive, let number = CaseNumbers.number(ofID: c.id),
              let due = try reader.queueDue(caseNumber: number) else { return nil }
        return try reader.caseClocks(caseNumber: number)
            .first { $0.dueAt == due && $0.state != ClockState.met.rawValue }
            .map { (Millis.date($0.dueAt), Millis.date($0.warnAt)) }
    }

    /// A customer's record, read once however many of their cases a page lists.
    private mutating func customer(_ id: String) throws -> SealedCustomer? {
        if let cached = customers[id] { return cached }
        let row = try reader.customer(id: id)
        customers[id] = row
        return row
    }

    mutating func detail(_ c: Case) throws -> CaseDetail {
        let customer = try reader.customer(id: c.customerID)
        let vault = try vault(c.customerID)
        let timeline = try reader.events(caseID: c.id).map { try entry($0, vault: vault) }
        return CaseDetail(
            summary: try summary(c),
            customerName: customer?.nameSealed.flatMap { vault?.open($0) },
            customerFlags: customer?.flags ?? [], caseFlags: c.caseFlags, identityVerified: c.identityVerified,
            identityChecked: TimelineEntry.latestIdentityCheck(in: timeline),
            requests: c.requests, decision: c.decision, escalatedBy: c.escalatedBy, timeline: timeline)
    }

    /// The payload member holding each kind's free text: every text the search index keeps,
    /// and the sweep's own reason (not indexed).
    private static let textKey = CaseTextIndex.textFields.merging([.caseClockEscalated: "note"]) { kept, _ in kept }

    /// The kinds whose `clock` member names the clock a person changed.
    private static let clockKinds: Set<EventKind> = [.caseClockPaused, .caseClockResumed, .caseClockExtended]

    func entry(_ e: StoredEvent, vault: Vault?) throws -> TimelineEntry {
        let payload = try JSONValue.parse(e.payload)
        let kind = EventKind(rawValue: e.kind) ?? .caseOpened
        let sealed = Self.textKey[kind].flatMap { payload[$0]?.string }
        let text = sealed.flatMap { vault?.open($0) }
        let member = try? rules.member(e.actor)
        let currency = rules.centre.currency
        return TimelineEntry(
            seq: e.seq, at: Millis.date(e.at), actorID: e.actor, actorName: member?.name ?? e.actor,
            actorRole: payload["actor_role"]?.string ?? member?.role ?? "",
            kind: kind, text: text,
            textErased: (sealed != nil && text == nil) || payload[JSONValue.textWithheldKey]?.bool == true,
            decision: PayloadCodec.decision(payload["decision"]),
            routeTo: payload["route_to"]?.string ?? payload["to"]?.string,
            outcome: payload["outcome"]?.string.flatMap(Outcome.init(rawValue:)),
            grants: PayloadCodec.requests(payload["grants"], currency: currency),
            rootCause: payload["root_cause"]?.string,
            identityVerified: kind == .caseOpened ? (payload["identity_verified"]?.bool == true ? true : nil)
                : payload["verified"]?.bool,
            team: payload["team"]?.string, coverFor: payload["cover_for"]?.string,
            letter: kind == .letterSent ? payload["letter"]?.string.flatMap(LetterKind.init(rawValue:)) : nil,
            letterSHA256: kind == .letterSent ? payload["sha256"]?.string : nil,
            clock: Self.clockKinds.contains(kind) ? payload["clock"]?.string : nil,
            months: kind == .caseClockExtended ? payload["months"]?.int.map { Int(clamping: $0) } : nil)
    }
}
