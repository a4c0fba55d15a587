/// What the desk shows instead of a screen when the terminal is below the minimum size: one
/// clear message, centred and wrapped, which itself draws safely down to 0×0.
public struct TooSmallNotice: Hashable, Sendable {
    /// The smallest terminal the desk's screens are laid out for (80×24 is the design size).
    public static let minimumSize = TerminalSize(rows: 16, cols: 60)

    /// The terminal's current size.
    public var size: TerminalSize
    /// The size the desk needs.
    public var minimum: TerminalSize

    /// A notice for a terminal of `size`.
    public init(size: TerminalSize, minimum: TerminalSize = TooSmallNotice.minimumSize) {
        self.size = size
        self.minimum = minimum
    }

    /// The message, naming both sizes so the person knows how far to enlarge.
    public var message: String {
        "Terminal too small: \(size). Escalation Desk needs at least \(minimum)."
    }

    /// Clears the buffer and draws the message wrapped and centred; lines that do not fit are dropped.
    public func render(into buffer: inout ScreenBuffer) {
        buffer.clear()
        guard buffer.rows > 0, buffer.cols > 0 else { return }
        let lines = Array(TextWrap.wrap(message, width: buffer.cols).prefix(buffer.rows))
        let top = (buffer.rows - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let col = max(0, (buffer.cols - DisplayWidth.of(line)) / 2)
            buffer.write(row: top + i, col: col, text: line, style: Style(.warning, [.bold]))
        }
    }
}
