import EscalationCore

/// A four-rung energy-supplier centre, built from core types so the benchmark needs no
/// configuration folder.
func benchCentre() -> Centre {
    let gbp = Currency.gbp
    func pounds(_ p: Int64) -> Money { Money(minor: p * 100, currency: gbp) }
    let roles = [Role(id: "agent", title: "Agent"), Role(id: "team_leader", title: "Team Leader"),
                 Role(id: "manager", title: "Manager"), Role(id: "head", title: "Head of Customer Service")]
    let actions = [Action(id: "refund", title: "Refund", kind: .monetary),
                   Action(id: "goodwill", title: "Goodwill credit", kind: .monetary),
                   Action(id: "cancel_contract", title: "Cancel contract", kind: .permission)]
    let cells: [String: [String: AuthorityCell]] = [
        "agent": ["refund": AuthorityCell(.limit(perCase: pounds(50), rolling: RollingCap(amount: pounds(100), days: 30))),
                  "goodwill": AuthorityCell(.limit(perCase: pounds(25), rolling: nil))],
        "team_leader": ["refund": AuthorityCell(.limit(perCase: pounds(500), rolling: RollingCap(amount: pounds(1000), days: 30))),
                        "goodwill": AuthorityCell(.limit(perCase: pounds(100), rolling: nil)), "cancel_contract": AuthorityCell(.allow)],
        "manager": ["refund": AuthorityCell(.limit(perCase: pounds(5000), rolling: nil)),
                    "goodwill": AuthorityCell(.limit(perCase: pounds(1000), rolling: nil)), "cancel_contract": AuthorityCell(.allow)],
        "head": ["refund": AuthorityCell(.unlimited), "goodwill": AuthorityCell(.unlimited), "cancel_contract": AuthorityCell(.allow)],
    ]
    let referrals = [
        ReferralRule(id: "vulnerable_customer", when: .customerFlag(["vulnerable"]), minRole: "team_leader", reason: "Vulnerable customer"),
        ReferralRule(id: "legal_threat", when: .caseFlag(["legal_threat"]), minRole: "manager", reason: "Legal threat"),
        ReferralRule(id: "repeat_contact", when: .repeatContacts(count: 3, days: 30), minRole: "team_leader", reason: "Third contact in 30 days"),
        ReferralRule(id: "large_total", when: .any([.requestedTotalOver(pounds(750)), .caseFlag(["media"])]), minRole: "manager",
                     reason: "Large total or media interest"),
    ]
    var staff: [StaffMember] = []
    for (i, name) in ["Tom Reed", "Ana Lopes", "Kofi Mensah", "Ewa Nowak", "Rhys Evans", "Zara Khan"].enumerated() {
        staff.append(StaffMember(id: i == 0 ? "tom" : "agent\(i)", name: name, role: "agent", login: "agent\(i)", team: "a"))
    }
    staff += [StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: "a"),
              StaffMember(id: "sam", name: "Sam Okafor", role: "team_leader", login: "sam", team: "a"),
              StaffMember(id: "maria", name: "Maria Jones", role: "manager", login: "maria", team: nil),
              StaffMember(id: "helen", name: "Helen Park", role: "head", login: "helen", team: nil)]
    return Centre(organisation: "Northwind Energy", timezone: "Europe/London", retention: RetentionPeriod(years: 3),
                  policy: EscalationPolicy(matrix: AuthorityMatrix(version: "bench", currency: gbp, ladder: Ladder(roles),
                                                                   actions: actions, cells: cells),
                                           referrals: referrals, routing: .direct),
                  caseKinds: Centre.defaultCaseKinds, channels: Centre.defaultChannels, rootCauses: Centre.defaultRootCauses,
                  staff: StaffDirectory(teams: [Team(id: "a", name: "Billing A", leader: "priya")], staff: staff))
}
