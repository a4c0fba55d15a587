import EscalationCore
import EscalationStore
import Foundation

/// Store benchmarks: durable appends through the store's API against plain SQLite inserts
/// of rows the same size with the same pragmas, in the same run, and against the same
/// ledger statements with none of the store's own work; then demo generation.
///
/// Arguments: `--appends N` (default 1000; 0 skips), `--cases N` demo cases (default 10000; 0 skips),
/// `--dir PATH` where the files go (default a fresh temporary folder).
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
    print("store benchmark files: \(dir.path)")
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if appends > 0 { try benchmarkAppends(count: appends, dir: dir) }
        if demoCases > 0 { try benchmarkDemo(cases: demoCases, dir: dir) }
    } catch {
        print("store benchmark failed: \(error)")
    }
}

private func benchmarkAppends(count: Int, dir: URL) throws {
    let now = Date()
    let store = try DeskStore.create(at: dir.appendingPathComponent("appends.sqlite").path, centre: benchCentre(),
                                     training: true, now: now)
    try store.addCustomer(NewCustomer(id: "CU-1", name: "Bench Customer", contact: "bench@example.co.uk"),
                          actor: "tom", now: now)
    let refund = RemedyRequest(action: "refund", amount: Money(minor: 4_250, currency: .gbp))
    // One case first, so the raw rows can be sized like the store's own events.
    _ = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice for the March direct debit (0)",
                                   requests: [refund]), actor: "tom", now: now)
    let rowBytes = try store.averageEventBytes(kind: .caseOpened)
    let raw = try SQLiteBaseline(path: dir.appendingPathComponent("raw.sqlite").path, bytesPerRow: rowBytes)
    let sqlAlone = try LedgerOnlyBaseline(copying: store, to: dir.appendingPathComponent("ledger-only.sqlite").path)
    // Alternate rounds of each, so drift in the disk's fsync speed weighs on both alike.
    let round = 50
    var storeSeconds = 0.0, rawSeconds = 0.0, storeCPU = 0.0, rawCPU = 0.0, sqlSeconds = 0.0
    var written = 0
    while written < count {
        let n = min(round, count - written)
        let start = Date()
        var cpu = threadCPUSeconds()
        for i in written..<(written + n) {
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice for the March direct debit (\(i + 1))",
                                           requests: [refund]),
                                   actor: "tom", now: now.addingTimeInterval(Double(i + 1)))
        }
        storeSeconds += Date().timeIntervalSince(start)
        storeCPU += threadCPUSeconds() - cpu
        cpu = threadCPUSeconds()
        rawSeconds += try raw.insert(rows: n)
        rawCPU += threadCPUSeconds() - cpu
        sqlSeconds += try sqlAlone.openCases(n)
        written += n
    }
    let storeRate = Double(count) / storeSeconds
    let rawRate = Double(count) / rawSeconds
    print("durable appends (case open: event + chain head + case row, one transaction each, WAL, synchronous=FULL)")
    print(String(format: "  store API:   %8.0f appends/s  (%d in %.2f s)", storeRate, count, storeSeconds))
    print(String(format: "  raw SQLite:  %8.0f inserts/s  (%d rows of %d bytes in %.2f s)", rawRate, count, rowBytes, rawSeconds))
    print(String(format: "  ratio:       %8.1f %% of raw (target ≥ 70 %%)", storeRate / rawRate * 100))
    // The same statements and pages with nothing sealed, hashed, serialised or decided:
    // the most any work in the store's own code could win back.
    let sqlRate = Double(count) / sqlSeconds
    print(String(format: "  SQL alone:   %8.0f appends/s  (%.1f %% of raw: a case open's statements and pages, nothing sealed, hashed or decided)",
                 sqlRate, sqlRate / rawRate * 100))
    // CPU time (user and kernel, this thread) per transaction: what the store itself
    // spends, apart from waiting for the disk to flush.
    print(String(format: "  CPU per transaction: store %.0f µs, raw %.0f µs; waiting for the disk: store %.0f µs, raw %.0f µs",
                 storeCPU / Double(count) * 1e6, rawCPU / Double(count) * 1e6,
                 (storeSeconds - storeCPU) / Double(count) * 1e6, (rawSeconds - rawCPU) / Double(count) * 1e6))
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
