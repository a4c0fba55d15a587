import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A desk power (approving a matrix, erasing personal data, the identity-check override…)
/// is nobody's remedy: a case cannot ask for one nor a resolution grant one (65, nothing written).
@Suite struct DeskPowerRemedyTests {
    static let power = RemedyRequest(action: Action.overrideIdentityCheckID)

    @Test func aCaseCannotAskForADeskPowerNorAResolutionGrantOne() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jane Doe"), actor: "tom", now: Fixtures.start)
        let before = try store.verifyChain().events
        let asked = refusal {
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Wants an override", requests: [Self.power]),
                                   actor: "tom", now: Fixtures.minutes(1))
        }
        #expect(asked?.exitCode == 65)
        #expect(asked?.description == "Override failed identity check is a power of the desk, not a remedy; it cannot be asked for")
        #expect(try store.verifyChain().events == before)

        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice"), actor: "tom", now: Fixtures.minutes(2))
        let granted = refusal {
            _ = try store.resolve(caseID: opened.id, resolution: Resolution(outcome: .upheld, rationale: "Sorted", grants: [Self.power],
                                                                            rootCause: "billing_error"),
                                  actor: "tom", now: Fixtures.minutes(3))
        }
        #expect(granted?.exitCode == 65)
        #expect(granted?.description.hasSuffix("it cannot be granted") == true, "\(String(describing: granted))")
        #expect(try store.caseDetail(id: opened.id).summary.state == .open)
    }

    @Test func everyDeskPowerIsNamedOnceInTheCore() {
        for id in ["approve_matrix", "export_personal_data", "erase_personal_data", "override_retention", "correct_receipt",
                   "change_clock", Action.overrideIdentityCheckID] {
            #expect(!Action(id: id, title: id, kind: .permission).isRemedy, "\(id)")
        }
        #expect(Action(id: "refund", title: "Refund", kind: .monetary).isRemedy)
        #expect(Action(id: "disclose_account_data", title: "Disclose", kind: .permission).isRemedy)
    }
}
