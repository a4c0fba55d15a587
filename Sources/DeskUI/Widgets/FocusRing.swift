/// Which control of a form has focus, kept by identity rather than position, so a form whose
/// controls come and go (a remedy line added) keeps focus on the same control.
public struct FocusRing<Stop: Equatable> {
    /// The controls in Tab order.
    public private(set) var stops: [Stop]
    /// The focused control.
    public private(set) var current: Stop

    /// A ring focused on its first stop.
    /// - Precondition: `stops` is not empty.
    public init(_ stops: [Stop]) {
        precondition(!stops.isEmpty, "a form needs something to focus")
        self.stops = stops
        current = stops[0]
    }

    /// Replaces the stops, keeping the focused one if it is still there (else the nearest before).
    public mutating func update(_ newStops: [Stop]) {
        let old = stops.firstIndex(of: current) ?? 0
        stops = newStops
        if !newStops.contains(current) { current = newStops[min(old, newStops.count - 1)] }
    }

    /// Focuses a stop.
    public mutating func focus(_ stop: Stop) { if stops.contains(stop) { current = stop } }

    /// Moves to the next stop, wrapping.
    public mutating func next() { step(1) }
    /// Moves to the previous stop, wrapping.
    public mutating func previous() { step(-1) }

    private mutating func step(_ delta: Int) {
        let i = stops.firstIndex(of: current) ?? 0
        current = stops[(i + delta + stops.count) % stops.count]
    }
}

/// The keys every desk form shares; the form's bar and help come from this keymap.
public enum FormAction: Hashable, Sendable {
    /// Submit the form.
    case submit
    /// Next control.
    case next
    /// Enter in a long form: the next control, or press the focused button.
    case advance
    /// Previous control.
    case previous
    /// Close without submitting.
    case cancel
}

extension Keymap where Action == FormAction {
    /// Enter submits, Tab/↓ and S-Tab/↑ move, Esc cancels (↑/↓ stay with a note editor).
    public static func form(submitLabel: String, arrowsMove: Bool) -> Keymap {
        Keymap([
            KeyBinding([.enter], label: submitLabel, help: submitLabel, action: .submit),
            KeyBinding(arrowsMove ? [.tab, .down] : [.tab], label: "Next", help: "Next field", action: .next),
            KeyBinding(arrowsMove ? [.backTab, .up] : [.backTab], help: "Previous field", action: .previous),
            KeyBinding([.escape], label: "Cancel", help: "Cancel", action: .cancel),
        ])
    }

    /// The keys of a long form (the new case), where Enter must not submit half a form: Enter
    /// moves to the next control and presses a focused button; `submitKeys` (the first shown
    /// in the bar) submit from anywhere; Tab/↓ and S-Tab/↑ move; Esc cancels.
    public static func longForm(submitLabel: String, submitKeys: [KeyEvent]) -> Keymap {
        Keymap([
            KeyBinding(submitKeys, label: submitLabel, help: "\(submitLabel) from any field", action: .submit),
            KeyBinding([.enter], label: "Next", help: "Next field; on a button, press it", action: .advance),
            KeyBinding([.tab, .down], help: "Next field", action: .next),
            KeyBinding([.backTab, .up], help: "Previous field", action: .previous),
            KeyBinding([.escape], label: "Cancel", help: "Cancel (asks first when something was typed)", action: .cancel),
        ])
    }
}

/// What a dialog does with a form key once its focus has moved: nothing more, close (through
/// its discard question), or check what was typed and submit it.
public enum DialogKeyStep: Equatable, Sendable {
    case moved, close, submit
}

extension FocusRing {
    /// Moves focus for Tab and Shift-Tab, and says what a dialog whose `cancelStop` button
    /// closes it does with the key: Esc, or Enter on that button, closes; Enter elsewhere
    /// submits (`.advance` is not bound in such dialogs, so it only redraws).
    public mutating func step(_ action: FormAction, cancelStop: Stop) -> DialogKeyStep {
        switch action {
        case .next: next(); return .moved
        case .previous: previous(); return .moved
        case .advance: return .moved
        case .cancel: return .close
        case .submit: return current == cancelStop ? .close : .submit
        }
    }
}
