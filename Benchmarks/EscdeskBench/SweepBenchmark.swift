import EscalationStore
import Foundation

/// `escdesk-bench sweep --db PATH [--now TIME]`: the clock sweep over a large store. Opening
/// is timed (it includes the v12 backfill of every active case's clocks on an older file);
/// then a sweep at `now` (default: the time of the newest event), which refers up every case
/// past a warning point, and a second sweep at the same time, which has nothing left to do
/// and measures what every later minute's sweep costs; then the clocks list (breaching and
/// due within 48 hours). Write to a copy: the sweep records events.
func runSweepBenchmark(arguments: [String]) throws {
    guard let path = option("--db", in: arguments) else {
        print("sweep benchmark: give --db PATH (a copy: the sweep writes to it)")
        return
    }
    let clock = ContinuousClock()
    var started = clock.now
    let store = try DeskStore.open(at: path) { from, to in print("upgrading schema \(from) → \(to)…") }
    print(String(format: "open (with any migration): %.2f s", seconds(started.duration(to: clock.now))))
    let given = option("--now", in: arguments).flatMap { ISO8601DateFormatter().date(from: $0) }
    let now = given ?? Date(timeIntervalSince1970: 0)
    // `.reading` is held at the newest event's time: an unset or early `now` sweeps "as of the record".
    let at = ActionClock.reading { now }
    for round in ["first sweep", "second sweep"] {
        started = clock.now
        let referred = try store.sweepClocks(now: at)
        print(String(format: "%@: %.3f s, %d cases referred", round as NSString, seconds(started.duration(to: clock.now)),
                     referred.count))
    }
    started = clock.now
    let due = try store.clocksDue(now: given ?? Date(), within: 48 * 3600, limit: 100)
    print(String(format: "clocks list (first 100 within 48 h): %.1f ms, %d clocks", seconds(started.duration(to: clock.now)) * 1000,
                 due.count))
}
