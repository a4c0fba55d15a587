/// Where a case stands: open → escalated → claimed → resolved → closed, with returned
/// (handed back down with guidance) and reopened.
public enum CaseState: String, Sendable, Hashable, Codable, CaseIterable {
    case open, escalated, claimed, resolved, closed, returned, reopened

    /// Still needs someone to act on it.
    public var isActive: Bool { self != .resolved && self != .closed }
}

/// Something a person does to a case that moves it along its lifecycle.
public enum CaseTransition: String, Sendable, Hashable, Codable, CaseIterable {
    /// Refer it up the ladder (also "refer higher" from a claimed case).
    case escalate
    /// A handler at the routed level takes it.
    case claim
    /// Hand it back down with guidance.
    case `return`
    case resolve
    case close
    case reopen
}

/// Why a transition is not allowed from a state.
public struct LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    public let state: CaseState
    public let transition: CaseTransition

    public var description: String {
        let allowed = CaseLifecycle.allowed(from: state).map(\.rawValue)
        let options = allowed.isEmpty ? "nothing" : allowed.joined(separator: ", ")
        return "a case that is \(state.rawValue) cannot be \(CaseLifecycle.pastTense(transition)); "
            + "from \(state.rawValue) it can be: \(options)"
    }
}

/// The case state machine, as one table.
public enum CaseLifecycle {
    static let table: [CaseState: [CaseTransition: CaseState]] = [
        .open: [.escalate: .escalated, .resolve: .resolved],
        .reopened: [.escalate: .escalated, .resolve: .resolved],
        .returned: [.escalate: .escalated, .resolve: .resolved],
        .escalated: [.claim: .claimed],
        .claimed: [.escalate: .escalated, .return: .returned, .resolve: .resolved],
        .resolved: [.close: .closed, .reopen: .reopened],
        .closed: [.reopen: .reopened],
    ]

    /// The state after `transition`, or a `LifecycleError` saying what is allowed instead.
    public static func apply(_ transition: CaseTransition, to state: CaseState) throws(LifecycleError) -> CaseState {
        guard let next = table[state]?[transition] else { throw LifecycleError(state: state, transition: transition) }
        return next
    }

    /// Transitions possible from a state, in a stable order.
    public static func allowed(from state: CaseState) -> [CaseTransition] {
        CaseTransition.allCases.filter { table[state]?[$0] != nil }
    }

    static func pastTense(_ t: CaseTransition) -> String {
        switch t {
        case .escalate: return "escalated"
        case .claim: return "claimed"
        case .return: return "returned"
        case .resolve: return "resolved"
        case .close: return "closed"
        case .reopen: return "reopened"
        }
    }
}

/// How a complaint ended, as DISP and the KPIs count it.
public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    case upheld
    case partlyUpheld = "partly_upheld"
    case notUpheld = "not_upheld"
    case resolvedWithoutComplaint = "resolved_without_complaint"
}
