import Crypto
import DeskUI
import EscalationCore
import Foundation

// The double's letters, as the store sends them (EscalationStore/Commands/LetterCommands.swift):
// who may send is `CaseRulebook.checkLetter`, the date given is `FinalResponseDue`, the text is
// the shipped templates filled in by `LetterRenderer`; the double counts on UTC.

extension InMemoryDeskData {
    func sendLetter(caseID: String, _ draft: LetterDraft, by actor: StaffMember, at: EpochMillis) throws(DeskError) -> DeskLetter {
        let c = try stored(caseID).folded
        try refusing { () throws(CaseRefusal) in try rulebook.checkLetter(draft.kind, on: c, by: actor) }
        let reasons = draft.kind.needsReasons ? try checked(draft.reasons ?? "", field: "reasons") : nil
        if draft.kind.carriesDecision {
            guard draft.outcome != nil else { throw DeskError(.invalid, "Choose the outcome the letter tells the customer.") }
            let decision = try decide(on: c, requests: draft.grants, by: actor, at: at)
            let blocking = rulebook.blockingReasons(decision, on: c)
            if !blocking.isEmpty {
                throw .notPermitted("You may not grant this; " + blocking.map(\.detail).joined(separator: " "))
            }
        }
        let now = Self.date(at)
        let sending = CaseEventRecord(seq: Int64.max, caseID: caseID, at: at, actor: actor.id, actorRole: actor.role,
                                      event: .letterSent(SentLetter(kind: draft.kind, sha256: "", format: .text)))
        let records = try stored(caseID).records + [sending]
        let facts = CaseClocks.facts(c, records: records, customerFlags: customer(c.customerID)?.flags ?? [], customerCalendar: nil,
                                     clocks: clocks)
        let statuses = ClockBook.statuses(for: facts, clocks: clocks, calendars: [], time: Self.clockTime, now: now)
        let today = Self.clockTime.localDate(now)
        let due: LocalDate?
        do throws(FinalResponseDueRefusal) {
            due = try FinalResponseDue.date(for: draft.kind, expected: draft.expected, clocks: statuses, today: today)
        } catch {
            throw DeskError(.invalid, error.description)
        }
        let book = LetterBook.shipped
        let text = LetterRenderer.render(book.template(draft.kind), facts: LetterFacts(
            organisation: "Sample Centre", customerName: customer(c.customerID)?.name, caseID: caseID,
            received: Self.clockTime.localDate(Self.date(c.receivedAt)), today: today, handlerName: actor.name,
            finalResponseDue: due, outcome: draft.kind.carriesDecision ? draft.outcome : nil, reasons: reasons,
            remediesGranted: draft.kind.carriesDecision ? draft.grants.map { g in
                (policy.matrix.action(g.action)?.title ?? g.action) + (g.amount.map { " \($0.formatted)" } ?? "")
            } : [],
            timeLimitsPosition: book.timeLimitsPosition), format: .text)
        let sha = SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
        try append(.letterSent(SentLetter(kind: draft.kind, sha256: sha, format: .text,
                                          outcome: draft.kind.carriesDecision ? draft.outcome : nil,
                                          grants: draft.kind.carriesDecision ? draft.grants : [],
                                          expectedFinalResponse: draft.kind == .holdingResponse ? due : nil)),
                   to: caseID, by: actor, at: at)
        return DeskLetter(caseID: caseID, kind: draft.kind, sha256: sha, text: text, savedTo: "letters/\(caseID)-\(draft.kind.rawValue).txt")
    }
}

extension InMemoryDeskService {
    // MARK: - Letters

    /// The letters the rulebook lets me send on the case now.
    public func letterKinds(caseID: String) throws(DeskError) -> [LetterKind] {
        data.rulebook.letterKinds(for: deciding, on: try data.stored(caseID).folded)
    }

    /// Sends the letter as the store would, at the shared clock's time.
    public func sendLetter(caseID: String, _ draft: LetterDraft) throws(DeskError) -> DeskLetter {
        try data.sendLetter(caseID: caseID, draft, by: deciding, at: InMemoryDeskData.millis(data.clock()))
    }
}
