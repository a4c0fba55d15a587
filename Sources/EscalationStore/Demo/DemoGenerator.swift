import EscalationCore
import Foundation

/// What the demo generator wrote.
public struct DemoSummary: Sendable, Hashable, Codable {
    public let cases: Int
    public let customers: Int
    public let events: Int
    /// Cases by their final state.
    public let byState: [String: Int]
}

/// Fills a training database with a realistic centre's worth of cases: UK customers,
/// varied complaints, flags, remedies, and timelines in every state spread over the last
/// 120 days, a few customers still on the line. Every case is written by the same commands
/// real desks use (same chain, same sealing, same authority checks), batched a few
/// thousand cases per transaction so a million cases take minutes, not hours.
///
/// Cases are written one after another in order of receipt, each with its whole timeline,
/// so event times rise within a case but interleave loosely across cases.
public enum DemoGenerator {
    static let batchSize = 2_000
    static let span: Int64 = 120 * Millis.day
    /// Actions that are desk powers, not remedies a customer asks for.
    static let powers = Action.deskPowerIDs

    /// Writes `cases` demo cases into a training database.
    ///
    /// - Parameters:
    ///   - seed: the same seed writes the same centre (names, texts, amounts, timelines).
    ///   - progress: called after each committed batch with the cases written so far.
    public static func generate(into store: DeskStore, cases: Int = 300, seed: UInt64 = 2024, now: Date,
                                progress: (Int) -> Void = { _ in }) throws(StoreError) -> DemoSummary {
        guard store.isTraining else { throw .notTraining(option: "demo") }
        var plan = DemoPlan(rules: store.rules, seed: seed, now: Millis.from(now), total: cases)
        var written = 0
        while written < cases {
            let batch = min(batchSize, cases - written)
            try store.command { commands in
                for i in written..<(written + batch) { try plan.writeCase(i, commands) }
            }
            written += batch
            progress(written)
        }
        return DemoSummary(cases: cases, customers: plan.customers.count, events: try store.eventCount(),
                           byState: plan.byState)
    }
}

/// The generator's state while it writes: its random stream, the customers so far, and
/// staff grouped by role.
struct DemoPlan {
    let rules: DeskRules
    let now: Int64
    let total: Int
    var rng: SeededGenerator
    var customers: [String] = []
    var byState: [String: Int] = [:]
    /// Staff ids by rank; a rank with nobody borrows from the nearest rank above.
    private let staffByRank: [[String]]
    private let monetary: [Action]
    private let permissions: [Action]

    init(rules: DeskRules, seed: UInt64, now: Int64, total: Int) {
        self.rules = rules
        self.now = now
        self.total = total
        rng = SeededGenerator(seed: seed)
        let ladder = rules.ladder
        var byRank = ladder.roles.map { role in rules.centre.staff.staff.filter { $0.role == role.id }.map(\.id) }
        for rank in stride(from: byRank.count - 2, through: 0, by: -1) where byRank[rank].isEmpty {
            byRank[rank] = byRank[rank + 1]
        }
        staffByRank = byRank
        let remedies = rules.policy.matrix.actions.filter { !DemoGenerator.powers.contains($0.id) }
        monetary = remedies.filter { $0.kind == .monetary }
        permissions = remedies.filter { $0.kind == .permission }
    }

    private mutating func staff(atLeast rank: Int) throws -> StaffMember {
        let candidates = staffByRank[min(max(rank, 0), staffByRank.count - 1)]
        guard !candidates.isEmpty else { throw StoreError.unknownStaff("anyone at \(rules.ladder.role(at: rank).id)") }
        return try rules.member(rng.pick(candidates))
    }

    private enum Target: String, CaseIterable { case open, escalated, claimed, returned, resolved, closed, reopened }

    private mutating func target(received: Int64) -> Target {
        let age = now - received
        if age < 2 * Millis.day { return rng.pick([.open, .escalated, .claimed, .escalated, .resolved]) }
        let roll = Double.random(in: 0..<1, using: &rng)
        switch roll {
        case ..<0.07: return .open
        case ..<0.15: return .escalated
        case ..<0.22: return .claimed
        case ..<0.27: return .returned
        case ..<0.45: return .resolved
        case ..<0.95: return .closed
        default: return .reopened
        }
    }

    private mutating func requests() -> [RemedyRequest] {
        var out: [RemedyRequest] = []
        let count = rng.pick([0, 1, 1, 1, 2])
        for _ in 0..<count where !monetary.isEmpty {
            let action = rng.pick(monetary)
            let pounds: Int64
            switch Double.random(in: 0..<1, using: &rng) {
            case ..<0.6: pounds = Int64.random(in: 5...60, using: &rng)
            case ..<0.9: pounds = Int64.random(in: 60...400, using: &rng)
            default: pounds = Int64.random(in: 400...3_000, using: &rng)
            }
            let scale = rules.centre.currency.scale
            out.append(RemedyRequest(action: action.id, amount: Money(minor: pounds * scale + (rng.chance(0.3) ? scale / 2 : 0),
                                                                     currency: rules.centre.currency)))
        }
        if !permissions.isEmpty && rng.chance(0.05) { out.append(RemedyRequest(action: rng.pick(permissions).id)) }
        return out
    }

    private mutating func customer(_ commands: DeskCommands, at: Int64) throws -> String {
        if !customers.isEmpty && rng.chance(0.3) { return rng.pick(customers) }
        let id = "CU-" + String(100_000 + customers.count)
        let person = DemoText.person(&rng, serial: customers.count)
        var flags: [String] = []
        if rng.chance(0.06) { flags.append("vulnerable") }
        if rng.chance(0.01) { flags.append("high_profile") }
        try commands.addCustomer(NewCustomer(id: id, name: person.name, contact: person.contact, flags: flags),
                                 actor: try staff(atLeast: 0), now: at)
        customers.append(id)
        return id
    }

    /// Writes case `i` of `total` and its timeline up to its target state (or up to now).
    mutating func writeCase(_ i: Int, _ commands: DeskCommands) throws {
        let live = i >= total - min(5, max(1, total / 60))
        var at = live ? now - Int64(total - i) * 90_000
            : now - DemoGenerator.span + Int64((Double(i) + Double.random(in: 0..<1, using: &rng)) / Double(total) * Double(DemoGenerator.span))
        let target: Target = live ? rng.pick([.open, .escalated]) : target(received: at)
        let customerID = try customer(commands, at: at - 60_000)
        let (summary, rootCause) = DemoText.summary(&rng)
        var flags: [String] = []
        if rng.chance(0.03) { flags.append("legal_threat") }
        if rng.chance(0.01) { flags.append("media") }
        if rng.chance(0.01) { flags.append("regulator") }
        let agent = try staff(atLeast: 0)
        let kind = rng.chance(0.8) ? rules.centre.caseKinds[0] : rng.pick(rules.centre.caseKinds)
        let wanted = requests()
        let opened = try commands.openCase(NewCase(customer: customerID, summary: summary, kind: kind,
                                                   channel: rng.pick(rules.centre.channels), requests: wanted,
                                                   live: live, caseFlags: flags),
                                           actor: agent, now: at)
        let id = opened.id
        var state = Target.open
        defer { byState[state.rawValue, default: 0] += 1 }
        func later(_ rng: inout SeededGenerator, _ minMinutes: Int64, _ maxMinutes: Int64) -> Int64? {
            let next = at + Int64.random(in: minMinutes...maxMinutes, using: &rng) * 60_000
            return next < now ? next : nil
        }
        if target == .open { return }
        if rng.chance(0.3) { try commands.markIdentity(caseID: id, verified: true, actor: agent, now: at) }

        var holder = agent
        let direct = opened.decision.verdict == .withinAuthority && target != .escalated && target != .claimed
            && target != .returned && rng.chance(0.6)
        if !direct {
            guard let t = later(&rng, 2, 40) else { return }
            at = t
            let referral = try commands.escalate(caseID: id, note: rng.pick(DemoText.notes), actor: agent, now: at)
            state = .escalated
            if target == .escalated { return }
            guard let c = later(&rng, 5, 600) else { return }
            at = c
            holder = try staff(atLeast: rules.rank(referral.routeTo))
            try commands.claim(caseID: id, actor: holder, now: at)
            state = .claimed
            if target == .claimed { return }
            if target == .returned {
                guard let r = later(&rng, 10, 300) else { return }
                try commands.returnCase(caseID: id, guidance: rng.pick(DemoText.guidance), actor: holder, now: r)
                state = .returned
                return
            }
        }
        guard let r = later(&rng, 30, 5 * 24 * 60) else { return }
        at = r
        try resolveClimbing(id, wanted: wanted, rootCause: rootCause, holder: &holder, at: &at, commands)
        state = .resolved
        if target == .resolved { return }
        guard let c = later(&rng, 24 * 60, 14 * 24 * 60) else { return }
        at = c
        try commands.close(caseID: id, actor: holder, now: at)
        state = .closed
        if target == .closed { return }
        guard let o = later(&rng, 24 * 60, 10 * 24 * 60) else { return }
        try commands.reopen(caseID: id, note: rng.pick(DemoText.reopenNotes), actor: agent, now: o)
        state = .reopened
    }

    /// Resolves as asked; when the store refuses (rolling totals moved on, a referral rule
    /// now holds), refers the case higher and tries again, and at the top grants nothing.
    private mutating func resolveClimbing(_ id: String, wanted: [RemedyRequest], rootCause: String,
                                          holder: inout StaffMember, at: inout Int64, _ commands: DeskCommands) throws {
        let outcome: Outcome = wanted.isEmpty ? rng.pick([.notUpheld, .resolvedWithoutComplaint]) : rng.pick([.upheld, .partlyUpheld, .upheld])
        var grants = outcome == .notUpheld || outcome == .resolvedWithoutComplaint ? [] : wanted
        let cause = rules.centre.rootCauses.contains(rootCause) ? rootCause : rules.centre.rootCauses[0]
        while true {
            do {
                let decided = grants.isEmpty ? Outcome.notUpheld : outcome
                let rationale = rng.pick(DemoText.rationales)
                // A regulated complaint is resolved only after its final response letter.
                let c = try commands.load(id)
                if CaseRulebook.mayNeedResponseLetter(clocks: rules.centre.clocks, kind: c.kind, flags: Set(c.caseFlags),
                                                      channel: c.channel) {
                    _ = try commands.sendLetter(caseID: id, request: LetterRequest(kind: .finalResponse, outcome: decided,
                                                                                   reasons: rationale, grants: grants),
                                                actor: holder, now: at)
                }
                _ = try commands.resolve(caseID: id, resolution: Resolution(outcome: decided, rationale: rationale,
                                                                            grants: grants, rootCause: cause),
                                         actor: holder, now: at)
                return
            } catch StoreError.beyondAuthority {
                if rules.rank(holder.role) >= rules.ladder.topRank {
                    grants = []
                    continue
                }
                let referral = try commands.escalate(caseID: id, note: rng.pick(DemoText.notes), actor: holder, now: at)
                at += 60_000
                holder = try staff(atLeast: rules.rank(referral.routeTo))
                try commands.claim(caseID: id, actor: holder, now: at)
                at += 60_000
            }
        }
    }
}
