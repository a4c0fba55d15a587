import EscalationCore

/// Resolving a case: outcome, the remedies granted (checked live against my authority by the
/// service as they are typed), a required rationale and a root cause. A refusal from the
/// service is shown in the dialog, which stays open with everything typed intact.
public struct ResolveDialog: Component {
    /// The controls in Tab order.
    public enum Stop: Equatable {
        case outcome
        case grant(Int, RemedyEditor.Part)
        case rationale
        case rootCause
        case submit
        case cancel
    }

    /// Case being resolved.
    public let caseID: String
    /// How it ended.
    public var outcome = ChoiceField(labels: Outcome.allCases.map(DeskText.outcome))
    /// Remedies granted.
    public var grants: RemedyEditor
    /// Why (required).
    public var rationale = TextArea(maxLength: 4_000, placeholder: "Why you decided this (required)", isFocused: false)
    /// Root cause.
    public var rootCause: ChoiceField
    /// What the service says about the grants.
    public var panel: AuthorityPanel
    /// A refusal or validation message, shown above the buttons.
    public var error: String?
    /// Focus.
    public private(set) var focus: FocusRing<Stop>
    /// Asks before a typed rationale or edited grants are thrown away.
    public private(set) var discard = DiscardGuard()
    private let rootCauses: [String]
    private let preview: ([RemedyRequest]) throws(DeskError) -> Decision

    /// A dialog for `caseID` whose grants start as `requested` (what the case asked for, still
    /// editable) and are checked at once; `preview` asks the service whether I may grant them.
    public init(caseID: String, centre: DeskCentreInfo, requested: [RemedyRequest] = [],
                preview: @escaping ([RemedyRequest]) throws(DeskError) -> Decision) {
        self.caseID = caseID
        grants = RemedyEditor(actions: centre.actions, currency: centre.currency, requests: requested)
        rootCauses = centre.rootCauses
        // No root cause is chosen for the resolver: one left as it opened would be recorded
        // as the cause of a complaint nobody looked into.
        rootCause = ChoiceField(labels: ["choose one"] + centre.rootCauses.map(DeskText.rootCause))
        panel = AuthorityPanel(ladder: centre.ladder)
        self.preview = preview
        focus = FocusRing([.outcome])
        focus.update(stops)
        applyFocus()
        refreshPanel()
    }

    private var stops: [Stop] {
        [.outcome] + grants.stops.map { Stop.grant($0.line, $0.part) } + [.rationale, .rootCause, .submit, .cancel]
    }

    /// The form keys (↑/↓ move except in the rationale, where they move the cursor).
    public var keymap: Keymap<FormAction> { .form(submitLabel: "Resolve", arrowsMove: focus.current != .rationale) }

    /// Help for the controls besides the form keys.
    public static let controlHelp = [
        HelpOverlay.Entry(keys: "← → Space", help: "Change outcome, action or root cause"),
        HelpOverlay.Entry(keys: "letter", help: "Jump to the choice starting with it"),
    ]

    /// The bar: the discard question's keys while it is asked, else the form's.
    public var barEntries: [FunctionBar.Entry] { discard.barEntries(or: keymap) }
    /// Help for the keys that work now.
    public var helpEntries: [HelpOverlay.Entry] { discard.isAsking ? discard.helpEntries(or: keymap) : keymap.helpEntries + Self.controlHelp }

    /// True once a rationale is typed, a root cause chosen or the grants changed from what
    /// the case asked for.
    public var holdsTypedText: Bool { !rationale.text.isEmpty || grants.isEdited || rootCause.index > 0 }

    /// The resolution as typed, or why it cannot be submitted yet.
    public func resolution() throws(DeskError) -> Resolution {
        guard rationale.text.hasVisibleText else { throw DeskError(.invalid, "A rationale is required: say why you decided this.") }
        guard rootCause.index > 0 else { throw DeskError(.invalid, "Choose a root cause (← →): what caused the complaint.") }
        return Resolution(outcome: Outcome.allCases[outcome.index], rationale: rationale.text,
                          grants: try grants.requests(complete: true), rootCause: rootCauses[rootCause.index - 1])
    }

    /// Form keys, then the focused control; the panel is refreshed after every change.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let answer = discard.handle(event) { return answer }
        if let action = keymap.action(for: event) {
            switch focus.step(action, cancelStop: .cancel) {
            case .close: return discard.close(holdingText: holdsTypedText)
            case .submit:
                do {
                    _ = try resolution()
                    return .submitted
                } catch {
                    self.error = error.message
                }
            case .moved: break
            }
            applyFocus()
            return .redraw
        }
        let result: EventResult
        switch focus.current {
        case .outcome: result = outcome.handle(event)
        case .grant(let line, let part):
            result = grants.handle(event, line: line, part: part)
            focus.update(stops)
            refreshPanel()
        case .rationale: result = rationale.handle(event)
        case .rootCause: result = rootCause.handle(event)
        case .submit, .cancel: result = .ignored
        }
        applyFocus()
        switch event {
        case .resize, .signal, .timeout: return result
        default: return result.isConsumed ? result : .handled
        }
    }

    private mutating func refreshPanel() {
        do {
            let requests = try grants.requests(complete: false)
            panel.problem = nil
            panel.decision = requests.isEmpty ? nil : try preview(requests)
        } catch {
            panel.decision = nil
            panel.problem = error.message
        }
    }

    private mutating func applyFocus() {
        outcome.isFocused = focus.current == .outcome
        rootCause.isFocused = focus.current == .rootCause
        rationale.isFocused = focus.current == .rationale
        if case .grant(let line, let part) = focus.current { grants.setFocus(line: line, part: part) } else { grants.setFocus(line: nil, part: nil) }
    }

    /// A centred box: labelled controls, the authority lines, error, buttons.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let width = min(area.cols, 72)
        let panelLines = panel.decision == nil && panel.problem == nil ? [] : panel.lines(width: width - 16)
        let errorLines = error.map { TextWrap.wrap($0, width: max(1, width - 4)) } ?? []
        // Outcome, grants, root cause, the refusal and the frame first; then the rationale (three
        // lines, one when short of room) and the authority lines share what is left, the panel
        // marked "…" when cut (a refusal repeats what it says).
        let fixedRows = 1 + grants.rows + 1 + errorLines.count + 4
        let panelMin = panelLines.isEmpty ? 0 : (error == nil ? 2 : 1)
        let rationaleRows = max(1, min(3, area.rows - fixedRows - panelMin))
        let panelRows = min(panelLines.count, max(panelMin, area.rows - fixedRows - rationaleRows))
        let shownPanel = AuthorityPanel.clipped(panelLines, to: panelRows, width: width - 16)
        let height = min(area.rows, fixedRows + rationaleRows + shownPanel.count)
        let box = area.centred(rows: height, cols: width)
        buffer.box(box, title: "Resolve \(caseID)")
        let inner = box.inset(by: 1)
        guard inner.rows > 2 else { return }
        let labelCol = inner.col + 1
        let fieldCol = inner.col + 14
        let fieldWidth = inner.right - 1 - fieldCol
        var y = inner.row
        func label(_ text: String, _ stop: Bool) {
            buffer.write(row: y, col: labelCol, text: text, style: stop ? Style(.title, [.bold]) : .normal, maxWidth: 12)
        }
        label("Outcome", focus.current == .outcome)
        outcome.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth))
        y += 1
        if case .grant = focus.current { label("Grants", true) } else { label("Grants", false) }
        grants.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: grants.rows, cols: fieldWidth))
        y += grants.rows
        for line in shownPanel where y < inner.bottom - 1 {
            buffer.write(row: y, col: fieldCol, text: line.0, style: line.1, maxWidth: fieldWidth)
            y += 1
        }
        label("Rationale", focus.current == .rationale)
        let noteRect = Rect(row: y, col: fieldCol, rows: min(rationaleRows, max(0, inner.bottom - 1 - y)), cols: fieldWidth)
        rationale.render(into: &buffer, area: noteRect)
        y += rationaleRows
        if y < inner.bottom - 1 {
            label("Root cause", focus.current == .rootCause)
            rootCause.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth))
            y += 1
        }
        for line in TextWrap.clipped(errorLines, to: max(0, inner.bottom - 1 - y), width: inner.cols - 2) {
            buffer.write(row: y, col: labelCol, text: line, style: Style(.danger, [.bold]), maxWidth: inner.cols - 2)
            y += 1
        }
        let focused: Int? = focus.current == .submit ? 0 : (focus.current == .cancel ? 1 : nil)
        DialogButtons(labels: ["Resolve", "Cancel"]).render(
            into: &buffer, area: Rect(row: inner.bottom - 1, col: inner.col, rows: 1, cols: inner.cols), focused: focused)
        discard.render(into: &buffer, area: area)
    }
}
