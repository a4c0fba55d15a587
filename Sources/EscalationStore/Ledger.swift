/// The seam between the desk's commands and a database engine. Commands (open a case,
/// claim, resolve...) are written once against these protocols; `SQLiteLedger` implements
/// them with GRDB today, and a PostgreSQL ledger can implement them later without touching
/// a caller. No SQL crosses this line, and nothing here is public.
protocol Ledger: Sendable {
    /// Runs `body` in one write transaction (serialised across processes); a throw rolls
    /// everything back.
    func write<T>(_ body: (any LedgerTransaction) throws -> T) throws -> T
    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (any LedgerReader) throws -> T) throws -> T
    /// A number that changes whenever another connection commits.
    func dataVersion() throws -> Int
    /// Leaves no trace of deleted rows in the files: freed pages are already zeroed
    /// (`secure_delete`); this empties the write-ahead log into the main file. Another
    /// connection in the middle of a read keeps old pages in the log (and, if its snapshot is
    /// older, in the main file): this waits up to `wait` seconds for it, then returns false
    /// (as it does on any failure) and leaves the rest to a later call. Returns true when the
    /// log was emptied.
    func purgeResidue(waitingUpTo wait: Double) -> Bool
    /// Every event in order, handed to `body` one at a time (never all in memory).
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws
    /// Runs `body` on one consistent snapshot with the reads `audit verify` needs.
    func audit<T>(_ body: (any LedgerAuditReader) throws -> T) throws -> T
}

/// Reads the commands and queries need, on one snapshot or inside a write.
protocol LedgerReader: AnyObject {
    /// The newest event's seq and hash, and whether it carries the head mark
    /// (`ChainHead.empty` before the first event).
    func chainHead() throws -> ChainHead
    /// The centre as created (JSON) and whether the database is for training.
    func centreRecord() throws -> (json: String, training: Bool)?
    /// The policy (JSON) of the matrix version in force at `at`, and its label.
    func policyInForce(at: Int64) throws -> (version: String, json: String)?
    func key(owner: String) throws -> [UInt8]?
    func customer(id: String) throws -> CustomerRow?
    func caseRow(id: String) throws -> CaseRow?
    func cases(customer: String) throws -> [CaseRow]
    func events(caseID: String) throws -> [StoredEvent]
    /// Cases of this customer received after `receivedAfter` (milliseconds), counting no
    /// further than `atMost` (rules only ask whether a count reaches a threshold). There is
    /// no upper bound: a case recorded at a later time by a clock ahead of this one still counts.
    func countCases(customer: String, receivedAfter: Int64, atMost: Int) throws -> Int
    /// A customer's flags and whether they are erased, without their sealed record.
    func customerStatus(id: String) throws -> CustomerStatus?
    /// Minor units of `action` granted to this customer after `after`, with no upper bound
    /// (a grant another desk recorded at a later time still counts), held at `Int64.max`
    /// rather than overflowing.
    func grantedTotal(customer: String, action: String, after: Int64) throws -> Int64
    func latestReceipt(customer: String) throws -> Int64?
    /// Who resolved the case last, and in which role.
    func latestResolution(caseID: String) throws -> (resolver: String, role: String)?
    /// A page of the filter's cases in queue order. With the filter's `total` (as counted
    /// by the caller) a page in the far half is read from the other end.
    func listCases(_ filter: CaseFilter, limit: Int, offset: Int, total: Int?) throws -> [CaseRow]
    func countCases(_ filter: CaseFilter) throws -> Int
    /// Waiting, held and live counts for each of these roles that has an active case, in
    /// role id order.
    func queueCounts(roles: [String]) throws -> [QueueCount]
    func eventCount() throws -> Int
    /// Customers with a name word starting with each of `prefixes` (normalised words), in
    /// word order, at most `limit`.
    func customerIDs(nameWordPrefixes prefixes: [String], limit: Int) throws -> [String]
    /// Customers whose id starts with `prefix`, ignoring case, in id order.
    func customers(idPrefix prefix: String, limit: Int) throws -> [CustomerRow]
    /// Ids of customers whose id equals `id`, ignoring case.
    func customerIDs(equalIgnoringCase id: String) throws -> [String]
    /// Cases matching a search, most urgent first.
    /// `total` is the search's count (`countCases(match)`), which decides how the page is read.
    func searchCases(_ match: CaseMatch, limit: Int, offset: Int, total: Int) throws -> [CaseRow]
    func countCases(_ match: CaseMatch) throws -> Int
    /// The event with this seq, if the log holds it (checkpoints are checked one event each).
    func event(seq: Int64) throws -> StoredEvent?
}

/// What a case search matches: case ids starting with a prefix, or any of some customers.
struct CaseMatch: Sendable, Hashable {
    /// Upper-cased, as case ids are written.
    var caseIDPrefix: String
    var customerIDs: [String]
}

/// Writes, always inside a `Ledger.write` transaction.
protocol LedgerTransaction: LedgerReader {
    func insertCentre(organisation: String, json: String, training: Bool, at: Int64) throws
    func insertMatrixVersion(version: String, policyJSON: String, status: String, effectiveAt: Int64?,
                             at: Int64, by: String) throws
    /// Inserts the event as the new head of the chain: it carries the head mark, and the
    /// event that was the head (`previous`, if it was marked) loses it.
    func appendEvent(_ event: StoredEvent, after previous: ChainHead) throws
    func insertKey(owner: String, bytes: [UInt8]) throws
    func deleteKey(owner: String) throws
    func insertCustomer(_ row: CustomerRow) throws
    /// Indexes a customer's normalised name words for search.
    func insertSearchTerms(customer: String, terms: [String]) throws
    /// Deletes a customer's name words from the search index; nil deletes every word
    /// indexed for them (a scan, for when the name can no longer be read).
    func deleteSearchTerms(customer: String, terms: [String]?) throws
    /// Forgets the sealed name and contact and records when the customer was erased.
    func markCustomerErased(id: String, at: Int64) throws
    func nextCaseNumber() throws -> Int64
    func insertCase(_ row: CaseRow) throws
    /// Replaces the case if its version is still `row.version - 1`; false when another
    /// writer changed it first (the claim race).
    func updateCase(_ row: CaseRow) throws -> Bool
    func insertGrant(_ grant: GrantRow) throws
    func insertResolution(_ row: ResolutionRow) throws
}

/// Which cases a listing shows.
enum CaseFilter: Sendable, Hashable {
    case holder(String, state: String?)
    case queueRole(String, state: String?)
    /// Waiting in the role's queue, or held there by this person.
    case referred(role: String, staffID: String, state: String?)
    case all(state: String?)
}

/// The head of the hash chain: the newest event, which carries a head mark that moves
/// to each new event in the transaction that appends it. Deleting the last event leaves
/// no gap in the seqs, but it leaves a newest event without the mark.
struct ChainHead: Sendable, Hashable {
    var seq: Int64
    var hash: String
    /// Whether the newest event carries the head mark (true for an empty log).
    var marked: Bool
    /// When the newest event happened (milliseconds): no later event may be recorded before it.
    var at: Int64

    static let genesisHash = String(repeating: "0", count: 64)
    static let empty = ChainHead(seq: 0, hash: genesisHash, marked: true, at: .min)
}

/// One event row as stored.
struct StoredEvent: Sendable, Hashable {
    var seq: Int64
    var caseID: String?
    var at: Int64
    var actor: String
    var kind: String
    var payload: String
    var prevHash: String
    var hash: String
    /// The head mark: set on the newest event only. It is the log's state, not part of
    /// the event, so the event's hash does not cover it.
    var isHead = false
}

/// What decisions need of a customer.
struct CustomerStatus: Sendable, Hashable {
    var id: String
    var flags: [String]
    var erased: Bool
    /// The customer's vault key, read with the status because every command that decides
    /// on a customer's case also seals text for them; nil once erased.
    var key: [UInt8]?
}

struct CustomerRow: Sendable, Hashable {
    var id: String
    var nameSealed: String?
    var contactSealed: String?
    var flags: [String]
    var createdAt: Int64
    var erasedAt: Int64?
}

/// The case projection: where a case stands now, rebuilt from its events.
struct CaseRow: Sendable, Hashable {
    var id: String
    var number: Int64
    var customerID: String
    var kind: String
    var channel: String
    var summarySealed: String
    var state: String
    var live: Bool
    var caseFlags: [String]
    var identityVerified: Bool
    /// The role whose queue the case sits in.
    var queueRole: String?
    /// Who holds it: the opener while open, the claimer, or the person it was returned to.
    var holder: String?
    /// Who last referred it up, and so who a return goes back to.
    var escalatedBy: String?
    /// Who returned it with guidance, and their role: a recorded delegation.
    var delegatedBy: String?
    var delegatedRole: String?
    var openedBy: String
    /// The remedies asked for, as canonical JSON.
    var requests: String
    /// The latest decision, as canonical JSON.
    var decision: String
    var receivedAt: Int64
    var escalatedAt: Int64?
    var resolvedAt: Int64?
    var closedAt: Int64?
    var deadlineAt: Int64
    var version: Int64
    /// The seqs of the case's events, oldest first, as its row lists them (`audit verify`
    /// holds them to the events recorded for the case).
    var timeline: [Int64]
}

struct GrantRow: Sendable, Hashable {
    var caseID: String
    var customerID: String
    var action: String
    var minor: Int64
    var grantedAt: Int64
}

/// What monitoring needs from every resolution.
struct ResolutionRow: Sendable, Hashable {
    var seq: Int64
    var caseID: String
    var outcome: String
    var rootCause: String
    var matrixVersion: String
    var handlerRole: String
    var resolver: String
    var receivedAt: Int64
    var escalatedAt: Int64?
    var resolvedAt: Int64
    /// The remedies granted, as canonical JSON.
    var grants: String
}
