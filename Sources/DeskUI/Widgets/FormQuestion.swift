/// A yes/no question asked over a form ("Discard what you typed?", "Open without a remedy?"):
/// its keymap, which the bar and help show, answers `y` yes and `n` or Esc no; Tab, arrows
/// and Enter work the buttons, Enter starting on no.
public struct FormQuestion {
    /// The box drawn over the form.
    public private(set) var dialog: ConfirmDialog
    /// The answering keys.
    public let keymap: Keymap<Bool>

    /// A question whose buttons say `yes` and `no`.
    public init(title: String, message: String, yes: String, no: String) {
        dialog = ConfirmDialog(title: title, message: message + " y/n", confirmLabel: yes, cancelLabel: no, defaultYes: false)
        keymap = Keymap([
            KeyBinding([.character("y")], label: yes, help: yes, action: true),
            KeyBinding([.character("n"), .escape], label: no, help: no, action: false),
        ])
    }

    /// "Discard what you typed?", asked when Esc would throw typed text away.
    public static var discard: FormQuestion {
        FormQuestion(title: "Discard?", message: "Discard what you typed?", yes: "Discard", no: "Keep editing")
    }

    /// `.submitted` for yes, `.cancelled` for no, else what the buttons did with the key.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let yes = keymap.action(for: event) { return yes ? .submitted : .cancelled }
        return dialog.handle(event)
    }

    /// Draws the question centred in `area`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) { dialog.render(into: &buffer, area: area) }
}

/// Keeps typed work from being lost: Esc (or Cancel) on a form holding typed text asks
/// "Discard what you typed?" instead of closing; `y` discards and `n` or Esc goes back to the
/// form with everything as it was. Forms with nothing typed close at once.
public struct DiscardGuard {
    /// The question while it is asked.
    public private(set) var question: FormQuestion?

    /// Nothing asked yet.
    public init() {}

    /// True while the question is open (it then takes every key).
    public var isAsking: Bool { question != nil }

    /// Asked to close: `.cancelled` at once when nothing was typed, else asks and `.redraw`.
    public mutating func close(holdingText: Bool) -> EventResult {
        guard holdingText else { return .cancelled }
        question = .discard
        return .redraw
    }

    /// While asking: `.cancelled` when the typing is to be discarded (close the form), `.redraw`
    /// when it is kept, else what the question did; nil when not asking.
    public mutating func handle(_ event: KeyEvent) -> EventResult? {
        guard question != nil else { return nil }
        switch question!.handle(event) {
        case .submitted:
            question = nil
            return .cancelled
        case .cancelled:
            question = nil
            return .redraw
        case let other:
            return other
        }
    }

    /// Draws the question over the form, if asked.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        if question != nil { question!.render(into: &buffer, area: area) }
    }

    /// The question's keys while asking, else the form's.
    public func barEntries<Action>(or keymap: Keymap<Action>) -> [FunctionBar.Entry] {
        question?.keymap.barEntries ?? keymap.barEntries
    }

    /// Help for the question's keys while asking, else the form's.
    public func helpEntries<Action>(or keymap: Keymap<Action>) -> [HelpOverlay.Entry] {
        question?.keymap.helpEntries ?? keymap.helpEntries
    }
}
