import EscalationCore
import Foundation

/// The desk's writes, each run inside one ledger transaction: validate everything first,
/// then append the event and update the projections. A throw before the first write leaves
/// the transaction untouched, which lets the demo generator batch many commands in one.
struct DeskCommands {
    let rules: DeskRules
    let tx: any LedgerTransaction

    /// The vault of a customer whose status the command has read (with its key).
    func vault(for customer: CustomerStatus) throws -> Vault {
        guard let bytes = customer.key else { throw StoreError.customerErased(customer.id) }
        return Vault(keyBytes: bytes)
    }

    /// Free text written on a case, sealed under its customer's key. Once the customer is
    /// erased there is no key, and the text is not kept at all (`nil`): the case can still be
    /// escalated, returned, resolved and reopened, but nothing new about the person is stored.
    func sealedCaseText(_ text: String, customer: String) throws -> String? {
        guard let key = try tx.key(owner: customer) else { return nil }
        return try Vault(keyBytes: key).seal(text)
    }



    // MARK: Customers

    func addCustomer(_ new: NewCustomer, actor: StaffMember, now: Int64) throws {
        let id = new.id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, id.count <= 64, !id.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw StoreError.invalidValue(field: "customer id", value: new.id, allowed: ["1 to 64 characters without spaces"])
        }
        let name = try rules.checkedText(new.name, field: "customer name")
        let contact = try new.contact.map { try rules.checkedText($0, field: "contact") }
        try rules.checkFlags(new.flags, .customerFlag)
        if try tx.customer(id: id) != nil { throw StoreError.duplicateCustomer(id) }
        let keyBytes = Vault.newKeyBytes()
        let vault = Vault(keyBytes: keyBytes)
        let row = CustomerRow(id: id, nameSealed: try vault.seal(name), contactSealed: try contact.map(vault.seal),
                              flags: new.flags, createdAt: now, erasedAt: nil)
        try tx.insertKey(owner: id, bytes: keyBytes)
        try tx.insertCustomer(row)
        try tx.insertSearchTerms(customer: id, terms: SearchTerms.words(name))
        try EventChain.append(tx, caseID: nil, at: now, actor: actor.id, kind: .customerAdded, payload: .object([
            "customer": .string(id),
            "name": .string(row.nameSealed!),
            "contact": .optional(row.contactSealed),
            "flags": .strings(new.flags),
        ]))
    }

    /// Destroys the customer's key and sealed record. The caller purges residue afterwards.
    func eraseCustomer(_ id: String, actor: StaffMember, rationale: String, overrideRetention: Bool,
                       now: Int64) throws -> ErasureReceipt {
        try rules.requirePower("erase_personal_data", actor: actor, doing: "erase personal data")
        guard let customer = try tx.customer(id: id) else { throw StoreError.unknownCustomer(id) }
        if customer.erasedAt != nil { throw StoreError.customerErased(id) }
        let text = try rules.checkedText(rationale, field: "rationale")
        let from = try tx.latestReceipt(customer: id) ?? customer.createdAt
        let until = retentionEnd(from: from)
        let running = now < until
        if running {
            guard overrideRetention else { throw StoreError.retentionRunning(customer: id, until: Self.day(until)) }
            try rules.requirePower("override_retention", actor: actor, doing: "override the retention period")
        }
        // The rationale is staff text about the erasure, kept after the customer's key is
        // gone, so it is sealed under the centre's key rather than the customer's.
        guard let centreKey = try tx.key(owner: Vault.centreKeyOwner) else { throw StoreError.corrupt("the centre key is missing") }
        let sealed = try Vault(keyBytes: centreKey).seal(text)
        let cases = try tx.cases(customer: id).count
        let event = try EventChain.append(tx, caseID: nil, at: now, actor: actor.id, kind: .customerErased, payload: .object([
            "customer": .string(id),
            "rationale": .string(sealed),
            "retention_until": .int(until),
            "retention_overridden": .bool(running),
            "actor_role": .string(actor.role),
            "cases_kept": .int(Int64(cases)),
        ]))
        // The search index holds the name's words in plain text: they go in this transaction,
        // found from the name itself while its key still exists.
        let name = try tx.key(owner: id).flatMap { key in customer.nameSealed.flatMap { Vault(keyBytes: key).open($0) } }
        try tx.deleteSearchTerms(customer: id, terms: name.map(SearchTerms.words))
        try tx.deleteKey(owner: id)
        try tx.markCustomerErased(id: id, at: now)
        return ErasureReceipt(customerID: id, seq: event.seq, casesKept: cases, retentionOverridden: running)
    }

    /// When the retention period that starts at `from` ends, in the centre's time zone.
    func retentionEnd(from: Int64) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: rules.centre.timezone) ?? TimeZone(identifier: "UTC")!
        let r = rules.centre.retention
        let start = Millis.date(from)
        let end = calendar.date(byAdding: DateComponents(year: r.years, month: r.months, day: r.days), to: start) ?? start
        return Millis.from(end)
    }

    static func day(_ ms: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Millis.date(ms))
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Records an identity check. A held case: only its holder. A case waiting in a queue
    /// (escalated): whoever referred it (often still on the line) or anyone who could claim it.
    func markIdentity(caseID: String, verified: Bool, actor: StaffMember, now: Int64) throws {
        var row = try caseRow(caseID)
        guard CaseState(rawValue: row.state)?.isActive == true else {
            throw StoreError.notPermitted("\(caseID) is \(row.state); identity can only be marked on an active case")
        }
        try checkHolder(row, actor: actor)
        if row.state == CaseState.escalated.rawValue, row.escalatedBy != actor.id {
            let queue = row.queueRole ?? rules.ladder.top.id
            guard rules.rank(actor.role) >= rules.rank(queue) else {
                throw StoreError.notPermitted("\(caseID) waits for a \(queue); only they or whoever referred it may mark identity")
            }
        }
        try appendCaseEvent(&row, at: now, actor: actor.id, kind: .identityMarked, payload: .object([
            "verified": .bool(verified),
            "actor_role": .string(actor.role),
        ]))
        try save(row)
    }

    // MARK: Shared

    func caseRow(_ id: String) throws -> CaseRow {
        guard let row = try tx.caseRow(id: id) else { throw StoreError.unknownCase(id) }
        return row
    }

    /// Appends an event of this case and folds it into the case's row (`CaseFold`, which
    /// `audit verify` replays), which goes to the database with `save`: every case event
    /// after the opening one comes here.
    @discardableResult
    func appendCaseEvent(_ row: inout CaseRow, at: Int64, actor: String, kind: EventKind,
                         payload: JSONValue) throws -> StoredEvent {
        let event = try EventChain.append(tx, caseID: row.id, at: at, actor: actor, kind: kind, payload: payload)
        row = try fold(event, payload, into: row)
        return event
    }

    /// The case row after `event`, as `audit verify` rebuilds it.
    func fold(_ event: StoredEvent, _ payload: JSONValue, into row: CaseRow?) throws -> CaseRow {
        do { return try CaseFold.apply(event, payload, to: row, role: rules.role(of:)) } catch let error as CaseFold.Unfoldable {
            throw StoreError.corrupt(error.description)
        }
    }

    /// Writes the changed projection with its version check (another writer's change in
    /// between fails the update). A claim that lost the race is told apart by its caller.
    func save(_ row: CaseRow) throws {
        guard try tx.updateCase(row) else {
            throw StoreError.unavailable(path: row.id, detail: "the case changed while it was being saved; try again")
        }
    }
}
