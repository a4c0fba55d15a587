import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A case referred up twice (an agent to their team leader, the team leader to a manager)
/// stays with both: in each one's "Escalated by me", and each hears who claimed it and how
/// it ended.
@Suite struct EveryEscalatorTests {
    /// Tom refers a case to the team-leader rung; Priya claims it and refers it higher.
    private func referredTwice() throws -> (DeskStore, path: String, caseID: String, start: Int64) {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        let id = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice"), actor: "tom", now: Fixtures.minutes(1)).id
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Other"), actor: "ana", now: Fixtures.minutes(1.5))
        _ = try store.escalate(caseID: id, note: "Wants a manager", actor: "tom", now: Fixtures.minutes(2))
        let start = try store.outcomes(for: "tom", after: nil).through
        try store.claim(caseID: id, actor: "priya", now: Fixtures.minutes(3))
        let referral = try store.escalate(caseID: id, note: "Over my authority", actor: "priya", now: Fixtures.minutes(4))
        #expect(referral.routeTo == "manager")
        return (store, path, id, start)
    }

    private func ids(_ store: DeskStore, _ staffID: String, state: CaseState? = nil) throws -> [String] {
        try store.listCases(queue: .escalatedBy(staffID: staffID), state: state, limit: 100).cases.map(\.id)
    }

    @Test func theAgentKeepsACaseTheirTeamLeaderReferredHigher() throws {
        let (store, _, id, start) = try referredTwice()
        try store.claim(caseID: id, actor: "maria", now: Fixtures.minutes(5))
        _ = try store.resolve(caseID: id, resolution: Resolution(outcome: .notUpheld, rationale: "No error"),
                              actor: "maria", now: Fixtures.minutes(6))
        for staff in ["tom", "priya"] {
            #expect(try ids(store, staff) == [id], "\(staff)")
            #expect(try ids(store, staff, state: .resolved) == [id], "\(staff)")
            #expect(try ids(store, staff, state: .escalated).isEmpty, "\(staff)")
            #expect(try store.countCases(queue: .escalatedBy(staffID: staff)) == 1)
        }
        #expect(try ids(store, "ana").isEmpty)
        #expect(try ids(store, "maria").isEmpty)
        // Tom hears Priya's claim, Maria's claim and Maria's resolution; Priya hears Maria's.
        let tom = try store.outcomes(for: "tom", after: start).outcomes
        #expect(tom.map(\.kind) == [.claimed, .claimed, .resolved])
        #expect(tom.map(\.actorID) == ["priya", "maria", "maria"])
        #expect(tom.last?.outcome == .notUpheld)
        #expect(try store.outcomes(for: "priya", after: start).outcomes.map(\.kind) == [.claimed, .resolved])
        #expect(try store.verifyChain().isIntact)
    }

    /// A return is news to the person it is handed back to, not to those below them.
    @Test func aReturnReachesOnlyWhoItIsReturnedTo() throws {
        let (store, _, id, start) = try referredTwice()
        try store.claim(caseID: id, actor: "maria", now: Fixtures.minutes(5))
        try store.returnCase(caseID: id, guidance: "Offer a goodwill credit", actor: "maria", now: Fixtures.minutes(6))
        #expect(try store.outcomes(for: "priya", after: start).outcomes.map(\.kind) == [.claimed, .returned])
        #expect(try store.outcomes(for: "tom", after: start).outcomes.map(\.kind) == [.claimed, .claimed])
        // Both still list it, now returned.
        #expect(try ids(store, "tom", state: .returned) == [id])
        #expect(try ids(store, "priya", state: .returned) == [id])
    }

    /// Escalated by me is a range of the escalators index in queue order, read from either
    /// end, never a sort.
    @Test func pagesOfEscalatedByMeMatchFromBothEnds() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        for i in 0..<9 {
            let c = try store.openCaseInHistory(NewCase(customer: "CU-1", summary: "Case \(i)", live: i % 4 == 0),
                                                actor: "tom", at: Fixtures.days(Double((i * 5) % 7)))
            _ = try store.escalate(caseID: c.id, note: "Up", actor: "tom", now: Fixtures.days(8))
            if i % 2 == 0 {
                try store.claim(caseID: c.id, actor: "priya", now: Fixtures.days(8.1))
                _ = try store.escalate(caseID: c.id, note: "Higher", actor: "priya", now: Fixtures.days(8.2))
            }
        }
        let queue = CaseQueue.escalatedBy(staffID: "tom")
        let total = try store.countCases(queue: queue)
        #expect(total == 9)
        let everything = try store.casePage(queue: queue, limit: 100)
        let expected = try store.casePage(queue: .all, limit: 100).filter { c in everything.contains { $0.id == c.id } }
        #expect(everything.map(\.id) == expected.map(\.id), "queue order")
        for offset in 0...total {
            #expect(try store.casePage(queue: queue, limit: 2, offset: offset, total: total).map(\.id)
                    == Array(everything.map(\.id).dropFirst(offset).prefix(2)))
        }
        let plan = try store.listingPlan(queue: queue, state: nil)
        #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// A schema-11 database knew only each case's last escalator: the upgrade finds every
    /// escalator in the log.
    @Test func anUpgradeFromSchemaElevenFindsEveryEscalatorInTheLog() throws {
        let (store, path, id, _) = try referredTwice()
        try Fixtures.downgradeToSchemaEleven(store)
        #expect(try store.integer("PRAGMA user_version") == 11)
        var upgrades: [[Int]] = []
        let again = try DeskStore.open(at: path) { from, to in upgrades.append([from, to]) }
        #expect(upgrades == [[11, SQLiteSchema.schemaVersion]])
        #expect(try ids(again, "tom") == [id])
        #expect(try ids(again, "priya") == [id])
        #expect(try again.integer("SELECT count(*) FROM case_escalators") == 2)
        #expect(try again.integer("SELECT count(*) FROM sqlite_master WHERE name = 'cases_by_escalator'") == 0)
        #expect(try again.verifyChain().isIntact)
        // And it keeps them from then on.
        try again.claim(caseID: id, actor: "maria", now: Fixtures.minutes(5))
        #expect(try ids(again, "tom", state: .claimed) == [id])
        #expect(try again.verifyChain().isIntact)
    }

    /// A hand edit to the escalators is named with the case and the person.
    @Test func aRemovedOrAddedEscalatorIsNamed() throws {
        let (store, _, id, _) = try referredTwice()
        try store.executeRaw("DELETE FROM case_escalators WHERE staff_id = 'tom'")
        let removed = try store.verifyChain()
        #expect(!removed.isIntact)
        #expect(removed.mismatches.first?.table == "case_escalators")
        #expect(removed.mismatches.first?.key == id)
        #expect(removed.mismatches.first?.detail.contains("does not list tom") == true, "\(removed.mismatches)")
        try store.executeRaw("""
            INSERT INTO case_escalators SELECT number, 'tom', state, live, deadline_at, received_at, due_at FROM cases WHERE id = '\(id)';
            INSERT INTO case_escalators SELECT number, 'ana', state, live, deadline_at, received_at, due_at FROM cases WHERE id = '\(id)';
            """)
        let added = try store.verifyChain()
        #expect(added.mismatches.first?.detail.contains("lists ana, who never referred it up") == true, "\(added.mismatches)")
    }
}
