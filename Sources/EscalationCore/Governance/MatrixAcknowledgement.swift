/// One person's acknowledgement that they have read what a matrix version changed in their
/// authority (an event on the centre's log).
public struct MatrixAcknowledgement: Sendable, Hashable {
    public let staff: String
    public let version: String
    public let at: Int64

    public init(staff: String, version: String, at: Int64) {
        self.staff = staff
        self.version = version
        self.at = at
    }
}

/// Where one person stands towards a version's acknowledgement.
public enum AcknowledgementStanding: Sendable, Hashable {
    /// They acknowledged it at this time.
    case acknowledged(at: Int64)
    /// It changed their role's authority and they have not acknowledged it yet.
    case waiting
    /// It changed nothing in their role's authority: nobody asks them.
    case notAsked
}

/// What a version changed in one role's authority, in words: the screen a person reads
/// before acknowledging.
public struct RoleAuthorityChange: Sendable, Hashable {
    public let role: String
    /// The version compared with.
    public let from: String
    /// The version in force.
    public let to: String
    /// One sentence per change: the role's own cells, its title, and every referral rule
    /// that now sends (or no longer sends) its cases higher.
    public let sentences: [String]
    public let gains: [String]
    public let losses: [String]

    public var isEmpty: Bool { sentences.isEmpty }
}

/// The rules of acknowledging a matrix version, once: what changed for a role, whom a
/// version asks, and what each person still owes.
///
/// A person is asked about the version in force, compared with the version that was in
/// force just before it came into force. A version that changes nothing in a role's
/// authority asks nobody in that role and records nothing: "not asked" is worked out from
/// the versions whenever it is needed, so it can never disagree with them.
public enum MatrixAcknowledgements {
    /// What changed for `role` between policies `old` and `new` (versions `from` → `to`):
    /// the core's `MatrixDiff`, filtered to the role.
    public static func change(for role: String, from: String, _ old: EscalationPolicy, to: String,
                              _ new: EscalationPolicy) -> RoleAuthorityChange {
        let diff = MatrixDiff(from: old, to: new)
        let ladder = new.ladder.roles.map(\.id)
        let rank = ladder.firstIndex(of: role)
        /// Whether a referral rule stops `role`: it sends cases to a role above it.
        func stops(_ rule: ReferralRule) -> Bool {
            guard let rank, let min = ladder.firstIndex(of: rule.minRole) else { return false }
            return min > rank
        }
        let sentences = diff.changes.compactMap { change -> String? in
            switch change {
            case .cell(let r, _, _, _), .roleRetitled(let r, _, _):
                return r == role ? change.sentence : nil
            case .referralAdded(let rule), .referralRemoved(let rule):
                return stops(rule) ? change.sentence : nil
            case .referralChanged(let a, let b):
                return stops(a) || stops(b) ? change.sentence : nil
            case .actionAdded, .actionRemoved, .actionChanged, .routing:
                return nil
            }
        }
        let shift = diff.shifts.first { $0.role == role }
        return RoleAuthorityChange(role: role, from: from, to: to, sentences: sentences, gains: shift?.gains ?? [],
                                   losses: shift?.losses ?? [])
    }

    /// The version `version` is compared with: the one in force just before it came into
    /// force (nil for the first version, which nobody is asked about).
    public static func predecessor(of version: MatrixVersion, in register: MatrixRegister) -> MatrixVersion? {
        guard version.status == .approved, let effective = version.effectiveAt, effective > .min else { return nil }
        let before = register.inForce(at: effective - 1)
        return before?.id == version.id ? nil : before
    }

    /// The latest acknowledgement of `version` by `staff`, if any.
    public static func acknowledgement(by staff: String, of version: String,
                                       in acks: [MatrixAcknowledgement]) -> MatrixAcknowledgement? {
        acks.filter { $0.staff == staff && $0.version == version }.max { $0.at < $1.at }
    }

    /// Where `staff` stands towards `version`, given what it changed for their role.
    public static func standing(of staff: String, toward version: String, change: RoleAuthorityChange,
                                acks: [MatrixAcknowledgement]) -> AcknowledgementStanding {
        if let ack = acknowledgement(by: staff, of: version, in: acks) { return .acknowledged(at: ack.at) }
        return change.isEmpty ? .notAsked : .waiting
    }

    /// Whether `staff` may acknowledge `version` at `t`: only the version in force (a
    /// person acknowledges what they now decide under), and only once.
    public static func checkAcknowledge(_ version: String, by staff: String, register: MatrixRegister,
                                        acks: [MatrixAcknowledgement], at t: Int64) throws(AcknowledgementRefusal) {
        guard let v = register.version(version) else { throw .unknownVersion(version) }
        guard register.inForce(at: t)?.id == version else {
            throw .notInForce(version: version, standing: register.standing(of: v, at: t))
        }
        if let ack = acknowledgement(by: staff, of: version, in: acks) { throw .already(version: version, at: ack.at) }
    }
}

/// Why an acknowledgement is refused.
public enum AcknowledgementRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownVersion(String)
    case notInForce(version: String, standing: MatrixVersionStanding)
    case already(version: String, at: Int64)

    public var description: String {
        switch self {
        case .unknownVersion(let id): "there is no matrix version \(InputQuote.clip(id))"
        case .notInForce(let version, let standing):
            "matrix version \(version) is \(standing.words); only the version in force can be acknowledged"
        case .already(let version, _): "matrix version \(version) is already acknowledged"
        }
    }
}
