import Testing
@testable import DeskUI

/// A million-row source that records what the list asks for.
final class MillionCases: PagedDataSource {
    struct Row {
        var id: Int
        var customer: String
        var amount: String
    }

    var count: Int
    private(set) var requested: [Range<Int>] = []

    init(count: Int = 1_000_000) { self.count = count }

    func rows(in range: Range<Int>) -> [Row] {
        requested.append(range)
        return range.map { i in
            Row(id: i + 1, customer: i % 3 == 1 ? "李小龙先生和夫人" : "Customer \(i + 1)", amount: "£\(i % 100).00")
        }
    }
}

/// Paging, selection, scrolling and columns, always fetching only what is on screen.
@Suite struct ListViewTests {
    static func makeList(_ source: MillionCases) -> ListView<MillionCases> {
        ListView(source: source, columns: [
            ListColumn("Case", width: .fixed(8), alignment: .right) { "#\($0.id)" },
            ListColumn("Customer", width: .flexible(min: 8, weight: 1)) { $0.customer },
            ListColumn("Amount", width: .fixed(7), alignment: .right) { $0.amount },
        ])
    }

    @Test func rendersOnlyTheVisibleRows() {
        let source = MillionCases()
        var list = Self.makeList(source)
        var buffer = ScreenBuffer(rows: 6, cols: 32)
        list.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == [
            "    Case Customer         Amount",
            "      #1 Customer 1        £0.00",
            "      #2 李小龙先生和夫…   £1.00",
            "      #3 Customer 3        £2.00",
            "      #4 Customer 4        £3.00",
            "      #5 李小龙先生和夫…   £4.00",
        ])
        #expect(source.requested == [0..<5])
    }

    @Test func selectionIsHighlightedAcrossTheRow() {
        var list = Self.makeList(MillionCases())
        var buffer = ScreenBuffer(rows: 4, cols: 32)
        #expect(list.handle(.down) == .redraw)
        list.render(into: &buffer, area: buffer.area)
        #expect(buffer.cell(row: 2, col: 0)?.style.role == .selection)
        #expect(buffer.cell(row: 2, col: 31)?.style.role == .selection)
        #expect(buffer.cell(row: 1, col: 0)?.style.role == .normal)
    }

    @Test func pagingAndEndsOverAMillionRowsFetchOnlyAPageAtATime() {
        let source = MillionCases()
        var list = Self.makeList(source)
        var buffer = ScreenBuffer(rows: 11, cols: 32)  // header + 10 rows
        list.render(into: &buffer, area: buffer.area)
        #expect(list.handle(.pageDown) == .redraw)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 10)
        #expect(list.offset == 10)
        #expect(buffer.lines()[1].hasPrefix("     #11"))
        #expect(list.handle(.character("G")) == .redraw)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 999_999)
        #expect(list.offset == 999_990)
        #expect(buffer.lines()[10].hasPrefix("#1000000"))
        #expect(list.handle(.pageUp) == .redraw)
        #expect(list.selection == 999_989)
        #expect(list.handle(.character("g")) == .redraw)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 0 && list.offset == 0)
        #expect(list.handle(.up) == .handled)  // already at the top
        #expect(source.requested.allSatisfy { $0.count <= 10 })
        #expect(source.requested.reduce(0) { $0 + $1.count } <= 40)
    }

    @Test func arrowsAndViKeysScrollTheSelectionIntoView() {
        var list = Self.makeList(MillionCases())
        var buffer = ScreenBuffer(rows: 4, cols: 32)  // header + 3 rows
        list.render(into: &buffer, area: buffer.area)
        for _ in 0..<3 { _ = list.handle(.character("j")) }
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 3 && list.offset == 1)
        _ = list.handle(.down)
        _ = list.handle(.character("k"))
        _ = list.handle(.up)
        _ = list.handle(.up)
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 1 && list.offset == 1)
        #expect(buffer.lines()[1].hasPrefix("      #2"))
        #expect(list.handle(.character("x")) == .ignored)
    }

    @Test func mouseClickSelectsTheRowUnderIt() {
        var list = Self.makeList(MillionCases())
        var buffer = ScreenBuffer(rows: 10, cols: 40)
        let area = Rect(row: 2, col: 4, rows: 6, cols: 32)
        list.render(into: &buffer, area: area)
        #expect(list.handle(.mouse(row: 5, col: 10)) == .redraw)  // header at row 2, rows from 3
        #expect(list.selection == 2)
        #expect(list.handle(.mouse(row: 0, col: 0)) == .ignored)
        #expect(list.handle(.mouse(row: 2, col: 10)) == .handled)  // the header
        #expect(list.selection == 2)
    }

    @Test func theSourceShrinkingBetweenPollsKeepsSelectionValid() {
        let source = MillionCases(count: 50)
        var list = Self.makeList(source)
        var buffer = ScreenBuffer(rows: 6, cols: 32)
        list.render(into: &buffer, area: buffer.area)
        _ = list.handle(.end)
        source.count = 3
        list.render(into: &buffer, area: buffer.area)
        #expect(list.selection == 2 && list.offset == 0)
        source.count = 0
        list.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines()[1] == "Nothing to show")
        #expect(list.selectedRow == nil)
        #expect(list.handle(.down) == .handled)
    }

    @Test func columnWidthsShareSpareRoomAndShrinkFromTheRight() {
        #expect(ColumnLayout.widths([.fixed(5), .flexible(min: 4, weight: 1), .fixed(6)], total: 30) == [5, 17, 6])
        #expect(ColumnLayout.widths([.flexible(min: 2, weight: 1), .flexible(min: 2, weight: 3)], total: 21) == [6, 14])
        #expect(ColumnLayout.widths([.fixed(10), .fixed(10)], total: 15) == [10, 4])
        #expect(ColumnLayout.widths([.fixed(10), .fixed(10)], total: 0) == [0, 0])
    }

    @Test func arraySourceServesShortLists() {
        var list = ListView(source: ArrayDataSource(["upheld", "not upheld"]), columns: [ListColumn("Outcome", width: .flexible(min: 1, weight: 1)) { $0 }], showsHeader: false)
        var buffer = ScreenBuffer(rows: 3, cols: 12)
        _ = list.handle(.down)
        list.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["upheld", "not upheld", ""])
        #expect(list.selectedRow == "not upheld")
    }
}
