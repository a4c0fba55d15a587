/// The top status line (person, role, queue counts, clock): segments packed from the left and
/// from the right; when they collide the left ones win and the right ones are truncated.
public struct StatusBar: Hashable, Sendable {
    /// A piece of status text with its own role.
    public struct Segment: Hashable, Sendable {
        /// The (untrusted) text.
        public var text: String
        /// Its style; the bar's attributes are added on top.
        public var style: Style
        /// Creates a segment.
        public init(_ text: String, style: Style = .normal) {
            self.text = text
            self.style = style
        }
    }

    /// Segments packed from the left edge.
    public var left: [Segment]
    /// Segments packed against the right edge.
    public var right: [Segment]
    /// The bar's own look (reverse video, so it reads as a bar on any terminal).
    public var barStyle = Style(.normal, [.reverse])
    /// Text between segments.
    public var separator = "  "

    /// Creates a status bar.
    public init(left: [Segment] = [], right: [Segment] = []) {
        self.left = left
        self.right = right
    }

    /// Draws on the first row of `area`.
    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(row: area.row, col: area.col, rows: 1, cols: area.cols), style: barStyle)
        var x = area.col + 1
        for (i, segment) in left.enumerated() {
            if i > 0 { x += buffer.write(row: area.row, col: x, text: separator, style: barStyle, maxWidth: area.right - x) }
            x += buffer.write(row: area.row, col: x, text: segment.text, style: segment.style.adding(barStyle.attributes),
                              maxWidth: area.right - x)
        }
        let available = area.right - 1 - (x + 1)
        guard available > 0, !right.isEmpty else { return }
        var pieces: [(String, Style)] = []
        for (i, segment) in right.enumerated() {
            if i > 0 { pieces.append((separator, barStyle)) }
            pieces.append((TextSanitiser.singleLine(segment.text), segment.style.adding(barStyle.attributes)))
        }
        let total = pieces.reduce(0) { $0 + DisplayWidth.of($1.0) }
        var start = area.right - 1 - min(total, available)
        var budget = available
        for (text, style) in pieces where budget > 0 {
            let shown = DisplayWidth.of(text) > budget ? TextSanitiser.truncate(text, toWidth: budget) : text
            let used = buffer.write(row: area.row, col: start, text: shown, style: style, maxWidth: budget)
            start += used
            budget -= used
        }
    }
}
