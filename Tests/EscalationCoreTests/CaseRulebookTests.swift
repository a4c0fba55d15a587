import Testing
@testable import EscalationCore

/// A case's people and histories, built from the core's events as the store records them.
enum CaseFixture {
    static let staff = StaffDirectory(teams: [], staff: [
        StaffMember(id: "tom", name: "Tom Reed", role: "agent", login: "tom", team: nil),
        StaffMember(id: "ana", name: "Ana Lopes", role: "agent", login: "ana", team: nil),
        StaffMember(id: "priya", name: "Priya Shah", role: "team_leader", login: "priya", team: nil),
        StaffMember(id: "sam", name: "Sam Okafor", role: "team_leader", login: "sam", team: nil),
        StaffMember(id: "maria", name: "Maria Jones", role: "manager", login: "maria", team: nil),
        StaffMember(id: "helen", name: "Helen Park", role: "head", login: "helen", team: nil),
        StaffMember(id: "olu", name: "Olu Ade", role: "auditor", login: "olu", team: nil),
    ])
    static let rulebook = CaseRulebook(policy: Fixture.policy(), staff: staff)
    static func person(_ id: String) -> StaffMember { staff.member(id: id)! }

    static let decision = Decision(verdict: .escalate, handler: "agent", routeTo: "team_leader", required: "team_leader",
                                   reasons: [Reason(rule: "authority.refund", requires: "team_leader", detail: "over")],
                                   matrixVersion: "1")

    /// A history of (actor, event), oldest first, folded into a case.
    static func history(_ steps: [(String, CaseEvent)]) -> Case {
        let opening = CaseEvent.opened(CaseOpening(customer: "CU-1", kind: "complaint", channel: "phone", summary: "sealed",
                                                   live: false, caseFlags: [], identityVerified: false,
                                                   requests: [Fixture.refund("75")], decision: decision))
        var c = try! Case.opened(CaseEventRecord(seq: 1, caseID: "C-000001", at: 0, actor: "tom", actorRole: "agent", event: opening))
        for (i, (actor, event)) in steps.enumerated() {
            let record = CaseEventRecord(seq: Int64(i + 2), caseID: c.id, at: Int64(i + 1) * 60_000, actor: actor,
                                         actorRole: person(actor).role, event: event)
            c = try! c.applying(record, roleOf: rulebook.role(of:))
        }
        return c
    }

    static let note = RecordedText.sealed("note")
    static func resolution(_ c: Case) -> CaseResolution {
        CaseResolution(outcome: .upheld, grants: [], rootCause: "other", decision: decision, rationale: note,
                       receivedAt: c.receivedAt, escalatedAt: c.escalatedAt, delegatedBy: c.delegatedBy)
    }

    // The states of one case's life.
    static let open = history([])
    static let escalated = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note))])
    static let claimed = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note)),
                                  ("priya", .claimed(queue: "team_leader"))])
    static let returned = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note)),
                                   ("priya", .claimed(queue: "team_leader")), ("priya", .returned(to: "tom", note: note))])
    static let resolved = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note)),
                                   ("priya", .claimed(queue: "team_leader")), ("priya", .resolved(resolution(claimed)))])
    static let closed = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note)),
                                 ("priya", .claimed(queue: "team_leader")), ("priya", .resolved(resolution(claimed))),
                                 ("priya", .closed)])
    static let reopened = history([("tom", .escalated(routeTo: "team_leader", decision: decision, note: note)),
                                   ("priya", .claimed(queue: "team_leader")), ("priya", .resolved(resolution(claimed))),
                                   ("ana", .reopened(note: nil))])
}

/// Every rule of a case, as a table: command × person (role, holder or not) × state.
@Suite struct CaseRulebookTests {
    typealias F = CaseFixture
    let book = CaseFixture.rulebook

    /// What the rulebook says a person may do, in the states of one case's life (resolved by
    /// Priya as a team leader). `commands(for:on:)` is built from the same checks the store
    /// runs, so this table is the rules' one statement.
    static let table: [(state: String, person: String, allowed: Set<CaseCommandKind>)] = [
        ("open", "tom", [.escalate, .resolve, .markIdentity]),          // the opener holds it
        ("open", "ana", []),                                             // a peer may not touch it
        ("open", "priya", []),                                           // nor may a senior
        ("escalated", "tom", [.markIdentity]),                           // the referrer, on the line
        ("escalated", "ana", []),
        ("escalated", "priya", [.claim, .markIdentity]),                 // the queue's role
        ("escalated", "maria", [.claim, .markIdentity]),                 // or above
        ("claimed", "priya", [.escalate, .return, .resolve, .markIdentity]),
        ("claimed", "sam", []),                                          // held by a colleague
        ("claimed", "tom", []),
        ("returned", "tom", [.escalate, .resolve, .markIdentity]),       // back in the referrer's hands
        ("returned", "priya", []),
        ("resolved", "priya", [.close, .reopen]),                        // the resolver
        ("resolved", "sam", [.close, .reopen]),                          // a peer covers
        ("resolved", "maria", [.close, .reopen]),                        // a senior
        ("resolved", "tom", [.reopen]),                                  // a junior may not close it
        ("resolved", "olu", []),                                         // off the ladder: nothing
        ("closed", "tom", [.reopen]),
        ("closed", "helen", [.reopen]),
        ("reopened", "ana", [.escalate, .resolve, .markIdentity]),       // the reopener holds it
        ("reopened", "priya", []),
    ]

    static func state(_ name: String) -> Case {
        switch name {
        case "open": return F.open
        case "escalated": return F.escalated
        case "claimed": return F.claimed
        case "returned": return F.returned
        case "resolved": return F.resolved
        case "closed": return F.closed
        default: return F.reopened
        }
    }

    @Test(arguments: table.indices)
    func whoMayDoWhat(_ i: Int) {
        let row = Self.table[i]
        let c = Self.state(row.state)
        let resolvedBy = c.state == .resolved ? (resolver: "priya", role: "team_leader") : nil
        #expect(book.commands(for: F.person(row.person), on: c, resolvedBy: resolvedBy) == row.allowed,
                "\(row.person) on a \(row.state) case")
    }

    @Test func refusalsNameTheReason() {
        #expect(throws: CaseRefusal.heldByOther(caseID: "C-000001", holder: "Tom Reed")) {
            try book.checkResolve(F.open, by: F.person("priya"))
        }
        #expect(throws: CaseRefusal.roleTooLow(caseID: "C-000001", role: "Customer Service Agent", needed: "Team Leader")) {
            try book.claim(of: F.escalated, by: F.person("ana"))
        }
        #expect(throws: CaseRefusal.alreadyClaimed(caseID: "C-000001", holder: "Priya Shah", role: "Team Leader")) {
            try book.claim(of: F.claimed, by: F.person("sam"))
        }
        #expect(throws: CaseRefusal.atTop(caseID: "C-000001", role: "Head of Customer Service")) {
            let atTop = F.history([("tom", .escalated(routeTo: "head", decision: F.decision, note: F.note)),
                                   ("helen", .claimed(queue: "head"))])
            return try book.escalation(of: atTop, by: F.person("helen"), decision: F.decision)
        }
        do {
            try book.checkClose(F.resolved, by: F.person("tom"), resolver: "priya", resolvedAs: "team_leader")
            Issue.record("a junior closed a senior's resolution")
        } catch {
            #expect(error.description == "C-000001 was resolved by Priya Shah (Team Leader); only they or a Team Leader or above may close it")
        }
        #expect(throws: CaseRefusal.lifecycle(caseID: "C-000001", LifecycleError(state: .closed, transition: .close))) {
            try book.checkClose(F.closed, by: F.person("priya"), resolver: "priya", resolvedAs: "team_leader")
        }
    }

    /// Routing: where the engine sends it, never lower than the next rung above the actor.
    @Test func anEscalationGoesWhereTheEngineRoutesItButAlwaysUp() throws {
        let within = Decision(verdict: .withinAuthority, handler: "agent", routeTo: nil, required: "agent", reasons: [],
                              matrixVersion: "1")
        #expect(try book.escalation(of: F.open, by: F.person("tom"), decision: within) == "team_leader")
        let toManager = Decision(verdict: .escalate, handler: "agent", routeTo: "manager", required: "manager", reasons: [],
                                 matrixVersion: "1")
        #expect(try book.escalation(of: F.open, by: F.person("tom"), decision: toManager) == "manager")
        #expect(try book.escalation(of: F.claimed, by: F.person("priya"), decision: within) == "manager")
    }

    /// A return hands the case to the referrer, in their role's queue, as a delegation: a
    /// referral rule the returner met no longer blocks the referrer; authority still does.
    @Test func aReturnIsADelegationOfReferralRulesOnly() throws {
        #expect(try book.returnTarget(of: F.claimed, by: F.person("priya")).id == "tom")
        let c = F.returned
        #expect(c.holder == "tom" && c.queueRole == "agent" && c.delegatedRole == "team_leader")
        let decision = Decision(verdict: .escalate, handler: "agent", routeTo: "team_leader", required: "team_leader",
                                reasons: [Reason(rule: "vulnerable_customer", requires: "team_leader", detail: "vulnerable"),
                                          Reason(rule: "authority.refund", requires: "team_leader", detail: "over")],
                                matrixVersion: "1")
        #expect(book.blockingReasons(decision, on: c).map(\.rule) == ["authority.refund"])
        let managerRule = Decision(verdict: .escalate, handler: "agent", routeTo: "manager", required: "manager",
                                   reasons: [Reason(rule: "legal_threat", requires: "manager", detail: "legal")], matrixVersion: "1")
        #expect(book.blockingReasons(managerRule, on: c).map(\.rule) == ["legal_threat"])
        #expect(book.blockingReasons(decision, on: F.open).count == 2)
        #expect(book.effective(Decision(verdict: .escalate, handler: "agent", routeTo: "team_leader", required: "team_leader",
                                        reasons: [decision.reasons[0]], matrixVersion: "1"),
                               blocking: []).verdict == .withinAuthority)
    }

    @Test func desksPowersComeFromTheMatrixOrTheTopRole() {
        #expect(book.may("head", use: "erase_personal_data"))
        #expect(!book.may("manager", use: "erase_personal_data"))
        #expect(throws: CaseRefusal.self) { try book.checkPower("approve_matrix", actor: F.person("maria"), doing: "approve") }
    }

    @Test func aCaseHasItsDeadlineFromTheHook() {
        #expect(F.open.deadlineAt == CaseDeadline.due(kind: "complaint", receivedAt: 0))
        #expect(F.open.deadlineAt == 56 * 86_400_000)
    }

    @Test func theFoldRefusesWhatNoCommandWrites() {
        let claim = CaseEventRecord(seq: 9, caseID: "C-000001", at: 0, actor: "sam", actorRole: "team_leader",
                                    event: .claimed(queue: "team_leader"))
        #expect(throws: CaseFoldError.self) { try F.claimed.applying(claim, roleOf: book.role(of:)) }
        let other = CaseEventRecord(seq: 9, caseID: "C-000002", at: 0, actor: "tom", actorRole: "agent", event: .closed)
        #expect(throws: CaseFoldError.self) { try F.resolved.applying(other, roleOf: book.role(of:)) }
    }
}

extension CaseRulebookTests {
    @Test func managersAndAboveSeeTheMatrix() {
        #expect(!book.mayViewMatrix("agent") && !book.mayViewMatrix("team_leader"))
        #expect(book.mayViewMatrix("manager") && book.mayViewMatrix("head"))
        let noManager = CaseRulebook(policy: EscalationPolicy(
            matrix: AuthorityMatrix(version: "1", currency: .gbp,
                                    ladder: Ladder([Role(id: "a", title: "A"), Role(id: "b", title: "B"), Role(id: "c", title: "C")]),
                                    actions: [], cells: [:]),
            referrals: [], routing: .direct), staff: CaseFixture.staff)
        #expect(!noManager.mayViewMatrix("a") && noManager.mayViewMatrix("b") && noManager.mayViewMatrix("c"))
    }
}
