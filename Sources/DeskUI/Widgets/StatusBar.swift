/// The top status line (person, role, queue counts, clock): segments packed from the left and
/// from the right. When they collide the left ones win, and right-hand segments are left off
/// whole, the least important first, never cut mid-word ("Referred 12" is never "Refer").
public struct StatusBar: Hashable, Sendable {
    /// A piece of status text with its own role.
    public struct Segment: Hashable, Sendable {
        /// The (untrusted) text.
        public var text: String
        /// Its style; the bar's attributes are added on top.
        public var style: Style
        /// How long a right-hand segment stays when the bar is short of room: the lowest
        /// goes first (the rightmost of equals).
        public var priority: Int
        /// Creates a segment.
        public init(_ text: String, style: Style = .normal, priority: Int = 0) {
            self.text = text
            self.style = style
            self.priority = priority
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
            let text = TextSanitiser.truncate(segment.text, toWidth: max(0, area.right - 1 - x))
            x += buffer.write(row: area.row, col: x, text: text, style: segment.style.adding(barStyle.attributes),
                              maxWidth: area.right - x)
        }
        let texts = right.map { TextSanitiser.singleLine($0.text) }
        let widths = texts.map(DisplayWidth.of)
        let gap = DisplayWidth.of(separator)
        let kept = WholeFit.kept(widths: widths, priorities: right.map(\.priority), gap: gap, available: area.right - 1 - (x + 1))
        var start = area.right - 1 - kept.reduce(0) { $0 + widths[$1] } - gap * max(0, kept.count - 1)
        for (n, i) in kept.enumerated() {
            if n > 0 { start += buffer.write(row: area.row, col: start, text: separator, style: barStyle) }
            start += buffer.write(row: area.row, col: start, text: texts[i], style: right[i].style.adding(barStyle.attributes))
        }
    }
}
