/// Which pieces of a one-line bar to show when not all fit: pieces are left off whole, the
/// least important first (the rightmost of equals), never cut mid-word; those kept stay in
/// their order. Shared by the status and function bars.
enum WholeFit {
    /// Indices of the pieces kept, in order, for pieces of `widths` with `priorities`, `gap`
    /// columns between neighbours, in `available` columns.
    static func kept(widths: [Int], priorities: [Int], gap: Int, available: Int) -> [Int] {
        var kept = Array(widths.indices)
        func width() -> Int { kept.reduce(0) { $0 + widths[$1] } + gap * max(0, kept.count - 1) }
        while !kept.isEmpty, width() > available {
            let lowest = kept.map { priorities[$0] }.min() ?? 0
            if let last = kept.lastIndex(where: { priorities[$0] == lowest }) { kept.remove(at: last) }
        }
        return kept
    }
}
