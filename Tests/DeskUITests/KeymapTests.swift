import Testing
@testable import DeskUI

/// One keymap drives dispatch, the function bar and the help overlay.
@Suite struct KeymapTests {
    enum QueueAction: Hashable, Sendable {
        case help, claim, search, quit, navigate(NavigationAction)
    }

    static let keymap = Keymap<QueueAction>([
        KeyBinding([.function(1), .character("?")], label: "Help", help: "Show this help", action: .help),
        KeyBinding([.function(2), .character("c")], label: "Claim", help: "Claim the selected case", action: .claim),
        KeyBinding([.character("/")], label: "Search", help: "Search cases", action: .search),
        KeyBinding([.function(10), .character("q")], label: "Quit", help: "Leave the desk", action: .quit),
    ]) + Keymap.listNavigation.map { QueueAction.navigate($0) }

    @Test func dispatchFindsTheActionForEveryKeyOfABinding() {
        #expect(Self.keymap.action(for: .function(2)) == .claim)
        #expect(Self.keymap.action(for: .character("c")) == .claim)
        #expect(Self.keymap.action(for: .character("x")) == nil)
    }

    @Test func arrowsAndViKeysMapToTheSameNavigation() {
        #expect(Self.keymap.action(for: .down) == .navigate(.down))
        #expect(Self.keymap.action(for: .character("j")) == .navigate(.down))
        #expect(Self.keymap.action(for: .up) == Self.keymap.action(for: .character("k")))
        #expect(Self.keymap.action(for: .home) == .navigate(.top))
        #expect(Self.keymap.action(for: .character("g")) == .navigate(.top))
        #expect(Self.keymap.action(for: .end) == Self.keymap.action(for: .character("G")))
        #expect(Self.keymap.duplicateKeys.isEmpty)
    }

    @Test func duplicateKeysAreReported() {
        let clash = Keymap<Int>([KeyBinding([.character("q")], help: "a", action: 1), KeyBinding([.character("q")], help: "b", action: 2)])
        #expect(clash.duplicateKeys == [.character("q")])
        #expect(clash.action(for: .character("q")) == 1)
    }

    @Test func functionBarIsGeneratedFromTheKeymap() {
        var buffer = ScreenBuffer(rows: 1, cols: 40)
        FunctionBar(keymap: Self.keymap).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["F1Help F2Claim /Search F10Quit"])
        #expect(buffer.cell(row: 0, col: 0)?.style.attributes.contains(.reverse) == true)
        #expect(buffer.cell(row: 0, col: 2)?.style.attributes.contains(.reverse) == false)
    }

    @Test func functionBarLeavesOffEntriesThatDoNotFitWhole() {
        var buffer = ScreenBuffer(rows: 1, cols: 20)
        FunctionBar(keymap: Self.keymap).render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == ["F1Help F2Claim"])
    }

    @Test func helpOverlayIsGeneratedFromTheSameKeymap() {
        var buffer = ScreenBuffer(rows: 16, cols: 50)
        var help = HelpOverlay(keymap: Self.keymap)
        help.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines() == [
            "",
            "",
            "     ┌─ Help ───────────────────────────────┐",
            "     │ F1 ?         Show this help          │",
            "     │ F2 c         Claim the selected case │",
            "     │ /            Search cases            │",
            "     │ F10 q        Leave the desk          │",
            "     │ ↑ k          Previous row            │",
            "     │ ↓ j          Next row                │",
            "     │ PgUp Ctrl-B  Previous page           │",
            "     │ PgDn Ctrl-F  Next page               │",
            "     │ Home g       First row               │",
            "     │ End G        Last row                │",
            "     └────────────────────── Esc ? q close ─┘",
            "",
            "",
        ])
    }

    @Test func helpOverlayClosesOnEscQuestionMarkAndQ() {
        var help = HelpOverlay(keymap: Self.keymap)
        #expect(help.handle(.escape) == .cancelled)
        #expect(help.handle(.character("?")) == .cancelled)
        #expect(help.handle(.character("q")) == .cancelled)
        #expect(help.handle(.character("c")) == .handled)
    }

    @Test func helpOverlayScrollsWhenTheScreenIsShort() {
        var buffer = ScreenBuffer(rows: 6, cols: 50)
        var help = HelpOverlay(keymap: Self.keymap)
        help.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines()[1].contains("F1 ?"))
        #expect(buffer.lines()[5].contains("↓ more"))
        #expect(help.handle(.character("j")) == .redraw)
        help.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines()[1].contains("F2 c"))
        #expect(help.handle(.end) == .redraw)
        help.render(into: &buffer, area: buffer.area)
        #expect(buffer.lines()[4].contains("End G"))
    }

    @Test func typedControlCodesDecodeToKeys() {
        #expect(KeyEvent.decode(typed: "\r") == .enter)
        #expect(KeyEvent.decode(typed: "\n") == .enter)
        #expect(KeyEvent.decode(typed: "\u{7F}") == .backspace)
        #expect(KeyEvent.decode(typed: "\u{8}") == .backspace)
        #expect(KeyEvent.decode(typed: "\t") == .tab)
        #expect(KeyEvent.decode(typed: "\u{1B}") == .escape)
        #expect(KeyEvent.decode(typed: "\u{15}") == .control("u"))
        #expect(KeyEvent.decode(typed: "\u{17}") == .control("w"))
        #expect(KeyEvent.decode(typed: "\u{0}") == nil)
        #expect(KeyEvent.decode(typed: "\u{9B}") == nil)
        #expect(KeyEvent.decode(typed: "李") == .character("李"))
    }

    @Test func keyNamesReadAsPeopleWriteThem() {
        #expect(KeyEvent.function(10).displayName == "F10")
        #expect(KeyEvent.control("u").displayName == "Ctrl-U")
        #expect(KeyEvent.character(" ").displayName == "Space")
        #expect(KeyEvent.pageDown.displayName == "PgDn")
    }
}
