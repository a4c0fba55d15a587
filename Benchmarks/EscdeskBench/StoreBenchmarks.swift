import EscalationCore
import EscalationStore
import Foundation

/// Store benchmarks: what a person at the desk waits for when an action is saved, beside
/// what the disk itself takes to make a write durable; then demo generation.
///
/// Arguments: `--cases N` cases taken through open, escalate, claim and resolve (default
/// 1000; 0 skips), `--demo N` demo cases generated (default 10000; 0 skips), `--dir PATH`
/// where the files go (default a fresh temporary folder), `--keep` to keep them (they are
/// removed at the end otherwise: a run writes a few hundred megabytes).
func runStoreBenchmarks(arguments: [String]) {
    func count(_ name: String, _ fallback: Int) -> Int { option(name, in: arguments).flatMap { Int($0) } ?? fallback }
    let cases = count("--cases", 1_000)
    let demoCases = count("--demo", 10_000)
    // Each run writes into a new folder (under --dir when given), so runs never collide.
    let parent = option("--dir", in: arguments).map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
    let dir = parent.appendingPathComponent("escdesk-bench-\(UUID().uuidString)")
    let keep = arguments.contains("--keep")
    print("store benchmark files: \(dir.path)" + (keep ? "" : " (removed at the end; --keep keeps them)"))
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if cases > 0 { try benchmarkActions(cases: cases, dir: dir) }
        if demoCases > 0 { try benchmarkDemo(cases: demoCases, dir: dir) }
    } catch {
        print("store benchmark failed: \(error)")
    }
    // Every store above is closed by now (each lived in its own function).
    if !keep { try? FileManager.default.removeItem(at: dir) }
}

/// How long each kind of action took, and the disk's flush measured between them.
private struct ActionTimes {
    var open = Latencies(), escalate = Latencies(), claim = Latencies(), resolve = Latencies()
    var flush = Latencies()
    var cpu = 0.0

    var all: [Latencies] { [open, escalate, claim, resolve] }
    var actions: Int { all.reduce(0) { $0 + $1.samples.count } }
    var seconds: Double { all.reduce(0) { $0 + $1.total } }
}

/// Times `body` (wall clock into `latencies`, this thread's CPU into `cpu`).
@discardableResult
private func timed<T>(_ latencies: inout Latencies, _ cpu: inout Double, _ body: () throws -> T) rethrows -> T {
    let cpuStart = threadCPUSeconds()
    let start = ContinuousClock.now
    let result = try body()
    latencies.add(seconds(ContinuousClock.now - start))
    cpu += threadCPUSeconds() - cpuStart
    return result
}

/// Takes `cases` cases through a referral, each action one durable transaction through the
/// store's public API, timed on its own: an agent opens a case asking for a refund within
/// their authority and refers it up, the team leader claims it and resolves it with the
/// refund. One disk flush is measured after each case. Cases are a day apart and rotate
/// over 50 customers, so no rolling cap or repeat-contact rule changes what is decided.
private func benchmarkActions(cases: Int, dir: URL) throws {
    let start = Date()
    let store = try DeskStore.create(at: dir.appendingPathComponent("actions.sqlite").path, centre: benchCentre(),
                                     training: true, now: start)
    let customers = 50
    for c in 0..<customers {
        try store.addCustomer(NewCustomer(id: "CU-\(c)", name: "Bench Customer \(c)", contact: "bench\(c)@example.co.uk"),
                              actor: "tom", now: .set(start))
    }
    let refund = RemedyRequest(action: "refund", amount: Money(minor: 4_250, currency: .gbp))
    let resolution = Resolution(outcome: .upheld, rationale: "Duplicate direct debit confirmed on the statement",
                                grants: [refund], rootCause: "billing_error")
    let disk = try DiskFlush(folder: dir)
    var t = ActionTimes()
    for i in 1...cases {
        let at = start.addingTimeInterval(Double(i) * 86_400)
        let opened = try timed(&t.open, &t.cpu) {
            try store.openCase(NewCase(customer: "CU-\(i % customers)", summary: "Billed twice for the March direct debit (\(i))",
                                       requests: [refund]),
                               actor: "tom", now: .set(at))
        }
        _ = try timed(&t.escalate, &t.cpu) {
            try store.escalate(caseID: opened.id, note: "Customer disputes the amount; please review",
                               actor: "tom", now: .set(at.addingTimeInterval(60)))
        }
        try timed(&t.claim, &t.cpu) { try store.claim(caseID: opened.id, actor: "priya", now: .set(at.addingTimeInterval(120))) }
        try timed(&t.resolve, &t.cpu) {
            try store.resolve(caseID: opened.id, resolution: resolution, actor: "priya", now: .set(at.addingTimeInterval(180)))
        }
        t.flush.add(try disk.sample())
    }

    let rate = Double(t.actions) / t.seconds
    let flush = t.flush.percentile(0.5)
    print("durable actions (each one transaction: its event on the hash chain and the projections; WAL, synchronous=FULL)")
    print(String(format: "  %d cases through open → escalate → claim → resolve: %d actions in %.2f s, %.0f actions/s",
                 cases, t.actions, t.seconds, rate))
    print("  case open:   " + t.open.summary)
    print("  escalate:    " + t.escalate.summary)
    print("  claim:       " + t.claim.summary)
    print("  resolve:     " + t.resolve.summary)
    print("  disk flush:  " + t.flush.summary + "  (4 KiB written and fdatasync'd in the same folder, once per case)")
    print(String(format: "  CPU per action: %.0f µs (the rest of each action is waiting for the disk)",
                 t.cpu / Double(t.actions) * 1e6))
    let openWithin = t.open.percentile(0.5) <= 3 * flush
    print(String(format: "  target: case open p50 within 3 × the disk flush p50 (%.2f ms): %@; above 1,000 actions/s: %@",
                 3 * flush * 1000, openWithin ? "met" : "NOT met", rate > 1_000 ? "met" : "NOT met"))
}

private func benchmarkDemo(cases: Int, dir: URL) throws {
    let path = dir.appendingPathComponent("demo-\(cases).sqlite").path
    let now = Date()
    let start = Date()
    let store = try DeskStore.create(at: path, centre: benchCentre(), training: true, now: now.addingTimeInterval(-200 * 86_400))
    let summary = try DemoGenerator.generate(into: store, cases: cases, now: now) { written in
        if written % 100_000 == 0 {
            // Standard error is unbuffered: progress shows while the run goes on.
            FileHandle.standardError.write(Data(String(format: "  … %d cases, %.1f s\n", written,
                                                       Date().timeIntervalSince(start)).utf8))
        }
    }
    let seconds = Date().timeIntervalSince(start)
    func megabytes(_ suffix: String) -> Double {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.int64Value ?? 0
        return Double(size) / 1_048_576
    }
    print("demo generation")
    print(String(format: "  %d cases, %d customers, %d events in %.1f s (%.0f cases/s)", summary.cases, summary.customers,
                 summary.events, seconds, Double(cases) / seconds))
    print(String(format: "  database: %.1f MB, write-ahead log: %.1f MB (%@)", megabytes(""), megabytes("-wal"), path))
    let verifyStart = Date()
    let verification = try store.verifyChain()
    print(String(format: "  audit verify: %@ in %.1f s", verification.isIntact ? "intact" : "BROKEN", Date().timeIntervalSince(verifyStart)))
}
