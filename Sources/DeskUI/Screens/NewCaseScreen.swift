import EscalationCore

/// The new-case form for a chosen customer: summary, kind, channel, live flag, identity,
/// case flags and the remedies asked for, with the live authority panel beneath, which asks
/// the service for a decision on every keystroke. Enter moves to the next field; the case opens
/// from `[ Open case ]` or F9 (Ctrl-O), asking first when no remedy was asked for; Esc asks
/// before throwing typed work away. If the decision says the case must go up, the case screen
/// opens offering to escalate at once.
public struct NewCaseScreen: DeskScreen {
    /// The form's controls in Tab order.
    public enum Stop: Equatable {
        case summary, kind, channel, live, identity, flags
        case remedy(Int, RemedyEditor.Part)
        case submit, cancel
    }

    private let context: DeskContext
    /// Who the case is for.
    public let customer: CustomerRow
    /// One-line summary.
    public var summary = TextField(maxLength: 200, placeholder: "what the customer is unhappy about")
    /// Case kind.
    public var kind: ChoiceField
    /// Channel.
    public var channel: ChoiceField
    /// Customer on the line.
    public var live = FlagSet(flags: ["customer is waiting on the line"], on: ["customer is waiting on the line"])
    /// Identity checked.
    public var identity = FlagSet(flags: ["identity verified"])
    /// Case flags.
    public var flags: FlagSet
    /// Remedies asked for.
    public var remedies: RemedyEditor
    /// What the service says about them now.
    public private(set) var panel: AuthorityPanel
    /// Why the case could not be opened.
    public private(set) var error: String?
    /// Focus.
    public private(set) var focus: FocusRing<Stop>
    /// Asks before typed work is thrown away.
    public private(set) var discard = DiscardGuard()
    /// "Open without a remedy?" while asked.
    public private(set) var noRemedy: FormQuestion?

    /// The form for `customer`, with the panel showing the decision for no remedies yet.
    public init(context: DeskContext, customer: CustomerRow) {
        self.context = context
        self.customer = customer
        let centre = context.service.centre
        kind = ChoiceField(labels: centre.caseKinds.map(DeskText.words))
        channel = ChoiceField(labels: centre.channels.map(DeskText.words))
        flags = FlagSet(flags: centre.caseFlags)
        remedies = RemedyEditor(actions: centre.actions, currency: centre.currency)
        panel = AuthorityPanel(ladder: centre.ladder)
        focus = FocusRing([.summary])
        focus.update(stops)
        applyFocus()
        refreshPanel()
    }

    private var stops: [Stop] {
        [.summary, .kind, .channel, .live, .identity, .flags] + remedies.stops.map { Stop.remedy($0.line, $0.part) } + [.submit, .cancel]
    }

    /// "New case".
    public var title: String { "New case" }
    /// The form takes text.
    public var capturesText: Bool { true }

    /// F9 or Ctrl-O opens the case, Enter, Tab/↓ and S-Tab/↑ move, Esc goes back.
    public var keymap: Keymap<FormAction> { .longForm(submitLabel: "Open case", submitKeys: Self.openKeys) }
    /// The keys that open the case from any field (F9 works in tmux and every terminal
    /// ncurses knows; Ctrl-O where function keys are awkward).
    public static let openKeys: [KeyEvent] = [.function(9), .control("o")]
    /// Labelled keys (a question's while one is asked).
    public var barEntries: [FunctionBar.Entry] { noRemedy?.keymap.barEntries ?? discard.barEntries(or: keymap) }
    /// Form keys and the controls' keys.
    public var helpEntries: [HelpOverlay.Entry] {
        if let noRemedy { return noRemedy.keymap.helpEntries }
        if discard.isAsking { return discard.helpEntries(or: keymap) }
        return keymap.helpEntries + [
            HelpOverlay.Entry(keys: "← → Space", help: "Change a choice, or toggle a flag"),
            HelpOverlay.Entry(keys: "letter", help: "Pick the action starting with it (r: Refund)"),
        ]
    }

    /// The draft as the service takes it (remedies missing an amount left out unless `complete`).
    public func draft(complete: Bool) throws(DeskError) -> NewCase {
        let centre = context.service.centre
        return NewCase(customer: customer.id, summary: summary.text, kind: centre.caseKinds[kind.index],
                       channel: centre.channels[channel.index], requests: try remedies.requests(complete: complete),
                       live: !live.on.isEmpty, caseFlags: flags.selected, identityVerified: !identity.on.isEmpty)
    }

    /// True once a summary is typed or a remedy picked.
    public var holdsTypedText: Bool { !summary.text.isEmpty || remedies.isEdited }

    /// Nothing to reload: the panel is refreshed as the form changes.
    public mutating func reload() { refreshPanel() }

    private mutating func refreshPanel() {
        do {
            panel.decision = try context.service.preview(try draft(complete: false))
            panel.problem = nil
        } catch {
            panel.decision = nil
            panel.problem = error.message
        }
    }

    private mutating func applyFocus() {
        summary.isFocused = focus.current == .summary
        kind.isFocused = focus.current == .kind
        channel.isFocused = focus.current == .channel
        live.isFocused = focus.current == .live
        identity.isFocused = focus.current == .identity
        flags.isFocused = focus.current == .flags
        if case .remedy(let line, let part) = focus.current { remedies.setFocus(line: line, part: part) } else { remedies.setFocus(line: nil, part: nil) }
    }

    /// Labels and controls, the panel below, then error and buttons.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        guard area.rows > 4 else { return }
        let flagText = customer.flags.isEmpty ? "" : "  [" + customer.flags.map(DeskText.words).joined(separator: ", ") + "]"
        buffer.write(row: area.row, col: area.col + 1, text: "New case for \(customer.name) (\(customer.id))" + flagText,
                     style: Style(.title, [.bold]), maxWidth: area.cols - 2)
        let fieldCol = area.col + 13
        let fieldWidth = area.right - 1 - fieldCol
        var y = area.row + 1
        func label(_ text: String, _ focused: Bool) {
            buffer.write(row: y, col: area.col + 1, text: text, style: focused ? Style(.title, [.bold]) : .normal, maxWidth: 11)
        }
        func field(_ stop: Stop, _ text: String, _ draw: (inout ScreenBuffer, Rect) -> Void) {
            label(text, focus.current == stop)
            draw(&buffer, Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth))
            y += 1
        }
        label("Summary", focus.current == .summary)
        let summaryRect = Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth)
        summary.render(into: &buffer, area: summaryRect)
        y += 1
        field(.kind, "Kind") { kind.render(into: &$0, area: $1) }
        field(.channel, "Channel") { channel.render(into: &$0, area: $1) }
        field(.live, "Live call") { live.render(into: &$0, area: $1) }
        field(.identity, "Identity") { identity.render(into: &$0, area: $1) }
        label("Case flags", focus.current == .flags)
        let flagRows = flags.rows(width: fieldWidth)
        flags.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: flagRows, cols: fieldWidth))
        y += flagRows
        if case .remedy = focus.current { label("Remedies", true) } else { label("Remedies", false) }
        // Short of rows (60×16, flags on two rows, three remedies), the blank line gives way so
        // the live decision keeps a line, unless it is the line being edited.
        var remedyRows = remedies.rows
        let last = remedies.lines.count - 1
        let editing: Int? = if case .remedy(let line, _) = focus.current { line } else { nil }
        if area.bottom - 1 - y - remedies.rows < 1, last > 0, remedies.action(onLine: last) == nil, editing != last {
            remedyRows -= 1
        }
        remedies.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: remedyRows, cols: fieldWidth))
        y += remedyRows
        let errorLines = error.map { TextWrap.wrap($0, width: area.cols - 2) } ?? []
        let footer = 1 + min(errorLines.count, max(0, area.bottom - 1 - y))
        let panelRect = Rect(row: y, col: area.col, rows: min(panel.boxRows(width: area.cols), area.bottom - footer - y), cols: area.cols)
        panel.render(into: &buffer, area: panelRect)
        for (i, line) in errorLines.prefix(footer - 1).enumerated() {
            buffer.write(row: area.bottom - footer + i, col: area.col + 1, text: line, style: Style(.danger, [.bold]), maxWidth: area.cols - 2)
        }
        let focused: Int? = focus.current == .submit ? 0 : (focus.current == .cancel ? 1 : nil)
        DialogButtons(labels: ["Open case", "Cancel"]).render(
            into: &buffer, area: Rect(row: area.bottom - 1, col: area.col, rows: 1, cols: area.cols), focused: focused)
        if noRemedy != nil { noRemedy!.render(into: &buffer, area: area) }
        discard.render(into: &buffer, area: area)
    }

    /// An open question first, then the form keys, then the focused control; every change
    /// refreshes the panel.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let answer = discard.handle(event) {
            if answer == .cancelled { context.navigate(.pop) }
            return answer == .cancelled ? .redraw : answer
        }
        if noRemedy != nil { return answerNoRemedy(event) }
        if let action = keymap.action(for: event) {
            switch action {
            case .next: focus.next()
            case .previous: focus.previous()
            case .cancel: return cancel()
            case .advance:
                switch focus.current {
                case .submit: submit(confirmed: false)
                case .cancel: return cancel()
                default: focus.next()
                }
            case .submit: submit(confirmed: false)
            }
            applyFocus()
            return .redraw
        }
        let result: EventResult
        switch focus.current {
        case .summary: result = summary.handle(event)
        case .kind: result = kind.handle(event)
        case .channel: result = channel.handle(event)
        case .live: result = live.handle(event)
        case .identity: result = identity.handle(event)
        case .flags: result = flags.handle(event)
        case .remedy(let line, let part):
            result = remedies.handle(event, line: line, part: part)
            focus.update(stops)
        case .submit, .cancel: result = .ignored
        }
        applyFocus()
        if result == .redraw { refreshPanel() }
        switch event {
        case .resize, .signal, .timeout, .function: return result
        default: return result.isConsumed ? result : .handled
        }
    }

    /// Leaves the form, asking first when something was typed.
    private mutating func cancel() -> EventResult {
        if discard.close(holdingText: holdsTypedText) == .cancelled { context.navigate(.pop) }
        return .redraw
    }

    private mutating func answerNoRemedy(_ event: KeyEvent) -> EventResult {
        let answer = noRemedy!.handle(event)
        switch answer {
        case .submitted:
            noRemedy = nil
            submit(confirmed: true)
        case .cancelled:
            noRemedy = nil
            focus.focus(.remedy(0, .action))
            applyFocus()
        default: return answer
        }
        return .redraw
    }

    /// Opens the case, asking first when no remedy was asked for (`confirmed` once answered);
    /// on success replaces this flow with the case screen.
    private mutating func submit(confirmed: Bool) {
        do throws(DeskError) {
            let draft = try draft(complete: true)
            guard draft.summary.hasVisibleText else { throw DeskError(.invalid, "Write a one-line summary of the case.") }
            guard confirmed || !draft.requests.isEmpty else {
                noRemedy = FormQuestion(title: "No remedy", message: "Open without a remedy?", yes: "Open", no: "Add one")
                return
            }
            let opened = try context.service.openCase(draft)
            let headline = DeskText.headline(opened.decision, ladder: context.service.centre.ladder)
            context.navigate(.replace(popping: 2, with: CaseScreen(context: context, caseID: opened.id, offering: opened.decision)))
            context.navigate(.notice("Opened \(opened.id): \(headline)"))
        } catch {
            self.error = error.message
        }
    }
}
