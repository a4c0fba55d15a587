import GRDB

/// A row of `customer_terms`: one normalised word of a customer's name, for search (the
/// only plaintext copy of a name; erasure deletes it).
struct DBCustomerTerm: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customer_terms"

    var term: String
    var customerID: String

    enum CodingKeys: String, CodingKey {
        case term, customerID = "customer_id"
    }

    enum Columns {
        static let term = Column(CodingKeys.term)
        static let customerID = Column(CodingKeys.customerID)
    }
}
