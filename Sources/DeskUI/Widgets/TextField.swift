/// A single-line editor (search box, amount, short note): insert anywhere, Backspace/Delete,
/// Left/Right/Home/End (and Ctrl-A/Ctrl-E), Ctrl-U clears, Ctrl-W deletes the word before the
/// cursor, Ctrl-K deletes to the end. Wide characters count as two columns and the view
/// scrolls sideways to keep the cursor visible.
///
/// Enter, Esc and Tab are ignored so the owning dialog or screen decides what they mean.
public struct TextField: Component {
    /// The text, one element per character as the person typed it.
    public private(set) var characters: [Character]
    /// Cursor position as a character index (0...characters.count).
    public private(set) var cursor: Int
    /// Index of the first character on screen.
    public private(set) var scroll: Int = 0
    /// Longest text allowed, in characters.
    public var maxLength: Int?
    /// Which texts are allowed, or nil for any safe text.
    public var filter: TextFilter?
    /// Shown dimmed while the field is empty.
    public var placeholder: String
    /// Whether the cursor is drawn (the focused field of a dialog).
    public var isFocused: Bool

    /// Creates a field with the cursor at the end of `text`.
    public init(text: String = "", maxLength: Int? = nil, filter: TextFilter? = nil, placeholder: String = "", isFocused: Bool = true) {
        characters = Array(text)
        cursor = characters.count
        self.maxLength = maxLength
        self.filter = filter
        self.placeholder = placeholder
        self.isFocused = isFocused
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
        scroll = 0
    }

    /// Applies an editing key; returns `.ignored` for keys a field does not own.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .character(let c): return insert(c) ? .redraw : .handled
        case .backspace:
            guard cursor > 0 else { return .handled }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete:
            guard cursor < characters.count else { return .handled }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeAll()
            cursor = 0
        case .control("k"): characters.removeSubrange(cursor...)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default: return .ignored
        }
        return .redraw
    }

    /// Inserts one typed character if it is safe to display, fits `maxLength` and passes the filter.
    private mutating func insert(_ c: Character) -> Bool {
        guard TextSanitiser.singleLine(String(c)) == String(c) else { return false }
        if let maxLength, characters.count >= maxLength { return false }
        var proposed = characters
        proposed.insert(c, at: cursor)
        if let filter, !filter.accepts(String(proposed)) { return false }
        characters = proposed
        cursor += 1
        return true
    }

    /// Draws the visible part of the text on the first row of `area`, with the cursor cell in
    /// reverse video when focused (the hardware cursor is hidden).
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let line = Rect(row: area.row, col: area.col, rows: 1, cols: area.cols)
        buffer.fill(line)
        scrollToCursor(width: area.cols)
        if characters.isEmpty, !placeholder.isEmpty {
            buffer.write(row: area.row, col: area.col, text: placeholder, style: .muted, maxWidth: area.cols)
        } else {
            buffer.write(row: area.row, col: area.col, text: String(characters[scroll...]), maxWidth: area.cols)
        }
        guard isFocused else { return }
        let x = area.col + width(scroll..<cursor)
        let cursorWidth = cursor < characters.count ? max(1, width(cursor..<cursor + 1)) : 1
        buffer.setStyle(Rect(row: area.row, col: x, rows: 1, cols: min(cursorWidth, area.right - x)), Style(.normal, [.reverse]))
    }

    /// Moves `scroll` so the cursor cell (and the character under it) is inside `width` columns.
    private mutating func scrollToCursor(width columns: Int) {
        scroll = min(scroll, cursor)
        let cursorWidth = cursor < characters.count ? max(1, width(cursor..<cursor + 1)) : 1
        while scroll < cursor, width(scroll..<cursor) + cursorWidth > columns { scroll += 1 }
    }

    private func width(_ range: Range<Int>) -> Int {
        DisplayWidth.of(String(characters[range]))
    }
}
