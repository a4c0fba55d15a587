/// A resolution that granted remedies, as the log records it: who resolved which case, in
/// which role, granting what, and when. `audit authority` judges each one again.
public struct RecordedGrant: Sendable, Hashable {
    public let caseID: String
    /// The resolution event's place in the log.
    public let seq: Int64
    public let at: EpochMillis
    /// The staff id of the resolver.
    public let actor: String
    /// The role the resolver acted in, as the event records it.
    public let role: String
    public let grants: [RemedyRequest]

    public init(caseID: String, seq: Int64, at: EpochMillis, actor: String, role: String, grants: [RemedyRequest]) {
        self.caseID = caseID
        self.seq = seq
        self.at = at
        self.actor = actor
        self.role = role
        self.grants = grants
    }
}

/// One remedy granted outside its granter's authority, with the core's sentence saying why.
public struct AuthorityBreach: Sendable, Hashable, Codable {
    public let caseID: String
    public let seq: Int64
    public let at: EpochMillis
    public let actor: String
    public let role: String
    public let action: String
    public let amount: Money?
    /// The matrix version in force when it was granted, which it was judged under.
    public let version: String
    /// The core's reasons (`Reason.detail`) that concern this remedy.
    public let reasons: [String]

    public init(caseID: String, seq: Int64, at: EpochMillis, actor: String, role: String, action: String,
                amount: Money?, version: String, reasons: [String]) {
        self.caseID = caseID
        self.seq = seq
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.amount = amount
        self.version = version
        self.reasons = reasons
    }
}

/// Proof of authority: each recorded grant decided again by the core's `decide` under the
/// version in force at its time, with the rolling totals and contacts the log holds before
/// it, and kept only when the rulebook lets its resolver resolve with it (a recorded
/// delegation covers referral rules as it does at the desk). Never a copy of the rules.
public enum AuthorityAudit {
    /// The remedies of `grant` outside authority, each with the reasons that concern it;
    /// empty when the resolver was within their authority.
    ///
    /// - Parameters:
    ///   - c: the case as its events left it just before the resolution (its flags,
    ///     identity check and any delegation).
    ///   - rulebook: the rules of the version in force at `grant.at`.
    ///   - heldRole: the role the resolver held at that moment: their role on the staff
    ///     list, or the higher one an approved acting cover gave them then; nil when they
    ///     are not on the staff list. The grant is judged under it, never under the role the
    ///     event records: a recorded role they did not hold is itself outside authority.
    public static func breaches(of grant: RecordedGrant, on c: Case, context: DecisionContext, rulebook: CaseRulebook,
                                heldRole: String?) -> [AuthorityBreach] {
        let policy = rulebook.policy
        let top = policy.ladder.top.id
        guard let handler = heldRole else {
            let reason = Reason(rule: "", requires: top, detail: "\(grant.actor) is not on the centre's staff list")
            return grant.grants.map { breach(grant, $0, version: policy.matrix.version, [reason]) }
        }
        // A role recorded but not held: every remedy rests on authority the person did not have.
        let misrecorded = handler == grant.role ? [] : [Reason(rule: "", requires: top, detail:
            "the log records \(grant.actor) acting as \(policy.ladder.title(of: grant.role)), but they were "
            + "\(policy.ladder.title(of: handler)) then")]
        let blocking: [Reason]
        do {
            let decision = try policy.decide(handler: handler, requests: grant.grants, context: context)
            blocking = rulebook.blockingReasons(decision, on: c)
        } catch {
            // A grant no decision can rest on under this version (an action it does not
            // know, a role off the ladder): every remedy of it is outside authority.
            let reason = Reason(rule: "", requires: top, detail: error.description)
            return grant.grants.map { breach(grant, $0, version: policy.matrix.version, misrecorded + [reason]) }
        }
        guard !blocking.isEmpty || !misrecorded.isEmpty else { return [] }
        return grant.grants.compactMap { remedy in
            let concerning = misrecorded + blocking.filter { reason in
                let forAction = reason.rule.hasPrefix("authority.") || reason.rule.hasPrefix("identity.")
                return !forAction || reason.rule.split(separator: ".", maxSplits: 1).last.map(String.init) == remedy.action
            }
            return concerning.isEmpty ? nil : breach(grant, remedy, version: policy.matrix.version, concerning)
        }
    }

    private static func breach(_ grant: RecordedGrant, _ remedy: RemedyRequest, version: String, _ reasons: [Reason]) -> AuthorityBreach {
        AuthorityBreach(caseID: grant.caseID, seq: grant.seq, at: grant.at, actor: grant.actor, role: grant.role,
                        action: remedy.action, amount: remedy.amount, version: version, reasons: reasons.map(\.detail))
    }
}

/// A customer's contacts and grants as the log records them, in log order: what a replay
/// counts a decision's context from (`ContextWindows`), as the desk counted it then: every
/// case recorded before the decision by when its contact reached the firm (as last
/// corrected before it), and every grant by when it was recorded.
public struct CustomerReplay: Sendable {
    public let flags: [String]
    /// When each of the customer's cases was received, by case id.
    private var receipts: [String: EpochMillis] = [:]
    private var grants: [(action: String, at: EpochMillis, minor: Int64)] = []

    public init(flags: [String]) {
        self.flags = flags
    }

    /// A case opened, received at `receivedAt`; a correction of when it was received is
    /// recorded the same way.
    public mutating func received(_ caseID: String, at receivedAt: EpochMillis) {
        receipts[caseID] = receivedAt
    }

    public mutating func granted(_ remedies: [RemedyRequest], at: EpochMillis) {
        for remedy in remedies {
            if let amount = remedy.amount { grants.append((remedy.action, at, amount.minor)) }
        }
    }

    /// Cases received after `after`, counted no further than `atMost`.
    public func contacts(after: EpochMillis, atMost: Int) -> Int {
        var count = 0
        for at in receipts.values where at > after {
            count += 1
            if count >= atMost { break }
        }
        return count
    }

    /// Minor units of `action` granted after `after`, held at `Int64.max` rather than overflowing.
    public func granted(action: String, after: EpochMillis) -> Int64 {
        grants.reduce(0) { total, g in g.action == action && g.at > after ? GrantHistory.saturatingSum(total, g.minor) : total }
    }

    /// The context of a decision on this customer's case at `now`, counted over `windows`.
    public func context(_ windows: ContextWindows, caseFlags: [String], channel: String, identityVerified: Bool,
                        requests: [RemedyRequest], now: EpochMillis) -> DecisionContext {
        windows.context(customerFlags: flags, caseFlags: caseFlags, channel: channel, identityVerified: identityVerified,
                        requests: requests, now: now, pendingContact: false,
                        contacts: { contacts(after: $0, atMost: $1) }, granted: { granted(action: $0, after: $1) })
    }
}
