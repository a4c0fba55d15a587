/// Whether an action grants money (and so has limits) or is a yes/no permission.
public enum ActionKind: String, Sendable, Hashable, Codable, CaseIterable {
    case monetary
    case permission
}

/// Something a handler may grant: a refund, a goodwill credit, cancelling a contract,
/// disclosing account data, or a desk power such as approving a matrix proposal.
public struct Action: Sendable, Hashable, Codable {
    public let id: String
    public let title: String
    public let kind: ActionKind
    /// Blocked on an unverified customer unless the handler may override the identity check.
    public let requiresVerifiedIdentity: Bool

    public init(id: String, title: String, kind: ActionKind, requiresVerifiedIdentity: Bool = false) {
        self.id = id
        self.title = title
        self.kind = kind
        self.requiresVerifiedIdentity = requiresVerifiedIdentity
    }

    /// The permission that lets a handler act for a customer whose identity is not verified.
    public static let overrideIdentityCheckID = "override_identity_check"

    /// Permissions that are powers of the desk (CONFIG.md) or change how a decision is
    /// taken, never something granted to a customer: governing the matrix, personal data,
    /// retention, corrected receipts, clock changes, the identity-check override.
    public static let deskPowerIDs: Set<String> = [
        "approve_matrix", "export_personal_data", "erase_personal_data", "override_retention",
        "correct_receipt", "change_clock", overrideIdentityCheckID,
    ]

    /// Whether a case may ask for it, and a resolution grant it: every action but a desk power.
    public var isRemedy: Bool { !Self.deskPowerIDs.contains(id) }
}
