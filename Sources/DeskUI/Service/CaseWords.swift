import EscalationCore
import Foundation

/// What the desk shows of the cases a service reads (the core's `CaseSummary`, `CaseDetail`
/// and `TimelineEntry`): the placeholders for what erasure took, where a case waits and when
/// it is due, the identity check, and each timeline entry as a sentence ("Escalated to Team
/// Leader"). Written once, for every service, real or in memory.
public struct CaseWords {
    /// The centre whose roles, actions and staff the words name.
    public let centre: DeskCentreInfo

    /// Words for the cases of `centre`.
    public init(_ centre: DeskCentreInfo) {
        self.centre = centre
    }

    /// What a search that found nothing says, in the desk and the CLI alike: the query on
    /// one line, control characters made visible, clipped and quoted.
    public static func noMatch(_ query: String) -> String {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        return "No case matches \"\(InputQuote.clip(TextSanitiser.singleLine(text)))\""
    }

    /// What the desk shows where erased personal text was.
    public static let erased = "(erased)"

    /// A customer's name, or "(erased) CU-…" once their personal data is erased.
    public static func customerName(_ name: String?, id: String) -> String {
        name ?? "\(erased) \(id)"
    }

    // MARK: - A case

    /// The customer's name as a list line shows it.
    public func customer(_ c: CaseSummary) -> String { Self.customerName(c.customerName, id: c.customerID) }

    /// The customer's name as the case screen shows it.
    public func customer(_ d: CaseDetail) -> String { Self.customerName(d.customerName, id: d.summary.customerID) }

    /// The one-line summary, or "(erased)".
    public func summary(_ c: CaseSummary) -> String { c.summary ?? Self.erased }

    /// The title of the role a case waits for, while it waits in a queue.
    public func routedTo(_ c: CaseSummary) -> String? {
        c.state == .escalated ? c.queueRole.map(centre.ladder.title(of:)) : nil
    }

    /// Who has the case or where it waits, as the queue's "With" column says it: the holder,
    /// "→" the role it waits for and the team when it waits for one ("→Team Leader · Billing
    /// A": the team comes last, so a narrow column cuts it first), or how a resolved or
    /// closed case ended.
    public func with(_ c: CaseSummary) -> String {
        if let holder = c.holderName { return holder }
        if let role = routedTo(c) {
            return "→" + role + (c.queueTeam.map { " · " + (centre.teamNames[$0] ?? $0) } ?? "")
        }
        return c.outcome.map(DeskText.outcome) ?? ""
    }

    /// The "With" column's short form for a referral waiting for a team: "→" and the team
    /// alone (the rung is always the team leaders'); nil for anything else.
    public func withTeam(_ c: CaseSummary) -> String? {
        guard c.holderName == nil, routedTo(c) != nil, let team = c.queueTeam else { return nil }
        return "→" + (centre.teamNames[team] ?? team)
    }

    /// The deadline the desk counts down to: the case's own, while the case is active.
    /// When an active case is due: its nearest clock, else (a kind no clock applies to) the
    /// eight weeks from receipt.
    public func deadline(_ c: CaseSummary) -> Date? { c.state.isActive ? (c.nearestDue ?? c.deadlineAt) : nil }

    /// The latest identity check decides: verified, failed, or (never checked) as opened.
    public func identity(_ d: CaseDetail) -> IdentityStatus {
        switch d.identityChecked {
        case true?: return .verified
        case false?: return .failed
        case nil: return d.identityVerified ? .verified : .unchecked
        }
    }

    // MARK: - Its timeline

    /// The role title of whoever acted ("" when the log names no role).
    public func role(_ e: TimelineEntry) -> String {
        e.actorRole.isEmpty ? "" : centre.ladder.title(of: e.actorRole)
    }

    /// Who took a step: "Name (Role)", or for a step no person took (the clock sweep refers
    /// a case as the `system` actor) "automatically".
    public func who(_ e: TimelineEntry) -> String {
        if e.actorRole == Self.systemActor { return "automatically" }
        return "\(e.actorName) (\(role(e)))"
    }

    /// The actor id the store records for the desk's own steps.
    static let systemActor = "system"

    /// What happened, in words: "Escalated to Team Leader", "Resolved: upheld, granted Refund
    /// £75.00 (root cause: Billing error)", ...
    public func what(_ e: TimelineEntry) -> String {
        let ladder = centre.ladder
        switch e.kind {
        case .caseOpened:
            return e.decision.map { "Opened: " + DeskText.headline($0, ladder: ladder) } ?? "Opened"
        case .caseEscalated:
            let team = e.team.map { " (\(centre.teamNames[$0] ?? $0))" } ?? ""
            return (e.routeTo.map { "Escalated to \(ladder.title(of: $0))" } ?? "Escalated") + team
        case .caseClaimed: return e.coverFor.map { "Claimed as cover for \(centre.teamNames[$0] ?? $0)" } ?? "Claimed"
        case .caseReturned:
            return e.routeTo.map { "Returned to \(centre.staffNames[$0] ?? $0)" } ?? "Returned"
        case .caseResolved:
            let granted = e.grants.map { DeskText.remedy($0, actions: centre.actions) }
            let outcome = e.outcome.map(DeskText.outcome) ?? "resolved"
            return "Resolved: \(outcome)" + (granted.isEmpty ? "" : ", granted " + granted.joined(separator: ", "))
                + (e.rootCause.map { " (root cause: \(DeskText.rootCause($0)))" } ?? "")
        case .caseClosed: return "Closed"
        case .caseReopened: return "Reopened"
        case .caseReceiptCorrected: return "Receipt corrected"
        case .caseClockEscalated:
            return e.routeTo.map { "Escalated to \(ladder.title(of: $0)) on a clock" } ?? "Escalated on a clock"
        case .caseClockPaused: return e.clock.map { "Paused \(clockTitle($0))" } ?? "Paused every service clock"
        case .caseClockResumed: return e.clock.map { "Resumed \(clockTitle($0))" } ?? "Resumed every paused clock"
        case .caseClockExtended:
            let months = e.months.map { " by \($0) \($0 == 1 ? "month" : "months")" } ?? ""
            return "Extended " + (e.clock.map(clockTitle) ?? "a clock") + months
        case .identityMarked: return e.identityVerified == false ? "Identity check failed" : "Identity verified"
        case .customerAdded: return "Customer registered"
        case .customerErased: return "Customer's personal data erased"
        case .customerExported: return "Customer's data exported"
        case .centreCreated: return "Centre created"
        case .matrixProposed: return "Matrix change proposed"
        case .matrixApproved: return "Matrix change approved"
        case .matrixRejected: return "Matrix change rejected"
        case .matrixRebased: return "Matrix proposal rebased"
        case .letterSent: return Self.letterSent(e)
        case .matrixAcknowledged: return "Matrix version acknowledged"
        case .coverGranted: return "Acting cover granted"
        case .coverApproved: return "Acting cover approved"
        case .coverEnded: return "Acting cover ended"
        }
    }

    /// A clock by its title ("Subject access"), its id when the centre no longer has it.
    private func clockTitle(_ id: String) -> String { centre.clockTitles[id] ?? id }

    /// "Final response letter sent (sha256 ab12cd34…)": which letter, and the start of the
    /// digest that proves a copy.
    static func letterSent(_ e: TimelineEntry) -> String {
        let kind = e.letter.map { $0.title.prefix(1).uppercased() + $0.title.dropFirst() } ?? "A"
        return "\(kind) letter sent" + (e.letterSHA256.map { " (sha256 \($0.prefix(8))…)" } ?? "")
    }

    /// What became of a case I referred, as the notice line says it: "C-000017 resolved by
    /// Priya Shah: upheld, granted Refund £40.00", "C-000017 returned to you by Priya Shah
    /// with guidance", "C-000017 claimed by Marcus Bell (cover for Billing A)".
    public func notice(_ o: CaseOutcome) -> String {
        switch o.kind {
        case .claimed:
            return "\(o.caseID) claimed by \(o.actorName)" + (o.coverFor.map { " (cover for \($0))" } ?? "")
        case .returned:
            return "\(o.caseID) returned to you by \(o.actorName) with guidance"
        case .resolved:
            let granted = o.grants.map { DeskText.remedy($0, actions: centre.actions) }
            return "\(o.caseID) resolved by \(o.actorName): " + (o.outcome.map(DeskText.outcome) ?? "resolved")
                + (granted.isEmpty ? "" : ", granted " + granted.joined(separator: ", "))
        case .referredOnClock:
            let to = o.routeTo.map { " to " + centre.ladder.title(of: $0) } ?? ""
            return "\(o.caseID) referred\(to) automatically: \(o.clock.map(clockTitle) ?? "a clock") passed its warning point"
        }
    }

    /// Why: the note, guidance or rationale given (the summary, on opening), or "(erased)"
    /// once the customer's key is gone.
    public func why(_ e: TimelineEntry) -> String? { e.textErased ? Self.erased : e.text }
}

/// Whether the customer's identity has been checked on a case.
public enum IdentityStatus: String, Hashable, Sendable {
    /// Not checked yet.
    case unchecked
    /// Checked and confirmed.
    case verified
    /// Checked and failed.
    case failed
}
