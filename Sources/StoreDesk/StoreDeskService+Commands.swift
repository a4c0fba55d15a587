import DeskUI
import EscalationCore
import EscalationStore
import Foundation

// Customers, previews and the case commands: each is one store call in one transaction,
// recorded as me at the session clock's time.

extension StoreDeskService {
    // MARK: - Customers

    /// Customers whose name, contact or id contains the query, a screenful at most, each with
    /// how many of their cases are still active.
    public func findCustomers(_ query: String) throws(DeskError) -> [CustomerRow] {
        let found = try desk { () throws(StoreError) in try store.searchCustomers(query, limit: Self.customerLimit) }
        let open = try desk { () throws(StoreError) in try store.activeCaseCounts(customers: found.map(\.id)) }
        return found.map { c in
            CustomerRow(id: c.id, name: CaseWords.customerName(c.name, id: c.id), contact: c.contact ?? "", flags: c.flags,
                        openCases: open[c.id] ?? 0)
        }
    }

    /// How many customers the find step lists.
    static let customerLimit = 50

    /// Registers a customer under a new id ("CU-" and eight letters or digits), trying again
    /// on the rare clash with an existing id.
    public func addCustomer(name: String, contact: String, flags: [String]) throws(DeskError) -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.hasVisibleText else { throw DeskError(.invalid, "A customer needs a name.") }
        if let unknown = flags.first(where: { !centre.customerFlags.contains($0) }) {
            throw DeskError(.invalid, "\"\(unknown)\" is not a customer flag; flags are \(centre.customerFlags.joined(separator: ", ")).")
        }
        let contact = contact.trimmingCharacters(in: .whitespacesAndNewlines)
        for _ in 0..<5 {
            let id = Self.newCustomerID()
            do {
                try store.addCustomer(NewCustomer(id: id, name: name, contact: contact.isEmpty ? nil : contact, flags: flags),
                                      actor: member.id, now: clock.actionClock)
                return id
            } catch .duplicateCustomer {
                continue
            } catch {
                throw DeskError(error)
            }
        }
        throw DeskError(.unavailable, "Could not find a free customer id; try again.")
    }

    private static func newCustomerID() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return "CU-" + String((0..<8).map { _ in alphabet.randomElement()! })
    }

    // MARK: - Decisions

    /// The decision the store would take opening this case now, as me.
    public func preview(_ draft: NewCase) throws(DeskError) -> Decision {
        try desk { () throws(StoreError) in try store.previewOpen(draft, actor: member.id, now: now()) }
    }

    /// Whether I may grant these on the case, decided by the store on current totals.
    public func previewResolution(caseID: String, grants: [RemedyRequest]) throws(DeskError) -> Decision {
        try desk { () throws(StoreError) in
            try store.previewResolution(caseID: caseID, grants: grants, actor: member.id, now: now())
        }
    }

    // MARK: - Commands

    /// Opens a case held by me.
    public func openCase(_ draft: NewCase) throws(DeskError) -> OpenedCase {
        try desk { () throws(StoreError) in try store.openCase(draft, actor: member.id, now: clock.actionClock) }
    }

    /// Refers the case to where the engine routes it.
    public func escalate(caseID: String, note: String) throws(DeskError) {
        _ = try desk { () throws(StoreError) in try store.escalate(caseID: caseID, note: note, actor: member.id, now: clock.actionClock) }
    }

    /// Claims a referred case; a lost race is a `.conflict` naming the holder.
    public func claim(caseID: String) throws(DeskError) {
        try desk { () throws(StoreError) in try store.claim(caseID: caseID, actor: member.id, now: clock.actionClock) }
    }

    /// Hands the case back to whoever referred it.
    public func returnCase(caseID: String, guidance: String) throws(DeskError) {
        try desk { () throws(StoreError) in try store.returnCase(caseID: caseID, guidance: guidance, actor: member.id, now: clock.actionClock) }
    }

    /// Resolves the case; the store refuses grants beyond my authority with `.notPermitted`.
    public func resolve(caseID: String, _ resolution: Resolution) throws(DeskError) {
        _ = try desk { () throws(StoreError) in
            try store.resolve(caseID: caseID, resolution: resolution, actor: member.id, now: clock.actionClock)
        }
    }

    /// Records an identity check on the case.
    public func markIdentity(caseID: String, verified: Bool) throws(DeskError) {
        try desk { () throws(StoreError) in try store.markIdentity(caseID: caseID, verified: verified, actor: member.id, now: clock.actionClock) }
    }

    /// The matrix in force now (a version approved while the desk is open shows at once).
    public func matrix() throws(DeskError) -> AuthorityMatrix {
        try desk { () throws(StoreError) in try store.matrixVersion(nil, at: now()).policy.matrix }
    }

    /// The referral rules in force now.
    public func referralRules() throws(DeskError) -> [ReferralRule] {
        try desk { () throws(StoreError) in try store.matrixVersion(nil, at: now()).policy.referrals }
    }
}

// MARK: - Acknowledgements and acting cover

extension StoreDeskService {
    /// What the version in force changed for my role, while I owe an acknowledgement.
    public func acknowledgementDue() throws(DeskError) -> RoleAuthorityChange? {
        try desk { () throws(StoreError) in try store.acknowledgementDue(actor: member.id, at: now()) }
    }

    /// Acknowledges the version in force, as me at the session clock's time.
    public func acknowledge(version: String) throws(DeskError) {
        _ = try desk { () throws(StoreError) in
            try store.acknowledgeMatrix(version: version, actor: member.id, now: clock.actionClock)
        }
    }

    /// My acting cover now, if any.
    public func actingRole() throws(DeskError) -> ActingRole? {
        guard let cover = try desk({ () throws(StoreError) in try store.actingCover(actor: member.id, at: now()) }) else { return nil }
        return ActingRole(coverID: cover.id, roleID: cover.role, roleTitle: store.centre.policy.ladder.title(of: cover.role),
                          until: Date(timeIntervalSince1970: TimeInterval(cover.until) / 1000))
    }

    /// Who has not acknowledged the version in force.
    public func awaitingAcknowledgement() throws(DeskError) -> [String] {
        try desk { () throws(StoreError) in try store.acknowledgements(version: nil, at: now()).waiting.map(\.name) }
    }
}
