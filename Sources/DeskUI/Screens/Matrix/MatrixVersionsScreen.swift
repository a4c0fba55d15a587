import EscalationCore
import Foundation

extension MatrixVersionEntry: Identifiable {}

/// Every matrix version, newest first: where it stands (proposed, approved, rejected, in
/// force, superseded), who proposed it and when it comes or came into force. Enter opens a
/// version with its diff, where a person who may govern the matrix approves or rejects it.
public struct MatrixVersionsScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case open
        case move(NavigationAction)
    }

    private let context: DeskContext
    /// The versions as a list.
    public private(set) var list: ListView<ArrayDataSource<MatrixVersionEntry>>
    /// Why the versions could not be read.
    public private(set) var error: String?

    /// The history, read now.
    public init(context: DeskContext) {
        self.context = context
        let time = context.time
        let names = context.service.centre.staffNames
        list = ListView(source: ArrayDataSource([]), columns: [
            ListColumn("Version", width: .content(min: 7, max: 9)) { $0.id },
            ListColumn("Standing", width: .content(min: 8, max: 12),
                       style: { $0.isPending ? Style(.warning, [.bold]) : ($0.standing == .inForce ? .ok : nil) }) { Self.standing($0.standing) },
            ListColumn("Proposed by", width: .flexible(min: 8, weight: 2)) { names[$0.version.proposedBy] ?? $0.version.proposedBy },
            ListColumn("In force from", width: .content(min: 12, max: 14)) { entry in
                guard entry.standing != .rejected else { return "—" }
                return entry.version.effectiveAt.map { time.stamp(Date(timeIntervalSince1970: Double($0) / 1000)) } ?? "on approval"
            },
        ], emptyMessage: "No matrix versions")
        reload()
    }

    /// A standing in one or two words.
    static func standing(_ s: MatrixVersionStanding) -> String {
        switch s {
        case .proposed: "proposed"
        case .approved: "approved"
        case .rejected: "rejected"
        case .inForce: "in force"
        case .superseded: "superseded"
        }
    }

    /// "Matrix versions".
    public var title: String { "Matrix versions" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// Enter opens; arrows move.
    public var keymap: Keymap<Action> {
        Keymap([KeyBinding([.enter], label: "Open", help: "Open the version: its changes, approve or reject", action: .open)])
            + Keymap.listNavigation.map(Action.move)
    }
    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Every key.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries }

    /// Reads the history again, keeping the selected version.
    public mutating func reload() {
        do {
            list.source = ArrayDataSource(try context.service.matrixVersions())
            error = nil
        } catch {
            self.error = error.message
        }
    }

    /// A line saying how many wait, then the list.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let (head, body) = area.splitTop(1)
        let waiting = list.source.items.filter(\.isPending).count
        let text = error ?? (waiting == 0 ? "No proposal is waiting for approval." : "\(waiting) waiting for approval: Enter opens one.")
        buffer.write(row: head.row, col: head.col + 1, text: text, style: error != nil ? .danger : (waiting > 0 ? .warning : .muted),
                     maxWidth: head.cols - 2)
        list.render(into: &buffer, area: body)
    }

    /// Opens or moves.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return list.handle(event) }
        switch action {
        case .open:
            guard let entry = list.selectedRow else { return .handled }
            context.navigate(.push(MatrixVersionScreen(context: context, version: entry.id)))
            return .redraw
        case .move: return list.handle(event)
        }
    }
}
