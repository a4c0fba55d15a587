import Testing
import EscalationCore
@testable import DeskUI

/// Dialogs: centred boxes, focus with Tab, Enter and Esc.
@Suite struct DialogTests {
    @Test func confirmDialogAnswersWithKeysAndButtons() {
        var dialog = ConfirmDialog(title: "Claim", message: "Claim case #42 for Ann Smith?")
        var buffer = ScreenBuffer(rows: 7, cols: 40)
        dialog.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == [
            "",
            "   ┌─ Claim ───────────────────────┐",
            "   │ Claim case #42 for Ann Smith? │",
            "   │                               │",
            "   │        [ Yes ]  [ No ]        │",
            "   └───────────────────────────────┘",
            "",
        ])
        #expect(dialog.handle(.enter) == .submitted)
        #expect(dialog.handle(.tab) == .redraw)
        #expect(dialog.handle(.enter) == .cancelled)
        #expect(dialog.handle(.character("y")) == .submitted)
        #expect(dialog.handle(.escape) == .cancelled)
        #expect(dialog.handle(.character("z")) == .handled)
    }

    @Test func messageBoxWrapsAndCloses() {
        var box = MessageBox(title: "Not claimed", message: "Case #42 was claimed by Bob Jones a moment ago.", style: .danger)
        var buffer = ScreenBuffer(rows: 8, cols: 30)
        box.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == [
            "",
            "┌─ Not claimed ──────────────┐",
            "│ Case #42 was claimed by    │",
            "│ Bob Jones a moment ago.    │",
            "│                            │",
            "│           [ OK ]           │",
            "└────────────────────────────┘",
            "",
        ])
        #expect(box.handle(.enter) == .submitted)
        #expect(box.handle(.escape) == .cancelled)
    }

    @Test func formDialogTabsBetweenFieldsAndSubmitsWithEnter() {
        var form = FormDialog(title: "Escalate", fields: [
            .init("Amount", .line(TextField(filter: .amount()))),
            .init("Note", .note(TextArea(), rows: 2)),
        ], submitLabel: "Escalate")
        for c in "75.00" { _ = form.handle(.character(c)) }
        #expect(form.handle(.tab) == .redraw)
        for c in "wants goodwill" { _ = form.handle(.character(c)) }
        #expect(form.text(of: 0) == "75.00")
        #expect(form.text(of: 1) == "wants goodwill")
        form.error = "A note is required"
        var buffer = ScreenBuffer(rows: 9, cols: 44)
        form.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == [
            "┌─ Escalate ───────────────────────────────┐",
            "│ Amount  75.00                            │",
            "│   Note  wants goodwill                   │",
            "│                                          │",
            "│ A note is required                       │",
            "│                                          │",
            "│         [ Escalate ]  [ Cancel ]         │",
            "└──────────────────────────────────────────┘",
            "",
        ])
        #expect(form.handle(.enter) == .submitted)
        _ = form.handle(.tab)
        _ = form.handle(.tab)
        #expect(form.focus == 3)
        #expect(form.handle(.enter) == .redraw)  // typed text: asks before discarding
        #expect(form.discard.isAsking)
        #expect(form.handle(.character("n")) == .redraw)
        #expect(!form.discard.isAsking && form.text(of: 1) == "wants goodwill")
        _ = form.handle(.backTab)
        #expect(form.focus == 2)
        #expect(form.handle(.escape) == .redraw)
        #expect(form.handle(.character("y")) == .cancelled)
        var untouched = FormDialog(title: "x", fields: [.init("Name", .line(TextField(text: "Pre-filled")))])
        #expect(untouched.handle(.escape) == .cancelled)  // nothing typed: closes at once
    }

    @Test func dialogsSurviveTinyAreas() {
        var buffer = ScreenBuffer(rows: 2, cols: 3)
        var confirm = ConfirmDialog(title: "Claim", message: "Claim?")
        confirm.render(into: &buffer, area: buffer.area)
        var form = FormDialog(title: "x", fields: [.init("Note", .note(TextArea(), rows: 3))])
        form.render(into: &buffer, area: buffer.area)
        var message = MessageBox(title: "t", message: "m")
        var empty = ScreenBuffer(rows: 0, cols: 0)
        message.render(into: &empty, area: empty.area)
        #expect(empty.lines() == [])
    }
}

/// The remedy pickers (new case, resolve, letter) offer what a customer can be given, never a
/// desk power: approving a matrix proposal or erasing personal data is nobody's remedy.
@Suite struct RemedyChoiceTests {
    static let actions = [
        Action(id: "refund", title: "Refund", kind: .monetary),
        Action(id: "approve_matrix", title: "Approve a matrix proposal", kind: .permission),
        Action(id: "disclose_account_data", title: "Disclose account data", kind: .permission),
        Action(id: "erase_personal_data", title: "Erase personal data", kind: .permission),
        Action(id: Action.overrideIdentityCheckID, title: "Override failed identity check", kind: .permission),
    ]

    @Test func onlyRemediesAreOffered() {
        let editor = RemedyEditor(actions: Self.actions, currency: .gbp,
                                  requests: [RemedyRequest(action: "approve_matrix", amount: nil),
                                             RemedyRequest(action: "disclose_account_data", amount: nil)])
        #expect(editor.actions.map(\.id) == ["refund", "disclose_account_data"])
        #expect(editor.lines.first?.action.labels == ["none", "Refund", "Disclose account data"])
        #expect(editor.action(onLine: 0)?.id == "disclose_account_data")
    }

    @Test func aLongChoiceEndsInAnEllipsisAndKeepsItsArrow() {
        var field = ChoiceField(labels: ["none", "Override the retention period"], index: 1)
        field.isFocused = true
        var buffer = ScreenBuffer(rows: 1, cols: 20)
        field.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["◀ Override the re… ▶"])
    }

    /// Right on the blank line picks an action (a new blank line appears); Left back to none
    /// leaves one blank line, never two "add another" rows.
    @Test func pickingAndUnpickingLeavesOneBlankLine() {
        var editor = RemedyEditor(actions: Self.actions, currency: .gbp)
        _ = editor.handle(.right, line: 0, part: .action)
        _ = editor.handle(.character("1"), line: 0, part: .amount)
        #expect(editor.lines.count == 2)
        _ = editor.handle(.right, line: 1, part: .action)
        #expect(editor.lines.count == 3)
        _ = editor.handle(.left, line: 1, part: .action)
        #expect(editor.lines.count == 2)
        #expect(editor.action(onLine: 1) == nil)
        #expect(editor.action(onLine: 0)?.id == "refund")
    }
}
