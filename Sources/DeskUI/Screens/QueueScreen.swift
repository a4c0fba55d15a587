import EscalationCore

/// The queue: tabs for my cases, cases referred to me, all cases, other teams' referrals (for
/// team leaders who may cover them) and the cases I escalated, over a list paged from the
/// service. Agents start on their own cases; team leaders and above on referrals.
public struct QueueScreen: DeskScreen {
    /// What the queue's keys do.
    public enum Action: Hashable, Sendable {
        /// Open the selected case.
        case open
        /// Next queue tab.
        case nextQueue
        /// Previous queue tab.
        case previousQueue
        /// Move in the list.
        case move(NavigationAction)
    }

    private let context: DeskContext
    /// The queues offered, in tab order.
    public let queues: [CaseQueue]
    /// The queue shown.
    public private(set) var current: Int = 0
    /// The list of cases.
    public private(set) var list: ListView<QueueSource>

    /// The queue for the context's person, on their default tab.
    public init(context: DeskContext) {
        self.context = context
        let service = context.service
        let me = service.me
        let frontLine = service.centre.ladder.rank(of: me.workingRoleID) == 0
        let covering = me.coversOtherTeams ? [me.otherTeams] : []
        queues = (frontLine ? [me.myCases, me.referredToMe, .all] : [me.referredToMe, me.myCases, .all])
            + covering + [me.escalatedByMe]
        list = ListView(source: QueueSource(service: service, queue: queues[0]),
                        columns: QueueSource.columns(CaseWords(service.centre), now: { service.now() }),
                        emptyMessage: Self.empty(queues[0]))
    }

    /// "Queue".
    public var title: String { "Queue" }
    /// The list never takes text.
    public var capturesText: Bool { false }

    /// Open, switch queue, and list movement.
    public var keymap: Keymap<Action> {
        Keymap([
            KeyBinding([.enter], label: "Open", help: "Open the selected case", action: .open),
            KeyBinding([.tab, .character("l")], label: "Next", help: "Next queue", action: .nextQueue),
            KeyBinding([.backTab, .character("h")], help: "Previous queue", action: .previousQueue),
        ]) + Keymap.listNavigation.map(Action.move)
    }

    /// Labelled keys for the bar.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Every key, plus the mouse.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries + [HelpOverlay.Entry(keys: "click", help: "Select a row")] }

    /// Re-counts the queue and refetches the visible page.
    public mutating func reload() { list.source.reload() }

    /// Tabs on the first row (by their short names when the full ones do not fit, as the
    /// status bar counts them: "Mine", "Referred", "All"; wrapping onto a second row when
    /// even those do not: a tab is never cut), the list below.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        var labels = queues.map { " \(Self.name($0)) " }
        var lines = Self.tabLines(labels.map(TextSanitiser.displayWidth), width: area.cols - 1)
        if lines.count > 1 {
            labels = queues.map { " \(Self.shortName($0)) " }
            lines = Self.tabLines(labels.map(TextSanitiser.displayWidth), width: area.cols - 1)
        }
        let (tabs, body) = area.splitTop(lines.count)
        for (line, indices) in lines.enumerated() where line < tabs.rows {
            var x = tabs.col + 1
            for i in indices {
                let style: Style = i == current ? Style(.selection, [.bold]) : .muted
                x += buffer.write(row: tabs.row + line, col: x, text: labels[i], style: style, maxWidth: tabs.right - x) + 1
            }
        }
        if let error = list.source.error {
            buffer.write(row: body.row, col: body.col + 1, text: error, style: .danger, maxWidth: body.cols - 2)
            return
        }
        list.render(into: &buffer, area: body)
    }

    /// Dispatches through the keymap; clicks go to the list.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if case .mouse = event { return list.handle(event) }
        guard let action = keymap.action(for: event) else { return .ignored }
        switch action {
        case .open:
            guard let row = list.selectedRow else { return .handled }
            context.navigate(.push(CaseScreen(context: context, caseID: row.id)))
            return .redraw
        case .nextQueue: switchTo((current + 1) % queues.count)
        case .previousQueue: switchTo((current + queues.count - 1) % queues.count)
        case .move(let move): list.perform(move)
        }
        return .redraw
    }

    /// Shows another queue, from its top.
    public mutating func switchTo(_ index: Int) {
        current = index
        list.source = QueueSource(service: context.service, queue: queues[index])
        list.emptyMessage = Self.empty(queues[index])
        list.select(0)
    }

    /// Tabs of these widths on lines of `width` columns, a space apart: each line holds the
    /// tabs that fit whole, in order (a tab wider than a line has one to itself).
    static func tabLines(_ widths: [Int], width: Int) -> [[Int]] {
        var lines: [[Int]] = [[]]
        var used = 0
        for (i, w) in widths.enumerated() {
            if let last = lines.last, !last.isEmpty, used + 1 + w > width {
                lines.append([])
                used = 0
            }
            used += (lines[lines.count - 1].isEmpty ? 0 : 1) + w
            lines[lines.count - 1].append(i)
        }
        return lines
    }

    /// A tab's name. The desk offers only my own queues, so `.mine` is "My cases".
    static func name(_ queue: CaseQueue) -> String {
        switch queue {
        case .mine: return "My cases"
        case .referred: return "Referred to me"
        case .otherTeams: return "Other teams"
        case .escalatedBy: return "Escalated by me"
        case .role(let role): return "Queue of \(DeskText.words(role))"
        case .all: return "All cases"
        case .search(let text): return "Search: \(text)"
        }
    }

    /// A tab's name where the full ones do not fit.
    static func shortName(_ queue: CaseQueue) -> String {
        switch queue {
        case .mine: return "Mine"
        case .referred: return "Referred"
        case .all: return "All"
        default: return name(queue)
        }
    }

    static func empty(_ queue: CaseQueue) -> String {
        switch queue {
        case .mine: return "You have no open cases. F2 opens a new one."
        case .referred: return "Nothing is waiting for you."
        case .otherTeams: return "No other team has a referral waiting."
        case .escalatedBy: return "You have not escalated a case."
        case .role: return "Nothing is waiting in this queue."
        case .all: return "There are no cases yet."
        case .search(let text): return CaseWords.noMatch(text)
        }
    }
}
