import EscalationCore
import EscalationStore
import Foundation

/// Store benchmarks: durable appends through the store's API against plain SQLite inserts
/// of rows the same size with the same pragmas, in the same run, and against the same
/// ledger statements with none of the store's own work (on a fresh and on a working
/// write-ahead log); then demo generation.
///
/// Arguments: `--appends N` (default 1000; 0 skips), `--cases N` demo cases (default 10000; 0 skips),
/// `--dir PATH` where the files go (default a fresh temporary folder), `--keep` to keep them
/// (they are removed at the end otherwise: a run writes a few hundred megabytes).
func runStoreBenchmarks(arguments: [String]) {
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]) else { return fallback }
        return n
    }
    let appends = option("--appends", 1_000)
    let demoCases = option("--cases", 10_000)
    // Each run writes into a new folder (under --dir when given), so runs never collide.
    var parent = FileManager.default.temporaryDirectory
    if let i = arguments.firstIndex(of: "--dir"), i + 1 < arguments.count {
        parent = URL(fileURLWithPath: arguments[i + 1])
    }
    let dir = parent.appendingPathComponent("escdesk-bench-\(UUID().uuidString)")
    let keep = arguments.contains("--keep")
    print("store benchmark files: \(dir.path)" + (keep ? "" : " (removed at the end; --keep keeps them)"))
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if appends > 0 { try benchmarkAppends(count: appends, dir: dir) }
        if demoCases > 0 { try benchmarkDemo(cases: demoCases, dir: dir) }
    } catch {
        print("store benchmark failed: \(error)")
    }
    // Every store and baseline above is closed by now (each lived in its own function).
    if !keep { try? FileManager.default.removeItem(at: dir) }
}

/// One side of the append comparison: how to append `n` (one transaction each, returning
/// the seconds taken) and where its write-ahead log is.
private struct AppendSide {
    let name: String
    let logPath: String
    let append: (Int) throws -> TimeInterval

    /// The log's checkpoint sequence number (bytes 12–15 of its header, big-endian), which
    /// SQLite raises each time the log restarts; nil while the file is missing or empty.
    var logRestarts: UInt32? {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return nil }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 16), header.count == 16 else { return nil }
        return header.dropFirst(12).reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// Seconds and CPU seconds (this thread) each side took for its share of alternating
/// rounds, and how many times each side's log restarted meanwhile.
private struct AppendTimes {
    var seconds: [Double]
    var cpu: [Double]
    var restarts: [Int]
    let appends: Int

    func rate(_ side: Int) -> Double { Double(appends) / seconds[side] }
    func ratio(_ side: Int, to other: Int) -> Double { rate(side) / rate(other) * 100 }
    func cpuMicros(_ side: Int) -> Double { cpu[side] / Double(appends) * 1e6 }
    func waitMicros(_ side: Int) -> Double { (seconds[side] - cpu[side]) / Double(appends) * 1e6 }
}

/// Alternates rounds of each side, so drift in the disk's flush speed weighs on all alike.
private func alternate(_ sides: [AppendSide], appends: Int) throws -> AppendTimes {
    let zeros = Array(repeating: 0.0, count: sides.count)
    var times = AppendTimes(seconds: zeros, cpu: zeros, restarts: Array(repeating: 0, count: sides.count), appends: appends)
    // A log that is still empty has no counter yet: its count starts after the first round.
    var before = sides.map(\.logRestarts)
    var done = 0
    while done < appends {
        let n = min(50, appends - done)
        for (i, side) in sides.enumerated() {
            let cpu = threadCPUSeconds()
            times.seconds[i] += try side.append(n)
            times.cpu[i] += threadCPUSeconds() - cpu
            if before[i] == nil { before[i] = side.logRestarts }
        }
        done += n
    }
    for (i, side) in sides.enumerated() {
        if let start = before[i], let end = side.logRestarts { times.restarts[i] = Int(end &- start) }
    }
    return times
}

/// Appends (untimed) until the side's log has restarted at least once: its file then keeps
/// its size, and commits write over frames already on disk. Nil if it never did.
private func bringToWorkingSize(_ side: AppendSide) throws -> Int? {
    var start = side.logRestarts
    var appended = 0
    while appended < 200_000 {
        _ = try side.append(50)
        appended += 50
        guard let base = start else { start = side.logRestarts; continue }
        if let now = side.logRestarts, now != base { return appended }
    }
    return nil
}

/// Durable appends through the store next to raw SQLite inserts of rows the size of its
/// events, with the same pragmas, in the same run; next to the same ledger statements with
/// none of the store's own work; and next to plain inserts of what this schema writes for a
/// case open — measured in both states of a write-ahead log:
///
/// - **fresh**: the log file grows with every commit, as after a desk opens (an open empties
///   the log, and the last desk to close deletes it). A commit that grows the file makes its
///   flush write the file's new size as well: a second disk write.
/// - **working**: once the log has restarted, its file keeps its size and every commit writes
///   over old frames: one disk write, so the CPU each transaction takes weighs far more.
///
/// Each side is measured in the same state: the store writes about six pages an append and
/// raw SQLite one or two, so in one run from fresh files the raw log would still be growing
/// long after the store's had restarted.
private func benchmarkAppends(count: Int, dir: URL) throws {
    let now = Date()
    let storePath = dir.appendingPathComponent("appends.sqlite").path
    let store = try DeskStore.create(at: storePath, centre: benchCentre(), training: true, now: now)
    try store.addCustomer(NewCustomer(id: "CU-1", name: "Bench Customer", contact: "bench@example.co.uk"),
                          actor: "tom", now: .set(now))
    let refund = RemedyRequest(action: "refund", amount: Money(minor: 4_250, currency: .gbp))
    var opened = 0
    func openCases(_ n: Int) throws -> TimeInterval {
        let start = Date()
        for _ in 0..<n {
            opened += 1
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice for the March direct debit (\(opened))",
                                           requests: [refund]),
                                   actor: "tom", now: .set(now.addingTimeInterval(Double(opened))))
        }
        return Date().timeIntervalSince(start)
    }
    // A few cases first, so the yardsticks are sized like the store's rows from then on
    // (from the third case a customer's repeat contacts add a reason to every decision).
    _ = try openCases(5)
    let rowBytes = try store.averageEventBytes(kind: .caseOpened, newest: 1)
    let caseBytes = try store.averageCaseRowBytes(newest: 1)
    let rawPath = dir.appendingPathComponent("raw.sqlite").path
    let raw = try SQLiteBaseline(path: rawPath, bytesPerRow: rowBytes)
    let sqlPath = dir.appendingPathComponent("ledger-only.sqlite").path
    let sqlAlone = try LedgerOnlyBaseline(copying: store, to: sqlPath)
    let floorPath = dir.appendingPathComponent("floor.sqlite").path
    let floor = try SQLiteBaseline(path: floorPath, bytesPerRow: rowBytes, caseRowBytes: caseBytes)
    // The copy emptied the store's log: every side starts with a fresh one.
    let sides = [AppendSide(name: "store", logPath: storePath + "-wal", append: openCases),
                 AppendSide(name: "raw", logPath: rawPath + "-wal", append: { try raw.insert(rows: $0) }),
                 AppendSide(name: "SQL alone", logPath: sqlPath + "-wal", append: { try sqlAlone.openCases($0) }),
                 AppendSide(name: "floor", logPath: floorPath + "-wal", append: { try floor.insert(rows: $0) })]
    let (storeSide, rawSide, sqlSide, floorSide) = (0, 1, 2, 3)

    // 1,000 case opens write ~6,200 pages to the log, short of the 10,000 that restart it.
    let freshCount = min(count, 1_000)
    let fresh = try alternate(sides, appends: freshCount)
    let warmUp = try sides.map(bringToWorkingSize)
    let working = try alternate(sides, appends: count)

    print("durable appends (case open: event + head mark + case row and its indexes, one transaction each, WAL, synchronous=FULL;")
    print("raw SQLite: rows of \(rowBytes) bytes, one transaction each, the same pragmas and I/O layer)")
    func report(_ title: String, _ t: AppendTimes) {
        let ratio = t.ratio(storeSide, to: rawSide)
        print(title)
        print(String(format: "  store API:   %8.0f appends/s", t.rate(storeSide)))
        print(String(format: "  raw SQLite:  %8.0f inserts/s", t.rate(rawSide)))
        print(String(format: "  ratio:       %8.1f %% of raw (target ≥ 70 %%: %@)", ratio, ratio >= 70 ? "met" : "NOT met"))
        // The same statements and pages with nothing sealed, hashed, serialised or decided:
        // the most any work in the store's own code could win back.
        print(String(format: "  SQL alone:   %8.0f appends/s  (%.1f %% of raw: a case open's statements and pages, nothing sealed, hashed or decided)",
                     t.rate(sqlSide), t.ratio(sqlSide, to: rawSide)))
        // Plain inserts of the rows this schema writes for a case open, nothing read.
        print(String(format: "  floor:       %8.0f appends/s  (%.1f %% of raw: an event and a %d-byte case row with its three listing indexes, plain inserts, nothing read)",
                     t.rate(floorSide), t.ratio(floorSide, to: rawSide), caseBytes))
        // CPU time (user and kernel, this thread) per transaction: what each side spends
        // apart from waiting for the disk to flush.
        print(String(format: "  CPU per transaction: store %.0f µs, SQL alone %.0f µs, floor %.0f µs, raw %.0f µs; waiting for the disk: store %.0f µs, raw %.0f µs",
                     t.cpuMicros(storeSide), t.cpuMicros(sqlSide), t.cpuMicros(floorSide), t.cpuMicros(rawSide),
                     t.waitMicros(storeSide), t.waitMicros(rawSide)))
        print("  log restarts during the run: " + zip(sides, t.restarts).map { "\($0.name) \($1)" }.joined(separator: ", "))
    }
    report("fresh log (the file grows with every commit, as after a desk opens; \(freshCount) appends each"
           + (fresh.restarts.allSatisfy { $0 == 0 } ? ")" : "; WARNING: a log restarted during the run)"), fresh)
    let warmed = zip(sides, warmUp).map { side, n in n.map { "\(side.name) \($0)" } ?? "\(side.name) NEVER RESTARTED" }
    report("working log (the file keeps its size once the log has restarted; \(count) appends each, after "
           + warmed.joined(separator: ", ") + " untimed)", working)
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

/// A four-rung energy-supplier centre, built from core types so the benchmark needs no
/// configuration folder.
private func benchCentre() -> Centre {
    let gbp = Currency.gbp
    func pounds(_ p: Int64) -> Money { Money(minor: p * 100, currency: gbp) }
    let roles = [Role(id: "agent", title: "Agent"), Role(id: "team_leader", title: "Team Leader"),
                 Role(id: "manager", title: "Manager"), Role(id: "head", title: "Head of Customer Service")]
    let actions = [Action(id: "refund", title: "Refund", kind: .monetary),
                   Action(id: "goodwill", title: "Goodwill credit", kind: .monetary),
                   Action(id: "cancel_contract", title: "Cancel contract", kind: .permission)]
    let cells: [String: [String: AuthorityCell]] = [
        "agent": ["refund": AuthorityCell(.limit(perCase: pounds(50), rolling: RollingCap(amount: pounds(100), days: 30))),
                  "goodwill": AuthorityCell(.limit(perCase: pounds(25), rolling: nil))],
        "team_leader": ["refund": AuthorityCell(.limit(perCase: pounds(500), rolling: RollingCap(amount: pounds(1000), days: 30))),
                        "goodwill": AuthorityCell(.limit(perCase: pounds(100), rolling: nil)), "cancel_contract": AuthorityCell(.allow)],
        "manager": ["refund": AuthorityCell(.limit(perCase: pounds(5000), rolling: nil)),
                    "goodwill": AuthorityCell(.limit(perCase: pounds(1000), rolling: nil)), "cancel_contract": AuthorityCell(.allow)],
        "head": ["refund": AuthorityCell(.unlimited), "goodwill": AuthorityCell(.unlimited), "cancel_contract": AuthorityCell(.allow)],
    ]
    let referrals = [
        ReferralRule(id: "vulnerable_customer", when: .customerFlag(["vulnerable"]), minRole: "team_leader", reason: "Vulnerable customer"),
        ReferralRule(id: "legal_threat", when: .caseFlag(["legal_threat"]), minRole: "manager", reason: "Legal threat"),
        ReferralRule(id: "repeat_contact", when: .repeatContacts(count: 3, days: 30), minRole: "team_leader", reason: "Third contact in 30 days"),
        ReferralRule(id: "large_total", when: .any([.requestedTotalOver(pounds(750)), .caseFlag(["media"])]), minRole: "manager",
                     reason: "Large total or media interest"),
    ]
    var staff: [StaffMember] = []
    for (i, name) in ["Tom Reed", "Ana Lopes", "Kofi Mensah", "Ewa Nowak", "Rhys Evans", "Zara Khan"].enumerated() {
        staff.append(StaffMember(id: i == 0 ? "tom" : "agent\(i)", name: name, role: "agent", login: "agent\(i)", team: "a"))
    }
    staff += [StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: "a"),
              StaffMember(id: "sam", name: "Sam Okafor", role: "team_leader", login: "sam", team: "a"),
              StaffMember(id: "maria", name: "Maria Jones", role: "manager", login: "maria", team: nil),
              StaffMember(id: "helen", name: "Helen Park", role: "head", login: "helen", team: nil)]
    return Centre(organisation: "Northwind Energy", timezone: "Europe/London", retention: RetentionPeriod(years: 3),
                  policy: EscalationPolicy(matrix: AuthorityMatrix(version: "bench", currency: gbp, ladder: Ladder(roles),
                                                                   actions: actions, cells: cells),
                                           referrals: referrals, routing: .direct),
                  caseKinds: Centre.defaultCaseKinds, channels: Centre.defaultChannels, rootCauses: Centre.defaultRootCauses,
                  staff: StaffDirectory(teams: [Team(id: "a", name: "Billing A", leader: "priya")], staff: staff))
}
