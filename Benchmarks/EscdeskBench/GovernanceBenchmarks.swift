import EscalationCore
import EscalationStore
import Foundation

/// `escdesk-bench authority --db PATH`: `audit authority` over the whole log (every grant
/// judged again under the version in force at its time), as wall time with what it counted.
/// Opening the database is timed apart (it includes any migration).
func runAuthorityBenchmark(arguments: [String]) throws {
    guard let store = try openBenchStore("authority", arguments) else { return }
    let started = ContinuousClock.now
    let report = try store.auditAuthority()
    print(String(format: "audit authority: %.2f s for %d grants in %d resolutions under %d versions, %d outside authority",
                 seconds(ContinuousClock.now - started), report.grants, report.resolutions, report.versions.count,
                 report.breaches.count))
}

/// `escdesk-bench simulate --db PATH [--days N] [--rounds N]`: `matrix simulate` of a draft
/// that doubles the lowest role's per-case limits, over the openings of the last N days
/// (default 90), as wall time per round with what it replayed.
func runSimulateBenchmark(arguments: [String]) throws {
    guard let store = try openBenchStore("simulate", arguments) else { return }
    let days = option("--days", in: arguments).flatMap(Int.init) ?? 90
    let rounds = option("--rounds", in: arguments).flatMap(Int.init) ?? 3
    let now = Date()
    let draft = doublingLowestLimits(try store.matrixVersion(nil, at: now).policy)
    for round in 1...rounds {
        let started = ContinuousClock.now
        let result = try store.simulate(draft, days: days, now: now)
        print(String(format: "simulate %d days (round %d): %.2f s, %d openings replayed, %d decisions changed, %d undecidable",
                     days, round, seconds(ContinuousClock.now - started), result.replayed, result.changed, result.undecidable))
    }
}

private func openBenchStore(_ name: String, _ arguments: [String]) throws -> DeskStore? {
    guard let path = option("--db", in: arguments) else {
        print("\(name) benchmark: give --db PATH (a copy of a large database: it may be upgraded in place)")
        return nil
    }
    let started = ContinuousClock.now
    let store = try DeskStore.open(at: path) { from, to in print("upgrading schema \(from) → \(to)…") }
    print(String(format: "open (with any migration): %.2f s", seconds(ContinuousClock.now - started)))
    return store
}

/// The policy with every per-case limit of the lowest role doubled: a draft whose replay
/// changes a share of the decisions.
private func doublingLowestLimits(_ policy: EscalationPolicy) -> EscalationPolicy {
    let matrix = policy.matrix
    var cells = matrix.cellsByRole
    let lowest = matrix.ladder.roles[0].id
    for (action, cell) in cells[lowest] ?? [:] {
        if case .limit(let perCase?, let rolling) = cell.authority {
            cells[lowest]?[action] = AuthorityCell(.limit(perCase: Money(minor: perCase.minor * 2, currency: perCase.currency),
                                                          rolling: rolling))
        }
    }
    return EscalationPolicy(matrix: AuthorityMatrix(version: "draft", currency: matrix.currency, ladder: matrix.ladder,
                                                    actions: matrix.actions, cells: cells),
                            referrals: policy.referrals, routing: policy.routing)
}
