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

    @Test func theServiceRefusesBlankMandatoryText() {
        let service = DeskFixture().service("ann")
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return (error as? DeskError)?.message }
        }
        #expect(message { _ = try service.addCustomer(name: Self.blank, contact: "", flags: []) } == "A customer needs a name.")
        #expect(message { try service.escalate(caseID: "C-000001", note: Self.blank) }
                == "An escalation needs a note for the next handler.")
        #expect(message { try service.returnCase(caseID: "C-000001", guidance: Self.blank) }
                == "A return needs guidance for the handler.")
    }
}
