/// A one-line picker over a short list (outcome, channel, action): ←/→ (or h/l, Space) step
/// through the options and a typed letter jumps to the next option starting with it, so
/// "r" picks Refund without looking.
public struct ChoiceField: Component {
    /// The options as shown.
    public var labels: [String]
    /// The chosen option's index.
    public var index: Int
    /// Whether it has focus (arrows are drawn around the choice).
    public var isFocused = false

    /// A picker starting on `index`.
    public init(labels: [String], index: Int = 0) {
        self.labels = labels
        self.index = labels.isEmpty ? 0 : max(0, min(index, labels.count - 1))
    }

    /// The chosen label, or "" when there are no options.
    public var label: String { labels.isEmpty ? "" : labels[index] }

    /// Steps or jumps; other keys are ignored.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard !labels.isEmpty else { return .ignored }
        switch event {
        case .left, .character("h"): index = (index + labels.count - 1) % labels.count
        case .right, .character("l"), .character(" "): index = (index + 1) % labels.count
        case .character(let c) where c.isLetter:
            let wanted = c.lowercased()
            let order = (1...labels.count).map { (index + $0) % labels.count }
            guard let hit = order.first(where: { labels[$0].lowercased().hasPrefix(wanted) }) else { return .handled }
            index = hit
        default: return .ignored
        }
        return .redraw
    }

    /// "◀ partly upheld ▶" when focused, the plain label otherwise.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(row: area.row, col: area.col, rows: 1, cols: area.cols))
        let text = isFocused ? "◀ \(label) ▶" : "  \(label)"
        buffer.write(row: area.row, col: area.col, text: text, style: isFocused ? Style(.normal, [.bold]) : .normal, maxWidth: area.cols)
    }
}

/// A set of on/off flags on one line (`[x] legal threat  [ ] regulator`): ←/→ move between
/// them and Space (or `x`) toggles the one under the cursor.
public struct FlagSet: Component {
    /// Flag ids.
    public var flags: [String]
    /// Which are on.
    public var on: Set<String>
    /// The flag under the cursor.
    public var cursor = 0
    /// Whether it has focus.
    public var isFocused = false

    /// A set with nothing on.
    public init(flags: [String], on: Set<String> = []) {
        self.flags = flags
        self.on = on
    }

    /// The flags that are on, in configured order.
    public var selected: [String] { flags.filter(on.contains) }

    /// Moves or toggles.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard !flags.isEmpty else { return .ignored }
        switch event {
        case .left, .character("h"): cursor = max(0, cursor - 1)
        case .right, .character("l"): cursor = min(flags.count - 1, cursor + 1)
        case .character(" "), .character("x"):
            let flag = flags[cursor]
            if on.contains(flag) { on.remove(flag) } else { on.insert(flag) }
        default: return .ignored
        }
        return .redraw
    }

    /// Each flag as a checkbox, the one under the cursor highlighted when focused.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(row: area.row, col: area.col, rows: 1, cols: area.cols))
        var x = area.col
        for (i, flag) in flags.enumerated() where x < area.right {
            let text = (on.contains(flag) ? "[x] " : "[ ] ") + DeskText.words(flag)
            let style: Style = isFocused && i == cursor ? Style(.selection, [.bold]) : .normal
            x += buffer.write(row: area.row, col: x, text: text, style: style, maxWidth: area.right - x) + 2
        }
    }
}
