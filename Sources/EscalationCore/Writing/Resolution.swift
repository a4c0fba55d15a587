/// How a case ended, as the resolver records it: the outcome, the remedies granted (each
/// checked against the resolver's authority), why, and the root cause.
public struct Resolution: Sendable, Hashable {
    public var outcome: Outcome
    /// Why (mandatory).
    public var rationale: String
    public var grants: [RemedyRequest]
    /// A root-cause category the centre configured.
    public var rootCause: String

    public init(outcome: Outcome, rationale: String, grants: [RemedyRequest] = [], rootCause: String = "other") {
        self.outcome = outcome
        self.rationale = rationale
        self.grants = grants
        self.rootCause = rootCause
    }
}
