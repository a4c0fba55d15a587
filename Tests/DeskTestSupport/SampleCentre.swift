import DeskUI
import EscalationCore
import Foundation

/// A small contact centre built in code: four roles, five actions, five referral rules, four
/// people and a few customers. Screen tests run against it. Its limits match the examples in
/// the design notes (an agent may refund up to £50.00 a case and £100.00 in 30 days).
public enum SampleCentre {
    /// The ladder: Customer Service Agent < Team Leader < Manager < Head of Customer Service.
    public static let ladder = Ladder([
        Role(id: "agent", title: "Customer Service Agent"),
        Role(id: "team_leader", title: "Team Leader"),
        Role(id: "manager", title: "Manager"),
        Role(id: "head", title: "Head of Customer Service"),
    ])

    /// Refund and goodwill credit (money); cancel contract, disclose account data and the
    /// identity override (permissions).
    public static let actions = [
        Action(id: "refund", title: "Refund", kind: .monetary),
        Action(id: "goodwill_credit", title: "Goodwill credit", kind: .monetary),
        Action(id: "cancel_contract", title: "Cancel contract", kind: .permission),
        Action(id: "disclose_account_data", title: "Disclose account data", kind: .permission, requiresVerifiedIdentity: true),
        Action(id: Action.overrideIdentityCheckID, title: "Override identity check", kind: .permission),
    ]

    /// The policy in force, routing directly to the lowest role that may decide.
    public static var policy: EscalationPolicy {
        let gbp = Currency.gbp
        func money(_ pounds: Int64) -> Money { Money(minor: pounds * 100, currency: gbp) }
        func limit(_ perCase: Int64, _ rolling: Int64? = nil) -> AuthorityCell {
            AuthorityCell(.limit(perCase: money(perCase), rolling: rolling.map { RollingCap(amount: money($0), days: 30) }))
        }
        let matrix = AuthorityMatrix(version: "v1", currency: gbp, ladder: ladder, actions: actions, cells: [
            "agent": ["refund": limit(50, 100), "goodwill_credit": limit(20), "disclose_account_data": AuthorityCell(.allow)],
            "team_leader": ["refund": limit(500, 1_000), "goodwill_credit": limit(100), "cancel_contract": AuthorityCell(.allow),
                            "disclose_account_data": AuthorityCell(.allow), Action.overrideIdentityCheckID: AuthorityCell(.allow)],
            "manager": ["refund": limit(2_000), "goodwill_credit": limit(500), "cancel_contract": AuthorityCell(.allow),
                        "disclose_account_data": AuthorityCell(.allow), Action.overrideIdentityCheckID: AuthorityCell(.allow)],
            "head": ["refund": AuthorityCell(.unlimited), "goodwill_credit": AuthorityCell(.unlimited),
                     "cancel_contract": AuthorityCell(.allow), "disclose_account_data": AuthorityCell(.allow),
                     Action.overrideIdentityCheckID: AuthorityCell(.allow)],
        ])
        let referrals = [
            ReferralRule(id: "vulnerable_customer", when: .customerFlag(["vulnerable"]), minRole: "team_leader",
                         reason: "The customer is flagged as vulnerable; a Team Leader must handle the case."),
            ReferralRule(id: "legal_threat", when: .caseFlag(["legal_threat"]), minRole: "manager",
                         reason: "The customer has threatened legal action; a Manager must handle the case."),
            ReferralRule(id: "regulator_or_media", when: .caseFlag(["regulator", "media"]), minRole: "head",
                         reason: "A regulator or the media is involved; the Head of Customer Service must handle the case."),
            ReferralRule(id: "repeat_contacts", when: .repeatContacts(count: 3, days: 30), minRole: "team_leader",
                         reason: "This is the customer's third contact in 30 days; a Team Leader must review it."),
            ReferralRule(id: "large_total", when: .requestedTotalOver(money(1_000)), minRole: "manager",
                         reason: "The remedies asked for total over £1,000.00; a Manager must decide them."),
        ]
        return EscalationPolicy(matrix: matrix, referrals: referrals, routing: .direct)
    }

    /// What the screens offer, for this centre.
    public static var centre: DeskCentreInfo {
        DeskCentreInfo(
            organisation: "Northwind Energy", timezone: "Europe/London", ladder: ladder, actions: actions,
            caseKinds: Centre.defaultCaseKinds, channels: Centre.defaultChannels, rootCauses: Centre.defaultRootCauses,
            caseFlags: ["legal_threat", "regulator", "media"], customerFlags: ["vulnerable", "high_profile"], currency: .gbp,
            staffNames: Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.name) }), matrix: policy.matrix)
    }

    /// Ann (agent), Bob (team leader), Meg (manager) and Hal (head).
    public static let staff = [
        DeskPerson(id: "ann", name: "Ann Archer", roleID: "agent", roleTitle: "Customer Service Agent", team: "Billing"),
        DeskPerson(id: "bob", name: "Bob Brennan", roleID: "team_leader", roleTitle: "Team Leader", team: "Billing"),
        DeskPerson(id: "meg", name: "Meg Moss", roleID: "manager", roleTitle: "Manager", team: "Operations", canViewMatrix: true),
        DeskPerson(id: "hal", name: "Hal Hughes", roleID: "head", roleTitle: "Head of Customer Service", canViewMatrix: true),
    ]

    /// A second team, Care: Cat (agent) and Dev (team leader), for team routing.
    public static let careTeam = [
        DeskPerson(id: "cat", name: "Cat Cole", roleID: "agent", roleTitle: "Customer Service Agent", team: "Care"),
        DeskPerson(id: "dev", name: "Dev Dale", roleID: "team_leader", roleTitle: "Team Leader", team: "Care"),
    ]

    /// Shared desk data for this centre with three customers and no cases (`withCare`: the
    /// Care team works here too).
    public static func data(withCare: Bool = false, moreCaseFlags: [String] = [],
                            clock: @escaping () -> Date) -> InMemoryDeskData {
        var centre = centre
        centre.caseFlags += moreCaseFlags
        let data = InMemoryDeskData(policy: policy, centre: centre, staff: staff + (withCare ? careTeam : []), clock: clock)
        data.addCustomer(name: "Jane Smith", contact: "07700 900123")
        data.addCustomer(name: "Raj Patel", contact: "raj@example.com", flags: ["vulnerable"])
        data.addCustomer(name: "李小龙", contact: "020 7946 0000")
        return data
    }
}
