import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The store records only flags the centre accepts (FlagRules): an escape sequence stored as a
/// case flag ran in every later viewer's terminal. Every path that records a flag is checked.
@Suite struct StoreFlagTests {
    static let hostile = "\u{1B}]0;PWNED\u{7}\u{1B}[2J"

    func store(_ centre: Centre = Fixtures.centre()) throws -> DeskStore {
        let (store, _) = try Fixtures.newStore(centre: centre)
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jane Doe"), actor: "tom", now: Fixtures.start)
        return store
    }

    func centre(caseFlags: [String]?, customerFlags: [String]?) -> Centre {
        let c = Fixtures.centre()
        return Centre(organisation: c.organisation, timezone: c.timezone, retention: c.retention, policy: c.policy,
                      caseKinds: c.caseKinds, channels: c.channels, rootCauses: c.rootCauses, staff: c.staff,
                      declaredCaseFlags: caseFlags, declaredCustomerFlags: customerFlags)
    }

    func open(_ store: DeskStore, flags: [String]) throws -> OpenedCase {
        try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice", caseFlags: flags), actor: "tom", now: Fixtures.start)
    }

    @Test func caseFlagsOutsideTheCentresAreRefusedAndNothingIsWritten() throws {
        let store = try store()
        let accepted = store.centre.acceptedCaseFlags
        let events = try store.eventCount()
        for flag in [Self.hostile, "nope", "legal threat", String(repeating: "x", count: 65)] {
            #expect(refusal { _ = try open(store, flags: ["legal_threat", flag]) }
                    == .invalidValue(field: "case flag", value: flag, allowed: accepted))
            #expect(refusal { _ = try store.previewOpen(NewCase(customer: "CU-1", summary: "x", caseFlags: [flag]),
                                                        actor: "tom", now: Fixtures.start) } != nil)
        }
        #expect(try store.eventCount() == events)
        // A referral rule's flag and a common one are accepted.
        #expect(try open(store, flags: ["legal_threat", "ombudsman"]).decision.routeTo == "manager")
    }

    @Test func customerFlagsOutsideTheCentresAreRefused() throws {
        let store = try store()
        let events = try store.eventCount()
        let refused = refusal {
            try store.addCustomer(NewCustomer(id: "CU-2", name: "Raj", flags: [Self.hostile]), actor: "tom", now: Fixtures.start)
        }
        #expect(refused == .invalidValue(field: "customer flag", value: Self.hostile, allowed: store.centre.acceptedCustomerFlags))
        #expect(refused?.exitCode == 65)
        #expect(refused?.description.contains("\u{1B}") == true)  // the CLI's sanitiser makes it visible
        #expect(refused?.description.hasSuffix("use one of: vulnerable, high_profile, bereaved") == true)
        #expect(try store.eventCount() == events)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Raj", flags: ["bereaved"]), actor: "tom", now: Fixtures.start)
    }

    @Test func declaredListsAreExactlyWhatIsAcceptedAndSurviveReopening() throws {
        let (store, path) = try Fixtures.newStore(centre: centre(caseFlags: ["legal_threat", "press"], customerFlags: ["vip"]))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jane", flags: ["vip"]), actor: "tom", now: Fixtures.start)
        #expect(refusal { try store.addCustomer(NewCustomer(id: "CU-2", name: "Raj", flags: ["vulnerable"]), actor: "tom",
                                                now: Fixtures.start) } != nil)
        let again = try DeskStore.open(at: path)
        #expect(again.centre.declaredCaseFlags == ["legal_threat", "press"])
        #expect(again.centre.declaredCustomerFlags == ["vip"])
        _ = try open(again, flags: ["press"])
        #expect(refusal { _ = try open(again, flags: ["media"]) }
                == .invalidValue(field: "case flag", value: "media", allowed: ["legal_threat", "press"]))
    }
}
