/// A grid of cells that screens draw into and terminals copy out (like ratatui's `Buffer`).
///
/// All text goes through `TextSanitiser` on the way in, so nothing unsanitised can reach the
/// terminal, and is measured with `wcwidth`, so wide and combining characters keep columns
/// aligned. Writes clip at the edges and never leave half of a wide character behind.
public struct ScreenBuffer: Hashable, Sendable {
    /// Height in rows.
    public let rows: Int
    /// Width in columns.
    public let cols: Int
    /// Cells in row-major order.
    public private(set) var cells: [Cell]

    /// A blank buffer of the given size (negative sizes become zero).
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        cells = Array(repeating: .blank, count: self.rows * self.cols)
    }

    /// A blank buffer the size of a terminal.
    public init(size: TerminalSize) {
        self.init(rows: size.rows, cols: size.cols)
    }

    /// The buffer's size.
    public var size: TerminalSize { TerminalSize(rows: rows, cols: cols) }

    /// The whole buffer as a rectangle, the usual starting point for layout.
    public var area: Rect { Rect(row: 0, col: 0, rows: rows, cols: cols) }

    /// The cell at a position, or nil outside the buffer.
    public func cell(row: Int, col: Int) -> Cell? {
        guard row >= 0, row < rows, col >= 0, col < cols else { return nil }
        return cells[row * cols + col]
    }

    // MARK: - Writing text

    /// Writes untrusted text on one row starting at `col`, sanitised and clipped to `maxWidth`
    /// columns and to the buffer edge. A wide character that would straddle the limit is
    /// replaced by a space, so whatever is drawn to its right stays in its column.
    /// - Returns: the number of columns written.
    @discardableResult
    public mutating func write(row: Int, col: Int, text: String, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        writeGlyphs(DisplayWidth.glyphs(TextSanitiser.singleLine(text)), row: row, col: col, style: style, maxWidth: maxWidth)
    }

    /// Writes already-split glyphs (from `DisplayWidth.glyphs` of sanitised text).
    @discardableResult
    mutating func writeGlyphs(_ glyphs: [Glyph], row: Int, col: Int, style: Style, maxWidth: Int?) -> Int {
        guard row >= 0, row < rows else { return 0 }
        let limit = min(cols, maxWidth.map { col + max(0, $0) } ?? cols)
        var x = col
        for glyph in glyphs {
            if x >= limit { break }
            if x + glyph.width > limit {
                if x >= 0 { put(.space(style), row: row, col: x) }
                x += 1
                break
            }
            if x >= 0 {
                put(Cell(symbol: glyph.text, width: glyph.width, style: style), row: row, col: x)
            } else if x + glyph.width > 0 {
                put(.space(style), row: row, col: 0)  // a wide character cut by the left edge
            }
            x += glyph.width
        }
        return max(0, min(x, limit) - max(col, 0))
    }

    /// Places one cell (and its continuation when wide), first blanking any wide character it
    /// would cut in half, so the grid never holds an orphaned half.
    private mutating func put(_ cell: Cell, row: Int, col: Int) {
        let base = row * cols
        if cells[base + col].isContinuation, col > 0 {
            cells[base + col - 1] = .space(cells[base + col - 1].style)
        }
        let span = max(1, cell.width)
        let after = col + span
        if after < cols, cells[base + after].isContinuation {
            cells[base + after] = .space(cells[base + after].style)
        }
        cells[base + col] = cell
        if cell.width == 2 { cells[base + col + 1] = .continuation(cell.style) }
    }

    // MARK: - Areas

    /// Fills a rectangle (clipped to the buffer) with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            if r.col > 0, cells[y * cols + r.col].isContinuation {
                cells[y * cols + r.col - 1] = .space(cells[y * cols + r.col - 1].style)
            }
            if r.right < cols, cells[y * cols + r.right].isContinuation {
                cells[y * cols + r.right] = .space(cells[y * cols + r.right].style)
            }
            for x in r.col..<r.right { cells[y * cols + x] = .space(style) }
        }
    }

    /// Clears a rectangle, or the whole buffer, to blank cells.
    public mutating func clear(_ rect: Rect? = nil) {
        fill(rect ?? area, style: .normal)
    }

    /// Changes the style of cells already drawn in a rectangle (highlighting a row or a cursor).
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.col..<r.right { cells[y * cols + x].style = style }
            if r.right < cols, cells[y * cols + r.right].isContinuation { cells[y * cols + r.right].style = style }
        }
    }

    // MARK: - Reading back

    /// The visible text of each row, trailing spaces trimmed: what tests compare against.
    public func lines() -> [String] {
        (0..<rows).map { y in
            var line = ""
            for x in 0..<cols where !cells[y * cols + x].isContinuation {
                line += cells[y * cols + x].symbol
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The whole screen's text, rows joined by newlines.
    public var text: String { lines().joined(separator: "\n") }

    /// A copy of this buffer at another size, clipped or padded with blanks, as a terminal
    /// shows an old frame after a resize. A wide character cut by the new edge becomes a space.
    public func resized(rows newRows: Int, cols newCols: Int) -> ScreenBuffer {
        var copy = ScreenBuffer(rows: newRows, cols: newCols)
        for y in 0..<min(rows, copy.rows) {
            for x in 0..<min(cols, copy.cols) {
                copy.cells[y * copy.cols + x] = cells[y * cols + x]
            }
            let last = copy.cols - 1
            if last >= 0, last < cols, copy.cells[y * copy.cols + last].width == 2 {
                copy.cells[y * copy.cols + last] = .space(copy.cells[y * copy.cols + last].style)
            }
        }
        return copy
    }
}
