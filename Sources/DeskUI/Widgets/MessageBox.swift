/// A centred notice with one OK button ("Case claimed by someone else"): Enter or Space
/// acknowledges (`.submitted`), Esc dismisses (`.cancelled`); either way it closes.
public struct MessageBox: Component {
    /// Box title.
    public var title: String
    /// The (untrusted) message, wrapped to fit.
    public var message: String
    /// The message's style (`.danger` for errors).
    public var style: Style

    /// Creates a message box.
    public init(title: String, message: String, style: Style = .normal) {
        self.title = title
        self.message = message
        self.style = style
    }

    /// Draws the box centred in `area`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let width = DialogLayout.boxWidth(content: min(56, TextSanitiser.displayWidth(message)), area: area)
        let lines = TextWrap.clipped(TextWrap.wrap(message, width: max(1, width - 4)), to: max(1, area.rows - 4), width: max(1, width - 4))
        let box = area.centred(rows: lines.count + 4, cols: width)
        buffer.box(box, title: title)
        let inner = box.inset(by: 1)
        for (i, line) in lines.enumerated() where i < inner.rows - 2 {
            buffer.write(row: inner.row + i, col: inner.col + 1, text: line, style: style, maxWidth: inner.cols - 2)
        }
        if inner.rows >= 1 {
            DialogButtons(labels: ["OK"]).render(into: &buffer, area: Rect(row: inner.bottom - 1, col: inner.col, rows: 1, cols: inner.cols), focused: 0)
        }
    }

    /// Closes on Enter/Space (`.submitted`) or Esc (`.cancelled`); swallows other keys.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .enter, .character(" "): return .submitted
        case .escape: return .cancelled
        case .resize, .signal, .timeout: return .ignored
        default: return .handled
        }
    }
}
