import EscalationCore
import Foundation
import Testing
@testable import EscalationConfig

/// `case_flags:` and `customer_flags:` (CONFIG.md: flags are free names unless the file
/// declares them, and then referral rules are checked against them).
@Suite struct FlagListTests {
    func issues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: yaml))
            return []
        } catch {
            return error.issues
        }
    }

    @Test func declaredFlagListsLoad() throws {
        let yaml = ValidationTests.base + "\ncase_flags: [legal_threat, media]\ncustomer_flags: [vulnerable, vip]\n"
        let centre = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: yaml))
        #expect(centre.declaredCaseFlags == ["legal_threat", "media"])
        #expect(centre.declaredCustomerFlags == ["vulnerable", "vip"])
        #expect(centre.acceptedCaseFlags == ["legal_threat", "media"])
        #expect(centre.acceptedCustomerFlags == ["vulnerable", "vip"])
    }

    @Test func withoutListsFlagsAreFreeNames() throws {
        let centre = try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: ValidationTests.base))
        #expect(centre.declaredCaseFlags == nil && centre.declaredCustomerFlags == nil)
        #expect(centre.acceptedCustomerFlags.first == "vulnerable")
    }

    @Test func aReferralNamingAnUndeclaredCustomerFlagIsRefusedAtItsPlace() {
        let found = issues(ValidationTests.base + "\ncustomer_flags: [vip]\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 31 && found.first?.column == 27, "\(found)")
        #expect(found.first?.message == "customer flag \"vulnerable\" is not declared under customer_flags; declared customer flags are: vip")
    }

    @Test func aNestedReferralNamingAnUndeclaredCaseFlagIsRefusedAtItsPlace() {
        let yaml = ValidationTests.base + """

              - id: press
                when: {any: [{case_flag: [media, pres]}]}
                min_role: manager
                reason: Press interest
            case_flags: [media, press]
            """
        let found = issues(yaml)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 35 && found.first?.column == 30, "\(found)")
        #expect(found.first?.message == "case flag \"pres\" is not declared under case_flags; did you mean \"press\"?")
    }

    @Test func aBadFlagListIsOneErrorWithoutACascade() {
        let found = issues(ValidationTests.base + "\ncustomer_flags: [vulnerable, Very Important]\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 34, "\(found)")
        #expect(found.first?.message.contains("must be a short id") == true, "\(found)")
        let empty = issues(ValidationTests.base + "\ncase_flags: []\n")
        #expect(empty.map(\.message) == ["case_flags must list at least one entry"])
    }
}
