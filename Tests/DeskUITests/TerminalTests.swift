import Testing
@testable import DeskUI

/// A tiny screen used to drive the loop: a list with a status bar and function bar, `q` quits.
struct DemoScreen: Component {
    enum Action: Sendable { case quit, navigate(NavigationAction) }
    static let keymap = Keymap<Action>([KeyBinding([.character("q"), .function(10)], label: "Quit", help: "Leave", action: .quit)])
        + Keymap.listNavigation.map { Action.navigate($0) }
    var list = ListView(source: ArrayDataSource(["first", "second", "third"]), columns: [ListColumn("Case", width: .flexible(min: 1, weight: 1)) { $0 }])
    var ticks = 0

    mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let (top, rest) = area.splitTop(1)
        let (middle, bottom) = rest.splitBottom(1)
        StatusBar(left: [.init("Ann (agent)")], right: [.init("ticks \(ticks)")]).render(into: &buffer, area: top)
        list.render(into: &buffer, area: middle)
        FunctionBar(keymap: Self.keymap).render(into: &buffer, area: bottom)
    }

    mutating func handle(_ event: KeyEvent) -> EventResult {
        switch Self.keymap.action(for: event) {
        case .quit: return .quit
        case .navigate(let action):
            list.perform(action)
            return .redraw
        case nil: return list.handle(event)
        }
    }
}

/// The virtual terminal, the loop, the too-small notice, resizing, and palettes.
@Suite struct TerminalTests {
    @Test func tooSmallNoticeAt20x6() {
        var buffer = ScreenBuffer(rows: 6, cols: 20)
        TooSmallNotice(size: buffer.size).render(into: &buffer)
        #expect(buffer.lines() == [
            "",
            "Terminal too small:",
            "  20×6. Escalation",
            "Desk needs at least",
            "       60×16.",
            "",
        ])
    }

    @Test(arguments: [(0, 0), (1, 1), (1, 80), (3, 2)])
    func tooSmallNoticeNeverCrashes(rows: Int, cols: Int) {
        var buffer = ScreenBuffer(rows: rows, cols: cols)
        TooSmallNotice(size: buffer.size).render(into: &buffer)
        #expect(buffer.lines().count == rows)
    }

    @Test func tooSmallNoticeOnOneLineWhenThereIsRoom() {
        var buffer = ScreenBuffer(rows: 3, cols: 80)
        TooSmallNotice(size: TerminalSize(rows: 3, cols: 80)).render(into: &buffer)
        #expect(buffer.lines()[1] == "        Terminal too small: 80×3. Escalation Desk needs at least 60×16.")
    }

    @Test func loopDrawsHandlesKeysAndQuits() throws {
        let terminal = VirtualTerminal(rows: 24, cols: 80)
        terminal.enqueue(.down, .character("j"), .timeout, .character("q"))
        let loop = EventLoop(terminal: terminal, root: DemoScreen()) { screen in
            screen.ticks += 1
            return .redraw
        }
        #expect(try loop.run() == .quit)
        #expect(!terminal.isActive)
        let lines = terminal.lines()
        #expect(lines[0] == " Ann (agent)" + String(repeating: " ", count: 60) + "ticks 1")
        #expect(lines[4] == "third")
        #expect(terminal.screen.cell(row: 4, col: 0)?.style.role == .selection)
        #expect(lines[23] == "qQuit")
    }

    @Test func resizingTo20x6AndBackShowsTheNoticeThenTheScreen() throws {
        let terminal = VirtualTerminal(rows: 24, cols: 80)
        let loop = EventLoop(terminal: terminal, root: DemoScreen())
        try terminal.begin()
        terminal.present(loop.frame())
        terminal.resize(rows: 6, cols: 20)
        #expect(loop.dispatch(terminal.nextEvent(timeoutMilliseconds: 0)) == .redraw)
        terminal.present(loop.frame())
        #expect(terminal.lines()[1] == "Terminal too small:")
        #expect(loop.dispatch(.down) == .ignored)
        terminal.resize(rows: 0, cols: 0)
        #expect(loop.dispatch(terminal.nextEvent(timeoutMilliseconds: 0)) == .redraw)
        terminal.present(loop.frame())
        #expect(terminal.lines() == [])
        terminal.resize(rows: 24, cols: 80)
        #expect(loop.dispatch(terminal.nextEvent(timeoutMilliseconds: 0)) == .redraw)
        terminal.present(loop.frame())
        #expect(terminal.lines()[2] == "first")
        #expect(terminal.lines()[23] == "qQuit")
        #expect(terminal.presented.count == 4)
        terminal.end()
    }

    @Test func aSignalEndsTheLoopWithTheShellsExitCode() throws {
        let terminal = VirtualTerminal()
        terminal.enqueue(.signal(15))
        let exit = try EventLoop(terminal: terminal, root: DemoScreen()).run()
        #expect(exit == .signal(15))
        #expect(exit.exitCode == 143)
        #expect(LoopExit.quit.exitCode == 0)
        #expect(!terminal.isActive)
    }

    @Test func virtualTerminalRecordsBellsAndScriptedInput() {
        let terminal = VirtualTerminal(rows: 2, cols: 10)
        terminal.type("ab")
        terminal.bell()
        #expect(terminal.nextEvent(timeoutMilliseconds: 250) == .character("a"))
        #expect(terminal.nextEvent(timeoutMilliseconds: 250) == .character("b"))
        #expect(terminal.nextEvent(timeoutMilliseconds: 250) == .timeout)
        #expect(terminal.bellCount == 1)
        var wide = ScreenBuffer(rows: 3, cols: 12)
        wide.write(row: 0, col: 0, text: "123456789李")
        terminal.present(wide)
        #expect(terminal.lines() == ["123456789", ""])
    }

    @Test func noColorAndMonochromeTerminalsUseAttributesOnly() {
        #expect(Palette.choose(terminalHasColours: true, environment: [:]) == .colour)
        #expect(Palette.choose(terminalHasColours: true, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(Palette.choose(terminalHasColours: true, environment: ["NO_COLOR": ""]) == .colour)
        #expect(Palette.choose(terminalHasColours: false, environment: [:]) == .monochrome)
        let mono = Palette.monochrome
        #expect(mono.resolve(.danger) == .init(attributes: [.bold, .underline], colour: nil))
        #expect(mono.resolve(.selection).attributes == [.reverse])
        #expect(mono.resolve(.title).attributes == [.bold])
        #expect(Palette.colour.resolve(.warning) == .init(attributes: [], colour: .yellow))
        #expect(Palette.colour.resolve(.selection).colour == nil)
    }
}
