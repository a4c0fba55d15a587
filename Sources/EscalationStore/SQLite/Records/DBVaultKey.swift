import Foundation
import GRDB

/// A row of `vault_keys`: the key that seals one owner's personal data (a customer's, or the
/// centre's). Erasure deletes it.
struct DBVaultKey: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "vault_keys"

    var owner: String
    var key: Data

    enum Columns {
        static let owner = Column(CodingKeys.owner)
    }
}
