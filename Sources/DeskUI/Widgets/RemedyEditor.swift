import EscalationCore

/// Remedies as a form edits them: one line per remedy (an action picker and, for money, an
/// amount field that accepts only amounts), with a blank line at the end that becomes a new
/// remedy once an action is picked on it.
public struct RemedyEditor {
    /// Which part of a line has focus.
    public enum Part: Hashable, Sendable {
        /// The action picker.
        case action
        /// The amount field (monetary actions only).
        case amount
    }

    /// One remedy line.
    public struct Line {
        /// Picker over "none" followed by the actions.
        public var action: ChoiceField
        /// The amount as typed.
        public var amount: TextField
    }

    /// The actions offered.
    public let actions: [Action]
    /// The currency amounts are in.
    public let currency: Currency
    /// The lines, the last one blank.
    public private(set) var lines: [Line] = []
    /// Most lines shown (the blank one included).
    public static let maxLines = 4

    /// True once a key changed an action or an amount (what was filled in is not work typed).
    public private(set) var isEdited = false

    /// An editor holding `requests` (a resolve dialog starts from what the case asked for),
    /// one line each, then the blank line while there is room. Only remedies are offered,
    /// never a desk power (`Action.isRemedy`); requests for actions the centre no longer
    /// offers are left out.
    public init(actions: [Action], currency: Currency, requests: [RemedyRequest] = []) {
        self.actions = actions.filter(\.isRemedy)
        let actions = self.actions
        self.currency = currency
        for request in requests where lines.count < Self.maxLines {
            guard let index = actions.firstIndex(where: { $0.id == request.action }) else { continue }
            lines.append(blankLine(index: index + 1, amount: request.amount?.plain ?? ""))
        }
        if lines.count < Self.maxLines { lines.append(blankLine()) }
    }

    private func blankLine(index: Int = 0, amount: String = "") -> Line {
        Line(action: ChoiceField(labels: ["none"] + actions.map(\.title), index: index),
             amount: TextField(text: amount, maxLength: 12, filter: .amount(decimals: currency.minorUnits), isFocused: false))
    }

    /// The action chosen on a line, if any.
    public func action(onLine i: Int) -> Action? {
        let index = lines[i].action.index
        return index == 0 ? nil : actions[index - 1]
    }

    /// The focusable parts, line by line, in Tab order.
    public var stops: [(line: Int, part: Part)] {
        lines.indices.flatMap { i -> [(line: Int, part: Part)] in
            action(onLine: i)?.kind == .monetary ? [(i, .action), (i, .amount)] : [(i, .action)]
        }
    }

    /// Passes a key to a line's part; picking an action on the last line adds a blank one, and
    /// setting the line above the blank one back to none takes the extra blank line away.
    public mutating func handle(_ event: KeyEvent, line i: Int, part: Part) -> EventResult {
        guard lines.indices.contains(i) else { return .ignored }
        let before = (lines[i].action.index, lines[i].amount.text)
        let result: EventResult
        switch part {
        case .action: result = lines[i].action.handle(event)
        case .amount: result = lines[i].amount.handle(event)
        }
        if before != (lines[i].action.index, lines[i].amount.text) { isEdited = true }
        if i == lines.count - 1, action(onLine: i) != nil, lines.count < Self.maxLines { lines.append(blankLine()) }
        // A line set back to none just above the blank one is the blank line now: one is kept.
        while lines.count >= 2, action(onLine: lines.count - 1) == nil, action(onLine: lines.count - 2) == nil,
              lines[lines.count - 1].amount.text.isEmpty {
            lines.removeLast()
        }
        return result
    }

    /// Shows which part has focus.
    public mutating func setFocus(line: Int?, part: Part?) {
        for i in lines.indices {
            lines[i].action.isFocused = i == line && part == .action
            lines[i].amount.isFocused = i == line && part == .amount
        }
    }

    /// The remedies as the engine takes them. With `complete`, a monetary line without an
    /// amount is an error; without it (the live preview) such a line is left out.
    public func requests(complete: Bool) throws(DeskError) -> [RemedyRequest] {
        var result: [RemedyRequest] = []
        for i in lines.indices {
            guard let action = action(onLine: i) else { continue }
            guard action.kind == .monetary else {
                result.append(RemedyRequest(action: action.id))
                continue
            }
            let text = lines[i].amount.text
            if text.isEmpty {
                if complete { throw DeskError(.invalid, "Enter an amount for \(action.title).") }
                continue
            }
            do {
                result.append(RemedyRequest(action: action.id, amount: try Money.parse(text, currency: currency)))
            } catch {
                throw DeskError(.invalid, "\(action.title): \(error.description.capitalisedSentence)")
            }
        }
        return result
    }

    /// Draws the lines from `area`'s top, one a row: picker, then `£ amount` for money.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let pickerWidth = min(26, max(10, area.cols / 2))
        for i in lines.indices where i < area.rows {
            let row = area.row + i
            buffer.fill(Rect(row: row, col: area.col, rows: 1, cols: area.cols))
            if action(onLine: i) == nil && !lines[i].action.isFocused {
                buffer.write(row: row, col: area.col, text: i == 0 ? "  none (←/→ or a letter to add)" : "  add another",
                             style: .muted, maxWidth: area.cols)
                continue
            }
            lines[i].action.render(into: &buffer, area: Rect(row: row, col: area.col, rows: 1, cols: pickerWidth))
            guard action(onLine: i)?.kind == .monetary else { continue }
            let x = area.col + pickerWidth + 1
            let symbol = currency.symbol ?? currency.code
            let used = buffer.write(row: row, col: x, text: symbol + " ", maxWidth: area.right - x)
            let field = Rect(row: row, col: x + used, rows: 1, cols: min(12, area.right - x - used))
            lines[i].amount.render(into: &buffer, area: field)
            buffer.setStyle(field, lines[i].amount.isFocused ? Style(.normal, [.underline]) : Style(.muted, [.underline]))
            if lines[i].amount.isFocused { lines[i].amount.render(into: &buffer, area: field) }
        }
    }

    /// Rows the editor needs.
    public var rows: Int { lines.count }
}
