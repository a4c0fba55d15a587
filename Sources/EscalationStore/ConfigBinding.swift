import EscalationCore

/// The configuration and mode the desk decides from, bound to the chain. The first event
/// records the SHA-256 of the stored centre (staff list and policy included), of the policy
/// put in force, and whether the database is for training; anything else in those tables was
/// put there behind the desk's back: a policy that lets an agent grant £700, a staff list
/// that makes an agent a head of service, a normal database marked for training so that
/// `--as` and `--now` work.
///
/// Cheap (one event, one row, one small table), so every open checks it; `audit verify`
/// checks it too, with the rest of the record.
enum ConfigBinding {
    static func mismatches(_ reader: any LedgerAuditReader) throws -> [RecordMismatch] {
        func mismatch(_ table: String, _ key: String?, _ detail: String) -> [RecordMismatch] {
            [RecordMismatch(table: table, key: key, detail: detail)]
        }
        guard let first = try reader.firstEvent() else {
            return mismatch("events", nil, "the log is empty: the event that created the database is missing")
        }
        guard first.seq == 1, first.kind == EventKind.centreCreated.rawValue, first.caseID == nil,
              first.prevHash == ChainHead.genesisHash, EventChain.hash(of: first) == first.hash,
              let payload = try? JSONValue.parse(first.payload) else {
            return mismatch("events", "1", "the first event is not the intact record of the database's creation")
        }
        guard let record = try reader.centreRecord() else {
            return mismatch("configuration", nil, "the centre's configuration is missing")
        }
        var found: [RecordMismatch] = []
        if payload["centre_sha256"]?.string != EventChain.digest(record.json) {
            found += mismatch("configuration", nil, "the stored configuration (matrix, staff list, kinds, channels) is not "
                              + "the one recorded when the database was created")
        }
        if let training = payload["training"]?.bool, training != record.training {
            found += mismatch("configuration", nil, training
                              ? "the database was created for training but is marked as a normal database"
                              : "the database was created as a normal database but is marked for training")
        }
        // The first version only: the others are bound to their own events (`GovernanceBinding`).
        let versions = try reader.matrixVersions()
        let recorded = payload["matrix_version"]?.string
        if let version = versions.first(where: { $0.id == recorded }) {
            if EventChain.digest(version.policyJSON) != payload["policy_sha256"]?.string {
                found += mismatch("matrix_versions", version.id, "its policy is not the one recorded when the database was created")
            }
            if version.record?.status != .approved || version.record?.effectiveAt != first.at {
                found += mismatch("matrix_versions", version.id, "its status or effective time was changed")
            }
        } else {
            found += mismatch("matrix_versions", recorded, "the matrix version the database was created with is missing")
        }
        return found
    }
}
