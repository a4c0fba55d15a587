/// How a run of the desk ended, with the exit status a shell expects.
public enum LoopExit: Hashable, Sendable {
    /// The person quit.
    case quit
    /// A termination signal arrived (SIGINT, SIGTERM, SIGHUP).
    case signal(Int32)

    /// 0 for quit, 128 + the signal number otherwise (130 for Ctrl-C, 143 for SIGTERM).
    public var exitCode: Int32 {
        switch self {
        case .quit: return 0
        case .signal(let number): return 128 + number
        }
    }
}

/// The one loop that owns the terminal: it draws the root component (or the too-small notice),
/// reads events with a short timeout so `onIdle` can poll for outside changes, lets the root
/// handle each event, redraws when told to, and restores the terminal however it ends.
public final class EventLoop<Root: Component> {
    /// The terminal being driven.
    public let terminal: any Terminal
    /// The root component (usually the screen stack).
    public var root: Root
    /// Below this size the notice replaces the screen.
    public var minimumSize: TerminalSize
    /// How long to wait for a key before calling `onIdle` (the desk polls the store every 250 ms).
    public var pollIntervalMilliseconds: Int
    /// Called when no key arrived in time; returns `.redraw` when outside changes need painting.
    public var onIdle: (inout Root) -> EventResult

    /// Creates a loop; nothing happens until `run`.
    public init(
        terminal: any Terminal, root: Root, minimumSize: TerminalSize = TooSmallNotice.minimumSize,
        pollIntervalMilliseconds: Int = 250, onIdle: @escaping (inout Root) -> EventResult = { _ in .ignored }
    ) {
        self.terminal = terminal
        self.root = root
        self.minimumSize = minimumSize
        self.pollIntervalMilliseconds = pollIntervalMilliseconds
        self.onIdle = onIdle
    }

    /// The frame for the terminal's current size: the root, or the notice when too small.
    public func frame() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: terminal.size)
        if terminal.size.fits(minimumSize) {
            root.render(into: &buffer, area: buffer.area)
        } else {
            TooSmallNotice(size: terminal.size, minimum: minimumSize).render(into: &buffer)
        }
        return buffer
    }

    /// Routes one event: resizes always redraw, signals quit, idle time goes to `onIdle`, keys
    /// go to the root unless the terminal is too small (then only `q` means anything).
    public func dispatch(_ event: KeyEvent) -> EventResult {
        switch event {
        case .resize: return .redraw
        case .signal: return .quit
        case .timeout: return onIdle(&root)
        default:
            guard terminal.size.fits(minimumSize) else { return event == .character("q") ? .quit : .ignored }
            return root.handle(event)
        }
    }

    /// Runs until the root (or a signal) quits, always ending the terminal session.
    public func run() throws -> LoopExit {
        try terminal.begin()
        defer { terminal.end() }
        terminal.present(frame())
        while true {
            let event = terminal.nextEvent(timeoutMilliseconds: pollIntervalMilliseconds)
            let result = dispatch(event)
            if result == .quit {
                if case .signal(let number) = event { return .signal(number) }
                return .quit
            }
            if result == .redraw { terminal.present(frame()) }
        }
    }
}
