import EscalationCore
import Foundation

/// A new customer as the desk registers them; name and contact are personal data.
public struct NewCustomer: Sendable, Hashable {
    public var id: String
    public var name: String
    public var contact: String?
    public var flags: [String]
    /// The calendar of the customer's part of the UK (`calendars/`), when it is not the
    /// centre's: their clocks count its bank holidays. Not personal data: kept in the clear.
    public var calendar: String?

    public init(id: String, name: String, contact: String? = nil, flags: [String] = [], calendar: String? = nil) {
        self.calendar = calendar
        self.id = id
        self.name = name
        self.contact = contact
        self.flags = flags
    }
}

/// The result of a referral: where the case went and the decision that sent it there.
public struct Referral: Sendable, Hashable, Codable {
    public let caseID: String
    public let routeTo: String
    public let decision: Decision
    /// The team whose leaders it waits for; nil when it waits role-wide.
    public var team: String? = nil
}

/// How many cases wait in, and are held at, each role's queue.
public struct QueueCount: Sendable, Hashable, Codable {
    public let role: String
    public let waiting: Int
    public let held: Int
    public let live: Int

    public init(role: String, waiting: Int, held: Int, live: Int) {
        self.role = role
        self.waiting = waiting
        self.held = held
        self.live = live
    }
}

/// A customer's own record, decrypted.
public struct CustomerRecord: Sendable, Hashable, Codable {
    public let id: String
    public let name: String?
    public let contact: String?
    public let flags: [String]
    public let createdAt: Date
    public let erasedAt: Date?
    /// The customer's calendar, when they name one (left out of JSON otherwise).
    public var calendar: String? = nil
}

/// Everything held on one person (a subject-access request), ready to print as JSON.
public struct CustomerExport: Sendable, Hashable, Codable {
    public let customer: CustomerRecord
    public let cases: [CaseDetail]
    public let exportedAt: Date
    public let exportedBy: String
}

/// What erasure did.
public struct ErasureReceipt: Sendable, Hashable, Codable {
    public let customerID: String
    public let seq: Int64
    public let casesKept: Int
    public let retentionOverridden: Bool
    /// Whether the write-ahead log was emptied once the erasure was committed. False when
    /// another desk was in the middle of a read for as long as the erasure waited: the
    /// erasure stands (the key is destroyed), but old pages holding the customer's data may
    /// remain in the database file and its `-wal` until the next full checkpoint, made by
    /// the next erasure or by the next desk or command that opens the database while no one
    /// else is reading it.
    public internal(set) var walPurged = false
}

/// The result of recomputing the hash chain.
public struct ChainVerification: Sendable, Hashable, Codable {
    public let events: Int64
    public let headHash: String
    /// The first event that does not match, or nil when the chain is intact.
    public let firstBad: ChainBreak?
    /// What the desk decides from but the log does not say: the configuration and mode
    /// against the digests in the first event, then every projection against the one the
    /// log rebuilds (the first case that differs first), at most `RecordMismatch.limit`.
    public var mismatches: [RecordMismatch] = []

    /// Intact when the chain is, and everything the desk reads matches it.
    public var isIntact: Bool { firstBad == nil && mismatches.isEmpty }

    /// The sequence number of the first event that does not match, if any.
    public var firstBadEvent: Int64? { firstBad?.seq }
    /// The first case whose stored projection differs from its events, if any.
    public var firstBadCase: String? { mismatches.first { $0.table == "cases" }?.key }

    private enum CodingKeys: String, CodingKey {
        case events, headHash, firstBad, mismatches, intact, firstBadEvent, firstBadCase
    }

    init(events: Int64, headHash: String, firstBad: ChainBreak?, mismatches: [RecordMismatch] = []) {
        self.events = events
        self.headHash = headHash
        self.firstBad = firstBad
        self.mismatches = mismatches
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        events = try c.decode(Int64.self, forKey: .events)
        headHash = try c.decode(String.self, forKey: .headHash)
        firstBad = try c.decodeIfPresent(ChainBreak.self, forKey: .firstBad)
        mismatches = try c.decodeIfPresent([RecordMismatch].self, forKey: .mismatches) ?? []
    }

    /// Writes every key, null when absent, so a script reads `first_bad_event` as a number
    /// or null without guessing.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(events, forKey: .events)
        try c.encode(headHash, forKey: .headHash)
        try c.encode(isIntact, forKey: .intact)
        if let firstBad { try c.encode(firstBad, forKey: .firstBad) } else { try c.encodeNil(forKey: .firstBad) }
        if let firstBadEvent { try c.encode(firstBadEvent, forKey: .firstBadEvent) } else { try c.encodeNil(forKey: .firstBadEvent) }
        if let firstBadCase { try c.encode(firstBadCase, forKey: .firstBadCase) } else { try c.encodeNil(forKey: .firstBadCase) }
        try c.encode(mismatches, forKey: .mismatches)
    }
}

/// One thing the desk reads that the log does not bear out: which table, which row, and what
/// differs.
public struct RecordMismatch: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `configuration`, `matrix_versions`, `events`, `cases`, `grants`, `resolutions`,
    /// `customers`, `vault_keys` or `customer_terms`.
    public let table: String
    /// The row: a case id, a customer id, a matrix version, an event's seq.
    public let key: String?
    public let detail: String

    /// How many mismatches verification lists before it stops collecting.
    public static let limit = 20

    public var description: String { key.map { "\(table) \($0): \(detail)" } ?? "\(table): \(detail)" }
}

/// The first place the chain breaks, and why.
public struct ChainBreak: Sendable, Hashable, Codable, CustomStringConvertible {
    public let seq: Int64
    public let reason: String

    /// "event 9: its hash does not match…", or the reason alone when it already names the
    /// event ("event 4 is missing: …").
    public var description: String {
        reason.hasPrefix("event \(seq) ") ? reason : "event \(seq): \(reason)"
    }
}
