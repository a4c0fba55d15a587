import EscalationCore
import Foundation
@testable import DeskUI
import DeskTestSupport

/// A sample centre with a settable clock, and helpers to drive a desk on a virtual terminal.
final class DeskFixture {
    /// 15 January 2025, 09:00 in London (GMT, so UTC too).
    static let start = Date(timeIntervalSince1970: 1_736_931_600)
    var now = DeskFixture.start
    lazy var data: InMemoryDeskData = SampleCentre.data { [unowned self] in self.now }

    func service(_ person: String) -> InMemoryDeskService { InMemoryDeskService(data: data, personID: person) }

    /// How the desk words this centre's cases.
    var words: CaseWords { CaseWords(data.centre) }

    var jane: String { data.customerIDs[0] }
    var raj: String { data.customerIDs[1] }

    /// Moves the clock on.
    func advance(minutes: Double) { now = now.addingTimeInterval(minutes * 60) }
}

/// A desk app on an 80×24 virtual terminal, driven one event at a time like the event loop.
struct DeskDriver {
    var loop: EventLoop<DeskApp>
    let terminal: VirtualTerminal
    /// Events sent so far (keystroke counting).
    private(set) var sent = 0

    init(_ service: any DeskService, rows: Int = 24, cols: Int = 80) {
        terminal = VirtualTerminal(rows: rows, cols: cols)
        loop = DeskApp.loop(service: service, terminal: terminal)
        terminal.present(loop.frame())
    }

    var app: DeskApp { loop.root }

    /// Sends events as the loop would, repainting when told to.
    mutating func send(_ events: KeyEvent...) { send(events) }

    mutating func send(_ events: [KeyEvent]) {
        for event in events {
            sent += 1
            if case .resize(let size) = event { terminal.resize(rows: size.rows, cols: size.cols); _ = terminal.nextEvent(timeoutMilliseconds: 0) }
            if loop.dispatch(event) == .redraw { terminal.present(loop.frame()) }
        }
    }

    /// Sends one key and tells what the desk made of it (`.quit` when it would leave).
    mutating func press(_ event: KeyEvent) -> EventResult {
        sent += 1
        let result = loop.dispatch(event)
        if result == .redraw { terminal.present(loop.frame()) }
        return result
    }

    /// Types text, one event per character.
    mutating func type(_ text: String) { send(text.map { KeyEvent.character($0) }) }

    /// One idle tick (no key arrived within the poll interval).
    mutating func idle() {
        if loop.dispatch(.timeout) == .redraw { terminal.present(loop.frame()) }
    }

    /// Repaints unconditionally.
    func paint() { terminal.present(loop.frame()) }

    var lines: [String] { terminal.lines() }
    var text: String { terminal.screen.text }
}
