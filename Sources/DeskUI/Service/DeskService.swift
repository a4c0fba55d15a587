import EscalationCore
import Foundation

/// Everything the desk's screens need, as the core's values (`CaseWords` puts cases into the
/// desk's words). `StoreDeskService` implements it over the store; screen tests use an
/// in-memory double built on the same core rules (`InMemoryDeskService`, in the
/// `DeskTestSupport` test target).
///
/// It is synchronous because one thread owns the terminal and the loop is single-threaded:
/// each call is a short query or one write transaction. Authority is decided behind it (by
/// `EscalationPolicy.decide` with the store's rolling totals), never in a screen. Every
/// failure is a `DeskError` whose message is shown to the person as is.
public protocol DeskService: AnyObject {
    /// The person at the keyboard.
    var me: DeskPerson { get }
    /// What the centre configured that screens offer as choices.
    var centre: DeskCentreInfo { get }

    /// The current time, for the status bar clock and for ages and countdowns.
    func now() -> Date
    /// A number that changes whenever anyone (any process) writes; the desk polls it about
    /// every 250 ms and reloads what it shows when it changes (`PRAGMA data_version`).
    func changeToken() throws(DeskError) -> Int64

    /// How many cases a queue holds.
    func queueCount(_ queue: CaseQueue) throws(DeskError) -> Int
    /// One page of a queue, most urgent first, each case with its customer's name: only what
    /// is on screen is ever asked for. A search may match more than the store does (such as
    /// summaries; the store cannot, since summaries are sealed).
    func queuePage(_ queue: CaseQueue, offset: Int, limit: Int) throws(DeskError) -> [CaseSummary]
    /// Everything about one case, with its full timeline.
    func caseDetail(id: String) throws(DeskError) -> CaseDetail
    /// What I may do to the case now, as the core's rulebook answers it: the case screen
    /// offers exactly these keys.
    func commands(caseID: String) throws(DeskError) -> Set<CaseCommandKind>
    /// The case's customer: their other cases and what they were granted in each rolling window.
    func customerHistory(caseID: String) throws(DeskError) -> CustomerHistory
    /// What became of the cases I referred up (claimed, returned, resolved by someone else)
    /// since event `after`; nil asks only where the log ends, so a desk announces what
    /// happens after it opened. Reads only the newer events, never the whole log.
    func outcomes(after: Int64?) throws(DeskError) -> CaseOutcomes

    /// Customers whose name, contact or id contains `query` (at most a screenful), each with
    /// the number of their cases still active (the picker's "Open" column).
    func findCustomers(_ query: String) throws(DeskError) -> [CustomerRow]
    /// Adds a customer and returns their id.
    func addCustomer(name: String, contact: String, flags: [String]) throws(DeskError) -> String

    /// The decision a new case would get if opened now: the live authority panel's source.
    func preview(_ draft: NewCase) throws(DeskError) -> Decision
    /// Whether I may grant `grants` on this case, checked as the resolve dialog is filled in.
    func previewResolution(caseID: String, grants: [RemedyRequest]) throws(DeskError) -> Decision

    /// Opens a case and returns its id with the decision taken on it.
    func openCase(_ draft: NewCase) throws(DeskError) -> OpenedCase
    /// Refers a case up the ladder with a note (also "refer higher" from a claimed case).
    func escalate(caseID: String, note: String) throws(DeskError)
    /// Takes an escalated case; fails with `.conflict` if someone else took it first.
    func claim(caseID: String) throws(DeskError)
    /// Hands a claimed case back to the level below with guidance.
    func returnCase(caseID: String, guidance: String) throws(DeskError)
    /// Resolves a case; refuses with `.notPermitted` when a grant is over my authority.
    func resolve(caseID: String, _ resolution: Resolution) throws(DeskError)

    // MARK: - Letters

    /// The letters I may send on the case now (`CaseRulebook.letterKinds`): the letter key
    /// offers only these.
    func letterKinds(caseID: String) throws(DeskError) -> [LetterKind]
    /// Renders the centre's letter from the case and records it with the SHA-256 of the
    /// text; refused, with nothing written, as `escdesk case letter` would be (a decision
    /// beyond my authority, a holding response without its date, a template lacking the law).
    func sendLetter(caseID: String, _ draft: LetterDraft) throws(DeskError) -> DeskLetter
    /// Records the outcome of an identity check.
    func markIdentity(caseID: String, verified: Bool) throws(DeskError)

    /// The authority matrix in force (the manager's read-only grid, and my authority panel).
    func matrix() throws(DeskError) -> AuthorityMatrix
    /// The referral rules in force (my authority panel lists those above my role).
    func referralRules() throws(DeskError) -> [ReferralRule]

    /// What the version in force changed in my own role's authority, while I have not
    /// acknowledged it; nil when there is nothing to acknowledge (the desk start asks).
    func acknowledgementDue() throws(DeskError) -> RoleAuthorityChange?
    /// Records that I have read what `version` (the one in force) changed for me.
    func acknowledge(version: String) throws(DeskError)
    /// The acting cover I decide under now; nil when I act in my own role.
    func actingRole() throws(DeskError) -> ActingRole?
    /// The names of the people the version in force asks who have not acknowledged it
    /// (the manager's matrix view).
    func awaitingAcknowledgement() throws(DeskError) -> [String]

    // MARK: - Clocks

    /// Every clock of a case at `now()`, as the core works them out (met, breached and paused
    /// ones included), in the order configured: the case screen's clock list.
    func clocks(caseID: String) throws(DeskError) -> [ClockStatus]
    /// Refers up every case whose clock has passed its warning point (the store's sweep,
    /// once per case however many desks run it) and returns how many moved; each open desk
    /// calls it once a minute, so nothing waits for the cron job. Returns 0 without waiting
    /// when nothing is due.
    func sweepClocks() throws(DeskError) -> Int
    /// The clock changes I may make on the case now (`CaseRulebook.clockChanges`): pausing
    /// its service clocks, resuming them, extending an extendable one. The keys offer only these.
    func clockChanges(caseID: String) throws(DeskError) -> [ClockChange]
    /// Pauses, resumes or extends the case's clocks with the reason recorded, as
    /// `escdesk clocks pause|resume|extend` would (refused with nothing written otherwise).
    func changeClock(caseID: String, _ change: ClockChange, reason: String?) throws(DeskError)

    // MARK: - Matrix governance

    /// Every matrix version, newest first, with where it stands now.
    func matrixVersions() throws(DeskError) -> [MatrixVersionEntry]
    /// A version's policy (matrix, referral rules, routing); nil asks for the one in force.
    func matrixPolicy(version: String?) throws(DeskError) -> EscalationPolicy
    /// Whether I may propose, approve, reject and rebase: the core's `MatrixGovernance`
    /// under the version in force (the store checks it again on every write).
    func mayGovernMatrix() throws(DeskError) -> Bool
    /// Approves another person's proposal; the store's four-eyes refusals come back as is.
    func approveMatrix(version: String, rationale: String?) throws(DeskError)
    /// Rejects another person's proposal with a rationale.
    func rejectMatrix(version: String, rationale: String) throws(DeskError)
    /// Makes a proposal a change of the newest approved version; returns how it now changes it.
    func rebaseMatrix(version: String) throws(DeskError) -> MatrixDiff
    /// Proposes a draft as the next version; nil when it says what the newest approved
    /// version says (nothing is written).
    func proposeMatrix(_ draft: EscalationPolicy, rationale: String, effective: Date?) throws(DeskError) -> String?
    /// A cell typed as `escalation.yaml` writes it, read by the same reader `config validate`
    /// uses; `.invalid` with its message when it would not pass.
    func readCell(_ text: String, role: String, action: String) throws(DeskError) -> AuthorityCell
    /// A cell as `escalation.yaml` writes it, to start an edit from.
    func cellText(_ cell: AuthorityCell) -> String
    /// What `config validate` would say of the centre under `draft`; empty when it may be proposed.
    func draftProblems(_ draft: EscalationPolicy) -> [String]
    /// Replays the last `days` days' requests under `draft` and the version in force.
    func simulate(_ draft: EscalationPolicy, days: Int) throws(DeskError) -> SimulationResult
    /// A referral rule typed field by field (`when` as `escalation.yaml` writes it), read by
    /// `config validate`'s referral reader; `.invalid` with its message when it would not pass.
    func readReferral(id: String, when: String, minRole: String, reason: String) throws(DeskError) -> ReferralRule
    /// A rule's condition as `escalation.yaml` writes it, to start an edit from.
    func conditionText(_ condition: ReferralCondition) -> String
}

/// A higher role's authority I hold for a while (an approved acting cover): the desk names it
/// in the title and status bars and on "My authority".
public struct ActingRole: Hashable, Sendable {
    public var coverID: String
    public var roleID: String
    public var roleTitle: String
    /// When it ends by itself.
    public var until: Date

    public init(coverID: String, roleID: String, roleTitle: String, until: Date) {
        self.coverID = coverID
        self.roleID = roleID
        self.roleTitle = roleTitle
        self.until = until
    }
}
