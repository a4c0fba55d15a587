import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

extension Fixtures {
    /// The fixture centre with a summary-resolution clock (3 business days, warns at a third
    /// left, to Team Leader) and a final-response clock (56 days, warns at a quarter left, to
    /// Manager), counted on England and Wales unless the customer names Scotland.
    static func clockCentre() -> Centre {
        let c = centre()
        let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
        let clocks = [
            RegulatoryClock(id: "summary", title: "Summary resolution", appliesTo: ["complaint"], starts: "received",
                            limit: .businessDays(3, endOfDay: true), warnAt: 0.34, escalateTo: "team_leader", calendar: nil,
                            rule: "FCA DISP 1.5.2R"),
            RegulatoryClock(id: "final", title: "Final response", appliesTo: ["complaint"], starts: "received",
                            limit: .calendarDays(56), warnAt: 0.25, escalateTo: "manager", calendar: nil, rule: "FCA DISP 1.6.2R"),
        ]
        let calendars = [
            WorkingCalendar(id: "england_wales", title: "England and Wales", workingDays: weekdays,
                            holidays: [Holiday(date: "2025-08-25", name: "Summer bank holiday")]),
            WorkingCalendar(id: "scotland", title: "Scotland", workingDays: weekdays,
                            holidays: [Holiday(date: "2025-08-04", name: "Summer bank holiday"),
                                       Holiday(date: "2025-06-16", name: "A Scottish day off (test)")]),
        ]
        return Centre(organisation: c.organisation, timezone: c.timezone, retention: c.retention, policy: c.policy,
                      caseKinds: c.caseKinds, channels: c.channels, rootCauses: c.rootCauses, staff: c.staff,
                      clocks: clocks, calendars: calendars, defaultCalendar: "england_wales")
    }
}

/// Receipts, customer calendars, the `case_clocks` projection and the sweep (issue 15).
/// `Fixtures.start` is Sunday 15 June 2025, 15:06 BST.
@Suite struct ClockStoreTests {
    func store() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.clockCentre())
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        try store.addCustomer(NewCustomer(id: "CU-2", name: "Ann Scot", calendar: "scotland"), actor: "tom", now: Fixtures.start)
        return (store, path)
    }

    func due(_ store: DeskStore, _ caseID: String, _ clock: String, at now: Date = Fixtures.days(1)) throws -> Date? {
        try store.clocks(of: caseID, now: now).first { $0.clock == clock }?.due
    }

    func payload(_ store: DeskStore, _ caseID: String, kind: EventKind) throws -> String? {
        try store.query { try $0.events(caseID: caseID) }.last { $0.kind == kind.rawValue }?.payload
    }

    @Test func theReceiptIsRecordedWhenGivenAndNeverInTheFuture() throws {
        let (store, _) = try store()
        let yesterday = Fixtures.days(-1)
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "Letter", receivedAt: Millis.from(yesterday)),
                                   actor: "tom", now: Fixtures.minutes(1))
        #expect(try store.caseDetail(id: a.id).summary.receivedAt == yesterday)
        #expect(try payload(store, a.id, kind: .caseOpened)?.contains("\"received_at\":\(Millis.from(yesterday))") == true)
        // Without --received the opening keeps the bytes every earlier release wrote.
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "Call"), actor: "tom", now: Fixtures.minutes(2))
        #expect(try payload(store, b.id, kind: .caseOpened)?.contains("received_at") == false)
        let future = refusal { _ = try store.openCase(NewCase(customer: "CU-1", summary: "Later", receivedAt: Millis.from(Fixtures.days(1))),
                                                      actor: "tom", now: Fixtures.minutes(3)) }
        #expect(future?.exitCode == 65)
        #expect(future?.description.contains("in the future") == true)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func correctingTheReceiptNeedsATeamLeaderAndMovesEveryClock() throws {
        let (store, _) = try store()
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "Letter"), actor: "tom", now: Fixtures.minutes(1))
        let before = try #require(try due(store, a.id, "final"))
        let earlier = Fixtures.days(-3)
        let byAgent = refusal { try store.correctReceipt(caseID: a.id, receivedAt: earlier, rationale: "Dated", actor: "tom",
                                                        now: .set(Fixtures.minutes(2))) }
        #expect(byAgent?.exitCode == 77)
        let late = refusal { try store.correctReceipt(caseID: a.id, receivedAt: Fixtures.minutes(1.5), rationale: "x", actor: "priya",
                                                     now: .set(Fixtures.minutes(2))) }
        #expect(late?.exitCode == 65, "a receipt after the case was opened")
        try store.correctReceipt(caseID: a.id, receivedAt: earlier, rationale: "Letter dated Thursday", actor: "priya",
                                 now: .set(Fixtures.minutes(3)))
        #expect(try due(store, a.id, "final") == before.addingTimeInterval(-3 * 86_400))
        #expect(try store.caseDetail(id: a.id).summary.receivedAt == earlier)
        // The rationale is sealed like every note.
        #expect(try payload(store, a.id, kind: .caseReceiptCorrected)?.contains("Letter dated") == false)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func aCustomerCalendarIsStoredExportedAndCounted() throws {
        let (store, _) = try store()
        let unknown = refusal { try store.addCustomer(NewCustomer(id: "CU-3", name: "X", calendar: "wales"), actor: "tom",
                                                      now: Fixtures.start) }
        #expect(unknown?.exitCode == 65)
        #expect(unknown?.description.contains("england_wales, scotland") == true)
        // Received on Sunday: three business days in England are Mon–Wed; Scotland's test
        // holiday on Monday pushes it to Thursday.
        let english = try store.openCase(NewCase(customer: "CU-1", summary: "A"), actor: "tom", now: Fixtures.start)
        let scottish = try store.openCase(NewCase(customer: "CU-2", summary: "B"), actor: "tom", now: Fixtures.start)
        let e = try #require(try store.clocks(of: english.id, now: Fixtures.start).first { $0.clock == "summary" })
        let s = try #require(try store.clocks(of: scottish.id, now: Fixtures.start).first { $0.clock == "summary" })
        #expect(e.calendar == "england_wales" && e.dueDate == LocalDate("2025-06-18"))
        #expect(s.calendar == "scotland" && s.dueDate == LocalDate("2025-06-19"))
        let export = try store.exportCustomer(id: "CU-2", actor: "maria", now: .set(Fixtures.minutes(1)))
        #expect(export.customer.calendar == "scotland")
        #expect(try store.verifyChain().isIntact)
    }

    /// An active case and a resolved one.
    func storeWithTwoCases() throws -> (DeskStore, OpenedCase) {
        let (store, _) = try store()
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "A"), actor: "tom", now: Fixtures.start)
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "B"), actor: "tom", now: Fixtures.minutes(1))
        try store.resolve(caseID: b.id, resolution: Resolution(outcome: .upheld, rationale: "Done"), actor: "tom", now: Fixtures.minutes(2))
        return (store, a)
    }

    @Test func theProjectionHoldsActiveCasesClocksNearestFirst() throws {
        let (store, a) = try storeWithTwoCases()
        let due = try store.clocksDue(now: Fixtures.start, within: 400 * 86_400)
        #expect(due.map(\.caseID) == [a.id, a.id], "a resolved case has no rows")
        #expect(due.map(\.clock) == ["summary", "final"], "nearest first")
        #expect(try store.verifyChain().isIntact)
    }

    @Test(arguments: ["UPDATE case_clocks SET due_at = due_at + 1", "DELETE FROM case_clocks WHERE clock = 'final'",
                      "UPDATE case_clocks SET escalate_to = NULL", "UPDATE case_clocks SET escalated_at = 5",
                      "INSERT INTO case_clocks VALUES (2, 'final', 1, 1, 'running', 'manager', NULL)"])
    func aHandEditedClockIsFoundByAudit(edit: String) throws {
        let (store, _) = try storeWithTwoCases()
        try store.executeRaw(edit)
        let result = try store.verifyChain()
        #expect(result.mismatches.contains { $0.table == "case_clocks" }, "\(edit): \(result.mismatches)")
    }

    @Test func theSweepRefersOnceAndLeavesASeniorsCaseAlone() throws {
        let (store, _) = try store()
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "Agent's"), actor: "tom", now: Fixtures.start)
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "Leader's"), actor: "priya", now: Fixtures.start)
        // Due Wed 18 June 17:30; a third of the time left is on Tuesday afternoon.
        #expect(try store.sweepClocks(now: .set(Fixtures.days(1))).isEmpty)
        let referred = try store.sweepClocks(now: .set(Fixtures.days(2.9)))
        #expect(referred.map(\.caseID) == [a.id])
        #expect(referred.first?.routeTo == "team_leader")
        #expect(try store.sweepClocks(now: .set(Fixtures.days(2.95))).isEmpty, "once")
        let detail = try store.caseDetail(id: a.id)
        #expect(detail.summary.state == .escalated && detail.summary.queueRole == "team_leader")
        let note = try #require(detail.timeline.last)
        #expect(note.actorID == DeskStore.systemActor && note.kind == .caseClockEscalated)
        #expect(note.text?.contains("Summary resolution (FCA DISP 1.5.2R) is due 2025-06-18T17:30:00+01:00") == true)
        // Three quarters into the eight weeks both go to a manager, each once.
        let final = try store.sweepClocks(now: .set(Fixtures.days(43)))
        #expect(Set(final.map(\.caseID)) == [a.id, b.id])
        #expect(final.allSatisfy { $0.routeTo == "manager" && $0.clock == "final" })
        #expect(try store.sweepClocks(now: .set(Fixtures.days(44))).isEmpty)
        #expect(try store.verifyChain().isIntact)
    }

    /// What a desk reads every minute before it takes the write lock for a sweep.
    @Test func aDeskAsksWhetherAnythingAwaitsTheSweepWithoutWriting() throws {
        let (store, _) = try store()
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Agent's"), actor: "tom", now: Fixtures.start)
        #expect(try !store.clocksAwaitSweep(now: Fixtures.days(1)))
        #expect(try store.clocksAwaitSweep(now: Fixtures.days(2.9)))
        #expect(try store.sweepClocks(now: .set(Fixtures.days(2.9))).count == 1)
        #expect(try !store.clocksAwaitSweep(now: Fixtures.days(2.95)), "referred once, nothing left")
    }

    @Test func twoSweepersOnOneFileReferACaseOnce() throws {
        let (store, path) = try store()
        for i in 0..<20 {
            _ = try store.openCase(NewCase(customer: "CU-1", summary: "Case \(i)"), actor: "tom", now: Fixtures.minutes(Double(i)))
        }
        let stores = [try DeskStore.open(at: path), try DeskStore.open(at: path)]
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let referred = (try? stores[i].sweepClocks(now: .set(Fixtures.days(2.9)), batch: 3)) ?? []
            results.add(referred.map(\.caseID))
        }
        #expect(results.all.count == 20)
        #expect(Set(results.all).count == 20)
        #expect(try store.verifyChain().isIntact)
    }

    /// An enquiry (no clock applies) received two days earlier, due on its flat deadline, and
    /// a complaint opened now, due its summary resolution in three business days: both
    /// referred up by Tom.
    func twoQueuedCases() throws -> (DeskStore, String, enquiry: String, complaint: String) {
        let (store, path) = try store()
        let enquiry = try store.openCase(NewCase(customer: "CU-1", summary: "Enquiry", kind: "enquiry",
                                                 receivedAt: Millis.from(Fixtures.days(-2))), actor: "tom", now: Fixtures.start)
        let complaint = try store.openCase(NewCase(customer: "CU-1", summary: "Complaint"), actor: "tom", now: Fixtures.minutes(1))
        for id in [enquiry.id, complaint.id] { _ = try store.escalate(caseID: id, note: "Up", actor: "tom", now: Fixtures.minutes(2)) }
        return (store, path, enquiry.id, complaint.id)
    }

    func order(_ store: DeskStore, _ queue: CaseQueue) throws -> [String] {
        try store.listCases(queue: queue).cases.map(\.id)
    }

    @Test func queuesOrderCasesByTheirNearestClockElseTheirDeadline() throws {
        let (store, _, enquiry, complaint) = try twoQueuedCases()
        #expect(try store.caseDetail(id: enquiry).summary.deadlineAt < store.caseDetail(id: complaint).summary.deadlineAt)
        for queue in [CaseQueue.all, .role("team_leader"), .escalatedBy(staffID: "tom")] {
            #expect(try order(store, queue) == [complaint, enquiry], "\(queue)")
            // The far half of a queue is read from its other end, in the same order.
            #expect(try store.listCases(queue: queue, limit: 1, offset: 1).cases.map(\.id) == [enquiry], "\(queue)")
        }
        let summaryDue = try #require(try due(store, complaint, "summary"))
        #expect(try store.integer("SELECT due_at FROM cases WHERE number = 2").map(Int64.init) == Millis.from(summaryDue))
        // Resolved, the complaint's clocks are met: it goes back to its flat deadline.
        try store.claim(caseID: complaint, actor: "maria", now: Fixtures.minutes(3))
        try store.resolve(caseID: complaint, resolution: Resolution(outcome: .upheld, rationale: "Done"), actor: "maria",
                          now: Fixtures.minutes(4))
        #expect(try order(store, .escalatedBy(staffID: "tom")) == [enquiry, complaint])
        #expect(try store.verifyChain().isIntact)
    }

    @Test func aClockMetLateNoLongerLeadsTheQueueRow() throws {
        let c = Fixtures.clockCentre()
        let claimed = RegulatoryClock(id: "claimed", title: "Referral claimed", appliesTo: ["complaint"], starts: "referred",
                                      limit: .calendarDays(1), warnAt: 0.25, escalateTo: nil, calendar: nil, rule: "Service level")
        let centre = Centre(organisation: c.organisation, timezone: c.timezone, retention: c.retention, policy: c.policy,
                            caseKinds: c.caseKinds, channels: c.channels, rootCauses: c.rootCauses, staff: c.staff,
                            clocks: c.clocks.filter { $0.id == "final" } + [claimed], calendars: c.calendars,
                            defaultCalendar: c.defaultCalendar)
        let (store, _) = try Fixtures.newStore(centre: centre)
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        let complaint = try store.openCase(NewCase(customer: "CU-1", summary: "Complaint"), actor: "tom", now: Fixtures.minutes(1))
        _ = try store.escalate(caseID: complaint.id, note: "Up", actor: "tom", now: Fixtures.minutes(2))
        let claimDue = try #require(try due(store, complaint.id, "claimed"))
        #expect(try store.listCases(queue: .all).cases.first?.nearestDue == claimDue)
        // Claimed two days late: the claim clock stays breached in the record, but the row
        // now counts down to the final response, as the queue orders it.
        try store.claim(caseID: complaint.id, actor: "maria", now: Fixtures.days(2))
        let statuses = try store.clocks(of: complaint.id, now: Fixtures.days(2))
        #expect(statuses.first { $0.clock == "claimed" }?.state == .breached)
        let finalDue = try #require(try due(store, complaint.id, "final"))
        let row = try #require(try store.listCases(queue: .all).cases.first)
        #expect(row.nearestDue == finalDue)
        #expect(row.nearestWarnAt == statuses.first { $0.clock == "final" }?.warnAt)
    }

    @Test func aDueTimeThatIsNotTheNearestClocksIsFound() throws {
        let (store, _, _, complaint) = try twoQueuedCases()
        try store.executeRaw("UPDATE cases SET due_at = deadline_at WHERE id = '\(complaint)'")
        #expect(try store.verifyChain().mismatches.map(\.table) == ["cases"])
        try store.executeRaw("UPDATE cases SET due_at = (SELECT min(due_at) FROM case_clocks WHERE case_number = 2) WHERE number = 2")
        try store.executeRaw("UPDATE case_escalators SET due_at = (SELECT deadline_at FROM cases WHERE number = 2) WHERE case_number = 2")
        #expect(try store.verifyChain().mismatches.map(\.table) == ["case_escalators"])
    }

    @Test func theUpgradeOrdersQueuesByTheNearestClock() throws {
        let (store, path, enquiry, complaint) = try twoQueuedCases()
        try Fixtures.downgradeToSchemaThirteen(store)
        #expect(try store.integer("SELECT number FROM cases ORDER BY deadline_at LIMIT 1") == 1)
        let upgraded = try DeskStore.open(at: path)
        for queue in [CaseQueue.all, .role("team_leader"), .escalatedBy(staffID: "tom")] {
            #expect(try order(upgraded, queue) == [complaint, enquiry], "\(queue)")
        }
        let check = try upgraded.verifyChain()
        #expect(check.isIntact, "\(check.mismatches)")
    }

    @Test func theMigrationBackfillsEveryActiveCase() throws {
        // Schema 9 knew no customer calendars, so its customers name none.
        let (store, path) = try Fixtures.newStore(centre: Fixtures.clockCentre())
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        let a = try store.openCase(NewCase(customer: "CU-1", summary: "A"), actor: "tom", now: Fixtures.start)
        _ = try store.escalate(caseID: a.id, note: "Up", actor: "tom", now: Fixtures.minutes(1))
        let b = try store.openCase(NewCase(customer: "CU-1", summary: "B"), actor: "tom", now: Fixtures.minutes(2))
        try store.resolve(caseID: b.id, resolution: Resolution(outcome: .upheld, rationale: "Done"), actor: "tom", now: Fixtures.minutes(3))
        let expected = try store.clocksDue(now: Fixtures.start, within: 400 * 86_400)
        try Fixtures.downgradeToSchemaTwelve(store)
        let upgraded = try DeskStore.open(at: path)
        #expect(try upgraded.clocksDue(now: Fixtures.start, within: 400 * 86_400).map(\.caseID) == expected.map(\.caseID))
        let check = try upgraded.verifyChain()
        #expect(check.isIntact, "\(check.mismatches)")
    }
}

/// Case ids collected from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    func add(_ more: [String]) { lock.withLock { ids += more } }
    var all: [String] { lock.withLock { ids } }
}
