import EscalationCore
import Foundation

/// The centre's configuration with what the commands derive from it once: staff by id,
/// the windows repeat-contact rules and rolling caps look back over, and the desk powers.
struct DeskRules: Sendable {
    let centre: Centre
    private let staffByID: [String: StaffMember]
    /// Every `repeat_contacts` window (days) any referral rule names.
    let repeatWindows: [Int]
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
        var windows = Set<Int>()
        for rule in centre.policy.referrals { Self.collectRepeatWindows(rule.when, into: &windows) }
        repeatWindows = windows.sorted()
        var rolling: [String: Set<Int>] = [:]
        let matrix = centre.policy.matrix
        for (a, action) in matrix.actions.enumerated() {
            for cell in matrix.cells[a] {
                if case .limit(_, let cap?) = cell.authority { rolling[action.id, default: []].insert(cap.days) }
            }
        }
        rollingWindows = rolling.mapValues { $0.sorted() }
    }

    private static func collectRepeatWindows(_ condition: ReferralCondition, into windows: inout Set<Int>) {
        switch condition {
        case .repeatContacts(_, let days): windows.insert(days)
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

    /// Trims and checks free text: mandatory text must have words; nothing may exceed the limit.
    func checkedText(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw StoreError.emptyText(field: field) }
        let bytes = trimmed.utf8.count
        if bytes > Self.maxTextBytes { throw StoreError.textTooLong(field: field, bytes: bytes, limit: Self.maxTextBytes) }
        return trimmed
    }

    func checkMember(_ value: String, of allowed: [String], field: String) throws {
        guard allowed.contains(value) else { throw StoreError.invalidValue(field: field, value: value, allowed: allowed) }
    }

    /// The decision context for a customer's case, with repeat contacts and rolling totals
    /// counted from the store as of `now`. `pendingContact` counts a case not yet written.
    func context(_ reader: any LedgerReader, customer: CustomerRow, caseFlags: [String], channel: String,
                 identityVerified: Bool, requests: [RemedyRequest], now: Int64,
                 pendingContact: Bool) throws -> DecisionContext {
        var contacts = ContactHistory()
        for days in repeatWindows {
            let counted = try reader.countCases(customer: customer.id, receivedAfter: now - Int64(days) * Millis.day, upTo: now)
            contacts.byDays[days] = max(1, counted + (pendingContact ? 1 : 0))
        }
        var granted = GrantHistory()
        for action in Set(requests.map(\.action)) {
            for days in rollingWindows[action] ?? [] {
                let total = try reader.grantedTotal(customer: customer.id, action: action,
                                                    after: now - Int64(days) * Millis.day, upTo: now)
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

    static func caseID(_ number: Int64) -> String {
        let digits = String(number)
        return "C-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
