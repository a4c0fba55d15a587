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

    /// Creates a person.
    public init(id: String, name: String, roleID: String, roleTitle: String, team: String? = nil, canViewMatrix: Bool = false) {
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
    public var referredToMe: CaseQueue { .referred(role: roleID, staffID: id) }
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

    /// Creates the centre's description.
    public init(organisation: String, timezone: String, ladder: Ladder, actions: [Action], caseKinds: [String],
                channels: [String], rootCauses: [String], caseFlags: [String], customerFlags: [String], currency: Currency) {
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
    }

    /// The action with `id`, if configured.
    public func action(_ id: String) -> Action? { actions.first { $0.id == id } }
}

/// Whether the customer's identity has been checked on this case.
public enum IdentityStatus: String, Hashable, Sendable {
    /// Not checked yet.
    case unchecked
    /// Checked and confirmed.
    case verified
    /// Checked and failed.
    case failed
}

/// One entry of a case's timeline: who did what, when, and why.
public struct DeskTimelineEntry: Hashable, Sendable {
    /// When it happened.
    public var at: Date
    /// Who did it (name, untrusted).
    public var actorName: String
    /// Their role title at the time.
    public var actorRole: String
    /// What happened, in words ("Escalated to Team Leader").
    public var what: String
    /// Why: the note, guidance or rationale given (untrusted, may span lines).
    public var why: String?

    /// Creates an entry.
    public init(at: Date, actorName: String, actorRole: String, what: String, why: String? = nil) {
        self.at = at
        self.actorName = actorName
        self.actorRole = actorRole
        self.what = what
        self.why = why
    }
}

/// Everything the case screen shows about one case.
public struct DeskCaseDetail: Hashable, Sendable {
    /// Case id.
    public var id: String
    /// Customer id.
    public var customerID: String
    /// Customer display name (untrusted).
    public var customerName: String
    /// Flags on the customer (`vulnerable`).
    public var customerFlags: [String]
    /// One-line summary (untrusted).
    public var summary: String
    /// Case kind.
    public var kind: String
    /// Channel of the contact.
    public var channel: String
    /// Lifecycle state.
    public var state: CaseState
    /// True while the customer waits on the line.
    public var live: Bool
    /// Identity check result.
    public var identity: IdentityStatus
    /// Flags on the case (`legal_threat`).
    public var caseFlags: [String]
    /// Remedies the customer asked for.
    public var requests: [RemedyRequest]
    /// The latest authority decision on the case, with its reasons.
    public var decision: Decision?
    /// Who holds the case, if anyone.
    public var holderName: String?
    /// The role title the case is routed to, if escalated.
    public var routedTo: String?
    /// When the case was opened.
    public var opened: Date
    /// The nearest deadline, if a clock runs.
    public var deadline: Date?
    /// Every event on the case, oldest first.
    public var timeline: [DeskTimelineEntry]
    /// What the person at the keyboard may do to this case now (the core's rulebook says).
    public var allowed: Set<CaseCommandKind>

    /// Creates a case detail.
    public init(id: String, customerID: String, customerName: String, customerFlags: [String], summary: String, kind: String,
                channel: String, state: CaseState, live: Bool, identity: IdentityStatus, caseFlags: [String],
                requests: [RemedyRequest], decision: Decision?, holderName: String?, routedTo: String?, opened: Date,
                deadline: Date?, timeline: [DeskTimelineEntry], allowed: Set<CaseCommandKind>) {
        self.id = id
        self.customerID = customerID
        self.customerName = customerName
        self.customerFlags = customerFlags
        self.summary = summary
        self.kind = kind
        self.channel = channel
        self.state = state
        self.live = live
        self.identity = identity
        self.caseFlags = caseFlags
        self.requests = requests
        self.decision = decision
        self.holderName = holderName
        self.routedTo = routedTo
        self.opened = opened
        self.deadline = deadline
        self.timeline = timeline
        self.allowed = allowed
    }
}

/// A customer as the find-or-add step lists them.
public struct CustomerRow: Hashable, Sendable {
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
