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
    /// Everyone stored as having referred the case up, with the queue-order columns their
    /// row carries, in staff-id order.
    func escalatorRows(caseNumber: Int64) throws -> [EscalatorRow]
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
    case cases, customers, grants, resolutions
    case caseEscalators = "case_escalators"
    case caseClocks = "case_clocks"
}

/// One person who referred a case up, as `case_escalators` stores them: with the case's
/// state, liveness, deadline, receipt and due time (the columns "Escalated by me" is
/// ordered by).
public struct EscalatorRow: Sendable, Hashable {
    public var staffID: String
    public var state: String
    public var live: Bool
    /// Milliseconds since 1970.
    public var deadlineAt: Int64
    public var receivedAt: Int64
    /// The time the case's queues order it by (`ClockProjection.projection`); nil only on a
    /// damaged row.
    public var dueAt: Int64?

    public init(staffID: String, state: String, live: Bool, deadlineAt: Int64, receivedAt: Int64, dueAt: Int64?) {
        self.staffID = staffID
        self.state = state
        self.live = live
        self.deadlineAt = deadlineAt
        self.receivedAt = receivedAt
        self.dueAt = dueAt
    }

    /// The row each of `escalators` should have for case `c`, ordered by `dueAt`.
    static func expected(_ escalators: Set<String>, of c: Case, dueAt: Int64) -> [EscalatorRow] {
        escalators.sorted().map {
            EscalatorRow(staffID: $0, state: c.state.rawValue, live: c.live, deadlineAt: c.deadlineAt, receivedAt: c.receivedAt,
                         dueAt: dueAt)
        }
    }
}

/// A matrix version as stored: its governance (nil when its status is not one any release
/// writes) and its policy.
public struct MatrixVersionRow: Sendable, Hashable {
    public var record: MatrixVersion?
    public var status: String
    public var policyJSON: String
    public var id: String

    public init(record: MatrixVersion?, status: String, policyJSON: String, id: String) {
        self.record = record
        self.status = status
        self.policyJSON = policyJSON
        self.id = id
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
