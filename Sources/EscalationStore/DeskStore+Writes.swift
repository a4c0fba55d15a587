import EscalationCore
import Foundation

// Writes named by intent. Each is one transaction: its event and its projection changes
// commit together or not at all. `actor` is a staff id (from `actor(login:)` or
// `actor(asStaffID:)`); `now` is passed in so training databases can set the clock.
//
// Who may act on a case:
// - an open, reopened, returned or claimed case is *held* (by its opener, reopener, the
//   referrer it was returned to, or its claimer): only the holder may resolve, escalate,
//   return it or mark identity on it; anyone else gets `.heldByOther` naming the holder (77);
// - an escalated case waits in a role's queue: anyone at or above that role may claim it,
//   and identity may be marked by whoever referred it or anyone who could claim it;
// - a resolved case may be closed by its resolver or anyone whose role ranks at or above
//   the role it was resolved in;
// - a resolved or closed case may be reopened by anyone on the ladder, and is then theirs.

extension DeskStore {
    /// Registers a customer; their name and contact are sealed under a new key of their own.
    public func addCustomer(_ customer: NewCustomer, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try command(at: now) { try $0.addCustomer(customer, actor: member, now: $1) }
    }

    /// Records whether the customer's identity on this case has been verified (an
    /// `identity_marked` event: a failed check stays visible as such).
    ///
    /// - Throws: `.heldByOther` when someone else holds the case, `.notPermitted` when it
    ///   waits in a queue above the actor or is no longer active.
    public func markIdentity(caseID: String, verified: Bool, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.markIdentity(caseID: caseID, verified: verified, actor: $1, now: $2) }
    }

    /// Opens a case and returns its id with the engine's decision for the opener's role
    /// (repeat contacts and rolling totals counted from the store).
    public func openCase(_ new: NewCase, actor: String, now: ActionClock) throws(StoreError) -> OpenedCase {
        let member = try member(actor)
        return try acting(member, at: now) { try $0.openCase(new, actor: $1, now: $2) }
    }

    /// Refers a case up the ladder with a note; refused at the top role, and to anyone but
    /// the case's holder (`.heldByOther`).
    public func escalate(caseID: String, note: String, actor: String, now: ActionClock) throws(StoreError) -> Referral {
        let member = try member(actor)
        return try acting(member, at: now) { try $0.escalate(caseID: caseID, note: note, actor: $1, now: $2) }
    }

    /// Takes a referred case. A second claimer, in this process or another, gets
    /// `.alreadyClaimed` naming the holder.
    public func claim(caseID: String, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.claim(caseID: caseID, actor: $1, now: $2) }
    }

    /// Hands a claimed case back to whoever referred it, with guidance; only its holder may.
    public func returnCase(caseID: String, guidance: String, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.returnCase(caseID: caseID, guidance: guidance, actor: $1, now: $2) }
    }

    /// Resolves a case. Grants beyond the actor's authority (decided inside the write, on
    /// the matrix in force and totals read from the store) are refused with
    /// `.beyondAuthority`, and nothing is written. Only the case's holder may resolve it
    /// (`.heldByOther` otherwise). A regulated complaint is refused with `.letterRequired`
    /// until its final response letter (or a timely summary resolution) records the same
    /// decision.
    @discardableResult
    public func resolve(caseID: String, resolution: Resolution, actor: String, now: ActionClock) throws(StoreError) -> Decision {
        let member = try member(actor)
        return try acting(member, at: now) { try $0.resolve(caseID: caseID, resolution: resolution, actor: $1, now: $2) }
    }

    /// Renders a letter from the case, records it with the SHA-256 of the text returned, and
    /// returns that text to print. Refused (77) to anyone `CaseRulebook.checkLetter` refuses;
    /// an acting cover counts as it does for the resolution the letter announces.
    public func sendLetter(caseID: String, request: LetterRequest, actor: String, now: ActionClock) throws(StoreError) -> LetterSent {
        let member = try member(actor)
        return try acting(member, at: now) { try $0.sendLetter(caseID: caseID, request: request, actor: $1, now: $2) }
    }

    /// Closes a resolved case: its resolver, or anyone whose role ranks at or above the role
    /// it was resolved in (`.notPermitted` otherwise).
    public func close(caseID: String, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.close(caseID: caseID, actor: $1, now: $2) }
    }

    /// Reopens a resolved or closed case into the actor's hands; anyone on the ladder may.
    public func reopen(caseID: String, note: String?, actor: String, now: ActionClock) throws(StoreError) {
        let member = try member(actor)
        try acting(member, at: now) { try $0.reopen(caseID: caseID, note: note, actor: $1, now: $2) }
    }

    /// Crypto-shreds a customer: their key and sealed record are destroyed, the write-ahead
    /// log is emptied into the zero-filled main file, and what the organisation must keep
    /// (amounts, dates, decisions, roles) stays readable with the chain intact.
    ///
    /// Once committed the erasure is done, whatever happens next: if another desk is in the
    /// middle of a read for longer than `erasurePurgeWait`, the log cannot be emptied yet and
    /// the receipt says so (`walPurged` false) instead of the erasure reporting failure.
    ///
    /// Refused inside the retention period unless `overrideRetention` by a role holding
    /// `override_retention`; erasure itself needs `erase_personal_data`.
    public func eraseCustomer(id: String, actor: String, rationale: String, overrideRetention: Bool,
                              now: ActionClock) throws(StoreError) -> ErasureReceipt {
        let member = try member(actor)
        var receipt = try command(at: now) {
            try $0.eraseCustomer(id, actor: member, rationale: rationale, overrideRetention: overrideRetention,
                                 now: $1)
        }
        receipt.walPurged = ledger.purgeResidue(waitingUpTo: Self.erasurePurgeWait)
        return receipt
    }

    /// How long an erasure waits for other desks' reads to finish before it leaves the
    /// write-ahead log for a later checkpoint (seconds; desks read in well under one).
    static let erasurePurgeWait = 2.0
}
