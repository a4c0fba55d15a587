import EscalationCore
import GRDB

/// A row of `matrix_versions`: a policy (matrix, referral rules, routing, as JSON), its
/// digest, and its governance: who proposed it on which base and why, who decided and why,
/// and from when it is in force (schema 11).
struct DBMatrixVersion: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matrix_versions"

    var version: String
    var policyJSON: String
    var policySHA256: String
    var status: String
    var baseVersion: String?
    var effectiveAt: Int64?
    var createdAt: Int64
    var createdBy: String
    var proposalRationale: String?
    var decidedAt: Int64?
    var decidedBy: String?
    var decisionRationale: String?
    var approvalSeq: Int64?

    enum CodingKeys: String, CodingKey {
        case version, policyJSON = "policy_json", policySHA256 = "policy_sha256", status, baseVersion = "base_version"
        case effectiveAt = "effective_at", createdAt = "created_at", createdBy = "created_by"
        case proposalRationale = "proposal_rationale", decidedAt = "decided_at", decidedBy = "decided_by"
        case decisionRationale = "decision_rationale", approvalSeq = "approval_seq"
    }

    enum Columns {
        static let version = Column(CodingKeys.version)
        static let policyJSON = Column(CodingKeys.policyJSON)
        static let status = Column(CodingKeys.status)
        static let effectiveAt = Column(CodingKeys.effectiveAt)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ v: MatrixVersion, policyJSON: String) {
        version = v.id
        self.policyJSON = policyJSON
        policySHA256 = v.policyDigest
        status = v.status.rawValue
        baseVersion = v.base
        effectiveAt = v.effectiveAt
        createdAt = v.proposedAt
        createdBy = v.proposedBy
        proposalRationale = v.proposalRationale
        decidedAt = v.decidedAt
        decidedBy = v.decidedBy
        decisionRationale = v.decisionRationale
        approvalSeq = v.approvalOrder
    }

    /// The version's governance as stored; a status no release writes reads as `nil`.
    var record: MatrixVersion? {
        guard let status = MatrixVersionStatus(rawValue: status) else { return nil }
        return MatrixVersion(id: version, status: status, base: baseVersion, policyDigest: policySHA256, proposedBy: createdBy,
                             proposedAt: createdAt, proposalRationale: proposalRationale, effectiveAt: effectiveAt,
                             decidedBy: decidedBy, decidedAt: decidedAt, decisionRationale: decisionRationale,
                             approvalOrder: approvalSeq)
    }

    var row: MatrixVersionRow { MatrixVersionRow(record: record, status: status, policyJSON: policyJSON, id: version) }
}
