import EscalationCore

/// "My authority": what my role may grant of every action under the matrix in force, and
/// the referral rules that send a case above my role whatever the amount.
public struct MyAuthorityScreen: DeskScreen {
    private let context: DeskContext
    /// The lines shown, built at the last reload.
    public private(set) var lines: [(text: String, style: Style)] = []
    /// First line on screen.
    public private(set) var scroll = 0
    private var visible = 1

    /// The panel for the context's person.
    public init(context: DeskContext) {
        self.context = context
        reload()
    }

    /// "My authority".
    public var title: String { "My authority" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// Scrolling.
    public var keymap: Keymap<NavigationAction> { .listNavigation }
    /// Nothing labelled beyond the desk keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Scroll keys.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries }

    /// Reads the matrix and rules in force again.
    public mutating func reload() {
        let service = context.service
        let me = service.me
        do {
            let matrix = try service.matrix()
            let rules = try service.referralRules()
            // An acting cover decides with its role's authority, so that is the authority shown.
            let acting = try service.actingRole()
            let roleID = acting?.roleID ?? me.roleID
            let roleTitle = acting.map { "acting \($0.roleTitle)" } ?? me.roleTitle
            let myRank = matrix.ladder.rank(of: roleID) ?? 0
            var built: [(String, Style)] = [
                ("\(me.name), \(roleTitle): authority under \(AuthorityMatrix.versionName(matrix.version))", Style(.title, [.bold])), ("", .normal),
            ]
            if let acting {
                built.insert(("Acting \(acting.roleTitle) until \(context.time.stamp(acting.until)) (cover \(acting.coverID)); "
                              + "your own role is \(me.roleTitle).", .warning), at: 1)
            }
            let titleWidth = min(28, (matrix.actions.map { DisplayWidth.of($0.title) }.max() ?? 0) + 1)
            for action in matrix.actions {
                let cell = matrix.cell(role: roleID, action: action.id).authority
                let text = ColumnLayout.fit(action.title + ":", width: titleWidth) + " " + DeskText.authority(cell, kind: action.kind)
                built.append((text, cell.isDeny ? .muted : .normal))
            }
            let higher = rules.filter { (matrix.ladder.rank(of: $0.minRole) ?? matrix.ladder.topRank) > myRank }
            built.append(("", .normal))
            built.append((higher.isEmpty ? "No referral rule sends a case above you." : "These always send a case higher, whatever the amount:",
                          Style(.title, [.bold])))
            for rule in higher {
                built.append(("• \(matrix.ladder.title(of: rule.minRole)): \(rule.reason)", .normal))
            }
            lines = built
        } catch {
            lines = [(error.message, .danger)]
        }
    }

    /// The lines, wrapped, from `scroll`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let width = max(1, area.cols - 2)
        let wrapped = lines.flatMap { line -> [(String, Style)] in
            if DisplayWidth.of(TextSanitiser.singleLine(line.text)) <= width { return [(line.text, line.style)] }
            return TextWrap.wrap(line.text, width: width - 2).enumerated().map { ($0.offset == 0 ? $0.element : "  " + $0.element, line.style) }
        }
        visible = max(1, area.rows)
        scroll = max(0, min(scroll, wrapped.count - visible))
        for (i, line) in wrapped.dropFirst(scroll).prefix(area.rows).enumerated() {
            buffer.write(row: area.row + i, col: area.col + 1, text: line.0, style: line.1, maxWidth: width)
        }
    }

    /// Scrolls.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        // The wrapped length is known only when rendering, which clamps the scroll.
        scroll = action.scrolled(from: scroll, page: visible, length: nil)
        return .redraw
    }
}
