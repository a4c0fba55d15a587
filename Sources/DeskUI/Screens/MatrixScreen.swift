import EscalationCore

/// The authority matrix as a read-only grid, actions down and roles across, each cell's short
/// text ("£50.00 a case" over "£100.00/30d", "yes", "—"). Scrolls by whole role columns sideways and by
/// rows up and down when it does not fit. Editing comes with matrix governance.
public struct MatrixScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case left, right, up, down
    }

    private let context: DeskContext
    /// The matrix shown, or nil when it could not be read.
    public private(set) var matrix: AuthorityMatrix?
    /// Why it could not be read.
    public private(set) var error: String?
    /// First role column shown.
    public private(set) var firstRole = 0
    /// First action row shown.
    public private(set) var firstAction = 0
    /// The people the version in force asks who have not acknowledged it.
    public private(set) var awaiting: [String] = []
    /// Width of each role column.
    public static let roleColumnWidth = 16

    /// The grid of the matrix in force.
    public init(context: DeskContext) {
        self.context = context
        reload()
    }

    /// "Authority matrix".
    public var title: String { "Authority matrix" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// Arrows and vi keys scroll.
    public var keymap: Keymap<Action> {
        Keymap([
            KeyBinding([.left, .character("h")], label: "Roles", help: "Scroll to lower roles", action: .left),
            KeyBinding([.right, .character("l")], help: "Scroll to higher roles", action: .right),
            KeyBinding([.up, .character("k")], help: "Previous action", action: .up),
            KeyBinding([.down, .character("j")], help: "Next action", action: .down),
        ])
    }
    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Scroll keys.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries }

    /// Reads the matrix in force.
    public mutating func reload() {
        do {
            matrix = try context.service.matrix()
            awaiting = try context.service.awaitingAcknowledgement()
            error = nil
        } catch {
            self.error = error.message
        }
    }

    /// Header row of role titles, then one row per action.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        guard let matrix else {
            buffer.write(row: area.row, col: area.col + 1, text: error ?? "", style: .danger, maxWidth: area.cols - 2)
            return
        }
        var area = area
        if !awaiting.isEmpty {
            let (grid, foot) = area.splitBottom(1)
            buffer.write(row: foot.row, col: foot.col + 1, text: "Not yet acknowledged (\(awaiting.count)): " + awaiting.joined(separator: ", "),
                         style: .warning, maxWidth: foot.cols - 2)
            area = grid
        }
        let roles = matrix.ladder.roles
        let actionWidth = min(20, (matrix.actions.map { DisplayWidth.of($0.title) }.max() ?? 8) + 1)
        let fit = max(1, (area.cols - 1 - actionWidth) / (Self.roleColumnWidth + 1))
        firstRole = max(0, min(firstRole, roles.count - fit))
        let shownRoles = Array(roles.indices.dropFirst(firstRole).prefix(fit))
        buffer.write(row: area.row, col: area.col + 1,
                     text: "Authority \(matrix.versionName), \(matrix.currency.code), read-only" + (fit < roles.count ? "  (←/→ more roles)" : ""),
                     style: .muted, maxWidth: area.cols - 2)
        var x = area.col + 1 + actionWidth + 1
        buffer.write(row: area.row + 1, col: area.col + 1, text: ColumnLayout.fit("Action", width: actionWidth), style: Style(.title, [.bold]))
        for r in shownRoles {
            buffer.write(row: area.row + 1, col: x, text: ColumnLayout.fit(roles[r].title, width: Self.roleColumnWidth),
                         style: Style(.title, [.bold]), maxWidth: area.right - x)
            x += Self.roleColumnWidth + 1
        }
        var y = area.row + 2
        firstAction = max(0, min(firstAction, matrix.actions.count - 1))
        for a in matrix.actions.indices.dropFirst(firstAction) where y < area.bottom {
            let action = matrix.actions[a]
            buffer.write(row: y, col: area.col + 1, text: ColumnLayout.fit(action.title, width: actionWidth))
            var cx = area.col + 1 + actionWidth + 1
            var height = 1
            for r in shownRoles {
                let cell = matrix.cells[a][r].authority
                let lines = DeskText.shortAuthority(cell, kind: action.kind)
                for (i, line) in lines.enumerated() where y + i < area.bottom {
                    buffer.write(row: y + i, col: cx, text: ColumnLayout.fit(line, width: Self.roleColumnWidth),
                                 style: cell.isDeny ? .muted : .normal, maxWidth: area.right - cx)
                }
                height = max(height, lines.count)
                cx += Self.roleColumnWidth + 1
            }
            y += height
        }
    }

    /// Scrolls.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        switch action {
        case .left: firstRole = max(0, firstRole - 1)
        case .right: firstRole += 1
        case .up: firstAction = max(0, firstAction - 1)
        case .down: firstAction += 1
        }
        return .redraw
    }
}
