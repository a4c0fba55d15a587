/// Which flags a centre lets staff put on a case or a customer, and what a flag may look like.
///
/// A configuration that declares `case_flags:` or `customer_flags:` lists them exactly.
/// Otherwise (CONFIG.md: flags are free names) a centre accepts the flags its referral rules
/// look at plus the common ones agents record for the next handler's sake, so a flag typed
/// on a desk or a command line is either one the engine or a person will read, never a typo
/// or a stray escape sequence that every later viewer's terminal would run.
public enum FlagRules {
    /// What a flag is put on.
    public enum Kind: Sendable, Hashable {
        case caseFlag, customerFlag

        /// "case flag" / "customer flag", for sentences.
        public var noun: String { self == .caseFlag ? "case flag" : "customer flag" }
    }

    /// Customer flags accepted even when no referral rule names them (the demo sets the first two).
    public static let commonCustomerFlags = ["vulnerable", "high_profile", "bereaved"]
    /// Case flags accepted even when no referral rule names them.
    public static let commonCaseFlags = ["legal_threat", "regulator", "ombudsman", "media", "social_media", "bereavement"]

    /// The longest flag.
    public static let maxLength = 64

    /// The flags a centre accepts: the declared list when there is one, else the flags the
    /// referral rules name (in rule order) followed by the common ones, without repeats.
    public static func accepted(_ kind: Kind, declared: [String]?, referrals: [ReferralRule]) -> [String] {
        if let declared { return declared }
        var named: [String] = []
        for rule in referrals { collect(rule.when, kind, into: &named) }
        var seen = Set<String>()
        return (named + common(kind)).filter { seen.insert($0).inserted }
    }

    /// The common flags of a kind.
    public static func common(_ kind: Kind) -> [String] {
        kind == .caseFlag ? commonCaseFlags : commonCustomerFlags
    }

    /// The flags of `kind` that a condition looks at, in the order written.
    public static func collect(_ condition: ReferralCondition, _ kind: Kind, into flags: inout [String]) {
        switch condition {
        case .customerFlag(let names): if kind == .customerFlag { flags += names }
        case .caseFlag(let names): if kind == .caseFlag { flags += names }
        case .all(let inner), .any(let inner): for c in inner { collect(c, kind, into: &flags) }
        case .repeatContacts, .requestedTotalOver, .channel: break
        }
    }

    /// Identifier-shaped: 1 to 64 ASCII letters, digits, `_`, `-` or `.`.
    public static func isWellFormed(_ flag: String) -> Bool {
        let utf8 = flag.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength else { return false }
        return utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x2E
        }
    }

    /// The first flag that is not acceptable, or nil when all are: badly formed, or not
    /// among `accepted`.
    public static func firstRefused(_ flags: [String], accepted: [String]) -> String? {
        flags.first { !isWellFormed($0) || !accepted.contains($0) }
    }
}

extension Centre {
    /// The case flags this centre accepts (`FlagRules.accepted`).
    public var acceptedCaseFlags: [String] {
        FlagRules.accepted(.caseFlag, declared: declaredCaseFlags, referrals: policy.referrals)
    }

    /// The customer flags this centre accepts (`FlagRules.accepted`).
    public var acceptedCustomerFlags: [String] {
        FlagRules.accepted(.customerFlag, declared: declaredCustomerFlags, referrals: policy.referrals)
    }

    /// The flags of a kind this centre accepts.
    public func acceptedFlags(_ kind: FlagRules.Kind) -> [String] {
        kind == .caseFlag ? acceptedCaseFlags : acceptedCustomerFlags
    }
}
