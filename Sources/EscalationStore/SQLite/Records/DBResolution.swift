import GRDB

/// A row of `resolutions`: what monitoring needs of each resolution, keyed by its event's seq.
struct DBResolution: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "resolutions"

    var seq: Int64
    var caseNumber: Int64
    var outcome: String
    var rootCause: String
    var matrixVersion: String
    var handlerRole: String
    var resolver: String
    var receivedAt: Int64
    var escalatedAt: Int64?
    var resolvedAt: Int64
    var grants: String

    enum CodingKeys: String, CodingKey {
        case seq, caseNumber = "case_number", outcome, rootCause = "root_cause", matrixVersion = "matrix_version"
        case handlerRole = "handler_role", resolver, receivedAt = "received_at", escalatedAt = "escalated_at"
        case resolvedAt = "resolved_at", grants
    }

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let caseNumber = Column(CodingKeys.caseNumber)
    }
}

extension DBResolution {
    init(_ r: ResolutionRow, caseNumber: Int64) {
        self.init(seq: r.seq, caseNumber: caseNumber, outcome: r.outcome, rootCause: r.rootCause,
                  matrixVersion: r.matrixVersion, handlerRole: r.handlerRole, resolver: r.resolver,
                  receivedAt: r.receivedAt, escalatedAt: r.escalatedAt, resolvedAt: r.resolvedAt, grants: r.grants)
    }

    var row: ResolutionRow {
        ResolutionRow(seq: seq, caseID: CaseNumbers.id(caseNumber), outcome: outcome, rootCause: rootCause,
                      matrixVersion: matrixVersion, handlerRole: handlerRole, resolver: resolver, receivedAt: receivedAt,
                      escalatedAt: escalatedAt, resolvedAt: resolvedAt, grants: grants)
    }
}
