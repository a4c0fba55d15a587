import EscalationCore

/// One matrix version as the manager's history lists it: its governance (who proposed it on
/// which base and why, who decided it) and where it stands at the moment asked.
public struct MatrixVersionEntry: Hashable, Sendable {
    public var version: MatrixVersion
    public var standing: MatrixVersionStanding

    public init(version: MatrixVersion, standing: MatrixVersionStanding) {
        self.version = version
        self.standing = standing
    }

    /// The version's id.
    public var id: String { version.id }
    /// Waiting for a second person's decision.
    public var isPending: Bool { standing == .proposed }
}
