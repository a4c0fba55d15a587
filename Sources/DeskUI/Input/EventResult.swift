/// What a handler did with an event, so one loop decides whether to redraw, pass the event on,
/// close a dialog or quit (htop's `HandlerResult`, gitui's `EventState`).
public enum EventResult: Hashable, Sendable {
    /// Not for me: offer the event to the next handler.
    case ignored
    /// Consumed, nothing visible changed.
    case handled
    /// Consumed, and the screen must be drawn again.
    case redraw
    /// The widget finished with a result the owner should act on (Enter in a dialog).
    case submitted
    /// The widget was dismissed without a result (Esc in a dialog, closing help).
    case cancelled
    /// Leave the desk (q, or a termination signal).
    case quit

    /// True unless the event was ignored: the owner must not pass it on.
    public var isConsumed: Bool { self != .ignored }
}
