extension TextWrap {
    /// The first `rows` of `lines` wrapped to `width`; when some are left out, the last one
    /// shown ends with " …" (its last word dropped when the mark would not fit), so a cut
    /// sentence never passes for a whole one.
    public static func clipped(_ lines: [String], to rows: Int, width: Int) -> [String] {
        guard rows > 0 else { return [] }
        guard lines.count > rows else { return lines }
        var shown = Array(lines.prefix(rows))
        var last = shown[rows - 1]
        if DisplayWidth.of(last) + 2 > width {
            var words = last.split(separator: " ", omittingEmptySubsequences: false)
            if words.count > 1 { words.removeLast() }
            last = words.joined(separator: " ")
        }
        shown[rows - 1] = last + " …"
        return shown
    }
}
