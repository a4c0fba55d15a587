import GRDB

/// The one row of `centre`: the centre as created (JSON) and whether the database is for
/// training, both fixed for the database's life.
struct DBCentre: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "centre"
    /// The row's key: a database holds one centre.
    static let onlyID: Int64 = 1

    var id: Int64 = onlyID
    var organisation: String
    var centreJSON: String
    var training: Bool
    var createdAt: Int64

    enum CodingKeys: String, CodingKey {
        case id, organisation, centreJSON = "centre_json", training, createdAt = "created_at"
    }
}
