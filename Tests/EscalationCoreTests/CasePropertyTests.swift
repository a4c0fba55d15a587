import PropertyBased
import Testing
@testable import EscalationCore

/// Random sequences of people issuing commands on one case, each asked of the rulebook and,
/// when allowed, recorded as its event and folded: the case's invariants hold after every
/// step, refused commands change nothing, and the keys the desk would offer are exactly the
/// commands the rulebook then accepts.
@Suite struct CasePropertyTests {
    typealias F = CaseFixture
    static let people = ["tom", "ana", "priya", "sam", "maria", "helen", "olu"]
    static let rationales = ["Refunded the duplicate", "  ", "\u{200B}\u{200D}", "", "Explained the tariff\n"]

    /// One step, as one number: who (of 7), which command (of 7), and for a resolve which
    /// rationale they typed (of 5).
    static let step = Gen<Int>.value(in: 0...(7 * 7 * 5 - 1))

    /// The case after the rulebook's answer to one command: the next case and its record if
    /// the command was allowed, nil if refused.
    static func issue(_ kind: CaseCommandKind, by actor: StaffMember, on c: Case, rationale: String,
                      resolvedBy: (resolver: String, role: String)?, seq: Int64) -> CaseEventRecord? {
        let book = F.rulebook
        let within = Decision(verdict: .withinAuthority, handler: actor.role, routeTo: nil, required: actor.role,
                              reasons: [], matrixVersion: "1")
        let event: CaseEvent
        do throws(CaseRefusal) {
            switch kind {
            case .escalate:
                event = .escalated(routeTo: try book.escalation(of: c, by: actor, decision: within), decision: within, note: F.note)
            case .claim:
                event = .claimed(queue: try book.claim(of: c, by: actor))
            case .return:
                event = .returned(to: try book.returnTarget(of: c, by: actor).id, note: F.note)
            case .resolve:
                try book.checkResolve(c, by: actor)
                let kept = try FreeText.checked(rationale, field: "rationale")
                event = .resolved(CaseResolution(outcome: .upheld, grants: [], rootCause: "other", decision: within,
                                                 rationale: .sealed(kept), receivedAt: c.receivedAt,
                                                 escalatedAt: c.escalatedAt, delegatedBy: c.delegatedBy))
            case .close:
                guard let resolvedBy else { throw .notPermitted("never resolved") }
                try book.checkClose(c, by: actor, resolver: resolvedBy.resolver, resolvedAs: resolvedBy.role)
                event = .closed
            case .reopen:
                try book.checkReopen(c, by: actor)
                event = .reopened(note: nil)
            case .markIdentity:
                try book.checkMarkIdentity(c, by: actor)
                event = .identityMarked(verified: true)
            }
        } catch {
            return nil
        }
        return CaseEventRecord(seq: seq, caseID: c.id, at: seq * 1000, actor: actor.id, actorRole: actor.role, event: event)
    }

    @Test func replayingAllowedCommandsKeepsEveryInvariant() async {
        await propertyCheck(count: 400, input: Self.step.array(of: 1...40)) { steps in
            var c = F.open
            var history: [CaseEventRecord] = []
            var resolvedBy: (resolver: String, role: String)?
            for number in steps {
                let (who, kind, text) = (number % 7, CaseCommandKind.allCases[(number / 7) % 7], number / 49)
                let actor = F.person(Self.people[who])
                let offered = F.rulebook.commands(for: actor, on: c, resolvedBy: resolvedBy)
                guard let record = Self.issue(kind, by: actor, on: c, rationale: Self.rationales[text], resolvedBy: resolvedBy,
                                              seq: c.version + 1) else {
                    // Refused: nothing recorded. The desk offers a refused command only when the
                    // refusal is about the typed text, which the key cannot know in advance.
                    #expect(!offered.contains(kind) || kind == .resolve, "\(actor.id) was offered \(kind) on a \(c.state) case")
                    continue
                }
                #expect(offered.contains(kind), "\(actor.id) may \(kind) a \(c.state) case but was not offered it")
                guard let next = try? c.applying(record, roleOf: F.rulebook.role(of:)) else {
                    Issue.record("the fold refused an allowed \(kind) by \(actor.id) on a \(c.state) case")
                    return
                }
                c = next
                history.append(record)
                if case .resolved = record.event { resolvedBy = (actor.id, actor.role) }
                // One holder, exactly when the case is in someone's hands.
                #expect((c.holder != nil) == c.state.isHeld, "holder \(c.holder ?? "none") on a \(c.state) case")
                #expect(c.version == Int64(c.timeline.count))
                // A resolved or closed case has a resolution, and every resolution a rationale.
                if c.state == .resolved || c.state == .closed {
                    #expect(history.contains { if case .resolved = $0.event { return true } else { return false } })
                }
                for case .resolved(let r) in history.map(\.event) {
                    guard case .sealed(let text) = r.rationale else { Issue.record("a resolution without a rationale"); continue }
                    #expect(VisibleText.hasVisibleCharacter(text))
                }
            }
            // The case is the fold of its history from the start.
            let opening = CaseEventRecord(seq: 1, caseID: c.id, at: 0, actor: "tom", actorRole: "agent",
                                          event: .opened(CaseOpening(customer: "CU-1", kind: "complaint", channel: "phone",
                                                                     summary: "sealed", live: false, caseFlags: [],
                                                                     identityVerified: false, requests: [Fixture.refund("75")],
                                                                     decision: F.decision)))
            #expect((try? Case.fold([opening] + history, roleOf: F.rulebook.role(of:))) == c)
        }
    }
}
