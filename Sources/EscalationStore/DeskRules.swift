import EscalationCore
import Foundation

/// The centre's configuration with what the commands derive from it once: staff by id,
/// the windows repeat-contact rules and rolling caps look back over, and the desk powers.
final class DeskRules: Sendable {
    let centre: Centre
    private let staffByID: [String: StaffMember]
    /// Every `repeat_contacts` window (days) any referral rule names, with the largest
    /// count any rule asks for in it (counting further cannot change a decision).
    let repeatWindows: [(days: Int, enough: Int)]
    /// action id → every rolling-cap window (days) any role has for it.
    let rollingWindows: [String: [Int]]

    /// Free text longer than this is refused: a rationale is a paragraph, not a file.
    static let maxTextBytes = 64 * 1024
    /// How long a complaint may take before its deadline (DISP's eight weeks).
    static let deadline: Int64 = 56 * Millis.day

    init(centre: Centre) {
        self.centre = centre
        var byID: [String: StaffMember] = [:]
        for member in centre.staff.staff where byID[member.id] == nil { byID[member.id] = member }
        staffByID = byID
        var windows: [Int: Int] = [:]
        for rule in centre.policy.referrals { Self.collectRepeatWindows(rule.when, into: &windows) }
        repeatWindows = windows.sorted { $0.key < $1.key }.map { (days: $0.key, enough: $0.value) }
        var rolling: [String: Set<Int>] = [:]
        let matrix = centre.policy.matrix
        for (a, action) in matrix.actions.enumerated() {
            for cell in matrix.cells[a] {
                if case .limit(_, let cap?) = cell.authority { rolling[action.id, default: []].insert(cap.days) }
            }
        }
        rollingWindows = rolling.mapValues { $0.sorted() }
    }

    private static func collectRepeatWindows(_ condition: ReferralCondition, into windows: inout [Int: Int]) {
        switch condition {
        case .repeatContacts(let count, let days): windows[days] = max(windows[days] ?? 0, count)
        case .all(let inner), .any(let inner): for c in inner { collectRepeatWindows(c, into: &windows) }
        default: break
        }
    }

    var policy: EscalationPolicy { centre.policy }
    var ladder: Ladder { centre.policy.ladder }

    func member(_ id: String) throws -> StaffMember {
        guard let member = staffByID[id] else { throw StoreError.unknownStaff(id) }
        return member
    }

    /// A staff member's role, or nil when they are not on the staff list.
    func role(of id: String) -> String? { staffByID[id]?.role }

    /// A person's name for display, or their id when they have left the directory.
    func name(of id: String?) -> String? { id.map { staffByID[$0]?.name ?? $0 } }

    func rank(_ role: String) -> Int { ladder.rank(of: role) ?? -1 }

    /// Whether a role holds a desk power (`erase_personal_data`, `export_personal_data`,
    /// `override_retention`). A matrix that does not declare the power leaves it to the top
    /// role alone, so an older configuration is never more permissive than a newer one.
    func may(_ role: String, use power: String) -> Bool {
        let matrix = policy.matrix
        if matrix.action(power) != nil { return matrix.cell(role: role, action: power).authority.allowsPermission }
        return role == ladder.top.id
    }

    func requirePower(_ power: String, actor: StaffMember, doing: String) throws {
        guard may(actor.role, use: power) else {
            throw StoreError.notPermitted("\(actor.name) (\(actor.role)) may not \(doing): the role lacks \(power)")
        }
    }

    /// Trims and checks free text: mandatory text must have something a reader can see (not
    /// only blanks or zero-width characters); nothing may exceed the limit.
    func checkedText(_ text: String, field: String) throws -> String {
        let trimmed = Self.trimmed(text)
        if !VisibleText.hasVisibleCharacter(trimmed) { throw StoreError.emptyText(field: field) }
        let bytes = trimmed.utf8.count
        if bytes > Self.maxTextBytes { throw StoreError.textTooLong(field: field, bytes: bytes, limit: Self.maxTextBytes) }
        return trimmed
    }

    /// The text without leading and trailing white space (Unicode `White_Space`, newlines
    /// included). Foundation's `trimmingCharacters` bridges through NSString, which cost
    /// more than the rest of opening a case; this walks the scalars and copies only when
    /// there is something to cut.
    static func trimmed(_ text: String) -> String {
        // Most text starts and ends with a visible ASCII character: nothing to cut.
        let utf8 = text.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    func checkMember(_ value: String, of allowed: [String], field: String) throws {
        guard allowed.contains(value) else { throw StoreError.invalidValue(field: field, value: value, allowed: allowed) }
    }

    /// The decision context for a customer's case, with repeat contacts and rolling totals
    /// counted from the store as of `now`. `pendingContact` counts a case not yet written.
    func context(_ reader: any LedgerReader, customer: CustomerStatus, caseFlags: [String], channel: String,
                 identityVerified: Bool, requests: [RemedyRequest], now: Int64,
                 pendingContact: Bool) throws -> DecisionContext {
        var contacts = ContactHistory()
        for (days, enough) in repeatWindows {
            let counted = try reader.countCases(customer: customer.id, receivedAfter: now - Int64(days) * Millis.day,
                                                atMost: max(enough, 1))
            contacts.byDays[days] = max(1, counted + (pendingContact ? 1 : 0))
        }
        var granted = GrantHistory()
        for (i, request) in requests.enumerated() {
            let action = request.action
            // Each action once (a case asks for one or two: a scan beats building a set).
            if requests[..<i].contains(where: { $0.action == action }) { continue }
            for days in rollingWindows[action] ?? [] {
                let total = try reader.grantedTotal(customer: customer.id, action: action,
                                                    after: now - Int64(days) * Millis.day)
                granted.byAction[action, default: [:]][days] = total
            }
        }
        return DecisionContext(customerFlags: customer.flags, caseFlags: caseFlags, channel: channel,
                               identityVerified: identityVerified, contacts: contacts, granted: granted)
    }

    func decide(handler: String, requests: [RemedyRequest], context: DecisionContext) throws -> Decision {
        do { return try policy.decide(handler: handler, requests: requests, context: context) } catch {
            throw StoreError.decisionInput(error)
        }
    }
}

// MARK: Rules shared by the commands and their previews

extension DeskRules {
    /// States in which a case is in one person's hands: the opener's (open), the
    /// reopener's (reopened), the referrer's (returned) or the claimer's (claimed).
    static let heldStates: Set<String> = [CaseState.open.rawValue, CaseState.reopened.rawValue,
                                          CaseState.returned.rawValue, CaseState.claimed.rawValue]

    /// A held case belongs to its holder until they let it go: nobody else may resolve,
    /// escalate, return or mark identity on it, whatever their role.
    func checkHolder(_ row: CaseRow, actor: StaffMember) throws {
        guard Self.heldStates.contains(row.state) else { return }
        guard let holder = row.holder else { throw StoreError.corrupt("\(row.id) is \(row.state) but nobody holds it") }
        guard holder != actor.id else { return }
        throw StoreError.heldByOther(caseID: row.id, holder: name(of: holder) ?? holder)
    }

    /// The state a transition leads to, or the lifecycle's refusal.
    static func step(_ transition: CaseTransition, _ row: CaseRow) throws -> CaseState {
        guard let state = CaseState(rawValue: row.state) else { throw StoreError.corrupt("\(row.id) has unknown state \(row.state)") }
        do { return try CaseLifecycle.apply(transition, to: state) } catch { throw StoreError.lifecycle(caseID: row.id, error) }
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
    func caseDecision(_ reader: any LedgerReader, row: CaseRow, requests: [RemedyRequest], actor: StaffMember,
                      now: Int64) throws -> (CustomerStatus, Decision) {
        guard let customer = try reader.customerStatus(id: row.customerID) else { throw StoreError.unknownCustomer(row.customerID) }
        let context = try context(reader, customer: customer, caseFlags: row.caseFlags, channel: row.channel,
                                  identityVerified: row.identityVerified, requests: requests, now: now, pendingContact: false)
        return (customer, try decide(handler: actor.role, requests: requests, context: context))
    }

    /// The engine's decision on these grants for the actor on this case, and the reasons in
    /// it that stop the actor resolving (empty: `resolve` accepts them).
    func resolutionDecision(_ reader: any LedgerReader, row: CaseRow, grants: [RemedyRequest], actor: StaffMember,
                            now: Int64) throws -> (CustomerStatus, Decision, [Reason]) {
        let (customer, decision) = try caseDecision(reader, row: row, requests: grants, actor: actor, now: now)
        return (customer, decision, blockingReasons(decision, row: row))
    }

    /// The reasons that stop this actor resolving. Authority and identity reasons always
    /// stop them; a referral rule does not when the case was returned by someone whose role
    /// met the rule (a recorded delegation).
    func blockingReasons(_ decision: Decision, row: CaseRow) -> [Reason] {
        switch decision.verdict {
        case .withinAuthority: return []
        case .outsideMatrix: return decision.reasons
        case .escalate:
            let delegated = row.delegatedRole.map(rank) ?? -1
            return decision.reasons.filter { reason in
                let isReferral = !(reason.rule.hasPrefix("authority.") || reason.rule.hasPrefix("identity."))
                return !(isReferral && delegated >= rank(reason.requires))
            }
        }
    }

    /// The decision as it bears on resolving: within authority when nothing blocks (a
    /// delegation covered every referral rule), otherwise only the blocking reasons, with
    /// the lowest role that could decide them.
    func effective(_ decision: Decision, blocking: [Reason]) -> Decision {
        if blocking.count == decision.reasons.count { return decision }
        if blocking.isEmpty {
            return Decision(verdict: .withinAuthority, handler: decision.handler, routeTo: nil, required: decision.handler,
                            reasons: [], matrixVersion: decision.matrixVersion)
        }
        let required = blocking.map(\.requires).max { rank($0) < rank($1) } ?? decision.required
        return Decision(verdict: decision.verdict, handler: decision.handler, routeTo: decision.routeTo, required: required,
                        reasons: blocking, matrixVersion: decision.matrixVersion)
    }
}
