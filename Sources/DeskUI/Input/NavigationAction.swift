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

    /// The first visible line of a scrolled view after this move, `page` lines to a page.
    /// With the view's `length` the result is kept within it; without (a view that learns
    /// its length only when it renders, and clamps then) it is kept from going negative.
    public func scrolled(from scroll: Int, page: Int, length: Int?) -> Int {
        let moved: Int
        switch self {
        case .up: moved = scroll - 1
        case .down: moved = scroll + 1
        case .pageUp: moved = scroll - page
        case .pageDown: moved = scroll + page
        case .top: moved = 0
        case .bottom: moved = length ?? Int.max / 2
        }
        guard let length else { return max(0, moved) }
        return max(0, min(moved, length - page))
    }
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
