import EscalationCore
import GRDB

/// A row of `cases`: the case projection, keyed by the case's number (its id is the number
/// written out). Flags and the timeline are stored as JSON arrays (`StoredList`).
struct DBCase: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cases"

    var number: Int64
    var id: String
    var customerID: String
    var kind: String
    var channel: String
    var summarySealed: String
    var state: String
    var live: Bool
    var caseFlags: String
    var identityVerified: Bool
    var queueRole: String?
    var holder: String?
    var escalatedBy: String?
    var delegatedBy: String?
    var delegatedRole: String?
    var openedBy: String
    var requests: String
    var decision: String
    var receivedAt: Int64
    var escalatedAt: Int64?
    var resolvedAt: Int64?
    var closedAt: Int64?
    var deadlineAt: Int64
    var version: Int64
    var timeline: String
    /// The team the referral waits for (schema v8; NULL on every row before it).
    var queueTeam: String?

    enum CodingKeys: String, CodingKey {
        case number, id, customerID = "customer_id", kind, channel, summarySealed = "summary_sealed", state, live
        case caseFlags = "case_flags", identityVerified = "identity_verified", queueRole = "queue_role", holder
        case escalatedBy = "escalated_by", delegatedBy = "delegated_by", delegatedRole = "delegated_role"
        case openedBy = "opened_by", requests, decision, receivedAt = "received_at", escalatedAt = "escalated_at"
        case resolvedAt = "resolved_at", closedAt = "closed_at", deadlineAt = "deadline_at", version, timeline
        case queueTeam = "queue_team"
    }

    enum Columns {
        static let number = Column(CodingKeys.number)
        static let id = Column(CodingKeys.id)
        static let customerID = Column(CodingKeys.customerID)
        static let state = Column(CodingKeys.state)
        static let live = Column(CodingKeys.live)
        static let queueRole = Column(CodingKeys.queueRole)
        static let receivedAt = Column(CodingKeys.receivedAt)
        static let version = Column(CodingKeys.version)
    }
}

extension DBCase {
    /// The row that stores a case: its number is the one its id is written from.
    init(_ c: Case) {
        self.init(number: CaseNumbers.number(ofID: c.id) ?? 0, id: c.id, customerID: c.customerID, kind: c.kind,
                  channel: c.channel, summarySealed: c.summary, state: c.state.rawValue, live: c.live,
                  caseFlags: StoredList.encode(c.caseFlags), identityVerified: c.identityVerified, queueRole: c.queueRole,
                  holder: c.holder, escalatedBy: c.escalatedBy, delegatedBy: c.delegatedBy, delegatedRole: c.delegatedRole,
                  openedBy: c.openedBy, requests: PayloadCodec.requestsText(c.requests),
                  decision: PayloadCodec.decisionText(c.decision), receivedAt: c.receivedAt, escalatedAt: c.escalatedAt,
                  resolvedAt: c.resolvedAt, closedAt: c.closedAt, deadlineAt: c.deadlineAt, version: c.version,
                  timeline: StoredList.encode(c.timeline), queueTeam: c.queueTeam)
    }

    /// The case this row holds, amounts in `currency`; a row no case could have been
    /// stored as is unreadable.
    func `case`(currency: Currency) -> Result<Case, UnreadableCase> {
        // Read once: strictly for the case, leniently for naming the events of one that cannot be read.
        let checkedTimeline = StoredList.numbers(timeline)
        let timeline = checkedTimeline ?? StoredList.decodeNumbers(timeline)
        func unreadable(_ reason: String) -> Result<Case, UnreadableCase> {
            .failure(UnreadableCase(caseID: id, reason: reason, timeline: timeline))
        }
        guard CaseNumbers.number(ofID: id) == number else {
            return unreadable("number is \(number) but its id says \(CaseNumbers.number(ofID: id).map(String.init) ?? "none")")
        }
        guard let state = CaseState(rawValue: state) else { return unreadable("state is \(state.prefix(40)), which no case can be in") }
        guard let decision = PayloadCodec.decision(text: decision) else { return unreadable("decision cannot be read") }
        guard let caseFlags = StoredList.strings(caseFlags) else { return unreadable("case_flags cannot be read") }
        guard let requests = PayloadCodec.readableRequests(text: requests, currency: currency) else {
            return unreadable("requests cannot be read")
        }
        guard checkedTimeline != nil else { return unreadable("timeline cannot be read") }
        return .success(Case(
            id: id, customerID: customerID, kind: kind, channel: channel, summary: summarySealed, state: state, live: live,
            caseFlags: caseFlags, identityVerified: identityVerified, queueRole: queueRole, holder: holder,
            escalatedBy: escalatedBy, delegatedBy: delegatedBy, delegatedRole: delegatedRole, openedBy: openedBy,
            requests: requests, decision: decision, receivedAt: receivedAt,
            escalatedAt: escalatedAt, resolvedAt: resolvedAt, closedAt: closedAt, deadlineAt: deadlineAt, version: version,
            timeline: timeline, queueTeam: queueTeam))
    }

    /// The case, or `StoreError.corrupt` naming what is wrong with its row.
    func readCase(currency: Currency) throws -> Case {
        switch `case`(currency: currency) {
        case .success(let c): return c
        case .failure(let unreadable): throw StoreError.corrupt(unreadable.description)
        }
    }
}
