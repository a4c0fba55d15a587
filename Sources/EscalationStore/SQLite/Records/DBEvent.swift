import GRDB

/// A row of `events`: one event of the hash-chained log.
struct DBEvent: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "events"

    var seq: Int64
    var caseID: String?
    var at: Int64
    var actor: String
    var kind: String
    var payload: String
    var prevHash: String
    var hash: String
    /// 1 on the newest event only (the head mark), NULL on every other.
    var head: Int?

    enum CodingKeys: String, CodingKey {
        case seq, caseID = "case_id", at, actor, kind, payload, prevHash = "prev_hash", hash, head
    }

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let caseID = Column(CodingKeys.caseID)
        static let head = Column(CodingKeys.head)
    }
}

extension DBEvent {
    /// Reads a row by column name, as GRDB recommends for records read in bulk (replay,
    /// audit and simulation read every event), instead of through `Decodable`; a value of the
    /// wrong type (a table edited by hand) throws, as decoding did.
    init(row: Row) throws {
        seq = try row.decode(forColumn: CodingKeys.seq.stringValue)
        caseID = try row.decode(forColumn: CodingKeys.caseID.stringValue)
        at = try row.decode(forColumn: CodingKeys.at.stringValue)
        actor = try row.decode(forColumn: CodingKeys.actor.stringValue)
        kind = try row.decode(forColumn: CodingKeys.kind.stringValue)
        payload = try row.decode(forColumn: CodingKeys.payload.stringValue)
        prevHash = try row.decode(forColumn: CodingKeys.prevHash.stringValue)
        hash = try row.decode(forColumn: CodingKeys.hash.stringValue)
        head = try row.decode(forColumn: CodingKeys.head.stringValue)
    }

    init(_ e: StoredEvent) {
        self.init(seq: e.seq, caseID: e.caseID, at: e.at, actor: e.actor, kind: e.kind, payload: e.payload,
                  prevHash: e.prevHash, hash: e.hash, head: e.isHead ? 1 : nil)
    }

    var stored: StoredEvent {
        StoredEvent(seq: seq, caseID: caseID, at: at, actor: actor, kind: kind, payload: payload, prevHash: prevHash,
                    hash: hash, isHead: head == 1)
    }
}
