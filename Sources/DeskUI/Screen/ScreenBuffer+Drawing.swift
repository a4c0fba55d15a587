/// Line and box drawing, so every screen frames things the same way.
extension ScreenBuffer {
    /// Draws a horizontal rule of `─` from `col` for `width` columns.
    public mutating func horizontalLine(row: Int, col: Int, width: Int, style: Style = .muted) {
        guard width > 0 else { return }
        write(row: row, col: col, text: String(repeating: "\u{2500}", count: width), style: style, maxWidth: width)
    }

    /// Draws a single-line box around `rect`, clears its interior, and puts `title` in the top
    /// edge (`┌─ Title ──┐`), truncated so the corners always show.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .normal, titleStyle: Style = .title) {
        guard rect.rows >= 2, rect.cols >= 2 else {
            fill(rect, style: style)
            return
        }
        fill(rect, style: style)
        let inner = rect.cols - 2
        let horizontal = String(repeating: "\u{2500}", count: inner)
        write(row: rect.row, col: rect.col, text: "\u{250C}" + horizontal + "\u{2510}", style: style)
        write(row: rect.bottom - 1, col: rect.col, text: "\u{2514}" + horizontal + "\u{2518}", style: style)
        for y in (rect.row + 1)..<(rect.bottom - 1) {
            write(row: y, col: rect.col, text: "\u{2502}", style: style)
            write(row: y, col: rect.right - 1, text: "\u{2502}", style: style)
        }
        if let title, inner >= 5 {
            let shown = TextSanitiser.truncate(title, toWidth: inner - 4)
            write(row: rect.row, col: rect.col + 2, text: " " + shown + " ", style: titleStyle)
        }
    }
}
