/// How long complaint records are kept from receipt (DISP 1.9); erasure refuses inside it
/// unless a permitted role overrides it.
public struct RetentionPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    public let years: Int
    public let months: Int
    public let days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    public var description: String {
        var parts: [String] = []
        if years > 0 { parts.append(years == 1 ? "1 year" : "\(years) years") }
        if months > 0 { parts.append(months == 1 ? "1 month" : "\(months) months") }
        if days > 0 || parts.isEmpty { parts.append(days == 1 ? "1 day" : "\(days) days") }
        return parts.joined(separator: " ")
    }
}

/// A team and its leader.
public struct Team: Sendable, Hashable, Codable {
    public let id: String
    public let name: String
    public let leader: String?

    public init(id: String, name: String, leader: String?) {
        self.id = id
        self.name = name
        self.leader = leader
    }
}

/// A person who works the desk: their role on the ladder and their operating-system login.
public struct StaffMember: Sendable, Hashable, Codable {
    public let id: String
    public let name: String
    public let role: String
    public let login: String
    public let team: String?

    public init(id: String, name: String, role: String, login: String, team: String?) {
        self.id = id
        self.name = name
        self.role = role
        self.login = login
        self.team = team
    }

    /// The same person working in `role` (an acting cover's, or the queue's they work).
    public func working(as role: String) -> StaffMember {
        StaffMember(id: id, name: name, role: role, login: login, team: team)
    }
}

/// Who works here: teams and staff, looked up by id or by login.
public struct StaffDirectory: Sendable, Hashable, Codable {
    public let teams: [Team]
    public let staff: [StaffMember]

    public init(teams: [Team], staff: [StaffMember]) {
        self.teams = teams
        self.staff = staff
    }

    public static let empty = StaffDirectory(teams: [], staff: [])

    public func member(id: String) -> StaffMember? { staff.first { $0.id == id } }
    public func member(login: String) -> StaffMember? { staff.first { $0.login == login } }
    public func team(id: String) -> Team? { teams.first { $0.id == id } }
}

/// Everything a contact centre configures, validated: the organisation, the law in force
/// (matrix, referral rules, routing), what cases and channels exist, and who works here.
public struct Centre: Sendable, Hashable, Codable {
    public let organisation: String
    /// IANA time zone: dates are shown and business days counted here.
    public let timezone: String
    public let retention: RetentionPeriod
    public let policy: EscalationPolicy
    /// Kinds of case the desk opens (`complaint` first: the default).
    public let caseKinds: [String]
    /// Channels a contact may come through.
    public let channels: [String]
    /// Root-cause categories a resolution is filed under.
    public let rootCauses: [String]
    public let staff: StaffDirectory
    /// Regulatory and service clocks (`regulatory/*.yaml`).
    public let clocks: [RegulatoryClock]
    /// Working-day calendars (`calendars/*.yaml`).
    public let calendars: [WorkingCalendar]
    /// The `case_flags:` list of `escalation.yaml`, nil when the file has none. Optional, so
    /// a centre stored before the list existed decodes (nil) and a centre without one encodes
    /// exactly as before (the key is left out). Which flags are accepted is
    /// `acceptedCaseFlags` (FlagRules).
    public let declaredCaseFlags: [String]?
    /// The `customer_flags:` list of `escalation.yaml`, nil when the file has none.
    public let declaredCustomerFlags: [String]?
    /// The `referral_scope:` of `escalation.yaml`, nil when the file has none (then
    /// `TeamRouting` takes the default). Optional and left out when nil, so a centre stored
    /// before the key existed decodes and digests exactly as before.
    public let referralScope: ReferralScope?
    /// The `calendar:` of `escalation.yaml`: what clocks count on when the customer names
    /// no calendar (nil: the first calendar). Optional, so older centres decode unchanged.
    public let defaultCalendar: String?
    /// Retention by kind of case from `regulatory/*.yaml` (DISP 1.9), nil when none is
    /// declared: `retention` then applies to every case.
    public let retentionRules: [RetentionRule]?
    /// The letters of `letters/`, nil when the configuration had none (and in every centre
    /// stored before letters existed, which decodes and digests as before): `letterBook`
    /// then gives the letters this release ships.
    public let letters: LetterBook?

    public init(organisation: String, timezone: String, retention: RetentionPeriod, policy: EscalationPolicy,
                caseKinds: [String], channels: [String], rootCauses: [String], staff: StaffDirectory,
                clocks: [RegulatoryClock] = [], calendars: [WorkingCalendar] = [],
                declaredCaseFlags: [String]? = nil, declaredCustomerFlags: [String]? = nil,
                defaultCalendar: String? = nil, retentionRules: [RetentionRule]? = nil,
                referralScope: ReferralScope? = nil, letters: LetterBook? = nil) {
        self.letters = letters
        self.referralScope = referralScope
        self.defaultCalendar = defaultCalendar
        self.retentionRules = retentionRules
        self.clocks = clocks
        self.calendars = calendars
        self.declaredCaseFlags = declaredCaseFlags
        self.declaredCustomerFlags = declaredCustomerFlags
        self.organisation = organisation
        self.timezone = timezone
        self.retention = retention
        self.policy = policy
        self.caseKinds = caseKinds
        self.channels = channels
        self.rootCauses = rootCauses
        self.staff = staff
    }

    public var currency: Currency { policy.matrix.currency }

    public static let defaultCaseKinds = ["complaint", "enquiry", "service_request"]
    public static let defaultChannels = ["phone", "email", "chat", "letter", "social", "in_person"]
    public static let defaultRootCauses = [
        "billing_error", "metering", "staff_conduct", "process_failure", "system_fault",
        "communication", "third_party", "policy", "other",
    ]
}

extension Centre {
    /// The same centre under another policy (a new matrix version in force), every other
    /// member kept: the one copy to use, so a member added later is never dropped.
    public func withPolicy(_ policy: EscalationPolicy) -> Centre {
        Centre(organisation: organisation, timezone: timezone, retention: retention, policy: policy,
               caseKinds: caseKinds, channels: channels, rootCauses: rootCauses, staff: staff,
               clocks: clocks, calendars: calendars, declaredCaseFlags: declaredCaseFlags,
               declaredCustomerFlags: declaredCustomerFlags, defaultCalendar: defaultCalendar,
               retentionRules: retentionRules, referralScope: referralScope, letters: letters)
    }

    /// The letters the centre sends: its own, else those this release ships.
    public var letterBook: LetterBook { letters ?? .shipped }

    /// How long a case's records are kept: the longest retention rule of `regulatory/*.yaml`
    /// that applies to it (DISP 1.9), else the centre's `retention`.
    public func retention(kind: String, flags: Set<String> = []) -> RetentionPeriod {
        retentionRules.flatMap { RetentionRule.period(for: kind, flags: flags, in: $0)?.keep } ?? retention
    }
}
