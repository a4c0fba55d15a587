import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct ReferralFlowTests {
    let refund75 = RemedyRequest(action: "refund", amount: Fixtures.pounds(75))

    func storeWithCustomer(flags: [String] = []) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Margaret Oyelaran", contact: "m.oyelaran@example.co.uk", flags: flags),
                              actor: "tom", now: Fixtures.start)
        return (store, path)
    }

    @Test func fullReferralOpenEscalateClaimResolve() throws {
        let (store, _) = try storeWithCustomer()
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice for March", requests: [refund75], live: true),
                                        actor: "tom", now: Fixtures.minutes(1))
        #expect(opened.id == "C-000001")
        #expect(opened.decision.verdict == .escalate)
        #expect(opened.decision.routeTo == "team_leader")

        let referral = try store.escalate(caseID: opened.id, note: "Customer holding, wants £75 back", actor: "tom", now: Fixtures.minutes(2))
        #expect(referral.routeTo == "team_leader")
        let queue = try store.listCases(queue: .role("team_leader"))
        #expect(queue.cases.map(\.id) == [opened.id])
        #expect(try store.queueCounts() == [QueueCount(role: "team_leader", waiting: 1, held: 0, live: 1)])

        try store.claim(caseID: opened.id, actor: "priya", now: Fixtures.minutes(3))
        #expect(try store.listCases(queue: .mine(staffID: "priya")).cases.map(\.id) == [opened.id])
        try store.resolve(caseID: opened.id, resolution: Resolution(outcome: .upheld, rationale: "Duplicate direct debit confirmed",
                                                                   grants: [refund75], rootCause: "billing_error"),
                          actor: "priya", now: Fixtures.minutes(4))

        let detail = try store.caseDetail(id: opened.id)
        #expect(detail.summary.state == .resolved)
        #expect(detail.summary.live == false)
        #expect(detail.customerName == "Margaret Oyelaran")
        #expect(detail.timeline.map(\.kind) == [.caseOpened, .caseEscalated, .caseClaimed, .caseResolved])
        #expect(detail.timeline.map(\.actorName) == ["Tom Reed", "Tom Reed", "Priya Shah", "Priya Shah"])
        #expect(detail.timeline.map(\.actorRole) == ["agent", "agent", "team_leader", "team_leader"])
        #expect(detail.timeline.map(\.text) == ["Billed twice for March", "Customer holding, wants £75 back", nil,
                                                "Duplicate direct debit confirmed"])
        #expect(detail.timeline.last?.outcome == .upheld)
        #expect(detail.timeline.last?.grants == [refund75])
        #expect(detail.timeline.last?.decision?.matrixVersion == "1")
        #expect(try store.verifyChain().isIntact)

        try store.close(caseID: opened.id, actor: "priya", now: Fixtures.minutes(5))
        try store.reopen(caseID: opened.id, note: "Customer rang back: refund not received", actor: "tom", now: Fixtures.minutes(6))
        #expect(try store.caseDetail(id: opened.id).summary.state == .reopened)
    }

    @Test func refusedResolveWritesNothing() throws {
        let (store, path) = try storeWithCustomer()
        let opened = try store.openCase(NewCase(customer: "CU-1", summary: "Meter fault", requests: [refund75]),
                                        actor: "tom", now: Fixtures.minutes(1))
        let events = try store.eventCount()
        let version = try store.caseDetail(id: opened.id).summary.version
        let dataVersion = try store.dataVersion()
        let bytes = Fixtures.rawBytes(path)
        #expect(throws: StoreError.self) {
            try store.resolve(caseID: opened.id, resolution: Resolution(outcome: .upheld, rationale: "Refunding in full",
                                                                       grants: [refund75], rootCause: "metering"),
                              actor: "tom", now: Fixtures.minutes(2))
        }
        do {
            try store.resolve(caseID: opened.id, resolution: Resolution(outcome: .upheld, rationale: "Refunding in full",
                                                                       grants: [refund75], rootCause: "metering"),
                              actor: "tom", now: Fixtures.minutes(2))
        } catch {
            #expect(error.exitCode == 77)
            #expect(error.description.contains("£75.00"))
        }
        #expect(try store.eventCount() == events)
        #expect(try store.caseDetail(id: opened.id).summary.version == version)
        #expect(try store.dataVersion() == dataVersion)
        #expect(Fixtures.rawBytes(path) == bytes)
    }

    @Test func rollingTotalsFromTheStoreAffectDecisions() throws {
        let (store, _) = try storeWithCustomer()
        let refund40 = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))
        for (i, day) in [0.0, 1.0].enumerated() {
            let c = try store.openCase(NewCase(customer: "CU-1", summary: "Late bill \(i)", requests: [refund40]),
                                       actor: "tom", now: Fixtures.days(day))
            #expect(c.decision.verdict == .withinAuthority)
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: "Fee refunded", grants: [refund40],
                                                                  rootCause: "billing_error"),
                              actor: "tom", now: Fixtures.days(day + 0.1))
        }
        // £80 granted in 30 days: another £40 breaks the agent's £100 rolling cap.
        let third = try store.openCase(NewCase(customer: "CU-1", summary: "Another late bill", channel: "email", requests: [refund40]),
                                       actor: "tom", now: Fixtures.days(2))
        #expect(third.decision.verdict == .escalate)
        #expect(third.decision.reasons.contains { $0.rule == "authority.refund" })
        // Three contacts in 30 days: the repeat-contact rule holds as well.
        #expect(third.decision.reasons.contains { $0.rule == "repeat_contact" })
        #expect(throws: StoreError.self) {
            try store.resolve(caseID: third.id, resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [refund40],
                                                                      rootCause: "billing_error"),
                              actor: "tom", now: Fixtures.days(2.1))
        }
        // Forty days later the window has rolled past both grants and contacts.
        let later = try store.openCase(NewCase(customer: "CU-1", summary: "Bill query", requests: [refund40]),
                                       actor: "tom", now: Fixtures.days(45))
        #expect(later.decision.verdict == .withinAuthority)
    }

    @Test func returnedCaseMayBeResolvedUnderTheReturnersReferralRole() throws {
        let (store, _) = try storeWithCustomer(flags: ["vulnerable"])
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Distressed about arrears letter"),
                                   actor: "tom", now: Fixtures.minutes(1))
        #expect(c.decision.verdict == .escalate)
        #expect(throws: StoreError.self) {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: "Explained"), actor: "tom",
                              now: Fixtures.minutes(2))
        }
        _ = try store.escalate(caseID: c.id, note: "Vulnerable customer", actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(3))
        try store.returnCase(caseID: c.id, guidance: "Offer a payment plan, no refund", actor: "priya", now: Fixtures.minutes(4))
        #expect(try store.caseDetail(id: c.id).summary.holder == "tom")
        // Another agent may not act on a case returned to Tom.
        #expect(throws: StoreError.self) {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: "Explained"), actor: "ana",
                              now: Fixtures.minutes(5))
        }
        try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: "Payment plan agreed"),
                          actor: "tom", now: Fixtures.minutes(5))
        // Delegation covers referral rules, never money beyond the agent's own limits.
        let d = try store.openCase(NewCase(customer: "CU-1", summary: "Wants compensation", requests: [refund75]),
                                   actor: "tom", now: Fixtures.minutes(6))
        _ = try store.escalate(caseID: d.id, note: "Over my limit", actor: "tom", now: Fixtures.minutes(7))
        try store.claim(caseID: d.id, actor: "priya", now: Fixtures.minutes(8))
        try store.returnCase(caseID: d.id, guidance: "Give the refund", actor: "priya", now: Fixtures.minutes(9))
        #expect(throws: StoreError.self) {
            try store.resolve(caseID: d.id, resolution: Resolution(outcome: .upheld, rationale: "Refunded", grants: [refund75]),
                              actor: "tom", now: Fixtures.minutes(10))
        }
    }

    @Test func escalationRoutesAndStopsAtTheTop() throws {
        let (store, _) = try storeWithCustomer()
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Small query"), actor: "tom", now: Fixtures.minutes(1))
        // Within authority: a voluntary referral goes one rung up.
        #expect(try store.escalate(caseID: c.id, note: "Second opinion", actor: "tom", now: Fixtures.minutes(2)).routeTo == "team_leader")
        #expect(throws: StoreError.self) { try store.claim(caseID: c.id, actor: "ana", now: Fixtures.minutes(3)) }
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(3))
        #expect(try store.escalate(caseID: c.id, note: "Up", actor: "priya", now: Fixtures.minutes(4)).routeTo == "manager")
        try store.claim(caseID: c.id, actor: "maria", now: Fixtures.minutes(5))
        #expect(try store.escalate(caseID: c.id, note: "Up", actor: "maria", now: Fixtures.minutes(6)).routeTo == "head")
        try store.claim(caseID: c.id, actor: "helen", now: Fixtures.minutes(7))
        do {
            _ = try store.escalate(caseID: c.id, note: "Up", actor: "helen", now: Fixtures.minutes(8))
            Issue.record("escalating from the top role must be refused")
        } catch {
            #expect(error == .atTop(caseID: c.id, role: "Head of Customer Service"))
        }
    }

    @Test func badInputIsRefusedWithASentence() throws {
        let (store, _) = try storeWithCustomer()
        #expect(refusal { _ = try store.openCase(NewCase(customer: "CU-404", summary: "x"), actor: "tom", now: Fixtures.start) }
                == .unknownCustomer("CU-404"))
        #expect(refusal { try store.addCustomer(NewCustomer(id: "CU-1", name: "Again"), actor: "tom", now: Fixtures.start) }
                == .duplicateCustomer("CU-1"))
        #expect(refusal { try store.claim(caseID: "C-999999", actor: "priya", now: Fixtures.start) } == .unknownCase("C-999999"))
        #expect(refusal { _ = try store.openCase(NewCase(customer: "CU-1", summary: "x", kind: "gossip"), actor: "tom", now: Fixtures.start) }?
                    .exitCode == 65)
        #expect(refusal { _ = try store.openCase(NewCase(customer: "CU-1", summary: "  \n"), actor: "tom", now: Fixtures.start) }
                == .emptyText(field: "summary"))
        #expect(refusal { _ = try store.openCase(NewCase(customer: "CU-1", summary: "x"), actor: "nobody", now: Fixtures.start) }
                == .unknownStaff("nobody"))
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Query"), actor: "tom", now: Fixtures.start)
        let huge = String(repeating: "a", count: 1_048_576)
        let tooLong = refusal {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: huge), actor: "tom", now: Fixtures.start)
        }
        #expect(tooLong == .textTooLong(field: "rationale", bytes: 1_048_576, limit: 65_536))
        #expect(tooLong?.description == "the rationale is 1048576 bytes long; the most accepted is 65536 bytes")
        #expect(refusal {
            try store.resolve(caseID: c.id, resolution: Resolution(outcome: .notUpheld, rationale: "ok", rootCause: "aliens"),
                              actor: "tom", now: Fixtures.start)
        }?.exitCode == 65)
        let lifecycle = refusal { try store.close(caseID: c.id, actor: "tom", now: Fixtures.start) }
        #expect(lifecycle?.description.contains("cannot be closed") == true)
        #expect(try store.eventCount() == 3)
    }

    @Test func queuesArePagedLiveFirstThenDeadline() throws {
        let (store, _) = try storeWithCustomer()
        var ids: [String] = []
        for i in 0..<7 {
            let c = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)", live: i == 5),
                                       actor: "tom", now: Fixtures.days(Double(i)))
            ids.append(c.id)
        }
        let first = try store.listCases(queue: .all, limit: 3, offset: 0)
        #expect(first.total == 7)
        #expect(first.cases.map(\.id) == [ids[5], ids[0], ids[1]])
        let second = try store.listCases(queue: .all, limit: 3, offset: 3)
        #expect(second.cases.map(\.id) == [ids[2], ids[3], ids[4]])
        #expect(second.cases.first?.summary == "Case 2")
        #expect(try store.listCases(queue: .all, state: .escalated).total == 0)
    }
}

/// Listings across several states are merged from per-state index ranges: the order must be
/// the queue order across all of them.
@Suite struct ListingTests {
    @Test func roleQueueAndMineMergeStatesInQueueOrder() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        var ids: [String] = []
        for i in 0..<6 {
            let c = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)", live: i == 4), actor: "tom",
                                       now: Fixtures.days(Double(i) * 0.1))
            ids.append(c.id)
            _ = try store.escalate(caseID: c.id, note: "Up", actor: "tom", now: Fixtures.days(Double(i) * 0.1 + 0.01))
        }
        try store.claim(caseID: ids[1], actor: "priya", now: Fixtures.days(1))
        try store.claim(caseID: ids[3], actor: "priya", now: Fixtures.days(1))
        try store.returnCase(caseID: ids[3], guidance: "Yours", actor: "priya", now: Fixtures.days(1.1))
        try store.claim(caseID: ids[5], actor: "sam", now: Fixtures.days(1.15))
        try store.resolve(caseID: ids[5], resolution: Resolution(outcome: .notUpheld, rationale: "No"), actor: "sam",
                          now: Fixtures.days(1.2))

        let queue = try store.listCases(queue: .role("team_leader"))
        #expect(queue.cases.map(\.id) == [ids[4], ids[0], ids[1], ids[2]])
        #expect(queue.total == 4)
        #expect(try store.listCases(queue: .role("team_leader"), limit: 2, offset: 1).cases.map(\.id) == [ids[0], ids[1]])
        #expect(try store.listCases(queue: .role("team_leader"), state: .claimed).cases.map(\.id) == [ids[1]])
        #expect(try store.listCases(queue: .mine(staffID: "priya")).cases.map(\.id) == [ids[1]])
        #expect(try store.listCases(queue: .mine(staffID: "tom")).cases.map(\.id) == [ids[3]])
        #expect(try store.listCases(queue: .all).cases.map(\.id) == [ids[4], ids[0], ids[1], ids[2], ids[3], ids[5]])
        #expect(try store.listCases(queue: .all, state: .resolved).cases.map(\.id) == [ids[5]])
        #expect(try store.queueCounts().first { $0.role == "team_leader" } == QueueCount(role: "team_leader", waiting: 3, held: 1, live: 1))
    }

    /// All cases (in one state or every state) come from each queue role's ranges of the
    /// queue index, merged: a case with no queue role is still listed and counted.
    @Test func allCasesMergeEveryRolesRangesInQueueOrder() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        var ids: [String] = []
        for (i, actor) in ["tom", "priya", "tom", "maria", "tom", "priya"].enumerated() {
            let c = try store.openCaseInHistory(NewCase(customer: "CU-1", summary: "Case \(i)", live: i == 3), actor: actor,
                                                at: Fixtures.days(Double(5 - i)))
            ids.append(c.id)
        }
        _ = try store.escalate(caseID: ids[0], note: "Up", actor: "tom", now: Fixtures.days(6))
        try store.resolve(caseID: ids[1], resolution: Resolution(outcome: .notUpheld, rationale: "No"), actor: "priya",
                          now: Fixtures.days(6))
        try store.executeRaw("UPDATE cases SET queue_role = NULL WHERE id = '\(ids[4])'")

        // Live first, then the nearest deadline: the newest-received is the latest deadline.
        let all = try store.listCases(queue: .all)
        #expect(all.cases.map(\.id) == [ids[3], ids[5], ids[4], ids[2], ids[1], ids[0]])
        #expect(all.total == 6)
        #expect(try store.listCases(queue: .all, limit: 2, offset: 2).cases.map(\.id) == [ids[4], ids[2]])
        let open = try store.listCases(queue: .all, state: .open)
        #expect(open.cases.map(\.id) == [ids[3], ids[5], ids[4], ids[2]])
        #expect(open.total == 4)
        #expect(try store.countCases(queue: .all, state: .resolved) == 1)
        #expect(try store.listCases(queue: .all, state: .closed).cases.isEmpty)
    }

    /// A page found from the far end (the queue's size known) is the page found from the
    /// near end, at every offset, for every kind of queue.
    @Test func pagesFromTheFarEndMatchPagesFromTheNearEnd() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        for i in 0..<23 {
            let actor = ["tom", "ana", "priya", "maria"][i % 4]
            let c = try store.openCaseInHistory(NewCase(customer: "CU-1", summary: "Case \(i)", live: i % 7 == 0),
                                                actor: actor, at: Fixtures.days(Double((i * 5) % 11)))
            if i % 3 == 0 && actor != "maria" {
                _ = try store.escalate(caseID: c.id, note: "Up", actor: actor, now: Fixtures.days(12))
            }
        }
        let queues: [CaseQueue] = [.all, .mine(staffID: "tom"), .role("team_leader"), .referred(role: "team_leader", staffID: "priya"),
                                   .escalatedBy(staffID: "tom")]
        for queue in queues {
            let total = try store.countCases(queue: queue)
            let everything = try store.casePage(queue: queue, limit: 1000).map(\.id)
            #expect(everything.count == total)
            for limit in [1, 4] {
                for offset in 0...(total + 1) {
                    let expected = Array(everything.dropFirst(offset).prefix(limit))
                    #expect(try store.casePage(queue: queue, limit: limit, offset: offset, total: total).map(\.id) == expected,
                            "\(queue) limit \(limit) offset \(offset)")
                    #expect(try store.casePage(queue: queue, limit: limit, offset: offset).map(\.id) == expected)
                }
            }
        }
    }

    /// No listing or count walks the whole cases table or an index, or sorts: on a million
    /// cases that costs seconds, and the desk repaints on every key.
    @Test func listingsAndCountsNeverScanTheCasesTable() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        for actor in ["tom", "priya", "maria"] {
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Case"), actor: actor, now: Fixtures.days(1))
        }
        let queues: [CaseQueue] = [.all, .mine(staffID: "tom"), .role("team_leader"), .referred(role: "team_leader", staffID: "priya"),
                                   .escalatedBy(staffID: "tom")]
        for queue in queues {
            for state in [nil, CaseState.open, .escalated, .resolved] {
                let plan = try store.listingPlan(queue: queue, state: state)
                #expect(!plan.isEmpty)
                // SEARCH is a seek into an index range; SCAN walks a whole table or index,
                // and a temporary b-tree sorts every matching row.
                let scans = plan.filter { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }
                #expect(scans.isEmpty, "\(queue) \(String(describing: state)): \(scans)")
            }
        }
    }

    @Test func aSearchMatchingThousandsWalksTheQueueOrder() throws {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: Fixtures.start)
        let tom = try store.rules.member("tom")
        try store.command { commands in
            for i in 0..<5_100 {
                _ = try commands.openCase(NewCase(customer: "CU-1", summary: "Case \(i)", live: i % 1_000 == 7), actor: tom,
                                          now: Millis.from(Fixtures.start) + Int64(5_100 - i) * 60_000)
            }
        }
        let page = try store.searchCases("c-00", limit: 20, offset: 10)
        // A search lists the most urgent `maxIDMatches` of its id and customer matches.
        #expect(page.total == DeskStore.maxIDMatches)
        #expect(page.cases.map(\.id) == (try store.listCases(queue: .all, limit: 20, offset: 10)).cases.map(\.id))
        #expect(try store.searchCases("c-00", limit: 20, offset: 4_990).cases.map(\.id)
                == (try store.listCases(queue: .all, limit: 10, offset: 4_990)).cases.map(\.id))
        #expect(try store.searchCases("cu-1", limit: 5, offset: 0).cases.first?.live == true)
    }
}
