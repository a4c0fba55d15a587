import GRDB

/// A row of `customers`: flags in the clear, name and contact sealed under the customer's
/// own key (both NULL once erased).
struct DBCustomer: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "customers"

    var id: String
    var nameSealed: String?
    var contactSealed: String?
    var flags: String
    var createdAt: Int64
    var erasedAt: Int64?
    /// The customer's calendar (schema v12; NULL for the centre's and on every row before it).
    var calendar: String?

    enum CodingKeys: String, CodingKey {
        case id, nameSealed = "name_sealed", contactSealed = "contact_sealed", flags, createdAt = "created_at"
        case erasedAt = "erased_at", calendar
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let nameSealed = Column(CodingKeys.nameSealed)
        static let contactSealed = Column(CodingKeys.contactSealed)
        static let erasedAt = Column(CodingKeys.erasedAt)
    }
}

extension DBCustomer {
    init(_ c: SealedCustomer) {
        self.init(id: c.id, nameSealed: c.nameSealed, contactSealed: c.contactSealed, flags: StoredList.encode(c.flags),
                  createdAt: c.createdAt, erasedAt: c.erasedAt, calendar: c.calendar)
    }

    var row: SealedCustomer {
        SealedCustomer(id: id, nameSealed: nameSealed, contactSealed: contactSealed, flags: StoredList.decode(flags),
                    createdAt: createdAt, erasedAt: erasedAt, calendar: calendar)
    }
}
