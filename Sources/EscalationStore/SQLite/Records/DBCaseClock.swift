import GRDB

/// A row of `case_clocks` (schema v12): one clock of one active case (`ClockRow`).
struct DBCaseClock: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "case_clocks"

    var caseNumber: Int64
    var clock: String
    var dueAt: Int64
    var warnAt: Int64
    var state: String
    var escalateTo: String?
    var escalatedAt: Int64?

    enum CodingKeys: String, CodingKey {
        case caseNumber = "case_number", clock, dueAt = "due_at", warnAt = "warn_at", state
        case escalateTo = "escalate_to", escalatedAt = "escalated_at"
    }

    enum Columns {
        static let caseNumber = Column(CodingKeys.caseNumber)
        static let clock = Column(CodingKeys.clock)
        static let dueAt = Column(CodingKeys.dueAt)
        static let warnAt = Column(CodingKeys.warnAt)
        static let state = Column(CodingKeys.state)
        static let escalateTo = Column(CodingKeys.escalateTo)
    }
}

extension DBCaseClock {
    init(_ r: ClockRow) {
        self.init(caseNumber: r.caseNumber, clock: r.clock, dueAt: r.dueAt, warnAt: r.warnAt, state: r.state,
                  escalateTo: r.escalateTo, escalatedAt: r.escalatedAt)
    }

    var row: ClockRow {
        ClockRow(caseNumber: caseNumber, clock: clock, dueAt: dueAt, warnAt: warnAt, state: state, escalateTo: escalateTo,
                 escalatedAt: escalatedAt)
    }
}
