import EscalationStore
import Foundation

/// `escdesk-bench search --db PATH [--rounds N] [--erase CUSTOMER --erase-as STAFF]`: the
/// desk's search (first page of 50 and the total) for words, word beginnings, several
/// words, case ids and customer ids, each query `rounds` times, as p50/p95/p99 of wall time.
/// Opening the database is timed too (it includes any migration). With `--erase`, one
/// customer's erasure is timed (with the purge of their case texts from the index).
func runSearchBenchmark(arguments: [String]) throws {
    guard let path = option("--db", in: arguments) else {
        print("search benchmark: give --db PATH (a training database, e.g. from escdesk demo --no-open)")
        return
    }
    let rounds = option("--rounds", in: arguments).flatMap(Int.init) ?? 20
    let clock = ContinuousClock()
    var started = clock.now
    let store = try DeskStore.open(at: path) { from, to in print("upgrading schema \(from) → \(to)…") }
    print(String(format: "open (with any migration): %.2f s", seconds(started.duration(to: clock.now))))
    let groups: [(String, [String])] = [
        ("word", ["refund", "meter", "engineer", "ombudsman", "broadband", "tariff", "vulnerability", "apologise"]),
        ("prefix", ["ref", "met", "eng", "omb", "c", "r", "bill", "compens"]),
        ("words", ["meter photo", "refund promised", "legal action", "direct debit notice", "smart meter readings"]),
        ("no match", ["zzqx", "nothingsaysthis"]),
        ("case id", ["17", "000017", "C-0000", "C-12345", "654321"]),
        // Prefixes standing for thousands of cases, the newest or none.
        ("id prefix", ["7", "C-7", "C-07", "5", "C-00", "C-9"]),
        ("customer", ["CU-1", "CU-10002", "cu-2"]),
    ]
    var all = Latencies()
    for (name, queries) in groups {
        var group = Latencies()
        var found = 0
        for _ in 0..<rounds {
            for query in queries {
                started = clock.now
                let page = try store.searchCases(query, limit: 50, offset: 0)
                let elapsed = seconds(started.duration(to: clock.now))
                group.add(elapsed)
                all.add(elapsed)
                found = max(found, page.total)
            }
        }
        print(String(format: "search %-9@ p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms (most found: %d)", name as NSString,
                     group.percentile(0.5) * 1000, group.percentile(0.95) * 1000, group.percentile(0.99) * 1000, found))
    }
    print(String(format: "search all       p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms over %d searches",
                 all.percentile(0.5) * 1000, all.percentile(0.95) * 1000, all.percentile(0.99) * 1000, all.samples.count))
    if let customer = option("--erase", in: arguments), let staff = option("--erase-as", in: arguments) {
        started = clock.now
        let receipt = try store.eraseCustomer(id: customer, actor: staff, rationale: "Benchmark erasure",
                                              overrideRetention: true, now: .reading { Date() })
        print(String(format: "erase %@ (%d cases): %.1f ms (WAL purged: %@)", customer, receipt.casesKept,
                     seconds(started.duration(to: clock.now)) * 1000, receipt.walPurged ? "yes" : "no"))
    }
}
