import EscalationConfig
import EscalationCore
import EscalationStore
import Foundation

/// Decisions per second on one core for a 5-role, 8-action, 8-rule matrix (the shipped
/// Northwind Energy configuration, cut to its eight customer remedies), with mixed requests
/// and every reason's sentence built. Target: at least 1,000,000 decisions/s.
func runDecisionBenchmark(arguments: [String]) throws {
    let config = option("--config", in: arguments) ?? "Config"
    let centre = try ConfigLoader.load(directory: config)
    let full = centre.policy.matrix
    let actions = Array(full.actions.prefix(8))
    var cells: [String: [String: AuthorityCell]] = [:]
    for role in full.ladder.roles {
        for action in actions { cells[role.id, default: [:]][action.id] = full.cell(role: role.id, action: action.id) }
    }
    let matrix = AuthorityMatrix(version: full.version, currency: full.currency, ladder: full.ladder,
                                 actions: actions, cells: cells)
    let policy = EscalationPolicy(matrix: matrix, referrals: Array(centre.policy.referrals.prefix(8)),
                                  routing: centre.policy.routing)
    print("matrix: \(matrix.ladder.roles.count) roles, \(actions.count) actions, \(policy.referrals.count) referral rules")

    // Mixed cases from a fixed seed: mostly agents on small remedies, some flags, some
    // rolling history, some escalations with several reasons.
    // Seeded, so every run measures the same cases.
    var rng = SeededGenerator(seed: 42)
    let monetary = actions.filter { $0.kind == .monetary }.map(\.id)
    let permissions = actions.filter { $0.kind == .permission }.map(\.id)
    let flags = ["vulnerable", "bereaved", "high_profile"]
    let caseFlags = ["legal_threat", "media", "ombudsman", "bereavement"]
    let channels = ["phone", "email", "chat", "social"]
    var scenarios: [(String, [RemedyRequest], DecisionContext)] = []
    for _ in 0..<4096 {
        let handler = matrix.ladder.roles[Int(rng.next() % 100) < 70 ? 0 : Int(rng.next() % 5)].id
        var requests: [RemedyRequest] = []
        for _ in 0..<(1 + Int(rng.next() % 2)) {
            let pence = Int64(rng.next() % 12_000)
            requests.append(RemedyRequest(action: monetary[Int(rng.next() % UInt64(monetary.count))],
                                          amount: Money(minor: pence, currency: matrix.currency)))
        }
        if rng.next() % 4 == 0 { requests.append(RemedyRequest(action: permissions[Int(rng.next() % UInt64(permissions.count))])) }
        var context = DecisionContext(channel: channels[Int(rng.next() % 4)], identityVerified: rng.next() % 5 != 0)
        if rng.next() % 6 == 0 { context.customerFlags = [flags[Int(rng.next() % 3)]] }
        if rng.next() % 8 == 0 { context.caseFlags = [caseFlags[Int(rng.next() % 4)]] }
        context.contacts = ContactHistory(byDays: [30: 1 + Int(rng.next() % 4)])
        if rng.next() % 3 == 0 { context.granted = GrantHistory(byAction: ["refund": [30: Int64(rng.next() % 9_000)]]) }
        scenarios.append((handler, requests, context))
    }

    // Parallel arrays and a counter per verdict keep the harness's own work (copies,
    // hashing) out of the measurement.
    let handlers = scenarios.map(\.0), requestSets = scenarios.map(\.1), contexts = scenarios.map(\.2)
    var verdicts = [Int](repeating: 0, count: Verdict.allCases.count)
    var reasonCount = 0
    var textBytes = 0
    let n = option("--count", in: arguments).flatMap(Int.init) ?? 2_000_000
    // Warm up, then measure.
    for (handler, requests, context) in scenarios { _ = try policy.decide(handler: handler, requests: requests, context: context) }
    let clock = ContinuousClock()
    let cpuStart = threadCPUSeconds()
    let elapsed = try clock.measure {
        for i in 0..<n {
            let k = i & 4095
            let decision = try policy.decide(handler: handlers[k], requests: requestSets[k], context: contexts[k])
            switch decision.verdict {
            case .withinAuthority: verdicts[0] += 1
            case .escalate: verdicts[1] += 1
            case .outsideMatrix: verdicts[2] += 1
            }
            reasonCount += decision.reasons.count
            for reason in decision.reasons { textBytes += reason.detail.utf8.count }
        }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    // CPU time of this thread is what one core delivers, even when other work shares the machine.
    let perSecond = Double(n) / cpu
    print(String(format: "decisions: %d in %.3f s CPU (%.3f s wall) = %.0f decisions/s on one core (%.0f ns each)",
                 n, cpu, seconds, perSecond, cpu / Double(n) * 1e9))
    print("  mix: " + Verdict.allCases.enumerated().map { "\($1.rawValue) \(verdicts[$0] * 100 / n)%" }.joined(separator: ", ")
          + ", \(String(format: "%.2f", Double(reasonCount) / Double(n))) reasons/decision, \(textBytes / max(reasonCount, 1)) bytes/reason")
    print("  target: >= 1,000,000 decisions/s: \(perSecond >= 1_000_000 ? "met" : "NOT met")")
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

/// CPU seconds used by the calling thread.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
