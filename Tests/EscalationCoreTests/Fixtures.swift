@testable import EscalationCore

/// The CONFIG.md example matrix, built in code so core tests need no YAML.
enum Fixture {
    static let gbp = Currency.gbp

    static func money(_ pounds: String) -> Money { try! Money.parse(pounds, currency: gbp) }

    static let ladder = Ladder([
        Role(id: "agent", title: "Customer Service Agent"),
        Role(id: "team_leader", title: "Team Leader"),
        Role(id: "manager", title: "Contact Centre Manager"),
        Role(id: "head", title: "Head of Customer Service"),
    ])

    static let actions = [
        Action(id: "refund", title: "Refund", kind: .monetary),
        Action(id: "goodwill", title: "Goodwill credit", kind: .monetary),
        Action(id: "cancel_contract", title: "Cancel contract", kind: .permission),
        Action(id: "disclose_account_data", title: "Disclose account data", kind: .permission,
               requiresVerifiedIdentity: true),
        Action(id: "override_identity_check", title: "Override failed identity check", kind: .permission),
        Action(id: "compensation", title: "Compensation", kind: .monetary),
    ]

    static func limit(_ perCase: String?, rolling: (String, Int)? = nil) -> AuthorityCell {
        AuthorityCell(.limit(perCase: perCase.map(money),
                             rolling: rolling.map { RollingCap(amount: money($0.0), days: $0.1) }))
    }

    static var cells: [String: [String: AuthorityCell]] {
        [
            "agent": [
                "refund": limit("50.00", rolling: ("100.00", 30)),
                "goodwill": limit("25"),
                "disclose_account_data": AuthorityCell(.allow),
            ],
            "team_leader": [
                "refund": limit("500.00", rolling: ("1000.00", 30)),
                "goodwill": limit("100"),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
                "compensation": limit("200", rolling: ("200.00", 7)),
            ],
            "manager": [
                "refund": limit("5000"),
                "goodwill": limit("1000"),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
                "compensation": limit("1000"),
            ],
            "head": [
                "refund": AuthorityCell(.unlimited),
                "goodwill": AuthorityCell(.unlimited),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
                "compensation": limit(nil, rolling: ("5000", 7)),
            ],
        ]
    }

    static let referrals = [
        ReferralRule(id: "vulnerable_customer", when: .customerFlag(["vulnerable"]), minRole: "team_leader",
                     reason: "Customer is flagged as vulnerable"),
        ReferralRule(id: "legal_threat", when: .caseFlag(["legal_threat"]), minRole: "manager",
                     reason: "Customer has threatened legal action"),
        ReferralRule(id: "repeat_contact", when: .repeatContacts(count: 3, days: 30), minRole: "team_leader",
                     reason: "Third contact about this within 30 days"),
        ReferralRule(id: "large_total", when: .any([.requestedTotalOver(money("750.00")), .caseFlag(["media"])]),
                     minRole: "manager", reason: "Large total or media interest"),
        ReferralRule(id: "social_and_costly", when: .all([.channel(["social"]), .requestedTotalOver(money("100"))]),
                     minRole: "team_leader", reason: "Public complaint with money at stake"),
    ]

    static func policy(_ routing: RoutingMode = .direct, cells: [String: [String: AuthorityCell]]? = nil,
                       referrals: [ReferralRule]? = nil) -> EscalationPolicy {
        EscalationPolicy(matrix: AuthorityMatrix(version: "v-test", currency: gbp, ladder: ladder, actions: actions,
                                                 cells: cells ?? self.cells),
                         referrals: referrals ?? self.referrals, routing: routing)
    }

    static func refund(_ amount: String) -> RemedyRequest { RemedyRequest(action: "refund", amount: money(amount)) }
    static func request(_ action: String, _ amount: String? = nil) -> RemedyRequest {
        RemedyRequest(action: action, amount: amount.map(money))
    }
}
