import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// One test per validation error, each asserting the line (and column where it matters).
@Suite struct ValidationTests {
    /// A small valid escalation.yaml; tests replace one line to break it.
    static let base = """
    organisation: Test Energy
    currency: GBP
    timezone: Europe/London
    routing: direct
    retention: {years: 3}
    roles:
      - id: agent
        title: Agent
      - id: team_leader
        title: Team Leader
      - id: manager
        title: Manager
    actions:
      - id: refund
        title: Refund
        kind: monetary
      - id: cancel_contract
        title: Cancel contract
        kind: permission
    authority:
      agent:
        refund: {per_case: 50.00, rolling: {amount: 100.00, days: 30}}
      team_leader:
        refund: 500
        cancel_contract: allow
      manager:
        refund: unlimited
        cancel_contract: allow
    referrals:
      - id: vulnerable
        when: {customer_flag: vulnerable}
        min_role: team_leader
        reason: Vulnerable customer
    """

    func issues(_ yaml: String, staff: String? = nil) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: yaml),
                                       staff: staff.map { .init(name: "staff.yaml", text: $0) })
            return []
        } catch {
            return error.issues
        }
    }

    func replacing(_ old: String, with new: String) -> String {
        precondition(Self.base.contains(old), "fixture does not contain \(old)")
        return Self.base.replacingOccurrences(of: old, with: new)
    }

    func expectOne(_ found: [ConfigIssue], line: Int, containing text: String,
                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.line == line, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.message.contains(text) == true, "\(found)", sourceLocation: sourceLocation)
    }

    @Test func theBaseIsValid() throws {
        let centre = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: Self.base))
        #expect(centre.policy.ladder.roles.map(\.id) == ["agent", "team_leader", "manager"])
        #expect(centre.policy.matrix.cell(role: "agent", action: "refund").authority
            == .limit(perCase: Money(minor: 5000, currency: .gbp),
                      rolling: RollingCap(amount: Money(minor: 10000, currency: .gbp), days: 30)))
        #expect(centre.policy.matrix.cell(role: "agent", action: "cancel_contract") == .deny)
        #expect(centre.policy.matrix.version.hasPrefix("file-"))
    }

    @Test func duplicateRoleID() {
        let found = issues(replacing("  - id: manager\n    title: Manager", with: "  - id: agent\n    title: Manager"))
        #expect(found.first?.line == 11)
        #expect(found.first?.message.contains("role \"agent\" is declared twice (first on line 7)") == true)
    }

    @Test func duplicateActionID() {
        let found = issues(replacing("  - id: cancel_contract\n    title: Cancel contract\n    kind: permission",
                                     with: "  - id: refund\n    title: Cancel contract\n    kind: permission"))
        #expect(found.contains { $0.line == 17 && $0.message.contains("action \"refund\" is declared twice") })
    }

    @Test func duplicateReferralID() {
        let yaml = Self.base + "\n  - id: vulnerable\n    when: {case_flag: x}\n    min_role: manager\n    reason: Again"
        expectOne(issues(yaml), line: 34, containing: "referral \"vulnerable\" is declared twice (first on line 30)")
    }

    @Test func undeclaredRoleInAuthority() {
        expectOne(issues(replacing("  manager:\n    refund: unlimited", with: "  manger:\n    refund: unlimited")),
                  line: 26, containing: "role \"manger\" is not declared under roles; did you mean \"manager\"?")
    }

    @Test func undeclaredAction() {
        expectOne(issues(replacing("    refund: 500", with: "    refnd: 500")),
                  line: 24, containing: "action \"refnd\" is not declared under actions; did you mean \"refund\"?")
    }

    @Test func undeclaredMinRole() {
        expectOne(issues(replacing("    min_role: team_leader", with: "    min_role: supervisor")),
                  line: 32, containing: "min_role \"supervisor\" is not declared")
    }

    @Test func monetaryCellOnAPermission() {
        let found = issues(replacing("    cancel_contract: allow\n  manager:", with: "    cancel_contract: 100\n  manager:"))
        expectOne(found, line: 25, containing: "cancel_contract is a permission, so its cell is allow or deny")
    }

    @Test func permissionCellOnAMonetaryAction() {
        expectOne(issues(replacing("    refund: 500", with: "    refund: allow")),
                  line: 24, containing: "refund is monetary, so its cell is an amount, a limit or unlimited, not allow")
    }

    @Test func limitMappingOnAPermission() {
        let found = issues(replacing("    cancel_contract: allow\n  manager:", with: "    cancel_contract: {per_case: 5}\n  manager:"))
        expectOne(found, line: 25, containing: "cancel_contract is a permission, so its cell is allow or deny, not a limit")
    }

    @Test func negativeAmount() {
        expectOne(issues(replacing("    refund: 500", with: "    refund: -500")), line: 24, containing: "is negative")
    }

    @Test func tooManyDecimals() {
        expectOne(issues(replacing("    refund: 500", with: "    refund: 500.001")),
                  line: 24, containing: "more than 2 decimal places")
    }

    @Test func rollingWindowOfZeroDays() {
        let found = issues(replacing("days: 30}}", with: "days: 0}}"))
        expectOne(found, line: 22, containing: "a rolling window of 0 days covers nothing")
        #expect(found.first?.column == 63)
    }

    @Test func invertedMatrixPerCase() {
        expectOne(issues(replacing("    refund: 500", with: "    refund: 40")),
                  line: 24, containing: "inverted matrix: the team_leader per-case limit for refund (£40.00) is below agent's (£50.00)")
    }

    @Test func invertedMatrixDenied() {
        expectOne(issues(replacing("    refund: unlimited", with: "    refund: deny")),
                  line: 27, containing: "inverted matrix: manager is denied refund, which agent, a lower role, may grant")
    }

    @Test func invertedMatrixRolling() {
        let found = issues(replacing("    refund: 500", with: "    refund: {per_case: 500, rolling: {amount: 90, days: 30}}"))
        expectOne(found, line: 24, containing: "the team_leader rolling cap for refund (£90.00 in 30 days) is below agent's (£100.00 in 30 days)")
    }

    @Test func invertedOKAcceptsAnInversion() {
        #expect(issues(replacing("    refund: 500", with: "    refund: {per_case: 40, inverted_ok: true}")).isEmpty)
        #expect(issues(replacing("    refund: unlimited", with: "    refund: {cell: deny, inverted_ok: true}")).isEmpty)
    }

    @Test func unknownKeyIsAnError() {
        expectOne(issues(replacing("    refund: 500", with: "    refund: {per_cas: 500}")),
                  line: 24, containing: "unknown key \"per_cas\" in the team_leader cell for refund; did you mean \"per_case\"?")
        expectOne(issues(replacing("routing: direct", with: "routng: direct")),
                  line: 4, containing: "unknown key \"routng\" in escalation.yaml; did you mean \"routing\"?")
    }

    @Test func missingRequiredKey() {
        expectOne(issues(replacing("currency: GBP\n", with: "")), line: 1, containing: "escalation.yaml is missing \"currency\"")
    }

    @Test func wrongTypes() {
        let roles = issues(replacing("roles:\n  - id: agent\n    title: Agent\n  - id: team_leader\n    title: Team Leader\n  - id: manager\n    title: Manager",
                                     with: "roles: agent, team_leader, manager"))
        expectOne(roles, line: 6, containing: "roles must be a list (lines starting with \"- \"), not \"agent, team_leader, manager\"")
        expectOne(issues(replacing("    kind: permission", with: "    kind: [permission]")),
                  line: 19, containing: "action kind must be text, not a list")
        expectOne(issues(replacing("retention: {years: 3}", with: "retention: {years: three}")),
                  line: 5, containing: "retention years must be a whole number")
    }

    @Test func unknownCurrencyTimezoneAndRouting() {
        expectOne(issues(replacing("currency: GBP", with: "currency: XYZ")), line: 2, containing: "not an ISO 4217 code")
        expectOne(issues(replacing("timezone: Europe/London", with: "timezone: Europe/Londn")),
                  line: 3, containing: "not an IANA time zone name")
        expectOne(issues(replacing("routing: direct", with: "routing: sideways")), line: 4, containing: "use direct")
    }

    /// `referral_scope` (an extension): team or role, nil when the file says nothing; any
    /// other word is an error at its line.
    @Test func referralScopeIsTeamOrRole() throws {
        #expect(try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: Self.base)).referralScope == nil)
        for scope in ReferralScope.allCases {
            let yaml = replacing("routing: direct", with: "routing: direct\nreferral_scope: \(scope.rawValue)")
            #expect(try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: yaml)).referralScope == scope)
        }
        expectOne(issues(replacing("routing: direct", with: "routing: direct\nreferral_scope: teams")),
                  line: 5, containing: "referral_scope \"teams\" is not known; use team")
    }

    @Test func japaneseYenHasNoDecimals() {
        let yaml = replacing("currency: GBP", with: "currency: JPY")
            .replacingOccurrences(of: "per_case: 50.00, rolling: {amount: 100.00", with: "per_case: 10.5, rolling: {amount: 100")
        expectOne(issues(yaml), line: 22, containing: "JPY has no minor units")
    }

    @Test func malformedYAML() {
        let found = issues("organisation: [unclosed\ncurrency: GBP\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("not valid YAML") == true)
        #expect(found.first?.line ?? 0 >= 1)
    }

    @Test func duplicateKeyInAMapping() {
        let found = issues(replacing("routing: direct", with: "routing: direct\nrouting: stepwise"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("appears twice") == true)
    }

    @Test func conditionsSideBySideAndEmpty() {
        expectOne(issues(replacing("when: {customer_flag: vulnerable}", with: "when: {customer_flag: a, case_flag: b}")),
                  line: 31, containing: "combine them with all")
        expectOne(issues(replacing("when: {customer_flag: vulnerable}", with: "when: {all: []}")),
                  line: 31, containing: "all needs at least one condition")
        // With a channels list, a channel a rule names must be on it (see ChannelContractTests
        // for a file without one).
        expectOne(issues(replacing("when: {customer_flag: vulnerable}", with: "when: {channel: carrier_pigeon}")
                         + "\nchannels: [phone, email]"),
                  line: 31, containing: "channel \"carrier_pigeon\" is not declared")
    }

    @Test func deepNestingIsRefusedClearly() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let found = issues("organisation: " + deep)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("nests too deeply") == true)
        let dashes = (0..<2000).map { _ in "- " }.joined() + "x"
        #expect(issues(dashes).first?.message.contains("nests too deeply") == true)
        var nestedAll = "{customer_flag: a}"
        for _ in 0..<40 { nestedAll = "{all: [\(nestedAll)]}" }
        #expect(issues(replacing("when: {customer_flag: vulnerable}", with: "when: \(nestedAll)"))
            .contains { $0.message.contains("more than 32 levels") })
    }

    @Test func anAliasBombIsStoppedByTheNodeBudget() {
        // Nine levels of ten aliases each would be a billion conditions if walked.
        var lines = ["a0: &a0 {customer_flag: x}"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) {any: [\(refs)]}")
        }
        let bomb = "anchors:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
        let yaml = bomb + "\n" + replacing("when: {customer_flag: vulnerable}", with: "when: *a9")
        let found = issues(yaml)
        #expect(found.contains { $0.message.contains("unknown key \"anchors\"") })
        #expect(found.contains { $0.message.contains("too large") || $0.message.contains("aliases") })
    }

    @Test func allErrorsAreReportedAtOnce() {
        let yaml = replacing("    refund: 500", with: "    refund: -1").replacingOccurrences(
            of: "    min_role: team_leader", with: "    min_role: boss").replacingOccurrences(
            of: "routing: direct", with: "routing: up")
        #expect(issues(yaml).map(\.line) == [4, 24, 32])
    }

    @Test func descriptionIsFileLineColumnSentence() {
        let issue = issues(replacing("routing: direct", with: "routing: up")).first
        #expect(issue?.description.hasPrefix("escalation.yaml:4:10: routing \"up\" is not known") == true)
    }
}
