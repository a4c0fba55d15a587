import EscalationCore

/// "My authority": what my role may grant of every action under the matrix in force, and
/// the referral rules that send a case above my role whatever the amount.
public struct MyAuthorityScreen: DeskScreen {
    private let context: DeskContext
    /// The lines shown, built at the last reload, wrapped and scrolled with "↓ more".
    private var page = LinePage()
    /// The lines shown.
    public var lines: [(text: String, style: Style)] { page.lines }

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
            let titleWidth = min(34, (matrix.actions.map { DisplayWidth.of($0.title) }.max() ?? 0) + 1)
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
            page.lines = built
        } catch {
            page.lines = [(error.message, .danger)]
        }
    }

    /// The lines, wrapped, from where they are scrolled to.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        page.render(into: &buffer, area: area)
    }

    /// Scrolls.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        page.scroll(action)
        return .redraw
    }
}
