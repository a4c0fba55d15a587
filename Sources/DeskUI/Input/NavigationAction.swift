/// Moving through a list, shared by every list so arrows and vi keys behave the same everywhere.
public enum NavigationAction: Hashable, Sendable {
    /// One row up.
    case up
    /// One row down.
    case down
    /// One page up.
    case pageUp
    /// One page down.
    case pageDown
    /// First row.
    case top
    /// Last row.
    case bottom
}

extension Keymap where Action == NavigationAction {
    /// Arrows, PgUp/PgDn, Home/End and their vi equivalents (k/j, Ctrl-B/Ctrl-F, g/G).
    public static let listNavigation = Keymap([
        KeyBinding([.up, .character("k")], help: "Previous row", action: .up),
        KeyBinding([.down, .character("j")], help: "Next row", action: .down),
        KeyBinding([.pageUp, .control("b")], help: "Previous page", action: .pageUp),
        KeyBinding([.pageDown, .control("f")], help: "Next page", action: .pageDown),
        KeyBinding([.home, .character("g")], help: "First row", action: .top),
        KeyBinding([.end, .character("G")], help: "Last row", action: .bottom),
    ])
}
