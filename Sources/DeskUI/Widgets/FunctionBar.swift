/// The bottom line of every screen, htop style (`F1Help F2Claim …`, keys in reverse video),
/// drawn from the screen's keymap so it always names the keys that really work.
public struct FunctionBar: Hashable, Sendable {
    /// One key and its label.
    public struct Entry: Hashable, Sendable {
        /// The key as shown ("F1", "q").
        public var key: String
        /// What it does, in a word or two.
        public var label: String
        /// How long it stays when the bar is short of room: the lowest goes first (the
        /// rightmost of equals), so Help and Quit outlast a screen's own keys.
        public var priority: Int
        /// Creates an entry.
        public init(key: String, label: String, priority: Int = 0) {
            self.key = key
            self.label = label
            self.priority = priority
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

    /// Draws on the first row of `area`; entries that do not fit whole are left off (the
    /// least important first) rather than cut.
    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = Rect(row: area.row, col: area.col, rows: 1, cols: area.cols)
        buffer.fill(row)
        let widths = entries.map { TextSanitiser.displayWidth($0.key) + TextSanitiser.displayWidth($0.label) }
        var x = area.col
        for i in WholeFit.kept(widths: widths, priorities: entries.map(\.priority), gap: 1, available: area.cols) {
            x += buffer.write(row: area.row, col: x, text: entries[i].key, style: keyStyle)
            x += buffer.write(row: area.row, col: x, text: entries[i].label, style: labelStyle)
            x += 1
        }
    }
}
