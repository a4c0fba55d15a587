/// The size of a terminal or buffer in character cells, passed around as one value so a
/// resize can carry the new size with it.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    /// Number of lines.
    public var rows: Int
    /// Number of columns.
    public var cols: Int

    /// Creates a size; negative values are clamped to zero because a terminal never reports less.
    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// True when this size is at least `minimum` in both directions (the desk checks this before drawing).
    public func fits(_ minimum: TerminalSize) -> Bool {
        rows >= minimum.rows && cols >= minimum.cols
    }

    /// "cols×rows", the way people describe terminal sizes (80×24).
    public var description: String { "\(cols)×\(rows)" }
}
