import EscalationCore

/// The live authority panel: what the engine says about the remedies as they are typed
/// ("Within your authority", or "Needs Team Leader" and every reason). It only displays the
/// service's decision; it decides nothing.
public struct AuthorityPanel {
    /// The latest decision, or nil before there is anything to decide.
    public var decision: Decision?
    /// Why there is no decision (an amount that does not parse, a service error).
    public var problem: String?
    /// Roles, for the headline's role title.
    public var ladder: Ladder

    /// A panel with nothing decided yet.
    public init(ladder: Ladder) {
        self.ladder = ladder
    }

    /// The panel's lines wrapped to `width`: the headline, then each reason as a bullet.
    public func lines(width: Int) -> [(String, Style)] {
        if let problem { return TextWrap.wrap(problem, width: width).map { ($0, Style.warning) } }
        guard let decision else { return [("Nothing asked for yet.", .muted)] }
        let within = decision.verdict == .withinAuthority
        var result: [(String, Style)] = [(DeskText.headline(decision, ladder: ladder), Style(within ? .ok : .danger, [.bold]))]
        for reason in decision.reasons {
            let wrapped = TextWrap.wrap(reason.detail, width: max(1, width - 2))
            for (i, line) in wrapped.enumerated() { result.append(((i == 0 ? "• " : "  ") + line, .normal)) }
        }
        return result
    }

    /// The rows a box needs to show every line at `width` columns (borders included): the
    /// box is sized to its content, not stretched over the screen.
    public func boxRows(width: Int) -> Int { lines(width: max(1, width - 4)).count + 2 }

    /// The first `rows` lines, the cut marked as `TextWrap.clipped` marks it.
    public static func clipped(_ lines: [(String, Style)], to rows: Int, width: Int) -> [(String, Style)] {
        zip(TextWrap.clipped(lines.map(\.0), to: rows, width: width), lines).map { ($0, $1.1) }
    }

    /// Draws in a box titled "Authority", as many lines as fit (see `boxRows`).
    /// Too short for a box (a 60×16 form with every flag), the lines are drawn bare, so the
    /// verdict is still seen.
    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard area.rows >= 3 else {
            guard area.rows > 0, area.cols > 2 else { return }
            for (i, line) in Self.clipped(lines(width: area.cols - 2), to: area.rows, width: area.cols - 2).enumerated() {
                buffer.write(row: area.row + i, col: area.col + 1, text: line.0, style: line.1, maxWidth: area.cols - 2)
            }
            return
        }
        buffer.box(area, title: "Authority")
        let inner = area.inset(by: 1)
        let content = Rect(row: inner.row, col: inner.col + 1, rows: inner.rows, cols: inner.cols - 2)
        for (i, line) in Self.clipped(lines(width: content.cols), to: content.rows, width: content.cols).enumerated() {
            buffer.write(row: content.row + i, col: content.col, text: line.0, style: line.1, maxWidth: content.cols)
        }
    }
}
