/// The referral rules compiled for speed: flags and channels become bits, and each rule's
/// condition a flat list of plain nodes, so checking every rule on every decision (and on
/// every keypress of the live authority panel) touches no reference counts or hashes
/// beyond turning the case's few flags into bits.
struct CompiledReferrals: Sendable {
    enum Node: Sendable {
        case customerAny(UInt64)
        case caseAny(UInt64)
        case channelAny(UInt64)
        case repeatContacts(count: Int, days: Int)
        case totalOver(Int64)
        /// Children are the `count` nodes listed at `children[start ..< start + count]`.
        case all(start: Int, count: Int)
        case any(start: Int, count: Int)
        /// More than 64 distinct names of one kind: `originals[i]`, evaluated the plain way.
        /// (An index, not the condition itself, keeps every node a plain value.)
        case original(Int)
    }

    private(set) var nodes: [Node] = []
    private(set) var children: [Int] = []
    /// The root node of each rule, in rule order.
    private(set) var roots: [Int] = []
    private var originals: [ReferralCondition] = []
    /// The names each bit stands for (bit i is names[i]): short lists, scanned rather than hashed.
    private var customerBits: [String] = []
    private var caseBits: [String] = []
    private var channelBits: [String] = []

    init(_ rules: [ReferralRule]) {
        for rule in rules { roots.append(compile(rule.when)) }
    }

    /// A bit for a name, or nil once 64 names of one kind are in use (the condition is then
    /// kept as it was and evaluated the plain way).
    private static func bit(_ name: String, in table: inout [String]) -> UInt64? {
        if let i = table.firstIndex(of: name) { return UInt64(1) << UInt64(i) }
        guard table.count < 64 else { return nil }
        table.append(name)
        return UInt64(1) << UInt64(table.count - 1)
    }

    @inline(__always)
    private static func lookup(_ name: String, in table: [String]) -> UInt64 {
        for i in table.indices where table[i] == name { return UInt64(1) << UInt64(i) }
        return 0
    }

    private mutating func compile(_ condition: ReferralCondition) -> Int {
        let node: Node
        let original = Node.original(originals.count)
        switch condition {
        case .customerFlag(let names): node = mask(names, &customerBits).map(Node.customerAny) ?? keep(condition, as: original)
        case .caseFlag(let names): node = mask(names, &caseBits).map(Node.caseAny) ?? keep(condition, as: original)
        case .channel(let names): node = mask(names, &channelBits).map(Node.channelAny) ?? keep(condition, as: original)
        case .repeatContacts(let count, let days): node = .repeatContacts(count: count, days: days)
        case .requestedTotalOver(let amount): node = .totalOver(amount.minor)
        case .all(let parts), .any(let parts):
            let kids = parts.map { compile($0) }
            let start = children.count
            children += kids
            if case .all = condition { node = .all(start: start, count: kids.count) } else { node = .any(start: start, count: kids.count) }
        }
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func keep(_ condition: ReferralCondition, as node: Node) -> Node {
        originals.append(condition)
        return node
    }

    private func mask(_ names: [String], _ table: inout [String]) -> UInt64? {
        var m: UInt64 = 0
        for name in names {
            guard let b = Self.bit(name, in: &table) else { return nil }
            m |= b
        }
        return m
    }

    /// The case's flags and channel as bits: computed once per decision.
    struct Facts {
        var customer: UInt64 = 0
        var caseFlags: UInt64 = 0
        var channel: UInt64 = 0
    }

    func facts(for context: DecisionContext) -> Facts {
        var f = Facts()
        for flag in context.customerFlags { f.customer |= Self.lookup(flag, in: customerBits) }
        for flag in context.caseFlags { f.caseFlags |= Self.lookup(flag, in: caseBits) }
        if let channel = context.channel { f.channel = Self.lookup(channel, in: channelBits) }
        return f
    }

    func holds(rule: Int, facts: Facts, context: DecisionContext, requestedTotal: Int64) -> Bool {
        holds(node: roots[rule], facts: facts, context: context, requestedTotal: requestedTotal)
    }

    private func holds(node index: Int, facts: Facts, context: DecisionContext, requestedTotal: Int64) -> Bool {
        switch nodes[index] {
        case .customerAny(let m): return facts.customer & m != 0
        case .caseAny(let m): return facts.caseFlags & m != 0
        case .channelAny(let m): return facts.channel & m != 0
        case .repeatContacts(let count, let days): return context.contacts.within(days: days) >= count
        case .totalOver(let minor): return requestedTotal > minor
        case .all(let start, let count):
            for i in start..<start + count where !holds(node: children[i], facts: facts, context: context,
                                                         requestedTotal: requestedTotal) { return false }
            return true
        case .any(let start, let count):
            for i in start..<start + count where holds(node: children[i], facts: facts, context: context,
                                                        requestedTotal: requestedTotal) { return true }
            return false
        case .original(let i):
            return originals[i].holds(in: context, requestedTotal: requestedTotal)
        }
    }
}
