import Foundation

/// Who may send which letter, and the final-response gate: the letters' rules on a case.
extension CaseRulebook {
    /// Whether the actor may send a letter of `kind` on the case. A letter that tells the
    /// customer a decision (summary resolution, final response) is sent by whoever may
    /// resolve the case now: its holder, on a case that can be resolved. An acknowledgement
    /// or a holding response may be sent on any active case by its holder, or, while it
    /// waits in a queue, by whoever referred it or anyone who could claim it.
    public func checkLetter(_ kind: LetterKind, on c: Case, by actor: StaffMember) throws(CaseRefusal) {
        guard rank(actor.role) >= 0 else {
            throw .notPermitted("\(actor.name) (\(title(actor.role))) is not on the escalation ladder and may not send letters")
        }
        if kind.carriesDecision {
            guard c.state.isActive else {
                throw .notPermitted("\(c.id) is \(c.state.rawValue); a \(kind.title) letter is sent before the case is resolved")
            }
            guard c.state != .escalated else {
                throw .notPermitted("\(c.id) waits in the \(title(c.queueRole ?? ladder.top.id)) queue; "
                                    + "whoever claims it decides, and sends the \(kind.title) letter")
            }
            try checkResolve(c, by: actor)
            return
        }
        guard c.state.isActive else {
            throw .notPermitted("\(c.id) is \(c.state.rawValue); letters are sent on active cases")
        }
        try checkHolder(c, actor: actor)
        try checkQueueSide(c, by: actor, may: "send a \(kind.title) letter")
    }

    /// The letters the actor may send on the case now, in the order a complaint needs them:
    /// what the desk offers, so it never offers a letter the store would refuse.
    public func letterKinds(for actor: StaffMember, on c: Case) -> [LetterKind] {
        LetterKind.allCases.filter { kind in
            do throws(CaseRefusal) {
                try checkLetter(kind, on: c, by: actor)
                return true
            } catch {
                return false
            }
        }
    }

    /// The final-response gate. A complaint that a regulatory final-response clock applies to
    /// (DISP 1.6.2R, DISP 1.6.2AR, Ofcom: `clocks` as `ClockBook` worked them out for the
    /// case) is resolved only once the customer has been told the decision in writing, since
    /// it was last opened or reopened: by a final response letter, or by a summary
    /// resolution communication sent and resolved by the summary clock's due time (DISP 1.5).
    /// The letter's outcome and remedies must be the resolution's: a letter is bound to the
    /// decision it announced. Nothing here reads the text of the letter, only its record.
    public func checkResponseLetter(_ c: Case, events: [CaseEventRecord], clocks: [ClockStatus], outcome: Outcome,
                                    grants: [RemedyRequest], now: Date) throws(CaseRefusal) {
        let finalClocks = clocks.filter { $0.family == .regulatory && LetterKind.finalResponse.meets.contains($0.clock) }
        guard let rule = finalClocks.first?.rule else { return }
        let since = events.lastIndex { record in
            if case .opened = record.event { return true }
            if case .reopened = record.event { return true }
            return false
        } ?? 0
        let letters = events[since...].compactMap { record -> (at: Date, letter: SentLetter)? in
            guard case .letterSent(let letter) = record.event, letter.kind.carriesDecision else { return nil }
            return (Date(timeIntervalSince1970: Double(record.at) / 1000), letter)
        }
        func decided(_ letter: SentLetter) -> Bool {
            letter.outcome == outcome && Self.sameRemedies(letter.grants, grants)
        }
        if let final = letters.last(where: { $0.letter.kind == .finalResponse }) {
            if decided(final.letter) { return }
            throw .letterRequired(Self.mismatch(c.id, final.letter, outcome: outcome))
        }
        if let summary = letters.last(where: { $0.letter.kind == .summaryResolution }),
           let window = clocks.first(where: { LetterKind.summaryResolution.meets.first == $0.clock }),
           summary.at <= window.due, now <= window.due {
            if decided(summary.letter) { return }
            throw .letterRequired(Self.mismatch(c.id, summary.letter, outcome: outcome))
        }
        throw .letterRequired("\(c.id) is a regulated complaint (\(rule)): send its final response letter first "
                              + "(\(Self.finalResponseCommand(c.id))), then resolve it with the same outcome "
                              + "and remedies; nothing was written")
    }

    /// How the command line sends a case's final response, as the refusal to resolve names
    /// it; the desk names its own key in its place.
    public static func finalResponseCommand(_ caseID: String) -> String {
        "escdesk case letter \(caseID) --kind final_response"
    }

    /// Whether two lists of remedies grant the same, in any order.
    static func sameRemedies(_ a: [RemedyRequest], _ b: [RemedyRequest]) -> Bool {
        func key(_ r: RemedyRequest) -> String { r.action + "=" + (r.amount.map { String($0.minor) } ?? "") }
        return a.map(key).sorted() == b.map(key).sorted()
    }

    static func mismatch(_ caseID: String, _ letter: SentLetter, outcome: Outcome) -> String {
        let told = letter.outcome.map(\.rawValue) ?? "no outcome"
        let remedies = letter.grants.isEmpty ? "no remedies"
            : letter.grants.map { $0.action + ($0.amount.map { " \($0.formatted)" } ?? "") }.joined(separator: ", ")
        return "\(caseID)'s \(letter.kind.title) letter told the customer \(told) with \(remedies); resolve with that "
            + "decision, or send a new letter for this one (\(outcome.rawValue)); nothing was written"
    }
}

extension CaseRulebook {
    /// Whether any regulatory final-response clock could apply to a case of this kind, flags
    /// and channel: when none can, `checkResponseLetter` has nothing to check and the case's
    /// history need not be read.
    public static func mayNeedResponseLetter(clocks: [RegulatoryClock], kind: String, flags: Set<String>,
                                             channel: String?) -> Bool {
        clocks.contains { clock in
            clock.family == .regulatory && LetterKind.finalResponse.meets.contains(clock.id)
                && clock.applies(kind: kind, flags: flags, channel: channel)
        }
    }
}
