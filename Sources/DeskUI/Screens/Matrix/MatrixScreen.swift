import EscalationCore

/// The authority matrix in force as a grid, with who has not acknowledged it. Everyone who
/// may view it can open the version history (`v`); a person who may govern the matrix can
/// start a draft from it (`d`).
public struct MatrixScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case left, right, up, down, versions, draft
    }

    private let context: DeskContext
    /// The matrix shown, or nil when it could not be read.
    public private(set) var matrix: AuthorityMatrix?
    /// Why it could not be read.
    public private(set) var error: String?
    /// The grid's scroll.
    public private(set) var grid = MatrixGrid()
    /// The people the version in force asks who have not acknowledged it.
    public private(set) var awaiting: [String] = []
    /// Whether I may propose and approve changes.
    public private(set) var mayGovern = false
    /// Proposals waiting for a decision.
    public private(set) var pending = 0
    /// The id of the version in force, which a draft starts from.
    public private(set) var inForce: String?

    /// The grid of the matrix in force.
    public init(context: DeskContext) {
        self.context = context
        reload()
    }

    /// "Authority matrix".
    public var title: String { "Authority matrix" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// Versions, draft (for governors), then scrolling.
    public var keymap: Keymap<Action> {
        var bindings = [KeyBinding<Action>([.character("v")], label: "Versions", help: "Versions: history and proposals to approve", action: .versions)]
        if mayGovern {
            bindings.append(KeyBinding([.character("d")], label: "Draft", help: "Start a draft from the version in force", action: .draft))
        }
        return Keymap(bindings + [
            KeyBinding([.left, .character("h")], help: "Scroll to lower roles", action: .left),
            KeyBinding([.right, .character("l")], help: "Scroll to higher roles", action: .right),
            KeyBinding([.up, .character("k")], help: "Previous action", action: .up),
            KeyBinding([.down, .character("j")], help: "Next action", action: .down),
        ])
    }
    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Every key.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries }

    /// Reads the matrix in force.
    public mutating func reload() {
        do {
            matrix = try context.service.matrix()
            awaiting = try context.service.awaitingAcknowledgement()
            mayGovern = try context.service.mayGovernMatrix()
            let versions = try context.service.matrixVersions()
            pending = versions.filter(\.isPending).count
            inForce = versions.first { $0.standing == .inForce }?.id
            error = nil
        } catch {
            self.error = error.message
        }
    }

    /// A line naming the version, the grid, and the footer of people yet to acknowledge.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        guard let matrix else {
            buffer.write(row: area.row, col: area.col + 1, text: error ?? "", style: .danger, maxWidth: area.cols - 2)
            return
        }
        var area = area
        if !awaiting.isEmpty {
            let (rest, foot) = area.splitBottom(1)
            buffer.write(row: foot.row, col: foot.col + 1, text: "Not yet acknowledged (\(awaiting.count)): " + awaiting.joined(separator: ", "),
                         style: .warning, maxWidth: foot.cols - 2)
            area = rest
        }
        let (_, body) = area.splitTop(1)
        grid.render(matrix, into: &buffer, area: body)
        let waiting = pending > 0 ? "\(pending) waiting for approval (v) · " : ""
        let more = grid.rolesShown < matrix.ladder.roles.count ? "  (←/→ more roles)" : ""
        buffer.write(row: area.row, col: area.col + 1, text: waiting + "In force: \(matrix.versionName), \(matrix.currency.code)" + more,
                     style: pending > 0 ? .warning : .muted, maxWidth: area.cols - 2)
    }

    /// Scrolls, or opens the versions or a draft.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        switch action {
        case .left: grid.firstRole = max(0, grid.firstRole - 1)
        case .right: grid.firstRole += 1
        case .up: grid.firstAction = max(0, grid.firstAction - 1)
        case .down: grid.firstAction += 1
        case .versions: context.navigate(.push(MatrixVersionsScreen(context: context)))
        case .draft:
            guard let inForce else { return .handled }
            if let editor = MatrixEditorScreen(context: context, from: inForce) { context.navigate(.push(editor)) }
        }
        return .redraw
    }
}
