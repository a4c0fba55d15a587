import EscalationCore
import Foundation

/// The centre's configuration with what the commands derive from it once: the core's
/// rulebook for cases, and the windows repeat-contact rules and rolling caps look back over
/// (so a decision's context is read from the store with a few indexed counts).
final class DeskRules: Sendable {
    let centre: Centre
    /// Who may do what to a case: every rule of a case lives there, not here.
    let rulebook: CaseRulebook
    /// The repeat-contact and rolling-cap windows a decision's context is counted over.
    let windows: ContextWindows

    /// Free text longer than this is refused: a rationale is a paragraph, not a file.
    static let maxTextBytes = 64 * 1024
    init(centre: Centre) {
        self.centre = centre
        rulebook = CaseRulebook(policy: centre.policy, staff: centre.staff, referralScope: centre.referralScope)
        windows = ContextWindows(centre.policy)
    }

    var policy: EscalationPolicy { centre.policy }
    var ladder: Ladder { centre.policy.ladder }

    func member(_ id: String) throws -> StaffMember {
        guard let member = rulebook.member(id) else { throw StoreError.unknownStaff(id) }
        return member
    }

    /// A person's name for display, or their id when they have left the directory.
    func name(of id: String?) -> String? { id.map(rulebook.name(of:)) }

    func rank(_ role: String) -> Int { rulebook.rank(role) }

    /// Refuses an actor whose role lacks a desk power (`CaseRulebook.may`).
    func requirePower(_ power: String, actor: StaffMember, doing: String) throws {
        do { try rulebook.checkPower(power, actor: actor, doing: doing) } catch { throw StoreError(error) }
    }

    /// Trims and checks free text (`FreeText`, the core's rule).
    func checkedText(_ text: String, field: String) throws -> String {
        do { return try FreeText.checked(text, field: field) } catch { throw StoreError(error) }
    }

    func checkMember(_ value: String, of allowed: [String], field: String) throws {
        guard allowed.contains(value) else { throw StoreError.invalidValue(field: field, value: value, allowed: allowed) }
    }

    /// The decision context for a customer's case, with repeat contacts and rolling totals
    /// counted from the store as of `now` (`ContextWindows`, the core's definition).
    /// `pendingContact` counts a case not yet written; `replaying` counts only what was
    /// recorded by `now` (a replay of history); `windows` other than the policy's own count
    /// a context for comparing two policies.
    func context(_ reader: any LedgerReader, customer: CustomerStatus, caseFlags: [String], channel: String,
                 identityVerified: Bool, requests: [RemedyRequest], now: Int64,
                 pendingContact: Bool, replaying: Bool = false, windows: ContextWindows? = nil) throws -> DecisionContext {
        let id = customer.id
        return try (windows ?? self.windows).context(
            customerFlags: customer.flags, caseFlags: caseFlags, channel: channel, identityVerified: identityVerified,
            requests: requests, now: now, pendingContact: pendingContact,
            contacts: { after, atMost in
                replaying ? try reader.countCases(customer: id, receivedAfter: after, upTo: now, atMost: atMost)
                    : try reader.countCases(customer: id, receivedAfter: after, atMost: atMost)
            },
            granted: { action, after in
                replaying ? try reader.grantedTotal(customer: id, action: action, after: after, upTo: now)
                    : try reader.grantedTotal(customer: id, action: action, after: after)
            })
    }

    func decide(handler: String, requests: [RemedyRequest], context: DecisionContext) throws -> Decision {
        do { return try policy.decide(handler: handler, requests: requests, context: context) } catch {
            throw StoreError.decisionInput(error)
        }
    }
}

// MARK: Rules shared by the commands and their previews

extension DeskRules {
    /// The case as stored, its amounts in the centre's currency.
    ///
    /// - Throws: `.unknownCase` when no case has this id.
    func existingCase(_ reader: any LedgerReader, _ id: String) throws -> Case {
        guard let c = try reader.case(id: id, currency: centre.currency) else { throw StoreError.unknownCase(id) }
        return c
    }

    func liveCustomer(_ reader: any LedgerReader, _ id: String) throws -> CustomerStatus {
        guard let customer = try reader.customerStatus(id: id) else { throw StoreError.unknownCustomer(id) }
        if customer.erased { throw StoreError.customerErased(id) }
        return customer
    }

    /// The decision for a new case as `openCase` takes it: the customer must exist and not
    /// be erased, kind and channel must be the centre's, and the case counts as one more
    /// contact. The summary plays no part in the decision and is not checked here.
    func openingDecision(_ reader: any LedgerReader, _ new: NewCase, actor: StaffMember,
                         now: Int64) throws -> (CustomerStatus, Decision) {
        let customer = try liveCustomer(reader, new.customer)
        try checkMember(new.kind, of: centre.caseKinds, field: "case kind")
        try checkMember(new.channel, of: centre.channels, field: "channel")
        try checkFlags(new.caseFlags, .caseFlag)
        let context = try context(reader, customer: customer, caseFlags: new.caseFlags, channel: new.channel,
                                  identityVerified: new.identityVerified, requests: new.requests, now: now,
                                  pendingContact: true)
        return (customer, try decide(handler: actor.role, requests: new.requests, context: context))
    }

    /// The engine's decision on these requests for the actor on an existing case (the case
    /// is already counted as a contact). An erased customer's flags and history still count:
    /// erasure must not stop the organisation finishing the complaint record.
    func caseDecision(_ reader: any LedgerReader, _ c: Case, requests: [RemedyRequest], actor: StaffMember,
                      now: Int64) throws -> (CustomerStatus, Decision) {
        guard let customer = try reader.customerStatus(id: c.customerID) else { throw StoreError.unknownCustomer(c.customerID) }
        let context = try context(reader, customer: customer, caseFlags: c.caseFlags, channel: c.channel,
                                  identityVerified: c.identityVerified, requests: requests, now: now, pendingContact: false)
        return (customer, try decide(handler: actor.role, requests: requests, context: context))
    }
}
