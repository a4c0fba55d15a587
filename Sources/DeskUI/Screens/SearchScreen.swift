/// `/` from anywhere: a search box over all cases (id, customer, words of the summary and
/// notes), best matches first (`DeskService` ranks them), results paged
/// from the service as the text is typed; Enter opens the selected case.
public struct SearchScreen: DeskScreen {
    /// What the search keys do.
    public enum Action: Hashable, Sendable {
        case open
        case move(NavigationAction)
    }

    private let context: DeskContext
    /// The search text.
    public private(set) var field = TextField(maxLength: 80, placeholder: "case id, customer, or words of the case")
    /// The matching cases.
    public private(set) var list: ListView<QueueSource>

    /// An empty search.
    public init(context: DeskContext) {
        self.context = context
        let service = context.service
        list = ListView(source: QueueSource(service: service, queue: .search("")),
                        columns: QueueSource.columns(CaseWords(service.centre), now: { service.now() }),
                        emptyMessage: "Type to search cases.")
    }

    /// "Search".
    public var title: String { "Search" }
    /// The box always has focus.
    public var capturesText: Bool { true }

    /// Enter opens; arrows and page keys move (letters are search text).
    public var keymap: Keymap<Action> {
        Keymap([
            KeyBinding([.enter], label: "Open", help: "Open the selected case", action: .open),
            KeyBinding([.up], help: "Previous result", action: .move(.up)),
            KeyBinding([.down], help: "Next result", action: .move(.down)),
            KeyBinding([.pageUp], help: "Previous page", action: .move(.pageUp)),
            KeyBinding([.pageDown], help: "Next page", action: .move(.pageDown)),
        ])
    }

    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Keys, and what typing does.
    public var helpEntries: [HelpOverlay.Entry] { [HelpOverlay.Entry(keys: "typing", help: "Search text (Ctrl-U clears)")] + keymap.helpEntries }

    /// Before typing, a hint; after, the one thing an empty result says.
    static func emptyMessage(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "Type to search cases." : CaseWords.noMatch(text)
    }

    /// Searches again.
    public mutating func reload() { list.source.reload() }

    /// The box on top, results below.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let (top, rest) = area.splitTop(2)
        let used = buffer.write(row: top.row, col: top.col + 1, text: "Search: ", style: Style(.title, [.bold]))
        field.render(into: &buffer, area: Rect(row: top.row, col: top.col + 1 + used, rows: 1, cols: top.cols - used - 2))
        let count = list.source.count
        buffer.write(row: top.row + 1, col: top.col + 1, text: field.text.isEmpty ? "" : "\(count) case\(count == 1 ? "" : "s") found",
                     style: .muted, maxWidth: top.cols - 2)
        list.render(into: &buffer, area: rest)
    }

    /// Keymap first, then the text box (re-searching on every change).
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if case .mouse = event { return list.handle(event) }
        if let action = keymap.action(for: event) {
            switch action {
            case .open:
                guard let row = list.selectedRow else { return .handled }
                context.navigate(.push(CaseScreen(context: context, caseID: row.id)))
            case .move(let move): list.perform(move)
            }
            return .redraw
        }
        let before = field.text
        let result = field.handle(event)
        if field.text != before {
            list.source = QueueSource(service: context.service, queue: .search(field.text))
            list.emptyMessage = Self.emptyMessage(field.text)
            list.select(0)
        }
        return result
    }
}
