import EscalationCore

/// The matrix versions, bound to the chain: the register the governance events leave (the
/// first version from the event that created the database, then every proposal, approval,
/// rejection and rebase, folded by the core) must be the one stored, and each stored policy
/// must be the one its proposal's digest names. A status flipped by hand, an approval
/// nobody recorded, a policy swapped under an approved version: each is named.
///
/// Cheap (the governance events are read through an index, and a centre has a handful of
/// versions), so every open checks it, and a desk checks it again whenever the register it
/// reads inside a write is not the one it last checked.
enum GovernanceBinding {
    enum Rebuilt {
        case register(MatrixRegister)
        case broken(RecordMismatch)
    }

    /// The register as the database's first event leaves it: version 1 in force.
    static func founding(_ reader: any LedgerReader) throws -> MatrixRegister? {
        guard let first = try reader.event(seq: 1), first.kind == EventKind.centreCreated.rawValue,
              let payload = try? JSONValue.parse(first.payload), let id = payload["matrix_version"]?.string,
              let digest = payload["policy_sha256"]?.string else {
            return nil
        }
        return MatrixRegister([.founding(id: id, policyDigest: digest, at: first.at, by: first.actor, seq: first.seq)])
    }

    /// The register the log records, or what stops it being rebuilt.
    static func rebuilt(_ reader: any LedgerReader) throws -> Rebuilt {
        func fail(_ key: String?, _ detail: String) -> Rebuilt {
            .broken(RecordMismatch(table: "matrix_versions", key: key, detail: detail))
        }
        guard var register = try founding(reader) else {
            return fail(nil, "the event that created the database does not name its first matrix version")
        }
        for e in try reader.matrixEvents() {
            guard let event = MatrixEvents.event(e) else {
                return .broken(RecordMismatch(table: "events", key: String(e.seq), detail: "its payload cannot be read"))
            }
            do { register = try register.applying(event, actor: e.actor, at: e.at, seq: e.seq) } catch {
                return .broken(RecordMismatch(table: "events", key: String(e.seq), detail: error.description))
            }
        }
        return .register(register)
    }

    /// Every difference between the stored versions' governance and the log's.
    static func mismatches(_ reader: any LedgerReader) throws -> [RecordMismatch] {
        let expected: MatrixRegister
        switch try rebuilt(reader) {
        case .register(let register): expected = register
        case .broken(let mismatch): return [mismatch]
        }
        return compare(stored: try reader.matrixRegister(), expected: expected)
    }

    static func compare(stored: MatrixRegister, expected: MatrixRegister) -> [RecordMismatch] {
        var found: [RecordMismatch] = []
        for v in stored.versions {
            guard let e = expected.version(v.id) else {
                found.append(RecordMismatch(table: "matrix_versions", key: v.id, detail: "no event records this matrix version"))
                continue
            }
            if v != e {
                found.append(RecordMismatch(table: "matrix_versions", key: v.id,
                                            detail: RecordVerifier.differences(stored: v, rebuilt: e)))
            }
        }
        for e in expected.versions where stored.version(e.id) == nil {
            found.append(RecordMismatch(table: "matrix_versions", key: e.id, detail: "the matrix version its events record is missing"))
        }
        return found
    }

    /// Stored policies that are not the ones their versions' digests name (`audit verify`).
    static func policyMismatches(_ reader: any LedgerAuditReader) throws -> [RecordMismatch] {
        try reader.matrixVersions().compactMap { row in
            guard let record = row.record else {
                return RecordMismatch(table: "matrix_versions", key: row.id, detail: "its status \(row.status) is not one escdesk writes")
            }
            guard EventChain.digest(row.policyJSON) != record.policyDigest else { return nil }
            return RecordMismatch(table: "matrix_versions", key: row.id, detail: "its policy is not the one its proposal recorded")
        }
    }
}
