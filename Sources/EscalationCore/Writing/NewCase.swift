/// A case as the person opening it describes it: what the store opens and the desk's new-case
/// form fills in.
public struct NewCase: Sendable, Hashable {
    /// The customer's id.
    public var customer: String
    /// One line on what the contact is about.
    public var summary: String
    public var kind: String
    public var channel: String
    /// The remedies the customer asks for.
    public var requests: [RemedyRequest]
    /// The customer is waiting on the line.
    public var live: Bool
    public var caseFlags: [String]
    /// The customer's identity was already checked and verified when the case was opened
    /// (recorded in the `case_opened` event; false means not yet checked).
    public var identityVerified: Bool
    /// When the contact reached the firm, if before it is opened (milliseconds since 1970);
    /// nil: now.
    public var receivedAt: EpochMillis?

    public init(customer: String, summary: String, kind: String = "complaint", channel: String = "phone",
                requests: [RemedyRequest] = [], live: Bool = false, caseFlags: [String] = [],
                identityVerified: Bool = false, receivedAt: EpochMillis? = nil) {
        self.receivedAt = receivedAt
        self.customer = customer
        self.summary = summary
        self.kind = kind
        self.channel = channel
        self.requests = requests
        self.live = live
        self.caseFlags = caseFlags
        self.identityVerified = identityVerified
    }
}
