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
