/// A centred form (escalate with a note, resolve with a rationale): labelled fields, an
/// optional error line, and submit/cancel buttons. Tab/Shift-Tab move focus, Enter submits
/// from anywhere but the cancel button, Esc cancels (asking first when text was typed: see
/// `DiscardGuard`). Checking the values is the screen's job; it puts any complaint in `error`
/// and keeps the dialog open.
public struct FormDialog: Component {
    /// The editor behind a field.
    public enum Editor {
        /// A single-line field.
        case line(TextField)
        /// A multi-line note taking `rows` rows.
        case note(TextArea, rows: Int)
    }

    /// One labelled field.
    public struct Field {
        /// Label shown to the left.
        public var label: String
        /// The editor.
        public var editor: Editor
        /// Creates a field.
        public init(_ label: String, _ editor: Editor) {
            self.label = label
            self.editor = editor
        }
        /// The field's current text.
        public var text: String {
            switch editor {
            case .line(let field): return field.text
            case .note(let area, _): return area.text
            }
        }
        /// Rows the field takes.
        var rows: Int {
            if case .note(_, let rows) = editor { return max(1, rows) }
            return 1
        }
    }

    /// Box title.
    public var title: String
    /// Fields, top to bottom.
    public var fields: [Field]
    /// Label of the submit button.
    public var submitLabel: String
    /// Label of the cancel button.
    public var cancelLabel: String
    /// A validation message shown above the buttons in the danger style, or nil.
    public var error: String?
    /// Focus: a field index, then `fields.count` for submit and `fields.count + 1` for cancel.
    public private(set) var focus: Int = 0
    /// Asks before typed text is thrown away.
    public private(set) var discard = DiscardGuard()
    /// The fields' texts as the form opened (a pre-filled name is not typed work).
    private var openingTexts: [String] = []

    /// Creates a form with the first field focused.
    public init(title: String, fields: [Field], submitLabel: String = "OK", cancelLabel: String = "Cancel") {
        self.title = title
        self.fields = fields
        self.submitLabel = submitLabel
        self.cancelLabel = cancelLabel
        openingTexts = fields.map(\.text)
        updateFocus()
    }

    /// True when a field's text differs from what the form opened with.
    public var holdsTypedText: Bool { fields.map(\.text) != openingTexts }

    /// The text of field `index`.
    public func text(of index: Int) -> String { fields[index].text }

    /// Draws the form centred in `area`.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let labelWidth = min(20, fields.map { TextSanitiser.displayWidth($0.label) }.max() ?? 0)
        let width = min(area.cols, 64)
        let errorLines = error.map { TextWrap.wrap($0, width: max(1, width - 4)) } ?? []
        let height = fields.reduce(0) { $0 + $1.rows } + errorLines.count + 4
        let box = area.centred(rows: height, cols: width)
        buffer.box(box, title: title)
        let inner = box.inset(by: 1)
        guard !inner.isEmpty else { return }
        var y = inner.row
        let editorCol = inner.col + 1 + labelWidth + 2
        let editorWidth = max(0, inner.right - 1 - editorCol)
        for i in fields.indices where y < inner.bottom - 1 {
            let label = ColumnLayout.fit(fields[i].label, width: labelWidth, alignment: .right)
            buffer.write(row: y, col: inner.col + 1, text: label, style: focus == i ? Style(.title, [.bold]) : .normal,
                         maxWidth: max(0, inner.cols - 1))
            let rows = min(fields[i].rows, inner.bottom - 1 - y)
            let rect = Rect(row: y, col: editorCol, rows: rows, cols: editorWidth)
            switch fields[i].editor {
            case .line(var field):
                field.render(into: &buffer, area: rect)
                fields[i].editor = .line(field)
            case .note(var note, let noteRows):
                note.render(into: &buffer, area: rect)
                fields[i].editor = .note(note, rows: noteRows)
            }
            buffer.setStyle(Rect(row: y, col: editorCol, rows: rows, cols: editorWidth),
                            focus == i ? Style(.normal, [.underline]) : Style(.muted, [.underline]))
            y += fields[i].rows
        }
        for line in errorLines where y < inner.bottom - 1 {
            buffer.write(row: y, col: inner.col + 1, text: line, style: Style(.danger, [.bold]), maxWidth: max(0, inner.cols - 2))
            y += 1
        }
        DialogButtons(labels: [submitLabel, cancelLabel]).render(
            into: &buffer, area: Rect(row: inner.bottom - 1, col: inner.col, rows: 1, cols: inner.cols),
            focused: focus >= fields.count ? focus - fields.count : nil)
        discard.render(into: &buffer, area: area)
    }

    /// Moves focus, submits, cancels, or passes the key to the focused editor.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if let answer = discard.handle(event) { return answer }
        let stops = fields.count + 2
        switch event {
        case .tab:
            focus = (focus + 1) % stops
            updateFocus()
            return .redraw
        case .backTab:
            focus = (focus + stops - 1) % stops
            updateFocus()
            return .redraw
        case .escape: return discard.close(holdingText: holdsTypedText)
        case .resize, .signal, .timeout: return .ignored
        default: break
        }
        if focus < fields.count {
            let result = editorHandle(event)
            if result.isConsumed { return result }
        }
        if event == .enter { return focus == fields.count + 1 ? discard.close(holdingText: holdsTypedText) : .submitted }
        return .handled
    }

    private mutating func editorHandle(_ event: KeyEvent) -> EventResult {
        switch fields[focus].editor {
        case .line(var field):
            let result = field.handle(event)
            fields[focus].editor = .line(field)
            return result
        case .note(var note, let rows):
            let result = note.handle(event)
            fields[focus].editor = .note(note, rows: rows)
            return result
        }
    }

    /// Shows the cursor only in the focused editor.
    private mutating func updateFocus() {
        for i in fields.indices {
            switch fields[i].editor {
            case .line(var field):
                field.isFocused = i == focus
                fields[i].editor = .line(field)
            case .note(var note, let rows):
                note.isFocused = i == focus
                fields[i].editor = .note(note, rows: rows)
            }
        }
    }
}
