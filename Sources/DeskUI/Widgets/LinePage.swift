/// Lines of text wrapped to the screen and scrolled (a version's diff, a simulation's
/// counts): long lines wrap with a two-space hanging indent.
public struct LinePage {
    /// The lines and their styles.
    public var lines: [(text: String, style: Style)] = []
    /// What a wrapped line's continuation starts with: two spaces for a list of items, none
    /// for prose such as a letter.
    public var hangingIndent = "  "
    /// First wrapped line on screen.
    public private(set) var scroll = 0
    private var visible = 1

    /// An empty page.
    public init() {}

    /// Draws the lines from `scroll`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let width = max(1, area.cols - 2)
        let wrapped = lines.flatMap { line -> [(String, Style)] in
            if DisplayWidth.of(TextSanitiser.singleLine(line.text)) <= width { return [(line.text, line.style)] }
            let indent = hangingIndent
            return TextWrap.wrap(line.text, width: max(1, width - DisplayWidth.of(indent))).enumerated()
                .map { ($0.offset == 0 ? $0.element : indent + $0.element, line.style) }
        }
        visible = max(1, area.rows)
        scroll = max(0, min(scroll, wrapped.count - visible))
        for (i, line) in wrapped.dropFirst(scroll).prefix(area.rows).enumerated() {
            buffer.write(row: area.row + i, col: area.col + 1, text: line.0, style: line.1, maxWidth: width)
        }
        if scroll + visible < wrapped.count {
            buffer.write(row: area.bottom - 1, col: area.right - 8, text: " ↓ more ", style: .muted)
        }
    }

    /// Scrolls (the wrapped length is known only when drawing, which clamps).
    public mutating func scroll(_ action: NavigationAction) {
        scroll = action.scrolled(from: scroll, page: visible, length: nil)
    }
}
