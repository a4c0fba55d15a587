/// The `?` help: a centred box listing every key of the current screen, generated from the
/// same keymap the screen dispatches with. Esc, `?` or `q` closes it; arrows/j/k scroll.
public struct HelpOverlay: Component {
    /// One help line: keys and what they do.
    public struct Entry: Hashable, Sendable {
        /// The keys as shown ("↓ j").
        public var keys: String
        /// What they do.
        public var help: String
        /// Creates an entry.
        public init(keys: String, help: String) {
            self.keys = keys
            self.help = help
        }
    }

    /// Box title.
    public var title: String
    /// Lines to list.
    public var entries: [Entry]
    /// First entry on screen.
    public private(set) var scroll: Int = 0
    /// Entries that fit, learned at the last render.
    private var visible = 1

    /// Help listing explicit entries.
    public init(title: String = "Help", entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    /// Help for a keymap: one line per binding.
    public init<Action>(title: String = "Help", keymap: Keymap<Action>) {
        self.init(title: title, entries: keymap.helpEntries)
    }

    /// Draws the box centred in `area` over whatever is there.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let keysWidth = min(16, entries.map { TextSanitiser.displayWidth($0.keys) }.max() ?? 0)
        let helpWidth = entries.map { TextSanitiser.displayWidth($0.help) }.max() ?? 0
        let footer = "Esc ? q close"
        let innerWidth = max(keysWidth + 2 + helpWidth, TextSanitiser.displayWidth(footer) + 2, TextSanitiser.displayWidth(title) + 4)
        let box = area.centred(rows: entries.count + 2, cols: innerWidth + 4)
        buffer.box(box, title: title)
        let inner = Rect(row: box.row + 1, col: box.col + 2, rows: box.rows - 2, cols: box.cols - 4)
        visible = max(1, inner.rows)
        scroll = max(0, min(scroll, entries.count - visible))
        for i in 0..<inner.rows where scroll + i < entries.count {
            let entry = entries[scroll + i]
            let keys = ColumnLayout.fit(entry.keys, width: min(keysWidth, inner.cols))
            buffer.write(row: inner.row + i, col: inner.col, text: keys, style: Style(.title, [.bold]), maxWidth: inner.cols)
            let helpCol = inner.col + keysWidth + 2
            buffer.write(row: inner.row + i, col: helpCol, text: TextSanitiser.truncate(entry.help, toWidth: inner.right - helpCol),
                         maxWidth: inner.right - helpCol)
        }
        if box.rows >= 2, box.cols > TextSanitiser.displayWidth(footer) + 4 {
            let shown = scroll + visible < entries.count ? "↓ more · " + footer : footer
            let text = " " + TextSanitiser.truncate(shown, toWidth: box.cols - 6) + " "
            buffer.write(row: box.bottom - 1, col: box.right - 2 - DisplayWidth.of(text), text: text, style: .muted)
        }
    }

    /// Closes on Esc, `?` or `q` (`.cancelled`); scrolls on navigation keys; swallows the rest
    /// so nothing reaches the screen underneath while help is open.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .escape, .character("?"), .character("q"): return .cancelled
        case .resize, .signal, .timeout: return .ignored
        default: break
        }
        guard let action = Keymap.listNavigation.action(for: event) else { return .handled }
        let before = scroll
        scroll = action.scrolled(from: scroll, page: visible, length: entries.count)
        return scroll == before ? .handled : .redraw
    }
}
