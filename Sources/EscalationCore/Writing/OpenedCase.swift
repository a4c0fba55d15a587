/// A newly opened case and the engine's answer for the opener.
public struct OpenedCase: Sendable, Hashable, Codable {
    public let id: String
    public let decision: Decision

    public init(id: String, decision: Decision) {
        self.id = id
        self.decision = decision
    }
}
