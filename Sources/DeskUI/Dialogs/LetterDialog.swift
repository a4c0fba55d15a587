import EscalationCore

/// Sending a letter from the case: the kind (only those I may send now), and what that kind
/// tells the customer: a decision letter's outcome, remedies (starting from what the case
/// asked for) and reasons; a holding response's reasons and the date the final response is
/// expected by. The centre's template is filled in by the service; a refusal shows in the
/// dialog, which stays open with everything typed intact.
public struct LetterDialog: Component {
    /// The controls in Tab order (those the chosen kind asks for).
    public enum Stop: Equatable {
        case kind
        case outcome
        case grant(Int, RemedyEditor.Part)
        case reasons
        case expected
        case submit
        case cancel
    }

    /// Case the letter is about.
    public let caseID: String
    /// The kinds offered, in the order shown.
    public let kinds: [LetterKind]
    /// Which letter.
    public var kind: ChoiceField
    /// What the decision letters tell.
    public var outcome = ChoiceField(labels: Outcome.allCases.map(DeskText.outcome))
    /// Remedies the decision letters tell as granted.
    public var grants: RemedyEditor
    /// The decision's reasons, or why a final response cannot be given yet.
    public var reasons = TextArea(maxLength: 4_000, placeholder: "What the customer is told (required)", isFocused: false)
    /// A holding response's date for the final response.
    public var expected = TextField(maxLength: 10, placeholder: "YYYY-MM-DD", isFocused: false)
    /// A refusal or validation message, shown above the buttons.
    public var error: String?
    /// Focus.
    public private(set) var focus: FocusRing<Stop>
    /// Asks before typed text is thrown away.
    public private(set) var discard = DiscardGuard()

    /// A dialog offering `kinds` (non-empty), the final response first chosen when offered.
    public init(caseID: String, kinds: [LetterKind], centre: DeskCentreInfo, requested: [RemedyRequest] = []) {
        self.caseID = caseID
        self.kinds = kinds
        kind = ChoiceField(labels: kinds.map(Self.title), index: kinds.firstIndex(of: .finalResponse) ?? 0)
        grants = RemedyEditor(actions: centre.actions, currency: centre.currency, requests: requested)
        focus = FocusRing([.kind])
        focus.update(stops)
        applyFocus()
    }

    /// "Final response".
    public static func title(_ kind: LetterKind) -> String { kind.title.prefix(1).uppercased() + kind.title.dropFirst() }

    /// The kind chosen.
    public var chosen: LetterKind { kinds[kind.index] }

    private var stops: [Stop] {
        var stops: [Stop] = [.kind]
        if chosen.carriesDecision { stops += [.outcome] + grants.stops.map { Stop.grant($0.line, $0.part) } }
        if chosen.needsReasons { stops.append(.reasons) }
        if chosen == .holdingResponse { stops.append(.expected) }
        return stops + [.submit, .cancel]
    }

    /// The form keys (↑/↓ move except in the reasons, where they move the cursor).
    public var keymap: Keymap<FormAction> { .form(submitLabel: "Send", arrowsMove: focus.current != .reasons) }
    /// The bar: the discard question's keys while it is asked, else the form's.
    public var barEntries: [FunctionBar.Entry] { discard.barEntries(or: keymap) }
    /// Help for the keys that work now.
    public var helpEntries: [HelpOverlay.Entry] {
        discard.isAsking ? discard.helpEntries(or: keymap) : keymap.helpEntries + ResolveDialog.controlHelp
    }

    /// True once reasons or a date are typed or the remedies changed from what the case asked for.
    public var holdsTypedText: Bool { !reasons.text.isEmpty || !expected.text.isEmpty || grants.isEdited }

    /// The letter as typed, or why it cannot be sent yet; what the service checks (authority,
    /// the date's limits, the template) it checks itself.
    public func draft() throws(DeskError) -> LetterDraft {
        let kind = chosen
        var draft = LetterDraft(kind: kind)
        if kind.carriesDecision {
            draft.outcome = Outcome.allCases[outcome.index]
            draft.grants = try grants.requests(complete: true)
        }
        if kind.needsReasons {
            guard reasons.text.hasVisibleText else { throw DeskError(.invalid, "Write the reasons the customer is told.") }
            draft.reasons = reasons.text
        }
        if kind == .holdingResponse, !expected.text.isEmpty {
            guard let date = LocalDate(expected.text) else {
                throw DeskError(.invalid, "Write the expected date as YYYY-MM-DD (e.g. 2027-03-31).")
            }
            draft.expected = date
        }
        return draft
    }

    /// Form keys, then the focused control.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let answer = discard.handle(event) { return answer }
        if let action = keymap.action(for: event) {
            switch focus.step(action, cancelStop: .cancel) {
            case .close: return discard.close(holdingText: holdsTypedText)
            case .submit:
                do {
                    _ = try draft()
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
        case .kind:
            result = kind.handle(event)
            error = nil
        case .outcome: result = outcome.handle(event)
        case .grant(let line, let part): result = grants.handle(event, line: line, part: part)
        case .reasons: result = reasons.handle(event)
        case .expected: result = expected.handle(event)
        case .submit, .cancel: result = .ignored
        }
        focus.update(stops)
        applyFocus()
        switch event {
        case .resize, .signal, .timeout: return result
        default: return result.isConsumed ? result : .handled
        }
    }

    private mutating func applyFocus() {
        kind.isFocused = focus.current == .kind
        outcome.isFocused = focus.current == .outcome
        reasons.isFocused = focus.current == .reasons
        expected.isFocused = focus.current == .expected
        if case .grant(let line, let part) = focus.current { grants.setFocus(line: line, part: part) } else { grants.setFocus(line: nil, part: nil) }
    }

    /// A centred box: the kind, the fields it asks for, error, buttons.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let width = min(area.cols, 72)
        let errorLines = error.map { TextWrap.wrap($0, width: max(1, width - 4)) } ?? []
        let decision = chosen.carriesDecision
        let fixedRows = 1 + (decision ? 1 + grants.rows : 0) + (chosen == .holdingResponse ? 1 : 0) + errorLines.count + 4
        let reasonsRows = chosen.needsReasons ? max(1, min(3, area.rows - fixedRows)) : 0
        let box = area.centred(rows: min(area.rows, fixedRows + reasonsRows), cols: width)
        buffer.box(box, title: "Letter on \(caseID)")
        let inner = box.inset(by: 1)
        guard inner.rows > 2 else { return }
        let labelCol = inner.col + 1
        let fieldCol = inner.col + 14
        let fieldWidth = inner.right - 1 - fieldCol
        var y = inner.row
        func label(_ text: String, _ focused: Bool) {
            buffer.write(row: y, col: labelCol, text: text, style: focused ? Style(.title, [.bold]) : .normal, maxWidth: 12)
        }
        label("Letter", focus.current == .kind)
        kind.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth))
        y += 1
        if decision, y < inner.bottom - 1 {
            label("Outcome", focus.current == .outcome)
            outcome.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: 1, cols: fieldWidth))
            y += 1
            if case .grant = focus.current { label("Remedies", true) } else { label("Remedies", false) }
            grants.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: min(grants.rows, max(0, inner.bottom - 1 - y)),
                                                    cols: fieldWidth))
            y += grants.rows
        }
        if reasonsRows > 0, y < inner.bottom - 1 {
            label("Reasons", focus.current == .reasons)
            reasons.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: min(reasonsRows, max(0, inner.bottom - 1 - y)),
                                                     cols: fieldWidth))
            y += reasonsRows
        }
        if chosen == .holdingResponse, y < inner.bottom - 1 {
            label("Expected by", focus.current == .expected)
            expected.render(into: &buffer, area: Rect(row: y, col: fieldCol, rows: 1, cols: min(12, fieldWidth)))
            if fieldWidth > 14 {
                buffer.write(row: y, col: fieldCol + 12, text: "final response date", style: .muted, maxWidth: fieldWidth - 12)
            }
            y += 1
        }
        for line in TextWrap.clipped(errorLines, to: max(0, inner.bottom - 1 - y), width: inner.cols - 2) {
            buffer.write(row: y, col: labelCol, text: line, style: Style(.danger, [.bold]), maxWidth: inner.cols - 2)
            y += 1
        }
        let focused: Int? = focus.current == .submit ? 0 : (focus.current == .cancel ? 1 : nil)
        DialogButtons(labels: ["Send", "Cancel"]).render(
            into: &buffer, area: Rect(row: inner.bottom - 1, col: inner.col, rows: 1, cols: inner.cols), focused: focused)
        discard.render(into: &buffer, area: area)
    }
}
