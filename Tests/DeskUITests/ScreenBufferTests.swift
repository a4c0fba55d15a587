import Testing
@testable import DeskUI

/// The cell grid: clipping, wide and combining characters, boxes, and sanitising on write.
@Suite struct ScreenBufferTests {
    @Test func writeClipsAtTheRightEdgeAndAtMaxWidth() {
        var buffer = ScreenBuffer(rows: 2, cols: 8)
        #expect(buffer.write(row: 0, col: 3, text: "abcdefgh") == 5)
        #expect(buffer.write(row: 1, col: 0, text: "abcdefgh", maxWidth: 3) == 3)
        #expect(buffer.lines() == ["   abcde", "abc"])
    }

    @Test func writesOutsideTheBufferAreIgnored() {
        var buffer = ScreenBuffer(rows: 1, cols: 4)
        buffer.write(row: 5, col: 0, text: "x")
        buffer.write(row: -1, col: 0, text: "x")
        buffer.write(row: 0, col: -2, text: "abcd")
        #expect(buffer.lines() == ["cd"])
        var empty = ScreenBuffer(rows: 0, cols: 0)
        empty.write(row: 0, col: 0, text: "x")
        empty.box(empty.area, title: "t")
        #expect(empty.lines() == [])
    }

    @Test func wideCharactersTakeTwoCellsWithAContinuation() {
        var buffer = ScreenBuffer(rows: 1, cols: 6)
        buffer.write(row: 0, col: 0, text: "李a")
        #expect(buffer.cell(row: 0, col: 0)?.width == 2)
        #expect(buffer.cell(row: 0, col: 1)?.isContinuation == true)
        #expect(buffer.cell(row: 0, col: 2)?.symbol == "a")
        #expect(buffer.lines() == ["李a"])
    }

    @Test func aWideCharacterThatDoesNotFitBecomesASpace() {
        var buffer = ScreenBuffer(rows: 1, cols: 5)
        buffer.write(row: 0, col: 0, text: "ab李", maxWidth: 3)
        buffer.write(row: 0, col: 3, text: "|")
        #expect(buffer.lines() == ["ab |"])
        var edge = ScreenBuffer(rows: 1, cols: 3)
        edge.write(row: 0, col: 0, text: "a李李")
        #expect(edge.lines() == ["a李"])
        edge.write(row: 0, col: 2, text: "龙")
        #expect(edge.lines() == ["a"])
        #expect(edge.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(rows: 1, cols: 6)
        buffer.write(row: 0, col: 0, text: "李小龙")
        buffer.write(row: 0, col: 1, text: "x")  // right half of 李
        buffer.write(row: 0, col: 2, text: "y")  // left half of 小
        #expect(buffer.lines() == [" xy 龙"])
        #expect(buffer.cell(row: 0, col: 3)?.isContinuation == false)
    }

    @Test func combiningMarksAttachToTheirBaseCell() {
        var buffer = ScreenBuffer(rows: 1, cols: 6)
        buffer.write(row: 0, col: 0, text: "Zoe\u{301}|")
        #expect(buffer.cell(row: 0, col: 2)?.symbol == "e\u{301}")
        #expect(buffer.cell(row: 0, col: 3)?.symbol == "|")
        buffer.write(row: 0, col: 5, text: "\u{301}")
        #expect(buffer.cell(row: 0, col: 5)?.symbol == "◌\u{301}")
    }

    @Test func aCjkNameInAColumnKeepsTheNextColumnAligned() {
        var buffer = ScreenBuffer(rows: 3, cols: 20)
        let rows = [("Ann Smith", "£10.00"), ("李小龙先生和夫人", "£75.00"), ("Zoe\u{301} Ng", "£5.00")]
        for (i, row) in rows.enumerated() {
            buffer.write(row: i, col: 0, text: ColumnLayout.fit(row.0, width: 11), maxWidth: 11)
            buffer.write(row: i, col: 12, text: ColumnLayout.fit(row.1, width: 8, alignment: .right))
        }
        #expect(buffer.lines() == [
            "Ann Smith     £10.00",
            "李小龙先生…   £75.00",
            "Zoé Ng         £5.00",
        ])
    }

    @Test func writeSanitisesSoNoControlReachesACell() {
        var buffer = ScreenBuffer(rows: 1, cols: 30)
        buffer.write(row: 0, col: 0, text: "a\u{1B}[2Jb\u{202E}c\nd")
        #expect(buffer.lines() == ["a␛[2Jb⟨U+202E⟩c⏎d"])
        let scalars = buffer.cells.flatMap { $0.symbol.unicodeScalars }
        #expect(scalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    @Test func boxWithTitleAndLines() {
        var buffer = ScreenBuffer(rows: 4, cols: 14)
        buffer.box(Rect(row: 0, col: 0, rows: 4, cols: 14), title: "Case 42")
        buffer.write(row: 1, col: 2, text: "hello")
        buffer.horizontalLine(row: 2, col: 1, width: 12)
        #expect(buffer.lines() == [
            "┌─ Case 42 ──┐",
            "│ hello      │",
            "│────────────│",
            "└────────────┘",
        ])
    }

    @Test func fillAndClearAreas() {
        var buffer = ScreenBuffer(rows: 2, cols: 6)
        buffer.write(row: 0, col: 0, text: "abcdef")
        buffer.write(row: 1, col: 0, text: "李小龙")
        buffer.clear(Rect(row: 0, col: 1, rows: 2, cols: 2))
        #expect(buffer.lines() == ["a  def", "    龙"])
        buffer.clear()
        #expect(buffer.text == "\n")
    }

    @Test func resizedCopiesClipAndNeverKeepHalfAWideCharacter() {
        var buffer = ScreenBuffer(rows: 2, cols: 6)
        buffer.write(row: 0, col: 0, text: "ab李cd")
        buffer.write(row: 1, col: 0, text: "xyz")
        let small = buffer.resized(rows: 1, cols: 3)
        #expect(small.lines() == ["ab"])
        #expect(buffer.resized(rows: 3, cols: 8).lines() == ["ab李cd", "xyz", ""])
    }
}
