import EscalationCore
import Foundation
import Yams

/// `escalation.yaml` read into core values: the ladder, the actions, the authority matrix
/// and the referral rules, with every problem reported at its line.
struct EscalationFile {
    var organisation = ""
    var currency = Currency.gbp
    var timezone = "Europe/London"
    var routing = RoutingMode.direct
    /// `referral_scope:` when the file says it (nil: the default, `TeamRouting`).
    var referralScope: ReferralScope?
    var retention = RetentionPeriod(years: 3)
    var roles: [Role] = []
    var actions: [Action] = []
    var cells: [String: [String: AuthorityCell]] = [:]
    /// Where each cell was written, so an inversion is reported at the cell to fix.
    var cellNodes: [String: [String: Node]] = [:]
    var referrals: [ReferralRule] = []
    /// Ids declared with mistakes, or whole sections that failed: later references to them
    /// are not reported again, so one typo gives one error rather than a cascade.
    var brokenRoles = Set<String>()
    var brokenActions = Set<String>()
    var rolesSectionBroken = false
    var actionsSectionBroken = false
    /// The matrix had no errors of its own, so inversions are worth checking.
    var authorityClean = false
    var roleKeyNodes: [String: Node] = [:]
    var authorityNode: Node?
    var caseKinds = Centre.defaultCaseKinds
    var channels = Centre.defaultChannels
    /// Whether the file declares `channels:`. Without the list (CONFIG.md does not require
    /// one), any channel a referral rule names is a channel of the centre's.
    var channelsDeclared = false
    /// A declared channel list that had mistakes: referral rules are not checked against it.
    var channelsBroken = false
    var rootCauses = Centre.defaultRootCauses
    /// `case_flags:` and `customer_flags:` when the file declares them (nil: free names).
    var caseFlags: [String]?
    var customerFlags: [String]?
    /// A declared flag list that had mistakes: referral rules are not checked against it.
    var caseFlagsBroken = false
    var customerFlagsBroken = false
    /// `calendar:`: the calendar clocks count on when the customer names none, and where
    /// it was written (checked against `calendars/` once those are read).
    var calendarNode: (name: String, node: Node)?

    static let keys = ["organisation", "currency", "timezone", "routing", "retention", "roles", "actions",
                       "authority", "referrals", "case_kinds", "channels", "root_causes", "case_flags", "customer_flags",
                       "referral_scope", "calendar"]

    static func read(_ root: Node, _ r: YAMLReader) -> EscalationFile {
        var file = EscalationFile()
        guard let f = r.fields(root, "escalation.yaml", allowed: keys,
                               required: ["organisation", "currency", "timezone", "roles", "actions", "authority"])
        else { return file }
        if let n = f["organisation"], let v = r.string(n, "organisation") { file.organisation = v }
        if let n = f["currency"], let code = r.string(n, "currency") {
            if let c = Currency.named(code) { file.currency = c } else {
                r.report("currency \"\(code)\" is not an ISO 4217 code this desk knows; use one like GBP, EUR or USD", at: n)
            }
        }
        if let n = f["timezone"], let tz = r.string(n, "timezone") {
            if TimeZone(identifier: tz) != nil { file.timezone = tz } else {
                r.report("timezone \"\(tz)\" is not an IANA time zone name; use one like Europe/London", at: n)
            }
        }
        if let n = f["routing"], let mode = r.string(n, "routing") {
            if let m = RoutingMode(rawValue: mode) { file.routing = m } else {
                r.report("routing \"\(mode)\" is not known; use direct (to the lowest role that may decide) or stepwise (one rung at a time)", at: n)
            }
        }
        if let n = f["referral_scope"], let scope = r.string(n, "referral_scope") {
            if let s = ReferralScope(rawValue: scope) { file.referralScope = s } else {
                r.report("referral_scope \"\(scope)\" is not known; use team (a referral to the team-leader rung goes to "
                         + "the escalating person's team) or role (every referral role-wide)", at: n)
            }
        }
        if let n = f["retention"] { file.retention = readRetention(n, r) ?? file.retention }
        if let n = f["roles"] {
            let before = r.issues.count
            (file.roles, file.brokenRoles) = readRoles(n, r)
            file.rolesSectionBroken = file.roles.isEmpty && r.issues.count > before
        }
        if let n = f["actions"] {
            let before = r.issues.count
            (file.actions, file.brokenActions) = readActions(n, r)
            file.actionsSectionBroken = file.actions.isEmpty && r.issues.count > before
        }
        if let n = f["authority"] {
            let before = r.issues.count
            file.authorityNode = n
            file.readAuthority(n, r)
            file.authorityClean = r.issues.count == before && file.brokenRoles.isEmpty && file.brokenActions.isEmpty
                && !file.rolesSectionBroken && !file.actionsSectionBroken
        }
        if let n = f["case_kinds"] { file.caseKinds = readIDList(n, "case_kinds", r) ?? file.caseKinds }
        if let n = f["channels"] {
            let declared = readIDList(n, "channels", r)
            file.channels = declared ?? file.channels
            file.channelsDeclared = declared != nil
            file.channelsBroken = declared == nil
        }
        if let n = f["root_causes"] { file.rootCauses = readIDList(n, "root_causes", r) ?? file.rootCauses }
        if let n = f["case_flags"] {
            file.caseFlags = readIDList(n, "case_flags", r)
            file.caseFlagsBroken = file.caseFlags == nil
        }
        if let n = f["customer_flags"] {
            file.customerFlags = readIDList(n, "customer_flags", r)
            file.customerFlagsBroken = file.customerFlags == nil
        }
        if let n = f["referrals"] { file.referrals = file.readReferrals(n, r) }
        if let n = f["calendar"], let id = r.identifier(n, "calendar") { file.calendarNode = (id, n) }
        if !file.channelsDeclared {
            for rule in file.referrals {
                for channel in Self.channels(named: rule.when) where !file.channels.contains(channel) { file.channels.append(channel) }
            }
        }
        return file
    }

    /// The channels a referral condition names, in the order written.
    static func channels(named condition: ReferralCondition) -> [String] {
        switch condition {
        case .channel(let names): return names
        case .all(let inner), .any(let inner): return inner.flatMap(channels(named:))
        case .customerFlag, .caseFlag, .repeatContacts, .requestedTotalOver: return []
        }
    }

    static func readRetention(_ node: Node, _ r: YAMLReader) -> RetentionPeriod? {
        guard let f = r.fields(node, "retention", allowed: ["years", "months", "days"]) else { return nil }
        if f.isEmpty { r.report("retention needs years, months or days, like {years: 3}", at: node); return nil }
        let years = f["years"].flatMap { r.integer($0, "retention years", in: 0...100) } ?? 0
        let months = f["months"].flatMap { r.integer($0, "retention months", in: 0...1200) } ?? 0
        let days = f["days"].flatMap { r.integer($0, "retention days", in: 0...36_500) } ?? 0
        return RetentionPeriod(years: years, months: months, days: days)
    }

    static func readRoles(_ node: Node, _ r: YAMLReader) -> ([Role], Set<String>) {
        guard let items = r.sequence(node, "roles") else { return ([], []) }
        if items.isEmpty { r.report("roles must list at least one role, lowest first", at: node) }
        var roles: [Role] = []
        var broken = Set<String>()
        var seen: [String: Int] = [:]
        for item in items where !r.exhausted {
            guard let f = r.fields(item, "a role", allowed: ["id", "title"], required: ["id", "title"]),
                  let idNode = f["id"], let id = r.identifier(idNode, "role id") else { continue }
            guard let title = f["title"].flatMap({ r.string($0, "role title") }) else { broken.insert(id); continue }
            if let line = seen[id] {
                r.report("role \"\(id)\" is declared twice (first on line \(line)); role ids must be unique", at: idNode)
                continue
            }
            seen[id] = idNode.mark?.line ?? 0
            roles.append(Role(id: id, title: title))
        }
        return (roles, broken)
    }

    static func readActions(_ node: Node, _ r: YAMLReader) -> ([Action], Set<String>) {
        guard let items = r.sequence(node, "actions") else { return ([], []) }
        var actions: [Action] = []
        var broken = Set<String>()
        var seen: [String: Int] = [:]
        for item in items where !r.exhausted {
            guard let f = r.fields(item, "an action", allowed: ["id", "title", "kind", "requires_verified_identity"],
                                   required: ["id", "title", "kind"]),
                  let idNode = f["id"], let id = r.identifier(idNode, "action id") else { continue }
            guard let title = f["title"].flatMap({ r.string($0, "action title") }),
                  let kindNode = f["kind"], let kindText = r.string(kindNode, "action kind") else { broken.insert(id); continue }
            guard let kind = ActionKind(rawValue: kindText) else {
                r.report("action kind \"\(kindText)\" is not known; use monetary (has amounts) or permission (yes or no)", at: kindNode)
                broken.insert(id)
                continue
            }
            let verified = f["requires_verified_identity"].flatMap { r.bool($0, "requires_verified_identity") } ?? false
            if let line = seen[id] {
                r.report("action \"\(id)\" is declared twice (first on line \(line)); action ids must be unique", at: idNode)
                continue
            }
            seen[id] = idNode.mark?.line ?? 0
            actions.append(Action(id: id, title: title, kind: kind, requiresVerifiedIdentity: verified))
        }
        return (actions, broken)
    }

    static func readIDList(_ node: Node, _ what: String, _ r: YAMLReader) -> [String]? {
        guard let items = r.sequence(node, what) else { return nil }
        var ids: [String] = []
        for item in items {
            guard let id = r.identifier(item, "each entry of \(what)") else { continue }
            if ids.contains(id) { r.report("\"\(id)\" appears twice in \(what)", at: item); continue }
            ids.append(id)
        }
        if ids.isEmpty { r.report("\(what) must list at least one entry", at: node); return nil }
        return ids
    }
}
