import EscalationCore
import Foundation

/// The person at the keyboard, as the desk shows them and routes to them.
public struct DeskPerson: Hashable, Sendable {
    /// Staff id (the store's key for this person).
    public var id: String
    /// Display name.
    public var name: String
    /// Role id on the ladder (`agent`, `team_leader`, ...).
    public var roleID: String
    /// Role title as people say it ("Team Leader").
    public var roleTitle: String
    /// Team name, if the person belongs to one (shown in the person picker).
    public var team: String?
    /// Whether this person may view the authority matrix grid (managers and above). The
    /// service decides it, so the screen only hides or shows the key.
    public var canViewMatrix: Bool
    /// Whether referrals to this person's role go to teams and they lead one: they then have
    /// an "Other teams" queue (the core's `TeamRouting.seesOtherTeams`).
    public var coversOtherTeams: Bool
    /// The role whose referrals this person works: their own, or the higher one an acting
    /// cover in force when the desk opened gave them (an agent acting as team leader works
    /// the team's "Referred to me").
    public var workingRoleID: String

    /// Creates a person.
    public init(id: String, name: String, roleID: String, roleTitle: String, team: String? = nil, canViewMatrix: Bool = false,
                coversOtherTeams: Bool = false, workingRoleID: String? = nil) {
        self.coversOtherTeams = coversOtherTeams
        self.workingRoleID = workingRoleID ?? roleID
        self.id = id
        self.name = name
        self.roleID = roleID
        self.roleTitle = roleTitle
        self.team = team
        self.canViewMatrix = canViewMatrix
    }

    /// The cases I hold: the agent's default queue.
    public var myCases: CaseQueue { .mine(staffID: id) }
    /// Cases waiting in my role's queue and those I hold there: the team leader's default.
    public var referredToMe: CaseQueue { .referred(role: workingRoleID, staffID: id) }
    /// Referrals waiting at my role for other teams, which I may claim as cover.
    public var otherTeams: CaseQueue { .otherTeams(role: workingRoleID, staffID: id) }
    /// The cases I referred up, with who holds each and how it ended.
    public var escalatedByMe: CaseQueue { .escalatedBy(staffID: id) }
}

/// What the centre has configured that screens offer as choices, read once when the desk opens.
public struct DeskCentreInfo: Hashable, Sendable {
    /// The organisation's name, shown in the title bar.
    public var organisation: String
    /// IANA time zone in which clocks and timelines are shown.
    public var timezone: String
    /// The roles, lowest first.
    public var ladder: Ladder
    /// Every action a remedy or grant may name, in the matrix's order.
    public var actions: [Action]
    /// Kinds of case (`complaint` first).
    public var caseKinds: [String]
    /// Channels a contact may come through.
    public var channels: [String]
    /// Root-cause categories offered when resolving.
    public var rootCauses: [String]
    /// Flags a case may carry (`legal_threat`, `regulator`, ...): offered as toggles.
    public var caseFlags: [String]
    /// Flags a customer may carry (`vulnerable`, ...): offered when adding a customer.
    public var customerFlags: [String]
    /// The currency amounts are typed and shown in.
    public var currency: Currency
    /// Staff names by id, for a timeline that names whom a case was returned to.
    public var staffNames: [String: String]
    /// Team names by id, for a timeline that names the team a referral went to or a claim covered.
    public var teamNames: [String: String]
    /// The authority matrix in force when the desk opened, so a decision taken under it is
    /// named with its fingerprint, as `decide` names the same matrix ("matrix version 1 · 3f2a9c1e").
    public var matrix: AuthorityMatrix?
    /// Clock titles by id, for a timeline that names the clock a pause or extension changed.
    public var clockTitles: [String: String]

    /// Creates the centre's description.
    public init(organisation: String, timezone: String, ladder: Ladder, actions: [Action], caseKinds: [String],
                channels: [String], rootCauses: [String], caseFlags: [String], customerFlags: [String], currency: Currency,
                staffNames: [String: String] = [:], teamNames: [String: String] = [:], matrix: AuthorityMatrix? = nil,
                clockTitles: [String: String] = [:]) {
        self.clockTitles = clockTitles
        self.teamNames = teamNames
        self.organisation = organisation
        self.timezone = timezone
        self.ladder = ladder
        self.actions = actions
        self.caseKinds = caseKinds
        self.channels = channels
        self.rootCauses = rootCauses
        self.caseFlags = caseFlags
        self.customerFlags = customerFlags
        self.currency = currency
        self.staffNames = staffNames
        self.matrix = matrix
    }

    /// How the desk names the matrix version a decision was taken under: with the
    /// fingerprint when it is the matrix in force.
    public func matrixVersionName(_ version: String) -> String {
        matrix?.versionName(of: version) ?? AuthorityMatrix.versionName(version)
    }

    /// The action with `id`, if configured.
    public func action(_ id: String) -> Action? { actions.first { $0.id == id } }
}

/// A customer as the find-or-add step lists them.
public struct CustomerRow: Hashable, Sendable, Identifiable {
    /// Customer id.
    public var id: String
    /// Display name (untrusted).
    public var name: String
    /// Contact detail (untrusted: phone or email).
    public var contact: String
    /// Flags (`vulnerable`, `high_profile`).
    public var flags: [String]
    /// Cases still active for this customer, or nil when the service cannot count them
    /// cheaply (the list then leaves the column blank rather than show a wrong zero).
    public var openCases: Int?

    /// Creates a row.
    public init(id: String, name: String, contact: String, flags: [String], openCases: Int?) {
        self.id = id
        self.name = name
        self.contact = contact
        self.flags = flags
        self.openCases = openCases
    }
}
