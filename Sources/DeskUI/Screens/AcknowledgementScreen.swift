import EscalationCore

/// Shown at desk start while the version in force changed my role's authority and I have not
/// acknowledged it: what changed, in words, and a key to acknowledge. Enter or `a` records the
/// acknowledgement (an event) and closes the screen; Esc (or any desk key that leaves it,
/// or quitting) defers until the next desk start, which asks again. Acknowledged meanwhile
/// at another desk, it closes as if acknowledged here.
public struct AcknowledgementScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case acknowledge, up, down
    }

    private let context: DeskContext
    /// What changed for my role.
    public let change: RoleAuthorityChange
    /// Why the acknowledgement could not be recorded, if it failed.
    public private(set) var error: String?
    /// First line on screen.
    public private(set) var scroll = 0
    private var visible = 1

    /// The screen for `change`.
    public init(context: DeskContext, change: RoleAuthorityChange) {
        self.context = context
        self.change = change
    }

    /// "Matrix changed".
    public var title: String { "Matrix changed" }
    /// Takes no text.
    public var capturesText: Bool { false }

    /// Acknowledge and scroll.
    public var keymap: Keymap<Action> {
        Keymap([
            KeyBinding([.enter, .character("a")], label: "Acknowledge", help: "I have read what changed", action: .acknowledge),
            KeyBinding([.up, .character("k")], help: "Scroll up", action: .up),
            KeyBinding([.down, .character("j")], help: "Scroll down", action: .down),
        ])
    }
    /// Labelled keys.
    public var barEntries: [FunctionBar.Entry] { keymap.barEntries }
    /// Keys, and what Esc does here.
    public var helpEntries: [HelpOverlay.Entry] {
        keymap.helpEntries + [HelpOverlay.Entry(keys: "Esc", help: "Later: asked again at the next desk start")]
    }

    /// Nothing to fetch: the change was read at desk start.
    public mutating func reload() {}

    /// The lines shown: the heading, each change, who gains and loses, and the keys.
    public var lines: [(text: String, style: Style)] {
        let me = context.service.me
        var built: [(String, Style)] = [
            ("Matrix version \(change.to) is in force. What changed in your authority (\(me.roleTitle)) since version \(change.from):",
             Style(.title, [.bold])),
            ("", .normal),
        ]
        built += change.sentences.map { ("• " + $0, .normal) }
        if !change.gains.isEmpty { built += [("", .normal), ("You may now do more:", .normal)] + change.gains.map { ("  + " + $0, .normal) } }
        if !change.losses.isEmpty { built += [("", .normal), ("You may now do less:", .warning)] + change.losses.map { ("  − " + $0, .warning) } }
        built += [("", .normal), ("Enter or a: I have read this (recorded). Esc: later; you will be asked again at your next desk start.", .muted)]
        if let error { built.append((error, .danger)) }
        return built
    }

    /// The lines, wrapped, from `scroll`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let width = max(1, area.cols - 2)
        let wrapped = lines.flatMap { line -> [(String, Style)] in
            TextWrap.wrap(TextSanitiser.singleLine(line.text), width: width).map { ($0, line.style) }.nonEmpty(or: ("", line.style))
        }
        visible = max(1, area.rows)
        scroll = max(0, min(scroll, wrapped.count - visible))
        for (i, line) in wrapped.dropFirst(scroll).prefix(area.rows).enumerated() {
            buffer.write(row: area.row + i, col: area.col + 1, text: line.0, style: line.1, maxWidth: width)
        }
    }

    /// Whether the service still asks me to acknowledge (true when it cannot tell).
    private var stillOwed: Bool {
        do { return try context.service.acknowledgementDue() != nil } catch { return true }
    }

    /// Acknowledges (then closes with a notice) or scrolls.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        guard let action = keymap.action(for: event) else { return .ignored }
        switch action {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .acknowledge:
            do {
                try context.service.acknowledge(version: change.to)
                context.navigate(.pop)
                context.navigate(.notice("Acknowledged matrix version \(change.to)."))
            } catch {
                // Acknowledged meanwhile at another desk of mine: nothing is owed any more.
                if !stillOwed {
                    context.navigate(.pop)
                    context.navigate(.notice("Matrix version \(change.to) was already acknowledged."))
                } else {
                    self.error = error.message
                }
            }
        }
        return .redraw
    }
}

private extension Array {
    func nonEmpty(or element: Element) -> [Element] { isEmpty ? [element] : self }
}
