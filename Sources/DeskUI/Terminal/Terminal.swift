/// Where the desk draws and reads keys: the real ncurses screen or a test grid, behind one
/// protocol so every screen can be tested without a terminal.
///
/// One thread owns a terminal; implementations are classes with state and are not `Sendable`.
public protocol Terminal: AnyObject {
    /// The current size; after a `.resize` event it reports the new size.
    var size: TerminalSize { get }

    /// Takes over the terminal (raw-ish mode, colours, mouse). Call once before drawing.
    func begin() throws

    /// Restores the terminal to how it was; safe to call more than once.
    func end()

    /// Shows `buffer` as the whole screen; implementations may copy only what changed.
    func present(_ buffer: ScreenBuffer)

    /// Waits up to `timeoutMilliseconds` for the next event (nil waits indefinitely) and
    /// returns `.timeout` when nothing came, so the loop can poll the database between keys.
    func nextEvent(timeoutMilliseconds: Int?) -> KeyEvent

    /// Rings the terminal bell (a referral has landed).
    func bell()
}

/// Why a terminal could not be taken over, reported instead of crashing or leaving it raw.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input/output is not a terminal ncurses can drive (piped, or TERM unknown).
    case notATerminal

    /// A one-line message for the person who started the desk.
    public var description: String {
        switch self {
        case .notATerminal:
            return "escdesk needs an interactive terminal (is TERM set, and are stdin/stdout a tty?)"
        }
    }
}
