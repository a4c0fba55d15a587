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
        // A label too long for the field ends in "…" (and keeps its ▶), never cut mid-word unseen.
        let room = max(1, area.cols - 4)
        let shown = DisplayWidth.of(label) > room ? ColumnLayout.fit(label, width: room) : label
        let text = isFocused ? "◀ \(shown) ▶" : "  \(shown)"
        buffer.write(row: area.row, col: area.col, text: text, style: isFocused ? Style(.normal, [.bold]) : .normal, maxWidth: area.cols)
    }
}

/// A set of on/off flags (`[x] legal threat  [ ] regulator`), wrapped onto as many lines as
/// its width needs so every flag that can be ticked is seen: ←/→ move between them and Space
/// (or `x`) toggles the one under the cursor.
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

    /// Spaces between two flags on a line.
    static let gap = 2

    /// A flag's checkbox text: "[x] legal threat".
    func text(_ index: Int) -> String {
        (on.contains(flags[index]) ? "[x] " : "[ ] ") + DeskText.words(flags[index])
    }

    /// Where each flag sits at `width` columns: its line and its column within the line. A
    /// flag goes to the next line when it would not fit whole (a flag wider than the line gets
    /// a line of its own and is cut).
    public func placement(width: Int) -> [(line: Int, col: Int)] {
        var result: [(line: Int, col: Int)] = []
        var line = 0, x = 0
        for i in flags.indices {
            let w = DisplayWidth.of(TextSanitiser.singleLine(text(i)))
            if x > 0 && x + w > width {
                line += 1
                x = 0
            }
            result.append((line, x))
            x += w + Self.gap
        }
        return result
    }

    /// The lines the flags take at `width` columns (at least one).
    public func rows(width: Int) -> Int { (placement(width: width).last?.line ?? 0) + 1 }

    /// Each flag as a checkbox, wrapped over the area's lines, the one under the cursor
    /// highlighted when focused.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        for (i, place) in placement(width: area.cols).enumerated() where place.line < area.rows {
            let style: Style = isFocused && i == cursor ? Style(.selection, [.bold]) : .normal
            buffer.write(row: area.row + place.line, col: area.col + place.col, text: text(i), style: style,
                         maxWidth: area.cols - place.col)
        }
    }
}
