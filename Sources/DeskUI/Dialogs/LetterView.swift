import EscalationCore

/// The letter just sent, as the customer gets it: exactly the text its record's SHA-256 is
/// of, scrollable, with where the desk kept a copy to post or email. Enter or Esc closes it.
public struct LetterView: Component {
    /// The letter shown.
    public let letter: DeskLetter
    private var page = LinePage()

    public init(_ letter: DeskLetter) {
        self.letter = letter
        page.hangingIndent = ""
        page.lines = letter.text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), Style.normal) }
    }

    /// The bar's keys.
    public var barEntries: [FunctionBar.Entry] { [.init(key: "↑↓", label: "Scroll"), .init(key: "Enter", label: "Close")] }
    /// Help for the keys.
    public var helpEntries: [HelpOverlay.Entry] {
        Keymap.listNavigation.helpEntries + [.init(keys: "Enter Esc", help: "Close the letter")]
    }

    /// Scrolls; Enter, Space or Esc closes (`.submitted`).
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let move = Keymap.listNavigation.action(for: event) {
            page.scroll(move)
            return .redraw
        }
        switch event {
        case .enter, .escape, .character(" "): return .submitted
        case .resize, .signal, .timeout: return .ignored
        default: return .handled
        }
    }

    /// A box over most of the screen: the letter, then where its copy is.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let box = area.centred(rows: area.rows, cols: min(area.cols, 78))
        buffer.fill(box)
        buffer.box(box, title: "\(LetterDialog.title(letter.kind)) letter sent · sha256 \(letter.sha256.prefix(8))…")
        let inner = box.inset(by: 1)
        guard inner.rows > 1 else { return }
        let footer = letter.savedTo.map { "Saved to \($0)" } ?? letter.saveProblem ?? ""
        let footerLines = TextWrap.clipped(TextWrap.wrap(footer, width: max(1, inner.cols - 2)), to: max(0, min(2, inner.rows - 2)),
                                           width: max(1, inner.cols - 2))
        page.render(into: &buffer, area: Rect(row: inner.row, col: inner.col, rows: inner.rows - footerLines.count, cols: inner.cols))
        for (i, line) in footerLines.enumerated() {
            buffer.write(row: inner.bottom - footerLines.count + i, col: inner.col + 1, text: line,
                         style: letter.savedTo == nil ? Style(.danger, [.bold]) : .muted, maxWidth: inner.cols - 2)
        }
    }
}
