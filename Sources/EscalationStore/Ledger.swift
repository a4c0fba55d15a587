import EscalationCore

/// The store's seam: everything the desk's commands, queries and `audit verify` ask of a
/// database engine, in the core's values (`Case`, `CaseEventRecord`'s stored form, money in
/// the centre's currency) and a few values that are the log's own (`StoredEvent`,
/// `ChainHead`, `SealedCustomer`, `GrantRow`, `ResolutionRow`). Commands (open a case, claim,
/// resolve...) are written once against these protocols; the embedded SQLite ledger (in
/// `SQLite/`, the only folder that names an engine's types) implements them today, and a
/// PostgreSQL ledger can implement them later without touching a caller. No SQL crosses
/// this line.
///
/// What an implementation must guarantee (the store's promises rest on each):
/// - **One write transaction per action, serialised across processes.** `write` runs its
///   body in one transaction that holds the database's write lock from its first read to
///   its commit (SQLite's `BEGIN IMMEDIATE`; PostgreSQL's `SERIALIZABLE`, or a lock taken
///   first), so a command that reads and then writes never acts on a state another desk's
///   commit has changed. A throw rolls back everything the body wrote; a return commits it
///   durably (an acknowledged action survives power loss).
/// - **A snapshot per read.** `read` and `audit` see one consistent state for their whole
///   body, however many statements it runs, while other desks write.
/// - **The claim race is a conditional update.** `updateCase` replaces a case only if its
///   stored version is still the one the new state follows, and reports false otherwise,
///   in the same transaction as the event: two people can never both hold one case.
/// - **The chain head is read and the event appended in the same transaction.**
///   `chainHead` inside `write` sees the newest committed event, and `appendEvent` makes
///   the new event the head before anyone else can append, so the chain never forks.
/// - **Reads keep the log's bytes.** Events, payloads and hashes come back byte for byte as
///   they were appended; a case comes back as the `Case` that was stored.
/// - **Failures are `StoreError`s** (unavailable, disk full, read-only, corrupt...), worded
///   for the person at the desk; nothing engine-specific escapes.
public protocol Ledger: Sendable {
    /// Runs `body` in one write transaction (serialised across processes); a throw rolls
    /// everything back.
    func write<T>(_ body: (any LedgerTransaction) throws -> T) throws -> T
    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (any LedgerReader) throws -> T) throws -> T
    /// A number that changes whenever another connection commits.
    func dataVersion() throws -> Int
    /// Leaves no trace of deleted rows in the files (erasure calls it after destroying a
    /// key): waits up to `wait` seconds for readers of older pages, then returns false (as
    /// it does on any failure) and leaves the rest to a later call. Returns true when
    /// nothing deleted remains readable.
    func purgeResidue(waitingUpTo wait: Double) -> Bool
    /// Every event in order, handed to `body` one at a time (never all in memory).
    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws
    /// Runs `body` on one consistent snapshot with the reads `audit verify` needs.
    func audit<T>(_ body: (any LedgerAuditReader) throws -> T) throws -> T
    /// The engine's own consistency check of the case-text search index (the structure a
    /// snapshot's reads cannot see), writing nothing that lasts: the tables that fail it.
    func textIndexFaults() throws -> [String]
}

/// Reads the commands and queries need, on one snapshot or inside a write.
public protocol LedgerReader: AnyObject {
    /// The newest event's seq and hash, and whether it carries the head mark
    /// (`ChainHead.empty` before the first event).
    func chainHead() throws -> ChainHead
    /// The centre as created (JSON) and whether the database is for training.
    func centreRecord() throws -> (json: String, training: Bool)?
    /// Every matrix version's governance (not its policy), in the order proposed.
    func matrixRegister() throws -> MatrixRegister
    /// The policy (JSON) of a matrix version.
    func matrixPolicy(version: String) throws -> String?
    /// The governance events (`MatrixEvents.kinds`) in seq order, read through an index:
    /// never the whole log.
    func matrixEvents() throws -> [StoredEvent]
    /// The centre's events (no case) of these kinds in seq order, read through the same index.
    func centreEvents(kinds: [EventKind]) throws -> [StoredEvent]
    func key(owner: String) throws -> [UInt8]?
    func customer(id: String) throws -> SealedCustomer?
    /// The case with this id as last stored, its amounts in `currency` (the centre's).
    func `case`(id: String, currency: Currency) throws -> Case?
    /// A customer's cases, oldest first.
    func cases(customer: String, currency: Currency) throws -> [Case]
    /// A case's history: its events in the order they were recorded (found through an index).
    func events(caseID: String) throws -> [StoredEvent]
    /// At most `limit` events of these kinds after `seq`, oldest first: a range of the log's
    /// key from `seq` on, never the whole log (a desk asks what is new since it last looked).
    func events(after seq: Int64, kinds: [String], limit: Int) throws -> [StoredEvent]
    /// Cases of this customer received after `receivedAfter` (milliseconds), counting no
    /// further than `atMost` (rules only ask whether a count reaches a threshold). There is
    /// no upper bound: a case recorded at a later time by a clock ahead of this one still counts.
    func countCases(customer: String, receivedAfter: Int64, atMost: Int) throws -> Int
    /// How many of each customer's cases are still active (open, escalated, claimed,
    /// returned, reopened), each counted through the index of cases by customer; customers
    /// with none are left out.
    func activeCaseCounts(customers: [String]) throws -> [String: Int]
    /// A customer's flags and whether they are erased, without their sealed record.
    func customerStatus(id: String) throws -> CustomerStatus?
    /// A customer's flags alone (nil: no such customer): all a replayed decision reads of them.
    func customerFlags(id: String) throws -> [String]?
    /// Minor units of `action` granted to this customer after `after`, with no upper bound
    /// (a grant another desk recorded at a later time still counts), held at `Int64.max`
    /// rather than overflowing.
    func grantedTotal(customer: String, action: String, after: Int64) throws -> Int64
    /// The same two counts as a decision at `upTo` took them: only cases received, and
    /// grants made, by then (a what-if replay of history).
    func countCases(customer: String, receivedAfter: Int64, upTo: Int64, atMost: Int) throws -> Int
    func grantedTotal(customer: String, action: String, after: Int64, upTo: Int64) throws -> Int64
    func latestReceipt(customer: String) throws -> Int64?
    /// Everyone who referred the case up (staff ids, in order), not only the last.
    func escalators(caseNumber: Int64) throws -> [String]
    /// Who resolved the case last, and in which role.
    func latestResolution(caseID: String) throws -> (resolver: String, role: String)?
    /// A page of the filter's cases in queue order. With the filter's `total` (as counted
    /// by the caller) a page in the far half is read from the other end.
    func listCases(_ filter: CaseFilter, limit: Int, offset: Int, total: Int?, currency: Currency) throws -> [Case]
    func countCases(_ filter: CaseFilter) throws -> Int
    /// Waiting, held and live counts for each of these roles that has an active case, in
    /// role id order.
    func queueCounts(roles: [String]) throws -> [QueueCount]
    func eventCount() throws -> Int
    /// Customers with a name word starting with each of `prefixes` (normalised words), in
    /// word order, at most `limit`.
    func customerIDs(nameWordPrefixes prefixes: [String], limit: Int) throws -> [String]
    /// Customers whose id starts with `prefix`, ignoring case, in id order.
    func customers(idPrefix prefix: String, limit: Int) throws -> [SealedCustomer]
    /// Ids of customers whose id equals `id`, ignoring case.
    func customerIDs(equalIgnoringCase id: String) throws -> [String]
    /// Cases matching a search, most urgent first.
    /// `total` is the search's count (`countCases(match)`), which decides how the page is read.
    func searchCases(_ match: CaseMatch, limit: Int, offset: Int, total: Int, currency: Currency) throws -> [Case]
    /// How many cases match a search, counting no further than `atMost` (a prefix such as
    /// `C-` matches every case, and counting a million rows is what a person would wait for).
    func countCases(_ match: CaseMatch, atMost: Int) throws -> Int
    /// The event with this seq, if the log holds it (checkpoints are checked one event each).
    func event(seq: Int64) throws -> StoredEvent?
    /// Indexed case-text words starting with `prefix` (a folded word), in alphabetical
    /// order, at most `limit`.
    func indexedWords(prefix: String, limit: Int) throws -> [String]
    /// Cases with a text matching the FTS5 `expression` (`CaseTextIndex.expression`): from
    /// each shard its newest `perShard` matching texts, one hit per case with the best
    /// bm25 score of its texts, best first.
    func textHits(_ expression: String, perShard: Int) throws -> [TextHit]
    /// Which of these case numbers belong to one of these customers.
    func caseNumbers(_ numbers: [Int64], ofCustomers customers: [String]) throws -> Set<Int64>
    /// The cases with these numbers that exist, in the order given.
    func cases(numbers: [Int64], currency: Currency) throws -> [Case]
    /// A case's clock rows (`ClockProjection`), in clock id order.
    func caseClocks(caseNumber: Int64) throws -> [ClockRow]
    /// The time the case's queues order it by (`cases.due_at`; nil for no such case, or a
    /// row with none).
    func queueDue(caseNumber: Int64) throws -> Int64?
    /// Clocks the sweep must act on: an `escalateTo` set and a warning point at or before
    /// `warnBy`, earliest warning first, at most `limit` (a range of the warning index).
    func clocksWarned(by warnBy: Int64, limit: Int) throws -> [ClockRow]
    /// Running clocks due at or before `dueBy`, nearest first, at most `limit` (a range of
    /// the due index): breaching and due-soon cases.
    func clocksDue(by dueBy: Int64, limit: Int) throws -> [ClockRow]
}

/// What a case search matches: case ids starting with a prefix, or any of some customers.
public struct CaseMatch: Sendable, Hashable {
    /// Upper-cased, as case ids are written.
    public var caseIDPrefix: String
    public var customerIDs: [String]
    /// A case left out of the id ranges (the search lists it first, on its own).
    public var exceptNumber: Int64?

    public init(caseIDPrefix: String, customerIDs: [String], exceptNumber: Int64? = nil) {
        self.caseIDPrefix = caseIDPrefix
        self.customerIDs = customerIDs
        self.exceptNumber = exceptNumber
    }
}

/// Writes, always inside a `Ledger.write` transaction.
public protocol LedgerTransaction: LedgerReader {
    func insertCentre(organisation: String, json: String, training: Bool, at: Int64) throws
    func insertMatrixVersion(_ version: MatrixVersion, policyJSON: String) throws
    /// Writes a version's governance (its policy never changes once proposed).
    func updateMatrixVersion(_ version: MatrixVersion) throws
    /// Inserts the event as the new head of the chain: it carries the head mark, and the
    /// event that was the head (`previous`, if it was marked) loses it.
    func appendEvent(_ event: StoredEvent, after previous: ChainHead) throws
    func insertKey(owner: String, bytes: [UInt8]) throws
    func deleteKey(owner: String) throws
    func insertCustomer(_ row: SealedCustomer) throws
    /// Indexes a customer's normalised name words for search.
    func insertSearchTerms(customer: String, terms: [String]) throws
    /// Deletes a customer's name words from the search index; nil deletes every word
    /// indexed for them (a scan, for when the name can no longer be read).
    func deleteSearchTerms(customer: String, terms: [String]?) throws
    /// Forgets the sealed name and contact and records when the customer was erased.
    func markCustomerErased(id: String, at: Int64) throws
    func nextCaseNumber() throws -> Int64
    /// Stores a case just opened (`Case.opened`); its id was written from `nextCaseNumber`.
    func insertCase(_ c: Case) throws
    /// Replaces the stored case if its version is still `c.version - 1`; false when another
    /// writer changed it first (the claim race), and then nothing is written.
    func updateCase(_ c: Case) throws -> Bool
    func insertGrant(_ grant: GrantRow) throws
    func insertResolution(_ row: ResolutionRow) throws
    /// Indexes a case's text (its position in the case's timeline) for search, in the
    /// customer's shard, and adds its words to the vocabulary.
    func insertCaseText(caseNumber: Int64, customer: String, position: Int, text: String) throws
    /// Deletes every indexed text of these cases of the customer, the vocabulary words no
    /// other text holds, and merges the customer's shard so that no segment keeps a
    /// deleted word (with `secure_delete`, the freed pages are zeroed).
    func purgeCaseTexts(customer: String, caseNumbers: [Int64]) throws
    /// Replaces a case's clock rows with these (none: deletes them), and sets the time its
    /// queues order it by (`ClockProjection.projection`) on its row and every escalator's.
    func replaceCaseClocks(caseNumber: Int64, rows: [ClockRow], dueAt: Int64) throws
    /// Takes a clock out of the sweep's hands for good: clears its `escalateTo` if it is
    /// still set, and reports whether it was (false: another sweeper took it first). The
    /// conditional update is what makes two sweepers racing escalate a case once.
    func claimClockEscalation(caseNumber: Int64, clock: String) throws -> Bool
}

/// Which cases a listing shows: a `CaseQueue` other than a search (which the store composes
/// from customer reads and a `CaseMatch`), in one state or, with none, in every active
/// state (every state for `all`).
public enum CaseFilter: Sendable, Hashable {
    case holder(String, state: CaseState?)
    case queueRole(String, state: CaseState?)
    /// Waiting in the role's queue (for `view`'s team or role-wide), or claimed there by this
    /// person.
    case referred(role: String, staffID: String, view: ReferralView, state: CaseState?)
    /// Waiting in the role's queue for one of these teams.
    case otherTeams(role: String, teams: [String], state: CaseState?)
    /// Referred up by this person (whoever referred it later), in one state or any.
    case escalatedBy(String, state: CaseState?)
    case all(state: CaseState?)
}

/// The head of the hash chain: the newest event, which carries a head mark that moves
/// to each new event in the transaction that appends it. Deleting the last event leaves
/// no gap in the seqs, but it leaves a newest event without the mark.
public struct ChainHead: Sendable, Hashable {
    public var seq: Int64
    public var hash: String
    /// Whether the newest event carries the head mark (true for an empty log).
    public var marked: Bool
    /// When the newest event happened (milliseconds): no later event may be recorded before it.
    public var at: Int64

    public init(seq: Int64, hash: String, marked: Bool, at: Int64) {
        self.seq = seq
        self.hash = hash
        self.marked = marked
        self.at = at
    }

    public static let genesisHash = String(repeating: "0", count: 64)
    public static let empty = ChainHead(seq: 0, hash: genesisHash, marked: true, at: .min)
}

/// One event of the log as stored: the envelope its hash covers (`EventChain.hash`), the
/// payload's canonical JSON exactly as written, and the hashes that chain it.
public struct StoredEvent: Sendable, Hashable {
    public var seq: Int64
    public var caseID: String?
    /// Milliseconds since 1970.
    public var at: Int64
    public var actor: String
    /// An `EventKind`'s raw value.
    public var kind: String
    public var payload: String
    public var prevHash: String
    public var hash: String
    /// The head mark: set on the newest event only. It is the log's state, not part of
    /// the event, so the event's hash does not cover it.
    public var isHead = false

    public init(seq: Int64, caseID: String?, at: Int64, actor: String, kind: String, payload: String,
                prevHash: String, hash: String, isHead: Bool = false) {
        self.seq = seq
        self.caseID = caseID
        self.at = at
        self.actor = actor
        self.kind = kind
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
        self.isHead = isHead
    }
}

/// What decisions need of a customer.
public struct CustomerStatus: Sendable, Hashable {
    public var id: String
    public var flags: [String]
    public var erased: Bool
    /// The customer's vault key, read with the status because every command that decides
    /// on a customer's case also seals text for them; nil once erased.
    public var key: [UInt8]?
    /// The calendar the customer's clocks count on, when they name one.
    public var calendar: String?

    public init(id: String, flags: [String], erased: Bool, key: [UInt8]?, calendar: String? = nil) {
        self.calendar = calendar
        self.id = id
        self.flags = flags
        self.erased = erased
        self.key = key
    }
}

/// A customer's record as stored: name and contact sealed with their key (AES-GCM), both
/// forgotten once they are erased.
public struct SealedCustomer: Sendable, Hashable {
    public var id: String
    public var nameSealed: String?
    public var contactSealed: String?
    public var flags: [String]
    /// Milliseconds since 1970.
    public var createdAt: Int64
    public var erasedAt: Int64?
    /// The calendar of the customer's part of the UK (schema v12; nil: the centre's).
    public var calendar: String?

    public init(id: String, nameSealed: String?, contactSealed: String?, flags: [String], createdAt: Int64, erasedAt: Int64?,
                calendar: String? = nil) {
        self.calendar = calendar
        self.id = id
        self.nameSealed = nameSealed
        self.contactSealed = contactSealed
        self.flags = flags
        self.createdAt = createdAt
        self.erasedAt = erasedAt
    }
}

/// One monetary remedy a resolution granted: what rolling caps add up.
public struct GrantRow: Sendable, Hashable {
    public var caseID: String
    public var customerID: String
    public var action: String
    /// The amount in minor units of the centre's currency.
    public var minor: Int64
    /// Milliseconds since 1970.
    public var grantedAt: Int64

    public init(caseID: String, customerID: String, action: String, minor: Int64, grantedAt: Int64) {
        self.caseID = caseID
        self.customerID = customerID
        self.action = action
        self.minor = minor
        self.grantedAt = grantedAt
    }
}

/// What monitoring needs from every resolution.
public struct ResolutionRow: Sendable, Hashable {
    /// The seq of the event that recorded it.
    public var seq: Int64
    public var caseID: String
    public var outcome: String
    public var rootCause: String
    public var matrixVersion: String
    public var handlerRole: String
    public var resolver: String
    public var receivedAt: Int64
    public var escalatedAt: Int64?
    public var resolvedAt: Int64
    /// The remedies granted, as canonical JSON.
    public var grants: String

    public init(seq: Int64, caseID: String, outcome: String, rootCause: String, matrixVersion: String, handlerRole: String,
                resolver: String, receivedAt: Int64, escalatedAt: Int64?, resolvedAt: Int64, grants: String) {
        self.seq = seq
        self.caseID = caseID
        self.outcome = outcome
        self.rootCause = rootCause
        self.matrixVersion = matrixVersion
        self.handlerRole = handlerRole
        self.resolver = resolver
        self.receivedAt = receivedAt
        self.escalatedAt = escalatedAt
        self.resolvedAt = resolvedAt
        self.grants = grants
    }
}
