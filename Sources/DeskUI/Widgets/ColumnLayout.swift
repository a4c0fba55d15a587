/// How wide a list column is: fixed, sized to what it shows, or a share of what the others
/// leave.
public enum ColumnWidth: Hashable, Sendable {
    /// Exactly this many columns (amounts, dates).
    case fixed(Int)
    /// As wide as its widest value on screen and its title, between `min` and `max`: ids,
    /// ages and countdowns, which must never be cut ("CU-10020AB7", "119d").
    case content(min: Int, max: Int)
    /// At least `min` columns, plus a share of the spare width proportional to `weight`.
    case flexible(min: Int, weight: Int)
}

/// Which side of its column a value sits on (amounts right, text left).
public enum ColumnAlignment: Hashable, Sendable {
    /// Left-aligned.
    case left
    /// Right-aligned.
    case right
}

/// Turns column width rules into concrete widths for a given total, so every row of a list
/// starts each column at the same screen column whatever its content.
public enum ColumnLayout {
    /// The narrowest a flexible column is squeezed to before a column is cut from the right.
    public static let squeezedWidth = 4

    /// Widths for `columns` in `total` columns with `gap` spaces between columns.
    /// Fixed columns get their width; content columns the widest of their title and
    /// `content[i]` (the widths of the values on screen), kept between their bounds; flexible
    /// ones their minimum plus a weighted share of what is left. When there is not enough
    /// room, flexible columns are squeezed first (the widest first, down to `squeezedWidth`),
    /// so ids, ages and countdowns keep their width; only then do columns from the right
    /// shrink, then vanish (0).
    public static func widths(_ columns: [ColumnWidth], total: Int, gap: Int = 1, content: [Int] = []) -> [Int] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.enumerated().map { i, width -> Int in
            switch width {
            case .fixed(let n): return max(0, n)
            case .content(let minimum, let maximum):
                let wanted = i < content.count ? content[i] : minimum
                return max(0, min(max(wanted, minimum), max(minimum, maximum)))
            case .flexible(let minimum, _): return max(0, minimum)
            }
        }
        let available = max(0, total - gap * (columns.count - 1))
        var spare = available - widths.reduce(0, +)
        if spare > 0 {
            let weights = columns.map { width -> Int in
                if case .flexible(_, let weight) = width { return max(0, weight) }
                return 0
            }
            let totalWeight = weights.reduce(0, +)
            if totalWeight > 0 {
                var given = 0
                for i in widths.indices where weights[i] > 0 {
                    let share = spare * weights[i] / totalWeight
                    widths[i] += share
                    given += share
                }
                // Rounding leftovers go to the last flexible column so the row is filled exactly.
                if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += spare - given }
                spare = 0
            }
        }
        var excess = -spare
        let flexible = columns.indices.filter { if case .flexible = columns[$0] { return true } else { return false } }
        while excess > 0, let widest = flexible.filter({ widths[$0] > squeezedWidth }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
            excess -= 1
        }
        var i = widths.count - 1
        while excess > 0 && i >= 0 {
            let cut = min(excess, widths[i])
            widths[i] -= cut
            excess -= cut
            i -= 1
        }
        return widths
    }

    /// `text` truncated to `width` columns (with `…`) and padded to exactly `width`, aligned.
    public static func fit(_ text: String, width: Int, alignment: ColumnAlignment = .left) -> String {
        guard width > 0 else { return "" }
        let shown = TextSanitiser.truncate(text, toWidth: width)
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
        return alignment == .left ? shown + padding : padding + shown
    }
}
