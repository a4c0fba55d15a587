import EscalationCore
import Testing
@testable import DeskUI

/// A note, rationale or name of only blanks and zero-width characters reads as nothing: the
/// desk refuses it before it submits, as the store does before it records.
@Suite struct BlankTextTests {
    static let blank = "\u{200B}\u{200C} \u{2060}\u{FEFF}"

    @Test func aNoteOfZeroWidthCharactersKeepsTheDialogOpen() {
        var dialog = NoteDialog.escalate(caseID: "C-000001")
        for c in Self.blank { _ = dialog.handle(.character(c)) }
        #expect(dialog.note == Self.blank)
        #expect(dialog.handle(.enter) == .redraw)
        #expect(dialog.form.error == "Write a note for the next handler before escalating.")
        _ = dialog.handle(.character("x"))
        #expect(dialog.handle(.enter) == .submitted)
    }

    /// The double asks the core's `FreeText` as the store does, after the rulebook (so the
    /// case is one Bob holds), and refuses in the store's words: the old double had its own
    /// sentences and judged the text before it looked for the case.
    @Test func theServiceRefusesBlankMandatoryText() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Held by Bob", state: .claimed, openerID: "ann", holderID: "bob")
        let service = f.service("bob")
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return (error as? DeskError)?.message }
        }
        #expect(message { _ = try service.addCustomer(name: Self.blank, contact: "", flags: []) } == "A customer needs a name.")
        #expect(message { try service.escalate(caseID: "C-000001", note: Self.blank) }
                == "The note is empty; write a few words.")
        #expect(message { try service.returnCase(caseID: "C-000001", guidance: Self.blank) }
                == "The guidance is empty; write a few words.")
        #expect(message {
            try service.resolve(caseID: "C-000001", Resolution(outcome: .upheld, rationale: Self.blank, grants: [],
                                                              rootCause: "billing_error"))
        } == "The rationale is empty; write a few words.")
        #expect(try service.caseDetail(id: "C-000001").summary.state == .claimed)
    }
}
