/// A dialog asking for one required note: the escalation note or the guidance sent back with
/// a returned case. Enter submits (the note itself takes no line breaks, so escalating stays
/// `e`, the note, Enter); an empty note is refused with `emptyMessage` and the dialog stays.
public struct NoteDialog: Component {
    /// The form underneath (its `error` shows refusals from the service too).
    public var form: FormDialog
    /// Said when Enter is pressed on an empty note; nil when the note may be left empty.
    public let emptyMessage: String?

    /// A note dialog.
    public init(title: String, label: String, submitLabel: String, emptyMessage: String?, placeholder: String = "") {
        form = FormDialog(title: title, fields: [.init(label, .note(TextArea(maxLength: 2_000, placeholder: placeholder), rows: 4))],
                          submitLabel: submitLabel)
        self.emptyMessage = emptyMessage
    }

    /// The escalation dialog.
    public static func escalate(caseID: String) -> NoteDialog {
        NoteDialog(title: "Escalate \(caseID)", label: "Note", submitLabel: "Escalate",
                   emptyMessage: "Write a note for the next handler before escalating.",
                   placeholder: "What the customer wants and why it goes up")
    }

    /// The return-with-guidance dialog.
    public static func giveBack(caseID: String) -> NoteDialog {
        NoteDialog(title: "Return \(caseID)", label: "Guidance", submitLabel: "Return",
                   emptyMessage: "Write guidance for the handler before returning the case.",
                   placeholder: "What the handler should do next")
    }

    /// Pausing a case's service clocks: the reason is recorded.
    public static func pauseClocks(caseID: String) -> NoteDialog {
        NoteDialog(title: "Pause the service clocks of \(caseID)", label: "Reason", submitLabel: "Pause",
                   emptyMessage: "Write why the clocks stop: what the case waits for (regulatory clocks never pause).",
                   placeholder: "What the case waits for")
    }

    /// Extending a clock by `months`: the reason is recorded and given to the customer.
    public static func extendClock(caseID: String, title: String, months: Int) -> NoteDialog {
        NoteDialog(title: "Extend by \(CaseScreen.months(months)) on \(caseID): \(title)", label: "Reason", submitLabel: "Extend",
                   emptyMessage: "Write why more time is needed; the customer must be told.",
                   placeholder: "Why more time is needed")
    }

    /// Approving a matrix proposal, with an optional rationale.
    public static func approveMatrix(version: String) -> NoteDialog {
        NoteDialog(title: "Approve matrix version \(version)", label: "Rationale", submitLabel: "Approve", emptyMessage: nil,
                   placeholder: "Why it is approved (optional)")
    }

    /// Rejecting a matrix proposal: the rationale is required.
    public static func rejectMatrix(version: String) -> NoteDialog {
        NoteDialog(title: "Reject matrix version \(version)", label: "Rationale", submitLabel: "Reject",
                   emptyMessage: "Write why the proposal is rejected; the proposer reads it.",
                   placeholder: "Why it is rejected")
    }

    /// The note as typed.
    public var note: String { form.text(of: 0) }

    /// The keys, for the bar and help.
    public var keymap: Keymap<FormAction> { .form(submitLabel: form.submitLabel, arrowsMove: false) }
    /// The bar: the discard question's keys while it is asked, else the form's.
    public var barEntries: [FunctionBar.Entry] { form.discard.barEntries(or: keymap) }
    /// Help for the keys that work now.
    public var helpEntries: [HelpOverlay.Entry] { form.discard.helpEntries(or: keymap) }

    /// Draws the form.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) { form.render(into: &buffer, area: area) }

    /// `.submitted` only with a note; an empty one sets the error and keeps the dialog open.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        let result = form.handle(event)
        guard result == .submitted else { return result }
        if let emptyMessage, !note.hasVisibleText {
            form.error = emptyMessage
            return .redraw
        }
        return .submitted
    }

    /// Where a dialog that writes its note stands after a key.
    public enum Step {
        /// Still open (a refusal, if any, shows in its error line); the key's result.
        case open(EventResult)
        /// Closed without writing.
        case cancelled
        /// The note was written.
        case written
    }

    /// Handles a key and, on submit, writes the note with `write`; a refusal from `write`
    /// stays in the dialog's error line and nothing is closed.
    public mutating func step(_ event: KeyEvent, write: (String) throws(DeskError) -> Void) -> Step {
        let result = handle(event)
        if result == .cancelled { return .cancelled }
        guard result == .submitted else { return .open(result) }
        do {
            try write(note)
            return .written
        } catch {
            form.error = error.message
            return .open(.redraw)
        }
    }
}
