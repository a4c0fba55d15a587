import EscalationCore
import Foundation

/// A draft of the next matrix version, started from any version: the grid of roles × actions
/// with a cursor (arrows move), Enter edits the cell under it as `escalation.yaml` writes it
/// (`deny`, `allow`, `unlimited`, `75.00`, `{per_case: 75.00, rolling: {amount: 150.00, days: 30}}`),
/// checked by the same reader `config validate` uses, with its messages. The whole draft is
/// checked as `config validate` checks a file (an inverted matrix...) and cannot be proposed
/// while it fails. `r` switches to the draft's referral rules (Enter edits one, `n` adds, `x`
/// removes), each read by the file's referral reader. `p` proposes with a rationale and an
/// optional time it comes into force; `s` simulates it. Esc on a changed draft asks first.
public struct MatrixEditorScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case edit, propose, simulate, left, right, up, down, rules, newRule, removeRule
    }

    /// A dialog open over the grid.
    public enum Modal {
        case cell(FormDialog, action: Int, role: Int)
        case propose(FormDialog)
        case message(MessageBox)
        case discard(FormQuestion)
        /// A referral rule being edited (nil index: a new rule).
        case rule(FormDialog, index: Int?)
        case removeRule(ConfirmDialog, index: Int)
    }

    /// The syntax of a cell, shown under the grid.
    public static let cellSyntax = "Cells: deny · allow · unlimited · 75.00 · {per_case: 75.00, rolling: {amount: 150.00, days: 30}}"

    private let context: DeskContext
    /// The version the draft started from.
    public let base: String
    /// The policy as it started.
    public let original: EscalationPolicy
    /// The draft as edited.
    public private(set) var draft: EscalationPolicy
    /// The cell under the cursor: (action index, role index).
    public private(set) var cursor = (action: 0, role: 0)
    /// What `config validate` says of the draft (empty: it may be proposed).
    public private(set) var problems: [String] = []
    /// The open dialog.
    public private(set) var modal: Modal?
    private var grid = MatrixGrid()
    /// True while the referral rules are shown instead of the grid (`r` switches).
    public private(set) var showingRules = false
    /// The selected referral rule.
    public private(set) var ruleIndex = 0

    /// A draft from version `version`; nil (with nothing pushed) when it cannot be read.
    public init?(context: DeskContext, from version: String) {
        guard let policy = try? context.service.matrixPolicy(version: version) else {
            context.navigate(.notice("Matrix version \(version) could not be read"))
            return nil
        }
        self.context = context
        base = version
        original = policy
        draft = policy
    }

    /// "Draft from version 2".
    public var title: String { "Draft from version \(base)" }
    /// Dialogs take text.
    public var capturesText: Bool { modal != nil }
    /// A changed draft, or a cell, rule or rationale being typed.
    public var holdsTypedText: Bool {
        switch modal {
        case .cell(let f, _, _), .propose(let f), .rule(let f, _): isChanged || f.holdsTypedText
        case .message, .discard, .removeRule, nil: isChanged
        }
    }
    /// True once a cell differs from the version it started from.
    public var isChanged: Bool { draft != original }

    /// Edit, propose, simulate, then the cursor keys.
    public var keymap: Keymap<Action> {
        let rules: [KeyBinding<Action>] = showingRules ? [
            KeyBinding([.character("n")], label: "New rule", help: "Add a referral rule", action: .newRule),
            KeyBinding([.character("x")], label: "Remove", help: "Remove the selected referral rule", action: .removeRule),
        ] : []
        return Keymap([
            KeyBinding([.enter], label: "Edit", help: showingRules ? "Edit the selected referral rule" : "Edit the cell under the cursor", action: .edit),
            KeyBinding([.character("r")], label: showingRules ? "Grid" : "Rules",
                       help: showingRules ? "Back to the authority grid" : "The referral rules of the draft", action: .rules),
        ] + rules + [
            KeyBinding([.character("p")], label: "Propose", help: "Propose the draft with a rationale", action: .propose),
            KeyBinding([.character("s")], label: "Simulate", help: "Replay the last 90 days under the draft", action: .simulate),
            KeyBinding([.left, .character("h")], help: "Cell to the left (lower role)", action: .left),
            KeyBinding([.right, .character("l")], help: "Cell to the right (higher role)", action: .right),
            KeyBinding([.up, .character("k")], help: "Previous action", action: .up),
            KeyBinding([.down, .character("j")], help: "Next action", action: .down),
        ])
    }

    /// The dialog's keys while one is open, else the editor's.
    public var barEntries: [FunctionBar.Entry] {
        switch modal {
        case .cell(let form, _, _), .propose(let form), .rule(let form, _): return form.discard.barEntries(or: Keymap<FormAction>.form(submitLabel: form.submitLabel, arrowsMove: false))
        case .message: return [.init(key: "Enter", label: "OK")]
        case .removeRule: return [.init(key: "y", label: "Remove"), .init(key: "n", label: "Keep")]
        case .discard(let q): return q.keymap.barEntries
        case nil: return keymap.barEntries
        }
    }

    /// Every key that works now.
    public var helpEntries: [HelpOverlay.Entry] {
        switch modal {
        case .cell(let form, _, _), .propose(let form), .rule(let form, _): return form.discard.helpEntries(or: Keymap<FormAction>.form(submitLabel: form.submitLabel, arrowsMove: false))
        case .message: return [.init(keys: "Enter Esc", help: "Close")]
        case .removeRule: return [.init(keys: "y", help: "Remove the rule"), .init(keys: "n Esc", help: "Keep it")]
        case .discard(let q): return q.keymap.helpEntries
        case nil: return keymap.helpEntries + [.init(keys: "Esc", help: "Leave the draft (asks first when changed)")]
        }
    }

    /// A draft is mine until proposed: nothing to read again.
    public mutating func reload() {}

    /// The grid with its cursor, the cell under it in words, the draft's problems; a dialog on top.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let matrix = draft.matrix
        let changes = MatrixDiff(from: original, to: draft).changes.count
        let head = changes == 0 ? "Draft from version \(base): no changes yet" : "Draft from version \(base): \(changes) change\(changes == 1 ? "" : "s")"
        buffer.write(row: area.row, col: area.col + 1, text: head, style: changes == 0 ? .muted : .warning, maxWidth: area.cols - 2)
        var foot: [(String, Style)] = []
        if !showingRules, matrix.actions.indices.contains(cursor.action), matrix.ladder.roles.indices.contains(cursor.role) {
            let action = matrix.actions[cursor.action]
            let role = matrix.ladder.roles[cursor.role]
            foot.append(("\(role.title) · \(action.title): \(PolicyWords.cell(matrix.cells[cursor.action][cursor.role].authority))", Style(.normal, [.bold])))
        }
        if let first = problems.first {
            foot += TextWrap.wrap(first, width: max(1, area.cols - 2)).prefix(3).map { ($0, Style.danger) }
            if problems.count > 1 { foot.append(("and \(problems.count - 1) more; p lists them all", .danger)) }
        }
        if problems.isEmpty && !showingRules { foot.append((Self.cellSyntax, .muted)) }
        let footRows = min(foot.count, max(0, area.rows - 4))
        let (rest, footArea) = area.splitBottom(footRows)
        for (i, line) in foot.prefix(footRows).enumerated() {
            buffer.write(row: footArea.row + i, col: footArea.col + 1, text: line.0, style: line.1, maxWidth: footArea.cols - 2)
        }
        let (_, body) = rest.splitTop(1)
        if showingRules { renderRules(into: &buffer, area: body) } else { grid.render(matrix, cursor: cursor, into: &buffer, area: body) }
        switch modal {
        case .cell(var form, let a, let r): form.render(into: &buffer, area: area); modal = .cell(form, action: a, role: r)
        case .propose(var form): form.render(into: &buffer, area: area); modal = .propose(form)
        case .message(var box): box.render(into: &buffer, area: area); modal = .message(box)
        case .discard(var q): q.render(into: &buffer, area: area); modal = .discard(q)
        case .rule(var form, let i): form.render(into: &buffer, area: area); modal = .rule(form, index: i)
        case .removeRule(var d, let i): d.render(into: &buffer, area: area); modal = .removeRule(d, index: i)
        case nil: break
        }
    }

    /// One line per referral rule, the selected one highlighted, its reason under the list.
    private mutating func renderRules(into buffer: inout ScreenBuffer, area: Rect) {
        let rules = draft.referrals
        let ladder = draft.ladder
        guard !rules.isEmpty else {
            buffer.write(row: area.row, col: area.col + 1, text: "No referral rules. n adds one.", style: .muted, maxWidth: area.cols - 2)
            return
        }
        ruleIndex = max(0, min(ruleIndex, rules.count - 1))
        let rows = max(1, area.rows - 1)
        let first = max(0, ruleIndex - rows + 1)
        for (i, rule) in rules.enumerated().dropFirst(first).prefix(rows) {
            let text = "\(rule.id): at least \(ladder.title(of: rule.minRole)) when \(PolicyWords.condition(rule.when))"
            buffer.write(row: area.row + i - first, col: area.col + 1, text: ColumnLayout.fit(text, width: max(1, area.cols - 2)),
                         style: i == ruleIndex ? Style(.selection, [.reverse]) : .normal, maxWidth: area.cols - 2)
        }
        buffer.write(row: area.bottom - 1, col: area.col + 1, text: "Reason: " + rules[ruleIndex].reason, style: .muted, maxWidth: area.cols - 2)
    }

    /// The dialog gets every key; otherwise the editor's; Esc on a changed draft asks first.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if modal != nil { return handleModal(event) }
        if event == .escape {
            guard isChanged else { return .ignored }
            modal = .discard(FormQuestion(title: "Discard?", message: "Discard this draft and its changes?", yes: "Discard", no: "Keep editing"))
            return .redraw
        }
        guard let action = keymap.action(for: event) else { return .ignored }
        let matrix = draft.matrix
        if showingRules {
            switch action {
            case .up: ruleIndex = max(0, ruleIndex - 1); return .redraw
            case .down: ruleIndex = min(max(0, draft.referrals.count - 1), ruleIndex + 1); return .redraw
            case .left, .right: return .handled
            case .edit:
                guard draft.referrals.indices.contains(ruleIndex) else { return .handled }
                modal = .rule(ruleForm(draft.referrals[ruleIndex]), index: ruleIndex)
                return .redraw
            default: break
            }
        }
        switch action {
        case .rules: showingRules.toggle()
        case .newRule: modal = .rule(ruleForm(nil), index: nil)
        case .removeRule:
            guard draft.referrals.indices.contains(ruleIndex) else { return .handled }
            modal = .removeRule(ConfirmDialog(title: "Remove rule", message: "Remove referral rule \(draft.referrals[ruleIndex].id) from the draft?",
                                              confirmLabel: "Remove", cancelLabel: "Keep", defaultYes: false), index: ruleIndex)
        case .left: cursor.role = max(0, cursor.role - 1)
        case .right: cursor.role = min(matrix.ladder.roles.count - 1, cursor.role + 1)
        case .up: cursor.action = max(0, cursor.action - 1)
        case .down: cursor.action = min(matrix.actions.count - 1, cursor.action + 1)
        case .edit:
            guard matrix.actions.indices.contains(cursor.action) else { return .handled }
            let text = context.service.cellText(matrix.cells[cursor.action][cursor.role])
            let title = "\(matrix.ladder.roles[cursor.role].title) · \(matrix.actions[cursor.action].title)"
            modal = .cell(FormDialog(title: title, fields: [.init("Cell", .line(TextField(text: text, maxLength: 200)))], submitLabel: "Set"),
                          action: cursor.action, role: cursor.role)
        case .propose:
            if !problems.isEmpty {
                modal = .message(MessageBox(title: "Not ready to propose", message: problems.joined(separator: " "), style: .danger))
            } else {
                modal = .propose(FormDialog(title: "Propose the draft", fields: [
                    .init("Rationale", .note(TextArea(maxLength: 2_000, placeholder: "Why the change is needed"), rows: 3)),
                    .init("In force from", .line(TextField(maxLength: 40, placeholder: "on approval, or 2026-12-08T09:00:00Z", isFocused: false))),
                ], submitLabel: "Propose"))
            }
        case .simulate:
            context.navigate(.push(MatrixSimulationScreen(context: context, label: "the draft", draft: draft)))
        }
        return .redraw
    }

    private mutating func handleModal(_ event: KeyEvent) -> EventResult {
        switch modal {
        case .cell(var form, let a, let r):
            let result = form.handle(event)
            modal = .cell(form, action: a, role: r)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            let matrix = draft.matrix
            do {
                let cell = try context.service.readCell(form.text(of: 0), role: matrix.ladder.roles[r].id, action: matrix.actions[a].id)
                draft = Self.setting(cell, action: a, role: r, in: draft)
                problems = context.service.draftProblems(draft)
                modal = nil
            } catch {
                form.error = error.message
                modal = .cell(form, action: a, role: r)
            }
        case .propose(var form):
            let result = form.handle(event)
            modal = .propose(form)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            propose(form)
        case .message(var box):
            let result = box.handle(event)
            modal = result == .submitted || result == .cancelled ? nil : .message(box)
            return result.isConsumed ? .redraw : result
        case .discard(var q):
            let result = q.handle(event)
            modal = .discard(q)
            if result == .submitted { modal = nil; context.navigate(.pop) }
            if result == .cancelled { modal = nil }
            return result.isConsumed ? .redraw : result
        case .rule(var form, let index):
            let result = form.handle(event)
            modal = .rule(form, index: index)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            do {
                let rule = try context.service.readReferral(id: form.text(of: 0), when: form.text(of: 1), minRole: form.text(of: 2),
                                                            reason: form.text(of: 3))
                var rules = draft.referrals
                if let index { rules[index] = rule } else { rules.append(rule); ruleIndex = rules.count - 1 }
                draft = EscalationPolicy(matrix: draft.matrix, referrals: rules, routing: draft.routing)
                problems = context.service.draftProblems(draft)
                modal = nil
            } catch {
                form.error = error.message
                modal = .rule(form, index: index)
            }
        case .removeRule(var d, let index):
            let result = d.handle(event)
            modal = .removeRule(d, index: index)
            if result == .submitted {
                var rules = draft.referrals
                rules.remove(at: index)
                draft = EscalationPolicy(matrix: draft.matrix, referrals: rules, routing: draft.routing)
                problems = context.service.draftProblems(draft)
            }
            if result == .submitted || result == .cancelled { modal = nil }
            return result.isConsumed ? .redraw : result
        case nil: return .ignored
        }
        return .redraw
    }

    /// The rule dialog: id, condition as the file writes it, minimum role, reason.
    private func ruleForm(_ rule: ReferralRule?) -> FormDialog {
        let when = rule.map { context.service.conditionText($0.when) } ?? ""
        return FormDialog(title: rule.map { "Referral rule \($0.id)" } ?? "New referral rule", fields: [
            .init("Id", .line(TextField(text: rule?.id ?? "", maxLength: 64, placeholder: "large_total"))),
            .init("When", .line(TextField(text: when, maxLength: 500, placeholder: "{requested_total_over: 750.00}", isFocused: false))),
            .init("At least", .line(TextField(text: rule?.minRole ?? "", maxLength: 64, placeholder: "manager", isFocused: false))),
            .init("Reason", .line(TextField(text: rule?.reason ?? "", maxLength: 500, placeholder: "Why the case goes up", isFocused: false))),
        ], submitLabel: rule == nil ? "Add" : "Set")
    }

    private mutating func propose(_ form: FormDialog) {
        var form = form
        let rationale = form.text(of: 0)
        let when = form.text(of: 1).trimmingCharacters(in: .whitespaces)
        guard rationale.hasVisibleText else {
            form.error = "Write why the change is needed; the approver reads it."
            modal = .propose(form)
            return
        }
        var effective: Date?
        if !when.isEmpty {
            guard let date = ISOTime.parse(when) else {
                form.error = "In force from: not a time; write it like 2026-12-08T09:00:00Z, or leave it empty for on approval."
                modal = .propose(form)
                return
            }
            effective = date
        }
        do {
            guard let version = try context.service.proposeMatrix(draft, rationale: rationale, effective: effective) else {
                modal = .message(MessageBox(title: "Nothing changed",
                                            message: "The draft says what the newest approved version says: nothing to propose, no version created."))
                return
            }
            modal = nil
            context.navigate(.replace(popping: 1, with: MatrixVersionScreen(context: context, version: version)))
            context.navigate(.notice("Proposed matrix version \(version); a second person who may approve matrix changes must approve it"))
        } catch {
            form.error = error.message
            modal = .propose(form)
        }
    }

    /// The policy with one cell replaced.
    public static func setting(_ cell: AuthorityCell, action a: Int, role r: Int, in policy: EscalationPolicy) -> EscalationPolicy {
        let m = policy.matrix
        var cells: [String: [String: AuthorityCell]] = [:]
        for (ai, action) in m.actions.enumerated() {
            for (ri, role) in m.ladder.roles.enumerated() {
                cells[role.id, default: [:]][action.id] = ai == a && ri == r ? cell : m.cells[ai][ri]
            }
        }
        return EscalationPolicy(matrix: AuthorityMatrix(version: m.version, currency: m.currency, ladder: m.ladder, actions: m.actions, cells: cells),
                                referrals: policy.referrals, routing: policy.routing)
    }
}
