/// The notice above the status bar ("▶ Opened C-000123: Needs Team Leader: …"), wrapped onto
/// as many lines as it needs, up to a few, instead of being cut mid-sentence.
enum NoticeLines {
    /// The most lines a notice takes from the screen above it.
    static let maxRows = 3

    /// The notice's lines at `width` columns (the first marked "▶ ", the rest indented under
    /// it); when it needs more than `maxRows`, the last one shown ends with "…".
    static func lines(_ notice: String, width: Int) -> [String] {
        let wrapped = TextWrap.wrap(notice, width: max(1, width - 2))
        let shown = TextWrap.clipped(wrapped, to: maxRows, width: max(1, width - 2))
        return shown.enumerated().map { ($0.offset == 0 ? "▶ " : "  ") + $0.element }
    }

    /// Draws `lines` on the warning background filling `area`.
    static func render(_ lines: [String], into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area, style: .warning)
        for (i, line) in lines.enumerated() where i < area.rows {
            buffer.write(row: area.row + i, col: area.col + 1, text: line, style: Style(.warning, [.bold]), maxWidth: area.cols - 2)
        }
    }
}
