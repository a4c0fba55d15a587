import EscalationCore
import Foundation

/// The desk's writes, each run inside one ledger transaction: validate everything first,
/// then append the event and update the projections. A throw before the first write leaves
/// the transaction untouched, which lets the demo generator batch many commands in one.
struct DeskCommands {
    let rules: DeskRules
    let tx: any LedgerTransaction
    /// The acting cover the actor acts under, named in every case event this records.
    var actingCover: String? = nil

    /// The vault of a customer whose status the command has read (with its key).
    func vault(for customer: CustomerStatus) throws -> Vault {
        guard let bytes = customer.key else { throw StoreError.customerErased(customer.id) }
        return Vault(keyBytes: bytes)
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
        if let calendar = new.calendar {
            try rules.checkMember(calendar, of: rules.centre.calendars.map(\.id), field: "calendar")
        }
        if try tx.customer(id: id) != nil { throw StoreError.duplicateCustomer(id) }
        let keyBytes = Vault.newKeyBytes()
        let vault = Vault(keyBytes: keyBytes)
        let row = SealedCustomer(id: id, nameSealed: try vault.seal(name), contactSealed: try contact.map(vault.seal),
                              flags: new.flags, createdAt: now, erasedAt: nil, calendar: new.calendar)
        try tx.insertKey(owner: id, bytes: keyBytes)
        try tx.insertCustomer(row)
        try tx.insertSearchTerms(customer: id, terms: SearchTerms.words(name))
        try EventChain.append(tx, caseID: nil, at: now, actor: actor.id, kind: .customerAdded, payload: .object([
            "customer": .string(id),
            "name": .string(row.nameSealed!),
            "contact": .optional(row.contactSealed),
            "flags": .strings(new.flags),
        ]).adding("calendar", new.calendar))
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
        let customerCases = try tx.cases(customer: id, currency: rules.centre.currency)
        let cases = customerCases.count
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
        // So do the words of their cases' summaries and notes.
        try tx.purgeCaseTexts(customer: id, caseNumbers: customerCases.compactMap { CaseNumbers.number(ofID: $0.id) })
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

}
