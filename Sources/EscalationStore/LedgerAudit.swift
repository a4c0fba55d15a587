/// The reads `audit verify` needs, all on one snapshot: every row of every table the desk
/// decides from, streamed (never all cases in memory), so each can be checked against the
/// projection the log rebuilds.
protocol LedgerAuditReader: LedgerReader {
    /// Every event in seq order.
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws
    /// The oldest event, which records the database's creation.
    func firstEvent() throws -> StoredEvent?
    /// Every case row in number order.
    func forEachCase(_ body: (CaseRow) throws -> Void) throws
    /// Every customer row in id order.
    func forEachCustomer(_ body: (CustomerRow) throws -> Void) throws
    /// A case's grants and resolutions, in the order they were written.
    func grants(caseNumber: Int64) throws -> [GrantRow]
    func resolutions(caseNumber: Int64) throws -> [ResolutionRow]
    /// Every search-index word, grouped by customer id.
    func forEachSearchTerm(_ body: (_ customer: String, _ term: String) throws -> Void) throws
    /// Who has a vault key.
    func keyOwners() throws -> Set<String>
    func matrixVersions() throws -> [MatrixVersionRow]
    /// The number of rows in one of the projection tables.
    func rowCount(_ table: ProjectionTable) throws -> Int
    /// Case events that no case's timeline lists (at most `limit`), oldest first.
    func caseEventsOffTimelines(limit: Int) throws -> [(seq: Int64, caseID: String)]
}

/// The tables whose row counts `audit verify` compares with the log's.
enum ProjectionTable: String, Sendable {
    case cases, customers, grants, resolutions
}

/// A matrix version as stored.
struct MatrixVersionRow: Sendable, Hashable {
    var version: String
    var policyJSON: String
    var status: String
    var effectiveAt: Int64?
    var createdAt: Int64
    var createdBy: String
}
