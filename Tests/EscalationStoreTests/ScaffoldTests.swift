import Testing
import EscalationCore

/// Keeps this test target building until its own suites land; checks the shared core links.
@Test func coreLinksIntoEscalationStoreTests() {
    #expect(Verdict(rawValue: "escalate") == .escalate)
}
