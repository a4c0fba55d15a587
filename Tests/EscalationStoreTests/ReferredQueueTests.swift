import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// The queue a team leader works from, and paging without recounting.
@Suite struct ReferredQueueTests {
    @Test func referredShowsWaitingCasesAndMineButNotAColleaguesClaims() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        let refund = RemedyRequest(action: "refund", amount: Fixtures.pounds(75))
        var ids: [String] = []
        for i in 1...3 {
            let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)", requests: [refund]),
                                            actor: "tom", now: Fixtures.minutes(Double(i)))
            _ = try store.escalate(caseID: opened.id, note: "Over my limit", actor: "tom", now: Fixtures.minutes(Double(i) + 0.5))
            ids.append(opened.id)
        }
        try store.claim(caseID: ids[0], actor: "priya", now: Fixtures.minutes(10))
        try store.claim(caseID: ids[1], actor: "sam", now: Fixtures.minutes(11))

        let priya = try store.casePage(queue: .referred(role: "team_leader", staffID: "priya")).map(\.id)
        #expect(Set(priya) == [ids[0], ids[2]])
        #expect(try store.countCases(queue: .referred(role: "team_leader", staffID: "priya")) == 2)
        // The role queue as a whole still shows every case at that level.
        #expect(try store.countCases(queue: .role("team_leader")) == 3)
        #expect(try store.listCases(queue: .role("team_leader")).total == 3)
    }

    @Test func pagesComeInQueueOrderWithoutATotal() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        for i in 1...7 {
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)"), actor: "tom", now: Fixtures.minutes(Double(i)))
        }
        let all = try store.listCases(queue: .all, limit: 100).cases.map(\.id)
        let paged = try (0..<4).flatMap { try store.casePage(queue: .all, limit: 2, offset: $0 * 2).map(\.id) }
        #expect(paged == all)
        #expect(try store.countCases(queue: .all) == 7)
    }
}
