/// The bottom line of every screen, htop style (`F1Help F2Claim …`, keys in reverse video),
/// drawn from the screen's keymap so it always names the keys that really work.
public struct FunctionBar: Hashable, Sendable {
    /// One key and its label.
    public struct Entry: Hashable, Sendable {
        /// The key as shown ("F1", "q").
        public var key: String
        /// What it does, in a word or two.
        public var label: String
        /// Creates an entry.
        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    /// Entries in order.
    public var entries: [Entry]
    /// Style of the key part.
    public var keyStyle = Style(.normal, [.reverse, .bold])
    /// Style of the label part.
    public var labelStyle = Style.normal

    /// A bar with explicit entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The bar for a keymap: every binding that has a label.
    public init<Action>(keymap: Keymap<Action>) {
        self.init(entries: keymap.barEntries)
    }

    /// Draws on the first row of `area`; entries that do not fit whole are left off rather than cut.
    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = Rect(row: area.row, col: area.col, rows: 1, cols: area.cols)
        buffer.fill(row)
        var x = area.col
        for entry in entries {
            let keyWidth = TextSanitiser.displayWidth(entry.key)
            let labelWidth = TextSanitiser.displayWidth(entry.label)
            guard x + keyWidth + labelWidth <= area.right else { break }
            x += buffer.write(row: area.row, col: x, text: entry.key, style: keyStyle)
            x += buffer.write(row: area.row, col: x, text: entry.label, style: labelStyle)
            x += 1
        }
    }
}
