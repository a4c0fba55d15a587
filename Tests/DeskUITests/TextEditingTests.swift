import Testing
@testable import DeskUI

/// Single-line and multi-line editing keys, filters, wide characters and scrolling.
@Suite struct TextEditingTests {
    func typed(_ text: String, into field: inout TextField) {
        for c in text { _ = field.handle(.character(c)) }
    }

    @Test func insertsAnywhereAndDeletesBothWays() {
        var field = TextField()
        typed("refnd", into: &field)
        _ = field.handle(.left)
        _ = field.handle(.left)
        typed("u", into: &field)
        #expect(field.text == "refund")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.text == "efund")
        _ = field.handle(.end)
        _ = field.handle(.backspace)
        #expect(field.text == "efun")
        #expect(field.handle(.enter) == .ignored)
        #expect(field.handle(.escape) == .ignored)
    }

    @Test func ctrlUClearsAndCtrlWDeletesAWord() {
        var field = TextField(text: "customer wants refund  ")
        #expect(field.handle(.control("w")) == .redraw)
        #expect(field.text == "customer wants ")
        _ = field.handle(.control("w"))
        #expect(field.text == "customer ")
        _ = field.handle(.control("u"))
        #expect(field.text == "")
        #expect(field.cursor == 0)
    }

    @Test func maxLengthAndAmountFilterRejectKeys() {
        var amount = TextField(filter: .amount())
        typed("7a5..5x01", into: &amount)
        #expect(amount.text == "75.50")
        var id = TextField(maxLength: 3, filter: .digits)
        typed("12x345", into: &id)
        #expect(id.text == "123")
        #expect(id.handle(.character("9")) == .handled)
    }

    @Test func unsafeCharactersAreNotAccepted() {
        var field = TextField()
        #expect(field.handle(.character("\u{202E}")) == .handled)
        #expect(field.text == "")
    }

    @Test func wideCharactersScrollHorizontallyAndKeepTheCursorVisible() {
        var field = TextField()
        typed("李小龙先生", into: &field)
        var buffer = ScreenBuffer(rows: 1, cols: 7)
        field.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["龙先生"])
        #expect(buffer.cell(row: 0, col: 6)?.style.attributes.contains(.reverse) == true)
        _ = field.handle(.home)
        field.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["李小龙"])
        #expect(buffer.cell(row: 0, col: 0)?.style.attributes.contains(.reverse) == true)
        #expect(buffer.cell(row: 0, col: 1)?.style.attributes.contains(.reverse) == true)
    }

    @Test func placeholderShowsWhileEmpty() {
        var field = TextField(placeholder: "Search cases")
        var buffer = ScreenBuffer(rows: 1, cols: 20)
        field.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["Search cases"])
        #expect(buffer.cell(row: 0, col: 1)?.style.role == .muted)
    }

    @Test func textAreaWrapsAndMovesBetweenRows() {
        var note = TextArea(acceptsNewlines: true)
        for c in "customer on hold" { _ = note.handle(.character(c)) }
        _ = note.handle(.enter)
        for c in "李小龙" { _ = note.handle(.character(c)) }
        var buffer = ScreenBuffer(rows: 4, cols: 10)
        note.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["customer o", "n hold", "李小龙", ""])
        _ = note.handle(.up)
        _ = note.handle(.up)
        _ = note.handle(.control("w"))
        note.render(into: &buffer, area: buffer.area)
        #expect(note.text == "er on hold\n李小龙")
        #expect(buffer.lines() == ["er on hold", "李小龙", "", ""])
    }

    @Test func textAreaLeavesEnterToItsDialogUnlessAskedForNewlines() {
        var note = TextArea()
        #expect(note.handle(.enter) == .ignored)
        #expect(TextArea(text: "a\u{1B}[2Jb").text == "a␛[2Jb")
    }
}
