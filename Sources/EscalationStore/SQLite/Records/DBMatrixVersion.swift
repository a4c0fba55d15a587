import GRDB

/// A row of `matrix_versions`: an authority matrix and referral rules (JSON) and where the
/// version stands.
struct DBMatrixVersion: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matrix_versions"

    var version: String
    var policyJSON: String
    var status: String
    var effectiveAt: Int64?
    var createdAt: Int64
    var createdBy: String

    enum CodingKeys: String, CodingKey {
        case version, policyJSON = "policy_json", status, effectiveAt = "effective_at", createdAt = "created_at"
        case createdBy = "created_by"
    }

    enum Columns {
        static let version = Column(CodingKeys.version)
        static let status = Column(CodingKeys.status)
        static let effectiveAt = Column(CodingKeys.effectiveAt)
    }
}

extension DBMatrixVersion {
    var row: MatrixVersionRow {
        MatrixVersionRow(version: version, policyJSON: policyJSON, status: status, effectiveAt: effectiveAt,
                         createdAt: createdAt, createdBy: createdBy)
    }
}
