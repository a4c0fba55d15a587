import EscalationCore

/// What-if replay of a draft or a version: the store's `simulate` over the last 90 days,
/// against the version in force, as counts per role and per action, the queues that would
/// grow or shrink and the cases whose decision changes. The replay can take seconds, so the
/// screen first says "Simulating…" and runs it at the desk's next idle moment.
public struct MatrixSimulationScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case longer, shorter
        case scroll(NavigationAction)
    }

    private let context: DeskContext
    /// What is replayed, in words ("version 3", "the draft").
    public let label: String
    private let draft: EscalationPolicy
    /// How many days back are replayed.
    public private(set) var days: Int
    /// The result once run.
    public private(set) var result: SimulationResult?
    /// Why it could not run.
    public private(set) var error: String?
    /// The text shown.
    public private(set) var page = LinePage()

    /// A simulation of `draft` over the last `days` days, run at the next idle moment.
    public init(context: DeskContext, label: String, draft: EscalationPolicy, days: Int = 90) {
        self.context = context
        self.label = label
        self.draft = draft
        self.days = days
        page.lines = [("Simulating the last \(days) days under \(label)…", Style(.warning, [.bold]))]
    }

    /// "Simulation".
    public var title: String { "Simulation: \(label)" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// `+`/`-` change the window; arrows scroll.
    public var keymap: Keymap<Action> {
        Keymap([
            KeyBinding([.character("+")], label: "More days", help: "Replay 30 more days", action: .longer),
            KeyBinding([.character("-")], label: "Fewer days", help: "Replay 30 fewer days", action: .shorter),
        ]) + Keymap.listNavigation.map(Action.scroll)
    }
    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Every key.
    public var helpEntries: [HelpOverlay.Entry] { keymap.helpEntries }

    /// The result stands for the moment it was run; a new run is asked for with `+`/`-`.
    public mutating func reload() {}

    /// Runs the replay if it is waiting.
    public mutating func idle() -> Bool {
        guard result == nil, error == nil else { return false }
        do {
            result = try context.service.simulate(draft, days: days)
        } catch {
            self.error = error.message
        }
        page.lines = lines()
        return true
    }

    private func lines() -> [(text: String, style: Style)] {
        guard let result else { return [(error ?? "", .danger)] }
        let ladder = context.service.centre.ladder
        let bold = Style(.title, [.bold])
        var out: [(String, Style)] = [
            ("Replayed \(result.replayed) requests of the last \(days) days under \(label) and the version in force.", bold),
            ("\(result.changed) decisions change" + (result.undecidable > 0 ? "; \(result.undecidable) could not be decided." : "."),
             result.changed > 0 ? .warning : .ok),
        ]
        let roles = ladder.roles.filter { result.byRole[$0.id] != nil }
        if !roles.isEmpty { out += [("", .normal), ("By the handler's role:", bold)] }
        for role in roles {
            guard let c = result.byRole[role.id] else { continue }
            out.append(("\(role.title): \(c.changed) change — \(c.escalationsAppear) newly escalated (outside authority), "
                        + "\(c.escalationsDisappear) newly inside authority, \(c.rerouted) sent to another role", .normal))
        }
        let actions = context.service.centre.actions.filter { result.byAction[$0.id] != nil }
        if !actions.isEmpty { out += [("", .normal), ("By action:", bold)] }
        for action in actions { out.append(("\(action.title): \(result.byAction[action.id] ?? 0) requests decided differently", .normal)) }
        let queues = ladder.roles.filter { result.queueChange[$0.id] != nil }
        if !queues.isEmpty { out += [("", .normal), ("Queues:", bold)] }
        for role in queues {
            let n = result.queueChange[role.id] ?? 0
            out.append(("\(role.title) queue " + (n > 0 ? "grows by \(n)" : "shrinks by \(-n)"), n > 0 ? .warning : .ok))
        }
        if !result.changedCases.isEmpty {
            let more = result.changed > result.changedCases.count ? " (first \(result.changedCases.count))" : ""
            out += [("", .normal), ("Cases decided differently\(more):", bold), (result.changedCases.joined(separator: ", "), .normal)]
        }
        return out
    }

    /// The page.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        page.render(into: &buffer, area: area)
    }

    /// Changes the window (and runs again at the next idle moment) or scrolls.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        switch action {
        case .longer, .shorter:
            let next = action == .longer ? min(3660, days + 30) : max(30, days - 30)
            guard next != days else { return .handled }
            days = next
            result = nil
            error = nil
            page.lines = [("Simulating the last \(days) days under \(label)…", Style(.warning, [.bold]))]
        case .scroll(let move): page.scroll(move)
        }
        return .redraw
    }
}
