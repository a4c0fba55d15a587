/// A request the desk decided, with what it was decided on: the handler's role, the
/// remedies and the case's context (its windows counted for both policies compared).
public struct RecordedRequest: Sendable, Hashable {
    public let caseID: String
    public let handler: String
    public let requests: [RemedyRequest]
    public let context: DecisionContext

    public init(caseID: String, handler: String, requests: [RemedyRequest], context: DecisionContext) {
        self.caseID = caseID
        self.handler = handler
        self.requests = requests
        self.context = context
    }
}

/// How a draft policy would have decided recorded requests, against the version in force.
public struct SimulationResult: Sendable, Hashable, Codable {
    /// What changes for the handlers of one role.
    public struct RoleCounts: Sendable, Hashable, Codable {
        public var changed = 0
        /// Inside the handler's authority now, escalated under the draft.
        public var escalationsAppear = 0
        /// Escalated now, inside the handler's authority under the draft.
        public var escalationsDisappear = 0
        /// Escalated under both, to another role.
        public var rerouted = 0

        public init(changed: Int = 0, escalationsAppear: Int = 0, escalationsDisappear: Int = 0, rerouted: Int = 0) {
            self.changed = changed
            self.escalationsAppear = escalationsAppear
            self.escalationsDisappear = escalationsDisappear
            self.rerouted = rerouted
        }
    }

    public var replayed = 0
    public var changed = 0
    /// Requests neither policy could decide (an action the draft no longer knows...).
    public var undecidable = 0
    /// role id → what changes for handlers in that role.
    public var byRole: [String: RoleCounts] = [:]
    /// action id → changed decisions among the requests that asked for it.
    public var byAction: [String: Int] = [:]
    /// role id → how many more (or fewer) requests would be routed to that role's queue.
    public var queueChange: [String: Int] = [:]
    /// Ids of the cases whose decision changes, in the order replayed (at most `listed`).
    public var changedCases: [String] = []

    public static let listed = 50
}

/// What-if replay: each recorded request decided again by the core's `decide` under the
/// version in force and under a draft, the same inputs for both, and the differences
/// counted per role, per action and per queue. Never a copy of the rules.
public enum MatrixSimulation {
    public static func replay(_ recorded: [RecordedRequest], current: EscalationPolicy,
                              draft: EscalationPolicy) -> SimulationResult {
        var result = SimulationResult()
        for r in recorded {
            result.replayed += 1
            guard let now = try? current.decide(handler: r.handler, requests: r.requests, context: r.context),
                  let then = try? draft.decide(handler: r.handler, requests: r.requests, context: r.context) else {
                result.undecidable += 1
                continue
            }
            guard now.verdict != then.verdict || now.routeTo != then.routeTo || now.required != then.required else { continue }
            result.changed += 1
            if result.changedCases.count < SimulationResult.listed { result.changedCases.append(r.caseID) }
            var role = result.byRole[r.handler] ?? SimulationResult.RoleCounts()
            role.changed += 1
            switch (now.verdict == .withinAuthority, then.verdict == .withinAuthority) {
            case (true, false): role.escalationsAppear += 1
            case (false, true): role.escalationsDisappear += 1
            default: if now.routeTo != then.routeTo { role.rerouted += 1 }
            }
            result.byRole[r.handler] = role
            var actions: [String] = []
            for request in r.requests where !actions.contains(request.action) { actions.append(request.action) }
            for action in actions { result.byAction[action, default: 0] += 1 }
            if now.routeTo != then.routeTo {
                if let from = now.routeTo { result.queueChange[from, default: 0] -= 1 }
                if let to = then.routeTo { result.queueChange[to, default: 0] += 1 }
            }
        }
        result.queueChange = result.queueChange.filter { $0.value != 0 }
        return result
    }
}
