/// One column of a `ListView`: a header, a width rule, and how to show a row's value.
public struct ListColumn<Row> {
    /// Header text.
    public var title: String
    /// Width rule.
    public var width: ColumnWidth
    /// Alignment within the column.
    public var alignment: ColumnAlignment
    /// The row's (untrusted) text for this column; sanitised and truncated when drawn.
    public var value: (Row) -> String
    /// Optional style for a row's value (a breached clock in danger); nil means normal.
    public var style: ((Row) -> Style?)?

    /// Creates a column.
    public init(
        _ title: String, width: ColumnWidth, alignment: ColumnAlignment = .left,
        style: ((Row) -> Style?)? = nil, value: @escaping (Row) -> String
    ) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.value = value
        self.style = style
    }
}

/// A scrolling, selectable table over a paged data source (queues, search results).
///
/// It keeps the selection and scroll offset, asks the source only for the rows it draws, and
/// moves with arrows, vi keys, PgUp/PgDn, Home/End and mouse clicks.
public struct ListView<Source: PagedDataSource>: Component {
    /// Where the rows come from.
    public var source: Source
    /// The columns, left to right.
    public var columns: [ListColumn<Source.Row>]
    /// Whether a header row with column titles is drawn.
    public var showsHeader: Bool
    /// Shown when the source is empty ("No cases waiting").
    public var emptyMessage: String
    /// Spaces between columns.
    public var gap: Int
    /// The selected row's index in the source (0 when empty).
    public private(set) var selection: Int = 0
    /// Index of the first row on screen.
    public private(set) var offset: Int = 0
    /// Rows that fit on screen, learned at the last render (used for paging).
    public private(set) var visibleRows: Int = 1
    /// Where the list was last drawn, for hit-testing clicks.
    public private(set) var lastArea: Rect?
    /// The keys the list answers to, shown in help.
    public static var keymap: Keymap<NavigationAction> { .listNavigation }

    /// Creates a list.
    public init(
        source: Source, columns: [ListColumn<Source.Row>], showsHeader: Bool = true,
        emptyMessage: String = "Nothing to show", gap: Int = 1
    ) {
        self.source = source
        self.columns = columns
        self.showsHeader = showsHeader
        self.emptyMessage = emptyMessage
        self.gap = gap
    }

    /// The selected row, fetched alone from the source (nil when the list is empty).
    public var selectedRow: Source.Row? {
        let count = source.count
        guard count > 0 else { return nil }
        return source.rows(in: min(selection, count - 1)..<(min(selection, count - 1) + 1)).first
    }

    /// Selects a row by index (clamped), scrolling it into view.
    public mutating func select(_ index: Int) {
        selection = index
        clamp()
    }

    /// Draws the header and the visible rows; only rows `offset..<offset+visibleRows` are fetched.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        lastArea = area
        buffer.fill(area)
        guard !area.isEmpty else { return }
        let widths = ColumnLayout.widths(columns.map(\.width), total: area.cols, gap: gap)
        var body = area
        if showsHeader {
            let (header, rest) = area.splitTop(1)
            drawRow(columns.map(\.title), styles: columns.map { _ in nil }, widths: widths, row: header.row, col: area.col,
                    base: Style.title.adding(.bold), buffer: &buffer)
            body = rest
        }
        visibleRows = max(1, body.rows)
        clamp()
        let count = source.count
        guard count > 0 else {
            if body.rows > 0 {
                buffer.write(row: body.row, col: body.col, text: emptyMessage, style: .muted, maxWidth: body.cols)
            }
            return
        }
        let end = min(count, offset + body.rows)
        guard offset < end else { return }
        let rows = source.rows(in: offset..<end)
        for (i, row) in rows.enumerated() {
            let index = offset + i
            let base: Style = index == selection ? .selection : .normal
            drawRow(columns.map { $0.value(row) }, styles: columns.map { $0.style?(row) }, widths: widths,
                    row: body.row + i, col: body.col, base: base, buffer: &buffer)
            if index == selection { buffer.setStyle(Rect(row: body.row + i, col: body.col, rows: 1, cols: body.cols), .selection) }
        }
    }

    private func drawRow(_ values: [String], styles: [Style?], widths: [Int], row: Int, col: Int, base: Style, buffer: inout ScreenBuffer) {
        var x = col
        for (i, width) in widths.enumerated() {
            if width > 0 {
                let text = ColumnLayout.fit(values[i], width: width, alignment: columns[i].alignment)
                buffer.write(row: row, col: x, text: text, style: styles[i] ?? base, maxWidth: width)
            }
            x += width + gap
        }
    }

    /// Moves the selection for navigation keys and clicks; ignores everything else.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if case .mouse(let row, let col) = event {
            guard let area = lastArea, area.contains(row: row, col: col) else { return .ignored }
            let line = row - area.row - (showsHeader ? 1 : 0)
            guard line >= 0, offset + line < source.count else { return .handled }
            selection = offset + line
            return .redraw
        }
        guard let action = Self.keymap.action(for: event) else { return .ignored }
        let before = (selection, offset)
        perform(action)
        return before == (selection, offset) ? .handled : .redraw
    }

    /// Applies a navigation action (also reachable from a screen's own keymap).
    public mutating func perform(_ action: NavigationAction) {
        let count = source.count
        guard count > 0 else { return }
        switch action {
        case .up: selection -= 1
        case .down: selection += 1
        case .top: selection = 0
        case .bottom: selection = count - 1
        case .pageUp:
            selection -= visibleRows
            offset -= visibleRows
        case .pageDown:
            selection += visibleRows
            offset += visibleRows
        }
        clamp()
    }

    /// Keeps selection inside the source and on screen, and the offset inside the source,
    /// also after the source shrinks between polls.
    private mutating func clamp() {
        let count = source.count
        selection = max(0, min(selection, count - 1))
        guard lastArea != nil else { return }  // the page size is unknown until the first render
        offset = max(0, min(offset, count - visibleRows))
        if selection < offset { offset = selection }
        if selection >= offset + visibleRows { offset = selection - visibleRows + 1 }
        offset = max(0, offset)
    }
}
