/// A multi-line note editor (rationale, guidance) with soft wrapping by display width.
///
/// Editing keys are those of `TextField`; Up/Down move between wrapped rows. Enter inserts a
/// line break only when `acceptsNewlines` is set; otherwise it is ignored so Enter can submit
/// the dialog the note sits in (escalating with a note stays a few keystrokes).
public struct TextArea: Component {
    /// The text, one element per character.
    public private(set) var characters: [Character]
    /// Cursor position as a character index.
    public private(set) var cursor: Int
    /// First wrapped row on screen.
    public private(set) var scrollRow: Int = 0
    /// Longest text allowed, in characters.
    public var maxLength: Int?
    /// Whether Enter inserts a line break.
    public var acceptsNewlines: Bool
    /// Shown dimmed while empty.
    public var placeholder: String
    /// Whether the cursor is drawn.
    public var isFocused: Bool
    /// Width used for Up/Down, learned at the last render.
    private var wrapWidth = 40

    /// Creates a note editor with the cursor at the end.
    public init(text: String = "", maxLength: Int? = nil, acceptsNewlines: Bool = false, placeholder: String = "", isFocused: Bool = true) {
        characters = Array(TextSanitiser.lines(text).joined(separator: "\n"))
        cursor = characters.count
        self.maxLength = maxLength
        self.acceptsNewlines = acceptsNewlines
        self.placeholder = placeholder
        self.isFocused = isFocused
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Applies an editing key; returns `.ignored` for keys it does not own.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .enter:
            guard acceptsNewlines else { return .ignored }
            return insert("\n") ? .redraw : .handled
        case .character(let c):
            guard TextSanitiser.singleLine(String(c)) == String(c) else { return .handled }
            return insert(c) ? .redraw : .handled
        case .backspace:
            guard cursor > 0 else { return .handled }
            cursor -= 1
            characters.remove(at: cursor)
        case .delete:
            guard cursor < characters.count else { return .handled }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .up, .down:
            let rows = Self.layout(characters, width: wrapWidth)
            let row = Self.row(of: cursor, in: rows)
            let target = event == .up ? row - 1 : row + 1
            guard rows.indices.contains(target) else { return .handled }
            let column = DisplayWidth.of(String(characters[rows[row].lowerBound..<cursor]))
            var index = rows[target].lowerBound
            while index < rows[target].upperBound,
                DisplayWidth.of(String(characters[rows[target].lowerBound...index])) <= column { index += 1 }
            cursor = index
        case .home, .control("a"):
            let rows = Self.layout(characters, width: wrapWidth)
            cursor = rows[Self.row(of: cursor, in: rows)].lowerBound
        case .end, .control("e"):
            let rows = Self.layout(characters, width: wrapWidth)
            cursor = rows[Self.row(of: cursor, in: rows)].upperBound
        case .control("u"):
            characters.removeAll()
            cursor = 0
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " ", characters[start - 1] != "\n" { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default: return .ignored
        }
        return .redraw
    }

    private mutating func insert(_ c: Character) -> Bool {
        if let maxLength, characters.count >= maxLength { return false }
        characters.insert(c, at: cursor)
        cursor += 1
        return true
    }

    /// Draws the wrapped rows that fit in `area`, scrolled to keep the cursor visible.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        wrapWidth = area.cols
        if characters.isEmpty, !placeholder.isEmpty {
            buffer.write(row: area.row, col: area.col, text: placeholder, style: .muted, maxWidth: area.cols)
        }
        let rows = Self.layout(characters, width: area.cols)
        let cursorRow = Self.row(of: cursor, in: rows)
        scrollRow = min(scrollRow, cursorRow)
        if cursorRow >= scrollRow + area.rows { scrollRow = cursorRow - area.rows + 1 }
        for i in 0..<area.rows where scrollRow + i < rows.count {
            let range = rows[scrollRow + i]
            if !range.isEmpty {
                buffer.write(row: area.row + i, col: area.col, text: String(characters[range]), maxWidth: area.cols)
            }
        }
        guard isFocused else { return }
        let x = area.col + DisplayWidth.of(String(characters[rows[cursorRow].lowerBound..<cursor]))
        let onChar = cursor < characters.count && characters[cursor] != "\n"
        let cursorWidth = onChar ? max(1, DisplayWidth.of(String(characters[cursor]))) : 1
        buffer.setStyle(Rect(row: area.row + cursorRow - scrollRow, col: x, rows: 1, cols: min(cursorWidth, area.right - x)),
                        Style(.normal, [.reverse]))
    }

    /// Wrapped rows as character ranges: a break at each line break (not included in either
    /// row), and before any character that would overflow `width`. Never empty.
    static func layout(_ characters: [Character], width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0
        var x = 0
        for (i, c) in characters.enumerated() {
            if c == "\n" {
                rows.append(start..<i)
                start = i + 1
                x = 0
                continue
            }
            let w = DisplayWidth.of(String(c))
            if x + w > width, x > 0 {
                rows.append(start..<i)
                start = i
                x = 0
            }
            x += w
        }
        rows.append(start..<characters.count)
        if x >= width { rows.append(characters.count..<characters.count) }  // room for the cursor
        return rows
    }

    /// The row holding the cursor: the last row starting at or before it.
    static func row(of cursor: Int, in rows: [Range<Int>]) -> Int {
        rows.lastIndex { $0.lowerBound <= cursor } ?? 0
    }
}
