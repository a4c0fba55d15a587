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
    /// A shorter form shown when the value does not fit its column ("→Care" for
    /// "→Team Leader · Care"); nil keeps the value, clipped.
    public var short: ((Row) -> String?)?
    /// Spaces before the column beyond the list's gap: keeps two right-aligned columns of
    /// short values ("1d" and "! 7h") from reading as one.
    public var leading: Int

    /// Creates a column.
    public init(
        _ title: String, width: ColumnWidth, alignment: ColumnAlignment = .left, leading: Int = 0,
        style: ((Row) -> Style?)? = nil, short: ((Row) -> String?)? = nil, value: @escaping (Row) -> String
    ) {
        self.leading = max(0, leading)
        self.title = title
        self.width = width
        self.alignment = alignment
        self.value = value
        self.style = style
        self.short = short
    }

    /// The row's text for a column `width` wide: the value, or its shorter form when only
    /// that fits.
    func text(_ row: Row, width: Int) -> String {
        let full = value(row)
        guard TextSanitiser.displayWidth(full) > width, let short = short?(row) else { return full }
        return short
    }
}

/// A scrolling, selectable table over a paged data source (queues, search results).
///
/// It keeps the selection and scroll offset, asks the source only for the rows it draws, and
/// moves with arrows, vi keys, PgUp/PgDn, Home/End and mouse clicks.
///
/// Over rows with an identity (`Identifiable` rows: cases, customers, staff) the selection
/// follows its row, not its position: when the source changes (reloaded after another desk's
/// write, or replaced by the same query's new results), the list looks for the selected id in
/// the rows around its old position (a page either side, never the whole source) and selects
/// it there; if it has gone, it selects the row now at the old position, else the last one.
/// The view scrolls only as far as it must to keep the selection on screen.
public struct ListView<Source: PagedDataSource>: Component {
    /// Where the rows come from. Changing it (a reload) keeps the selected row by its id.
    public var source: Source {
        didSet { if anchor != nil { relocationPending = true } }
    }
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

    /// A row's identity, or nil for rows without one (the selection then keeps its position).
    private let identify: (Source.Row) -> AnyHashable?
    /// The selected row's id and where it was, known from the rows last drawn or fetched.
    private var anchor: (id: AnyHashable, index: Int)?
    /// The ids of the rows last drawn, from `drawnOffset`, so moving among them needs no fetch.
    private var drawnIDs: [AnyHashable?] = []
    private var drawnOffset = 0
    private var relocationPending = false

    /// Creates a list whose rows have no identity: the selection keeps its position.
    public init(
        source: Source, columns: [ListColumn<Source.Row>], showsHeader: Bool = true,
        emptyMessage: String = "Nothing to show", gap: Int = 1
    ) {
        self.init(source: source, columns: columns, showsHeader: showsHeader, emptyMessage: emptyMessage, gap: gap) { _ in nil }
    }

    private init(
        source: Source, columns: [ListColumn<Source.Row>], showsHeader: Bool, emptyMessage: String, gap: Int,
        identify: @escaping (Source.Row) -> AnyHashable?
    ) {
        self.source = source
        self.columns = columns
        self.showsHeader = showsHeader
        self.emptyMessage = emptyMessage
        self.gap = gap
        self.identify = identify
    }

    /// The selected row, fetched alone from the source (nil when the list is empty).
    public var selectedRow: Source.Row? {
        mutating get {
            relocateIfPending()
            let count = source.count
            guard count > 0 else { return nil }
            let index = min(selection, count - 1)
            let row = source.rows(in: index..<(index + 1)).first
            if let row, let id = identify(row) { anchor = (id, index) }
            return row
        }
    }

    /// Selects a row by index (clamped), scrolling it into view.
    public mutating func select(_ index: Int) {
        relocationPending = false
        selection = index
        clamp()
        rememberSelection()
    }

    /// Draws the header and the visible rows; only rows `offset..<offset+visibleRows` are fetched.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        lastArea = area
        buffer.fill(area)
        guard !area.isEmpty else { return }
        var body = area
        if showsHeader { body = area.splitTop(1).1 }
        visibleRows = max(1, body.rows)
        relocateIfPending()
        clamp()
        let count = source.count
        let end = min(count, offset + body.rows)
        let rows = offset < end ? source.rows(in: offset..<end) : []
        let leading = columns.reduce(0) { $0 + $1.leading }
        let widths = ColumnLayout.widths(columns.map(\.width), total: max(0, area.cols - leading), gap: gap,
                                         content: contentWidths(rows))
        if showsHeader {
            drawRow(columns.map(\.title), styles: columns.map { _ in nil }, widths: widths, row: area.row, col: area.col,
                    base: Style.title.adding(.bold), buffer: &buffer)
        }
        guard count > 0 else {
            if body.rows > 0 {
                buffer.write(row: body.row, col: body.col, text: emptyMessage, style: .muted, maxWidth: body.cols)
            }
            return
        }
        guard offset < end else { return }
        drawnOffset = offset
        drawnIDs = rows.map(identify)
        rememberSelection()
        for (i, row) in rows.enumerated() {
            let index = offset + i
            let base: Style = index == selection ? .selection : .normal
            drawRow(zip(columns, widths).map { $0.text(row, width: $1) }, styles: columns.map { $0.style?(row) }, widths: widths,
                    row: body.row + i, col: body.col, base: base, buffer: &buffer)
            if index == selection { buffer.setStyle(Rect(row: body.row + i, col: body.col, rows: 1, cols: body.cols), .selection) }
        }
    }

    /// For each column sized to its content, the widest of its title and its values in `rows`
    /// (0 for other columns).
    private func contentWidths(_ rows: [Source.Row]) -> [Int] {
        columns.map { column in
            guard case .content = column.width else { return 0 }
            return rows.reduce(DisplayWidth.of(column.title)) { max($0, TextSanitiser.displayWidth(column.value($1))) }
        }
    }

    private func drawRow(_ values: [String], styles: [Style?], widths: [Int], row: Int, col: Int, base: Style, buffer: inout ScreenBuffer) {
        var x = col
        for (i, width) in widths.enumerated() {
            if width > 0 {
                x += columns[i].leading
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
            relocateIfPending()
            selection = offset + line
            rememberSelection()
            return .redraw
        }
        guard let action = Self.keymap.action(for: event) else { return .ignored }
        let before = (selection, offset)
        perform(action)
        return before == (selection, offset) ? .handled : .redraw
    }

    /// Applies a navigation action (also reachable from a screen's own keymap).
    public mutating func perform(_ action: NavigationAction) {
        relocateIfPending()
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
        rememberSelection()
    }

    /// Notes the selected row's id when it is among the rows last drawn (after a move); a move
    /// off them is noted when the rows are next drawn, so moving never costs a fetch.
    private mutating func rememberSelection() {
        let i = selection - drawnOffset
        if drawnIDs.indices.contains(i), let id = drawnIDs[i] {
            anchor = (id, selection)
        } else {
            anchor = nil
        }
    }

    /// After the source changed: finds the selected id among the rows a page either side of
    /// its old position and selects it; if it is not there, keeps the position (the case now
    /// there, else the last one).
    private mutating func relocateIfPending() {
        guard relocationPending else { return }
        relocationPending = false
        drawnIDs = []
        guard let anchor else { return }
        let count = source.count
        let span = max(visibleRows, 10)
        let window = max(0, anchor.index - span)..<min(count, anchor.index + span + 1)
        let found = window.isEmpty ? nil : source.rows(in: window).firstIndex(where: { identify($0) == anchor.id })
        selection = found.map { window.lowerBound + $0 } ?? anchor.index
        clamp()
        self.anchor = found == nil ? nil : (anchor.id, selection)
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

extension ListView where Source.Row: Identifiable {
    /// Creates a list whose selection follows its row's id across reloads.
    public init(
        source: Source, columns: [ListColumn<Source.Row>], showsHeader: Bool = true,
        emptyMessage: String = "Nothing to show", gap: Int = 1
    ) {
        self.init(source: source, columns: columns, showsHeader: showsHeader, emptyMessage: emptyMessage, gap: gap) { AnyHashable($0.id) }
    }
}
