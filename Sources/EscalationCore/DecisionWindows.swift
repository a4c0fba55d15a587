/// The look-back windows a decision's context must be counted over: what a store reads
/// before it asks `decide`, worked out from the policy so every store counts the same ones.
extension EscalationPolicy {
    /// Every `repeat_contacts` window (days) a referral rule names, shortest first, with the
    /// largest count any rule asks for in it (counting further cannot change a decision).
    public var repeatContactWindows: [(days: Int, enough: Int)] {
        var windows: [Int: Int] = [:]
        func collect(_ condition: ReferralCondition) {
            switch condition {
            case .repeatContacts(let count, let days): windows[days] = max(windows[days] ?? 0, count)
            case .all(let inner), .any(let inner): inner.forEach(collect)
            default: break
            }
        }
        referrals.forEach { collect($0.when) }
        return windows.sorted { $0.key < $1.key }.map { (days: $0.key, enough: $0.value) }
    }

    /// action id → every rolling-cap window (days) any role has for it, shortest first.
    public var rollingWindows: [String: [Int]] {
        var rolling: [String: Set<Int>] = [:]
        for (a, action) in matrix.actions.enumerated() {
            for cell in matrix.cells[a] {
                if case .limit(_, let cap?) = cell.authority { rolling[action.id, default: []].insert(cap.days) }
            }
        }
        return rolling.mapValues { $0.sorted() }
    }
}

/// The windows a decision's context is counted over, worked out once from a policy (or from
/// two, so one count serves a comparison of both), and how the counts become a context: one
/// definition for the desk's indexed counts and for every replay of the log.
public struct ContextWindows: Sendable {
    /// Every `repeat_contacts` window (days), with the largest count any rule asks for in it.
    public let repeatContacts: [(days: Int, enough: Int)]
    /// action id → every rolling-cap window (days) any role has for it.
    public let rolling: [String: [Int]]

    public static let dayMillis: Int64 = 86_400_000

    public init(_ policy: EscalationPolicy) {
        self.init(repeatContacts: policy.repeatContactWindows, rolling: policy.rollingWindows)
    }

    private init(repeatContacts: [(days: Int, enough: Int)], rolling: [String: [Int]]) {
        self.repeatContacts = repeatContacts
        self.rolling = rolling
    }

    /// Both policies' windows (each repeat-contact window counted as far as either asks):
    /// a context counted over these decides the same under either policy.
    public func merged(with other: ContextWindows) -> ContextWindows {
        var repeats: [Int: Int] = [:]
        for w in repeatContacts + other.repeatContacts { repeats[w.days] = max(repeats[w.days] ?? 0, w.enough) }
        var rolling = self.rolling.mapValues(Set.init)
        for (action, days) in other.rolling { rolling[action, default: []].formUnion(days) }
        return ContextWindows(repeatContacts: repeats.sorted { $0.key < $1.key }.map { (days: $0.key, enough: $0.value) },
                              rolling: rolling.mapValues { $0.sorted() })
    }

    /// The longest look-back any window needs (days).
    public var longestDays: Int {
        max(repeatContacts.map(\.days).max() ?? 0, rolling.values.compactMap { $0.last }.max() ?? 0)
    }

    /// The decision context at `now`: each repeat-contact window counted through
    /// `contacts(after, atMost)` (the customer's cases received after `after`, counted no
    /// further than `atMost`: a rule only asks whether a count reaches its threshold), and
    /// each rolling window of each action asked for through `granted(action, after)` (minor
    /// units granted after `after`). `pendingContact` counts a case not yet recorded; a
    /// contact count is never below 1 (this contact).
    public func context(customerFlags: [String], caseFlags: [String], channel: String, identityVerified: Bool,
                        requests: [RemedyRequest], now: Int64, pendingContact: Bool,
                        contacts: (_ after: Int64, _ atMost: Int) throws -> Int,
                        granted: (_ action: String, _ after: Int64) throws -> Int64) rethrows -> DecisionContext {
        var history = ContactHistory()
        for (days, enough) in repeatContacts {
            let counted = try contacts(now - Int64(days) * Self.dayMillis, max(enough, 1))
            history.byDays[days] = max(1, counted + (pendingContact ? 1 : 0))
        }
        var totals = GrantHistory()
        for (i, request) in requests.enumerated() {
            let action = request.action
            // Each action once (a case asks for one or two: a scan beats building a set).
            if requests[..<i].contains(where: { $0.action == action }) { continue }
            for days in rolling[action] ?? [] {
                totals.byAction[action, default: [:]][days] = try granted(action, now - Int64(days) * Self.dayMillis)
            }
        }
        return DecisionContext(customerFlags: customerFlags, caseFlags: caseFlags, channel: channel,
                               identityVerified: identityVerified, contacts: history, granted: totals)
    }
}
