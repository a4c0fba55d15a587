import GRDB

/// A row of `grants`: one remedy granted on a case, which rolling caps add up.
struct DBGrant: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "grants"

    /// Assigned by SQLite on insert: the order grants were written in.
    var id: Int64?
    var caseNumber: Int64
    var customerID: String
    var action: String
    var minor: Int64
    var grantedAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, caseNumber = "case_number", customerID = "customer_id", action, minor, grantedAt = "granted_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let caseNumber = Column(CodingKeys.caseNumber)
        static let customerID = Column(CodingKeys.customerID)
        static let action = Column(CodingKeys.action)
        static let minor = Column(CodingKeys.minor)
        static let grantedAt = Column(CodingKeys.grantedAt)
    }
}

extension DBGrant {
    init(_ g: GrantRow, caseNumber: Int64) {
        self.init(id: nil, caseNumber: caseNumber, customerID: g.customerID, action: g.action, minor: g.minor,
                  grantedAt: g.grantedAt)
    }

    var row: GrantRow {
        GrantRow(caseID: CaseNumbers.id(caseNumber), customerID: customerID, action: action, minor: minor, grantedAt: grantedAt)
    }
}
