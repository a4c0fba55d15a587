/// Every matrix version of a centre, in the order they were proposed: the fold of the
/// governance events, and the answer to "which version is in force at this moment?".
public struct MatrixRegister: Sendable, Hashable {
    public private(set) var versions: [MatrixVersion]

    public init(_ versions: [MatrixVersion]) {
        self.versions = versions
    }

    public func version(_ id: String) -> MatrixVersion? { versions.first { $0.id == id } }

    /// The version in force at `t` (milliseconds): of the approved versions whose effective
    /// time has come, the one with the latest effective time, and of equal times the later
    /// approval. Nil before the first version's effective time.
    public func inForce(at t: Int64) -> MatrixVersion? {
        var best: MatrixVersion?
        for v in versions where v.status == .approved {
            guard let effective = v.effectiveAt, effective <= t else { continue }
            if let b = best, !Self.later(v, than: b) { continue }
            best = v
        }
        return best
    }

    /// The version a decision at `t` is taken under: the one in force, or before the first
    /// version's time (a clock far behind) the first approved one. Nil only when none is.
    public func deciding(at t: Int64) -> MatrixVersion? {
        inForce(at: t) ?? versions.first { $0.status == .approved }
    }

    /// The version that will be in force once every approved version has come into force:
    /// a new proposal must change this one, or it would undo an approved change.
    public var newestApproved: MatrixVersion? { inForce(at: .max) }

    private static func later(_ a: MatrixVersion, than b: MatrixVersion) -> Bool {
        let (ea, eb) = (a.effectiveAt ?? .min, b.effectiveAt ?? .min)
        if ea != eb { return ea > eb }
        return (a.approvalOrder ?? .min) > (b.approvalOrder ?? .min)
    }

    /// Where a version stands at `t`.
    public func standing(of v: MatrixVersion, at t: Int64) -> MatrixVersionStanding {
        switch v.status {
        case .proposed: return .proposed
        case .rejected: return .rejected
        case .approved:
            if inForce(at: t)?.id == v.id { return .inForce }
            if let effective = v.effectiveAt, effective > t { return .approved }
            return .superseded
        }
    }

    /// The id the next proposal gets: one more than the largest numeric id.
    public var nextID: String {
        String((versions.compactMap { Int($0.id) }.max() ?? 0) + 1)
    }

    /// The register after one more governance step (recorded at `at` by `actor` as event
    /// `seq`). Who may take the step is `MatrixGovernance`'s question, asked before the
    /// event is written; this only refuses what cannot follow at all.
    public func applying(_ event: MatrixEvent, actor: String, at: Int64, seq: Int64) throws(MatrixFoldError) -> MatrixRegister {
        var next = self
        let id = event.version
        let index = versions.firstIndex { $0.id == id }
        func fail(_ reason: String) -> MatrixFoldError { MatrixFoldError(version: id, reason: reason) }
        switch event {
        case .proposed(_, let base, let digest, let rationale, let effectiveAt):
            if index != nil { throw fail("proposed a second time") }
            if version(base) == nil { throw fail("proposed on version \(base), which does not exist") }
            next.versions.append(MatrixVersion(id: id, status: .proposed, base: base, policyDigest: digest, proposedBy: actor,
                                               proposedAt: at, proposalRationale: rationale, effectiveAt: effectiveAt))
        case .approved(_, let rationale, let effectiveAt):
            guard let i = index, versions[i].status == .proposed else { throw fail("approved but not waiting for approval") }
            next.versions[i].status = .approved
            next.versions[i].effectiveAt = effectiveAt
            next.versions[i].decidedBy = actor
            next.versions[i].decidedAt = at
            next.versions[i].decisionRationale = rationale
            next.versions[i].approvalOrder = seq
        case .rejected(_, let rationale):
            guard let i = index, versions[i].status == .proposed else { throw fail("rejected but not waiting for approval") }
            next.versions[i].status = .rejected
            next.versions[i].decidedBy = actor
            next.versions[i].decidedAt = at
            next.versions[i].decisionRationale = rationale
        case .rebased(_, let base):
            guard let i = index, versions[i].status == .proposed else { throw fail("rebased but not waiting for approval") }
            if version(base) == nil { throw fail("rebased on version \(base), which does not exist") }
            next.versions[i].base = base
        }
        return next
    }
}
