/// A `Terminal` for tests, like ratatui's `TestBackend`: a fixed-size screen, a script of input
/// events, and a record of every frame presented and every bell rung, so screen tests assert on
/// the text people would see without a real terminal.
public final class VirtualTerminal: Terminal {
    /// Current size.
    public private(set) var size: TerminalSize
    /// Frames in the order they were presented.
    public private(set) var presented: [ScreenBuffer] = []
    /// Times the bell rang.
    public private(set) var bellCount = 0
    /// True between `begin` and `end`.
    public private(set) var isActive = false
    /// Events still to be delivered.
    public private(set) var pendingEvents: [KeyEvent] = []

    /// A virtual terminal of the given size (80×24 is the desk's design size).
    public init(rows: Int = 24, cols: Int = 80) {
        size = TerminalSize(rows: rows, cols: cols)
    }

    /// Starts a session.
    public func begin() throws { isActive = true }

    /// Ends the session.
    public func end() { isActive = false }

    /// Records the frame as a real screen would show it: clipped or padded to the current size.
    public func present(_ buffer: ScreenBuffer) {
        presented.append(buffer.size == size ? buffer : buffer.resized(rows: size.rows, cols: size.cols))
    }

    /// The next scripted event, or `.timeout` at once when the script is exhausted (it never waits).
    public func nextEvent(timeoutMilliseconds: Int?) -> KeyEvent {
        pendingEvents.isEmpty ? .timeout : pendingEvents.removeFirst()
    }

    /// Counts the bell.
    public func bell() { bellCount += 1 }

    /// Queues events to be read in order.
    public func enqueue(_ events: KeyEvent...) { pendingEvents += events }

    /// Queues events to be read in order.
    public func enqueue(_ events: [KeyEvent]) { pendingEvents += events }

    /// Queues each character of `text` as a typed key.
    public func type(_ text: String) { pendingEvents += text.map { KeyEvent.character($0) } }

    /// Changes the size and queues the `.resize` event a real terminal would send.
    public func resize(rows: Int, cols: Int) {
        size = TerminalSize(rows: rows, cols: cols)
        pendingEvents.append(.resize(size))
    }

    /// The last presented frame, or a blank screen before the first.
    public var screen: ScreenBuffer { presented.last ?? ScreenBuffer(size: size) }

    /// The visible text of the last frame, one string per row, trailing spaces trimmed.
    public func lines() -> [String] { screen.lines() }
}
