/// A rectangle of cells (top-left row/col and size), used to lay out widgets and dialogs.
public struct Rect: Hashable, Sendable {
    /// Top row.
    public var row: Int
    /// Left column.
    public var col: Int
    /// Height in rows.
    public var rows: Int
    /// Width in columns.
    public var cols: Int

    /// Creates a rectangle; negative sizes are clamped to zero so layouts at tiny sizes stay valid.
    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// The row just below the rectangle.
    public var bottom: Int { row + rows }
    /// The column just right of the rectangle.
    public var right: Int { col + cols }
    /// True when the rectangle has no cells.
    public var isEmpty: Bool { rows == 0 || cols == 0 }

    /// True when the cell is inside the rectangle (hit-testing mouse clicks).
    public func contains(row r: Int, col c: Int) -> Bool {
        r >= row && r < bottom && c >= col && c < right
    }

    /// The rectangle shrunk by `margin` on every side (a box's interior).
    public func inset(by margin: Int) -> Rect {
        Rect(row: row + margin, col: col + margin, rows: rows - 2 * margin, cols: cols - 2 * margin)
    }

    /// The overlap of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row), left = max(col, other.col)
        return Rect(row: top, col: left, rows: min(bottom, other.bottom) - top, cols: min(right, other.right) - left)
    }

    /// A rectangle of at most the given size centred in this one (dialogs and notices).
    public func centred(rows r: Int, cols c: Int) -> Rect {
        let height = min(max(0, r), rows), width = min(max(0, c), cols)
        return Rect(row: row + (rows - height) / 2, col: col + (cols - width) / 2, rows: height, cols: width)
    }

    /// Splits off the top `n` rows: (top, rest).
    public func splitTop(_ n: Int) -> (Rect, Rect) {
        let top = min(max(0, n), rows)
        return (Rect(row: row, col: col, rows: top, cols: cols), Rect(row: row + top, col: col, rows: rows - top, cols: cols))
    }

    /// Splits off the bottom `n` rows: (rest, bottom).
    public func splitBottom(_ n: Int) -> (Rect, Rect) {
        let bottomRows = min(max(0, n), rows)
        return (
            Rect(row: row, col: col, rows: rows - bottomRows, cols: cols),
            Rect(row: bottom - bottomRows, col: col, rows: bottomRows, cols: cols)
        )
    }
}
