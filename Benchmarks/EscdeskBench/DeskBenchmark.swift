import DeskUI
import EscalationStore
import Foundation
import StoreDesk

/// The desk over a real database (make one with `escdesk demo --no-open --cases 1000000`):
/// time from start to the first painted queue, keypress-to-paint while paging and moving
/// through the "All cases" queue, and resident memory. It drives the same `DeskApp` and
/// `StoreDeskService` the desk runs, painting into a virtual 80×24 terminal (what ncurses
/// adds on top is copying the changed cells out). Targets: first paint ≤ 300 ms, p99 ≤ 16 ms,
/// ≤ 100 MB resident.
func runDeskBenchmark(arguments: [String]) throws {
    guard let path = option("--db", in: arguments) else {
        print("desk benchmark: give --db PATH (a training database, e.g. from escdesk demo --no-open)")
        return
    }
    let person = option("--as", in: arguments) ?? "priya"
    let keys = option("--keys", in: arguments).flatMap(Int.init) ?? 300
    let clock = ContinuousClock()
    let started = clock.now
    let store = try DeskStore.open(at: path)
    let member = try store.actor(asStaffID: person)
    let service = StoreDeskService(store: store, member: member, clock: SessionClock(setTime: nil))
    let terminal = VirtualTerminal(rows: 24, cols: 80)
    let loop = DeskApp.loop(service: service, terminal: terminal)
    terminal.present(loop.frame())
    let firstPaint = started.duration(to: clock.now)
    let cases = try service.queueCount(.all)
    print("desk on \(path): \(cases) cases, as \(member.name) (\(member.role))")
    print(String(format: "  start → first painted queue: %.1f ms (target ≤ 300 ms)", milliseconds(firstPaint)))

    // To the "All cases" queue, then page and move through it, timing each key to its paint.
    for key in [KeyEvent.tab, .tab] { _ = loop.dispatch(key); terminal.present(loop.frame()) }
    var timings: [Double] = []
    for i in 0..<keys {
        let key: KeyEvent = i % 3 == 2 ? .down : .pageDown
        let t = clock.now
        _ = loop.dispatch(key)
        terminal.present(loop.frame())
        timings.append(milliseconds(t.duration(to: clock.now)))
    }
    timings.sort()
    func percentile(_ p: Double) -> Double { timings[min(timings.count - 1, Int(Double(timings.count) * p))] }
    print(String(format: "  keypress → paint over %d keys (PageDown and Down): p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 ≤ 16 ms)",
                 keys, percentile(0.5), percentile(0.99), timings.last ?? 0))
    // The far end and back: End reads the last page from the queue's own end.
    var jumps: [Double] = []
    for key in [KeyEvent.end, .home, .end, .home, .end, .home] {
        let t = clock.now
        _ = loop.dispatch(key)
        terminal.present(loop.frame())
        jumps.append(milliseconds(t.duration(to: clock.now)))
    }
    print(String(format: "  End / Home → paint (3 of each): max %.2f ms / %.2f ms", stride(from: 0, to: jumps.count, by: 2).map { jumps[$0] }.max() ?? 0,
                 stride(from: 1, to: jumps.count, by: 2).map { jumps[$0] }.max() ?? 0))
    print(String(format: "  resident memory: %.1f MB (target ≤ 100 MB)", residentMegabytes()))
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
}

/// Resident set size from /proc (Linux).
func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
