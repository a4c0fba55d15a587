import EscalationCore

/// The reads `audit verify` needs, all on one snapshot: every row of every table the desk
/// decides from, streamed (never all cases in memory), so each can be checked against the
/// projection the log rebuilds.
public protocol LedgerAuditReader: LedgerReader {
    /// Every event in seq order.
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws
    /// The oldest event, which records the database's creation.
    func firstEvent() throws -> StoredEvent?
    /// Every stored case in number order, amounts in `currency`; a row that cannot be read
    /// as a case (an unknown state, an unreadable decision, a number that is not its id's)
    /// comes as an `UnreadableCase`, so verification names it and goes on.
    func forEachCase(currency: Currency, _ body: (Result<Case, UnreadableCase>) throws -> Void) throws
    /// Every customer row in id order.
    func forEachCustomer(_ body: (SealedCustomer) throws -> Void) throws
    /// A case's grants and resolutions, in the order they were written.
    func grants(caseID: String) throws -> [GrantRow]
    func resolutions(caseID: String) throws -> [ResolutionRow]
    /// Every search-index word, grouped by customer id.
    func forEachSearchTerm(_ body: (_ customer: String, _ term: String) throws -> Void) throws
    /// Who has a vault key.
    func keyOwners() throws -> Set<String>
    func matrixVersions() throws -> [MatrixVersionRow]
    /// The number of rows in one of the projection tables.
    func rowCount(_ table: ProjectionTable) throws -> Int
    /// Case events that no case's timeline lists (at most `limit`), oldest first.
    func caseEventsOffTimelines(limit: Int) throws -> [(seq: Int64, caseID: String)]
    /// A case's indexed texts in its customer's shard, in timeline order.
    func indexedTexts(caseNumber: Int64, customer: String) throws -> [IndexedText]
    /// The number of indexed texts in every shard.
    func indexedTextCount() throws -> Int
    /// Every word of the case-text vocabulary, in order.
    func forEachIndexedWord(_ body: (String) throws -> Void) throws
}

/// The tables whose row counts `audit verify` compares with the log's.
public enum ProjectionTable: String, Sendable {
    case cases, customers, grants, resolutions, caseClocks
}

/// A matrix version as stored.
public struct MatrixVersionRow: Sendable, Hashable {
    public var version: String
    public var policyJSON: String
    public var status: String
    public var effectiveAt: Int64?
    public var createdAt: Int64
    public var createdBy: String

    public init(version: String, policyJSON: String, status: String, effectiveAt: Int64?, createdAt: Int64, createdBy: String) {
        self.version = version
        self.policyJSON = policyJSON
        self.status = status
        self.effectiveAt = effectiveAt
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A stored case row that does not read as a case: which case, and what is wrong with it,
/// worded field by field as `audit verify` words a difference.
public struct UnreadableCase: Error, Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var reason: String
    /// The seqs its row lists (`audit verify` still counts them against the log's).
    public var timeline: [Int64]

    public init(caseID: String, reason: String, timeline: [Int64]) {
        self.caseID = caseID
        self.reason = reason
        self.timeline = timeline
    }

    public var description: String { "case \(caseID) cannot be read: \(reason)" }
}
