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

    /// Draws in a box titled "Authority", as many lines as fit.
    public func render(into buffer: inout ScreenBuffer, area: Rect) {
        guard area.rows >= 3 else { return }
        buffer.box(area, title: "Authority")
        let inner = area.inset(by: 1)
        let content = Rect(row: inner.row, col: inner.col + 1, rows: inner.rows, cols: inner.cols - 2)
        let all = lines(width: content.cols)
        for (i, line) in all.prefix(content.rows).enumerated() {
            let cut = i == content.rows - 1 && all.count > content.rows
            buffer.write(row: content.row + i, col: content.col, text: cut ? line.0 + " …" : line.0, style: line.1, maxWidth: content.cols)
        }
    }
}
