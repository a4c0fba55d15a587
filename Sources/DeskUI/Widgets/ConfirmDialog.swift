/// A yes/no question ("Claim this case?"): Tab or arrows move between the buttons, Enter
/// activates the focused one, `y`/`n` answer directly, Esc is no. Confirming returns
/// `.submitted`, declining `.cancelled`.
public struct ConfirmDialog: Component {
    /// Box title.
    public var title: String
    /// The (untrusted) question, wrapped to fit.
    public var message: String
    /// Label of the confirming button.
    public var confirmLabel: String
    /// Label of the declining button.
    public var cancelLabel: String
    /// True while the confirming button has focus; starts false for destructive questions.
    public private(set) var confirmFocused: Bool

    /// Creates a question; `defaultYes` decides which button Enter presses first.
    public init(title: String, message: String, confirmLabel: String = "Yes", cancelLabel: String = "No", defaultYes: Bool = true) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        confirmFocused = defaultYes
    }

    /// Draws the box centred in `area`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let buttons = DialogButtons(labels: [confirmLabel, cancelLabel])
        let width = DialogLayout.boxWidth(content: max(buttons.width, min(56, TextSanitiser.displayWidth(message))), area: area)
        let lines = TextWrap.clipped(TextWrap.wrap(message, width: max(1, width - 4)), to: max(1, area.rows - 4), width: max(1, width - 4))
        let box = area.centred(rows: lines.count + 4, cols: width)
        buffer.box(box, title: title)
        let inner = box.inset(by: 1)
        for (i, line) in lines.enumerated() where i < inner.rows - 2 {
            buffer.write(row: inner.row + i, col: inner.col + 1, text: line, maxWidth: inner.cols - 2)
        }
        if inner.rows >= 1 {
            buttons.render(into: &buffer, area: Rect(row: inner.bottom - 1, col: inner.col, rows: 1, cols: inner.cols),
                           focused: confirmFocused ? 0 : 1)
        }
    }

    /// Answers or moves focus; swallows other keys while open.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .tab, .backTab, .left, .right, .character("h"), .character("l"):
            confirmFocused.toggle()
            return .redraw
        case .enter: return confirmFocused ? .submitted : .cancelled
        case .character("y"), .character("Y"): return .submitted
        case .character("n"), .character("N"), .escape: return .cancelled
        case .resize, .signal, .timeout: return .ignored
        default: return .handled
        }
    }
}
