import EscalationCore
@testable import EscalationStore
import Foundation
import TestSupport

/// The Northwind Energy centre of CONFIG.md, built from core types (not from YAML).
enum Fixtures {
    static let gbp = Currency.gbp
    static func pounds(_ p: Int64) -> Money { Money(minor: p * 100, currency: gbp) }

    static let roles = [
        Role(id: "agent", title: "Customer Service Agent"),
        Role(id: "team_leader", title: "Team Leader"),
        Role(id: "manager", title: "Contact Centre Manager"),
        Role(id: "head", title: "Head of Customer Service"),
    ]

    /// - Parameters:
    ///   - twoTeams: adds a second team, Billing B, led by Marcus with the agent Chloe.
    ///   - referralScope: `referral_scope` as an `escalation.yaml` would say it.
    static func centre(retention: RetentionPeriod = RetentionPeriod(years: 3), declarePowers: Bool = true,
                       twoTeams: Bool = false, referralScope: ReferralScope? = nil) -> Centre {
        var actions = [
            Action(id: "refund", title: "Refund", kind: .monetary),
            Action(id: "goodwill", title: "Goodwill credit", kind: .monetary),
            Action(id: "cancel_contract", title: "Cancel contract", kind: .permission),
            Action(id: "disclose_account_data", title: "Disclose account data", kind: .permission, requiresVerifiedIdentity: true),
            Action(id: "override_identity_check", title: "Override failed identity check", kind: .permission),
        ]
        var cells: [String: [String: AuthorityCell]] = [
            "agent": [
                "refund": AuthorityCell(.limit(perCase: pounds(50), rolling: RollingCap(amount: pounds(100), days: 30))),
                "goodwill": AuthorityCell(.limit(perCase: pounds(25), rolling: nil)),
                "disclose_account_data": AuthorityCell(.allow),
            ],
            "team_leader": [
                "refund": AuthorityCell(.limit(perCase: pounds(500), rolling: RollingCap(amount: pounds(1000), days: 30))),
                "goodwill": AuthorityCell(.limit(perCase: pounds(100), rolling: nil)),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
            ],
            "manager": [
                "refund": AuthorityCell(.limit(perCase: pounds(5000), rolling: nil)),
                "goodwill": AuthorityCell(.limit(perCase: pounds(1000), rolling: nil)),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
            ],
            "head": [
                "refund": AuthorityCell(.unlimited),
                "goodwill": AuthorityCell(.unlimited),
                "cancel_contract": AuthorityCell(.allow),
                "disclose_account_data": AuthorityCell(.allow),
                "override_identity_check": AuthorityCell(.allow),
            ],
        ]
        if declarePowers {
            actions += [
                Action(id: "export_personal_data", title: "Export personal data", kind: .permission),
                Action(id: "erase_personal_data", title: "Erase personal data", kind: .permission),
                Action(id: "override_retention", title: "Override retention", kind: .permission),
            ]
            cells["manager"]!["export_personal_data"] = AuthorityCell(.allow)
            cells["manager"]!["erase_personal_data"] = AuthorityCell(.allow)
            cells["head"]!["export_personal_data"] = AuthorityCell(.allow)
            cells["head"]!["erase_personal_data"] = AuthorityCell(.allow)
            cells["head"]!["override_retention"] = AuthorityCell(.allow)
        }
        let matrix = AuthorityMatrix(version: "config", currency: gbp, ladder: Ladder(roles), actions: actions, cells: cells)
        let referrals = [
            ReferralRule(id: "vulnerable_customer", when: .customerFlag(["vulnerable"]), minRole: "team_leader",
                         reason: "Customer is flagged as vulnerable"),
            ReferralRule(id: "legal_threat", when: .caseFlag(["legal_threat"]), minRole: "manager",
                         reason: "Customer has threatened legal action"),
            ReferralRule(id: "repeat_contact", when: .repeatContacts(count: 3, days: 30), minRole: "team_leader",
                         reason: "Third contact about this within 30 days"),
            ReferralRule(id: "large_total", when: .any([.requestedTotalOver(pounds(750)), .caseFlag(["media"])]),
                         minRole: "manager", reason: "Large total or media interest"),
        ]
        let secondTeam = twoTeams ? [Team(id: "billing_b", name: "Billing B", leader: "marcus")] : []
        let secondStaff = twoTeams ? [
            StaffMember(id: "marcus", name: "Marcus Bell", role: "team_leader", login: "marcus", team: "billing_b"),
            StaffMember(id: "chloe", name: "Chloe Evans", role: "agent", login: "chloe", team: "billing_b"),
        ] : []
        let staff = StaffDirectory(
            teams: [Team(id: "billing_a", name: "Billing A", leader: "priya")] + secondTeam,
            staff: secondStaff + [
                StaffMember(id: "tom", name: "Tom Reed", role: "agent", login: "tom", team: "billing_a"),
                StaffMember(id: "ana", name: "Ana Lopes", role: "agent", login: "ana", team: "billing_a"),
                StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: "billing_a"),
                StaffMember(id: "sam", name: "Sam Okafor", role: "team_leader", login: "sam", team: "billing_a"),
                StaffMember(id: "maria", name: "Maria Jones", role: "manager", login: "maria", team: nil),
                StaffMember(id: "helen", name: "Helen Park", role: "head", login: "helen", team: nil),
            ])
        return Centre(organisation: "Northwind Energy", timezone: "Europe/London", retention: retention,
                      policy: EscalationPolicy(matrix: matrix, referrals: referrals, routing: .direct),
                      caseKinds: Centre.defaultCaseKinds, channels: Centre.defaultChannels,
                      rootCauses: Centre.defaultRootCauses, staff: staff, referralScope: referralScope)
    }

    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// A fresh folder for one test's files.
    /// A new folder, removed when the test run ends.
    static func folder() -> URL {
        try! TemporaryFolders.make("escdesk-store")
    }

    static func newStore(training: Bool = true, centre: Centre = Fixtures.centre(), now: Date = start) throws -> (DeskStore, String) {
        let path = folder().appendingPathComponent("desk.sqlite").path
        return (try DeskStore.create(at: path, centre: centre, training: training, now: now), path)
    }

    static func minutes(_ m: Double) -> Date { start.addingTimeInterval(m * 60) }
    static func days(_ d: Double) -> Date { start.addingTimeInterval(d * 86_400) }

    /// Every byte of the database file and its write-ahead log.
    static func rawBytes(_ path: String) -> Data {
        var data = Data()
        for suffix in ["", "-wal"] {
            if let d = FileManager.default.contents(atPath: path + suffix) { data.append(d) }
        }
        return data
    }

    static func contains(_ haystack: Data, _ needle: String) -> Bool {
        haystack.range(of: Data(needle.utf8)) != nil
    }
}

/// The store's refusal of `body`, or nil when it succeeded.
func refusal(_ body: () throws -> Void) -> StoreError? {
    do { try body(); return nil } catch { return error as? StoreError }
}
