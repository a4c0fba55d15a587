import Foundation
import Testing
@testable import EscalationCore

/// Which flags a centre accepts, and a centre's declared flag lists in its stored JSON.
@Suite struct FlagRulesTests {
    @Test func aCentreWithoutDeclaredListsAcceptsReferralFlagsAndTheCommonOnes() {
        let referrals = Fixture.referrals + [
            ReferralRule(id: "vip", when: .any([.customerFlag(["vip"]), .caseFlag(["press"])]), minRole: "manager", reason: "VIP"),
        ]
        let cases = FlagRules.accepted(.caseFlag, declared: nil, referrals: referrals)
        #expect(cases == ["legal_threat", "media", "press", "regulator", "ombudsman", "social_media", "bereavement"])
        let customers = FlagRules.accepted(.customerFlag, declared: nil, referrals: referrals)
        #expect(customers == ["vulnerable", "vip", "high_profile", "bereaved"])
    }

    @Test func aDeclaredListIsExactlyWhatIsAccepted() {
        #expect(FlagRules.accepted(.caseFlag, declared: ["legal_threat"], referrals: Fixture.referrals) == ["legal_threat"])
        #expect(FlagRules.accepted(.customerFlag, declared: ["vip"], referrals: Fixture.referrals) == ["vip"])
    }

    @Test func flagsMustBeAcceptedAndIdentifierShaped() {
        let accepted = ["legal_threat", "media", "a.b-c"]
        #expect(FlagRules.firstRefused(["legal_threat", "a.b-c"], accepted: accepted) == nil)
        #expect(FlagRules.firstRefused(["legal_threat", "nope"], accepted: accepted) == "nope")
        let hostile = "\u{1B}]0;PWNED\u{7}\u{1B}[2J"
        #expect(FlagRules.firstRefused([hostile], accepted: accepted + [hostile]) == hostile)
        #expect(!FlagRules.isWellFormed(""))
        #expect(!FlagRules.isWellFormed(String(repeating: "a", count: 65)))
        #expect(FlagRules.isWellFormed(String(repeating: "a", count: 64)))
        #expect(!FlagRules.isWellFormed("legal threat"))
        #expect(!FlagRules.isWellFormed("médía"))
    }

    // MARK: The stored centre

    func centre(caseFlags: [String]? = nil, customerFlags: [String]? = nil) -> Centre {
        Centre(organisation: "Test", timezone: "Europe/London", retention: RetentionPeriod(years: 3),
               policy: Fixture.policy(), caseKinds: Centre.defaultCaseKinds, channels: Centre.defaultChannels,
               rootCauses: Centre.defaultRootCauses, staff: .empty,
               declaredCaseFlags: caseFlags, declaredCustomerFlags: customerFlags)
    }

    @Test func aCentreWithoutDeclaredFlagsIsWrittenAsBefore() throws {
        let json = String(decoding: try JSONEncoderShim.encode(centre()), as: UTF8.self)
        #expect(!json.contains("declared"))
        #expect(!json.contains("Flags"))
    }

    @Test func aCentreStoredBeforeFlagListsDecodes() throws {
        let json = String(decoding: try JSONEncoderShim.encode(centre()), as: UTF8.self)
        let old = try JSONEncoderShim.decode(Centre.self, from: Data(json.utf8))
        #expect(old.declaredCaseFlags == nil && old.declaredCustomerFlags == nil)
        #expect(old.acceptedCaseFlags.contains("legal_threat"))
        let declared = centre(caseFlags: ["legal_threat"], customerFlags: ["vip"])
        let back = try JSONEncoderShim.decode(Centre.self, from: try JSONEncoderShim.encode(declared))
        #expect(back == declared)
        #expect(back.acceptedCaseFlags == ["legal_threat"] && back.acceptedCustomerFlags == ["vip"])
    }
}
