/// One character cell of a `ScreenBuffer`, as a terminal shows it.
///
/// A wide character occupies its cell (width 2) and the next one, which is a continuation
/// (width 0, empty symbol), so column arithmetic never has to look at the text.
public struct Cell: Hashable, Sendable {
    /// A spacing character plus any zero-width characters attached to it; empty for a continuation.
    public var symbol: String
    /// Columns this cell's symbol occupies: 1, 2 (wide), or 0 for the continuation of a wide cell.
    public var width: Int
    /// How the cell looks.
    public var style: Style

    /// Creates a cell; callers outside the buffer normally use `blank` or write text instead.
    public init(symbol: String, width: Int, style: Style) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// An empty cell: one space in the normal style.
    public static let blank = Cell(symbol: " ", width: 1, style: .normal)

    /// A space in `style`, used to fill and clear areas.
    public static func space(_ style: Style) -> Cell { Cell(symbol: " ", width: 1, style: style) }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(symbol: "", width: 0, style: style) }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
