import EscalationCore
@testable import EscalationStore
import Foundation
import GRDB
import Testing

/// Rolling caps hold however grants are added up, whatever the clock does and however many
/// desks grant at once.
@Suite struct GrantIntegrityTests {
    static func refund(_ minor: Int64) -> RemedyRequest { RemedyRequest(action: "refund", amount: Money(minor: minor, currency: .gbp)) }

    /// A customer with a claimed case each for Priya and Sam (team leaders: £500 a case,
    /// £1,000 in 30 days), after £400 already granted on a first case.
    func storeWithTwoClaimedCases(training: Bool = true) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(training: training)
        let clock = ActionClock.reading { Fixtures.start }
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Example"), actor: "tom", now: clock)
        for (n, holder) in ["priya", "priya", "sam"].enumerated() {
            let c = try store.openCase(NewCase(customer: "CU-1", summary: "Billing \(n)"), actor: "tom", now: clock)
            _ = try store.escalate(caseID: c.id, note: "Up", actor: "tom", now: clock)
            try store.claim(caseID: c.id, actor: holder, now: clock)
        }
        try store.resolve(caseID: "C-000001", resolution: Resolution(outcome: .upheld, rationale: "Refunded", grants: [Self.refund(40_000)]),
                          actor: "priya", now: clock)
        return (store, path)
    }

    @Test func grantsThatWrapRoundAreRefusedAndNothingIsWritten() throws {
        let (store, _) = try storeWithTwoClaimedCases()
        let events = try store.integer("SELECT count(*) FROM events")
        let big = Self.refund(Int64.max / 9 + 1)
        let error = refusal {
            try store.resolve(caseID: "C-000002", resolution: Resolution(outcome: .upheld, rationale: "r", grants: Array(repeating: big, count: 10)),
                              actor: "priya", now: .system)
        }
        #expect(error == .decisionInput(.amountOverflow(action: "refund")))
        #expect(error?.exitCode == 65)
        let many = refusal {
            try store.resolve(caseID: "C-000002", resolution: Resolution(outcome: .upheld, rationale: "r",
                                                                         grants: Array(repeating: Self.refund(1), count: 185)),
                              actor: "priya", now: .system)
        }
        #expect(many?.exitCode == 65)
        #expect(try store.integer("SELECT count(*) FROM events") == events)
        #expect(try store.integer("SELECT count(*) FROM grants") == 1)
    }

    /// Grants whose sum no integer holds (written by an earlier release that wrapped) no
    /// longer break every later decision with SQLite's "integer overflow", and count as over
    /// every cap.
    @Test func aHistoryWhoseSumOverflowsStillDecides() throws {
        let (store, _) = try storeWithTwoClaimedCases()
        let at = Millis.from(Fixtures.start)
        for _ in 0..<3 {
            try store.executeRaw("INSERT INTO grants (case_number, customer_id, action, minor, granted_at) VALUES (1, 'CU-1', 'refund', \(Int64.max / 2), \(at))")
        }
        let error = refusal {
            try store.resolve(caseID: "C-000002", resolution: Resolution(outcome: .upheld, rationale: "r", grants: [Self.refund(100)]),
                              actor: "priya", now: .set(Fixtures.minutes(5)))
        }
        guard case .beyondAuthority? = error else { Issue.record("expected a refusal beyond authority, got \(String(describing: error))"); return }
    }

    /// The campaign's race: two team leaders grant £400 each to a customer who already had
    /// £400 (cap £1,000), while a third connection holds the write lock for 300 ms so both
    /// read their clocks before either writes. Exactly one grant may stand, every time.
    @Test func concurrentGrantsBehindAHeldWriteLockNeverBothPass() throws {
        for round in 0..<6 {
            let (store, path) = try storeWithTwoClaimedCases()
            let holder = try DatabaseQueue(path: path)
            let locked = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            let lockThread = Thread {
                try? holder.inDatabase { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.signal()
                    release.wait()
                    try db.execute(sql: "COMMIT")
                }
            }
            lockThread.start()
            locked.wait()
            let results = Results()
            let group = DispatchGroup()
            // Each desk's own store (its own connections), its clock a little apart, the
            // later one first: on the old code the desk whose clock reads earlier missed the
            // other's grant when it wrote second.
            for (i, (caseID, actor)) in [("C-000002", "priya"), ("C-000003", "sam")].enumerated() {
                let desk = try DeskStore.open(at: path)
                let time = Fixtures.minutes(Double(10 + (round % 2 == 0 ? i : 1 - i)))
                group.enter()
                Thread {
                    let error = refusal {
                        try desk.resolve(caseID: caseID, resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [Self.refund(40_000)]),
                                         actor: actor, now: .reading { time })
                    }
                    results.add(error)
                    group.leave()
                }.start()
            }
            usleep(300_000)
            release.signal()
            group.wait()
            #expect(results.accepted == 1, "round \(round): \(results.errors)")
            #expect(try store.integer("SELECT count(*) FROM grants") == 2)
            _ = store
        }
    }

    /// A clock that has gone back records at the newest event's time, never before it, and
    /// the grants it finds still count toward the window.
    @Test func aClockThatGoesBackIsHeldAtTheNewestEvent() throws {
        let (store, _) = try storeWithTwoClaimedCases(training: false)
        let newest = try store.query { try $0.chainHead().at }
        try store.resolve(caseID: "C-000002", resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [Self.refund(40_000)]),
                          actor: "priya", now: .reading { Fixtures.start.addingTimeInterval(-86_400 * 40) })
        #expect(try store.query { try $0.chainHead().at } == newest)
        // £400 + £400 + £400 is over the £1,000 cap, whatever the third desk's clock says.
        let error = refusal {
            try store.resolve(caseID: "C-000003", resolution: Resolution(outcome: .upheld, rationale: "Refund", grants: [Self.refund(40_000)]),
                              actor: "sam", now: .reading { Fixtures.start.addingTimeInterval(-86_400 * 400) })
        }
        guard case .beyondAuthority? = error else { Issue.record("expected a refusal, got \(String(describing: error))"); return }
    }

    @Test func aSetTimeBehindTheRecordIsRefusedAndNeverAcceptedOnANormalDatabase() throws {
        let (store, _) = try storeWithTwoClaimedCases()
        let before = try store.integer("SELECT count(*) FROM events")
        let error = refusal {
            try store.resolve(caseID: "C-000002", resolution: Resolution(outcome: .upheld, rationale: "r"), actor: "priya",
                              now: .set(Fixtures.start.addingTimeInterval(-1)))
        }
        guard case .clockBehindRecord? = error else { Issue.record("expected clockBehindRecord, got \(String(describing: error))"); return }
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("before the newest event") == true)
        #expect(try store.integer("SELECT count(*) FROM events") == before)

        let (normal, _) = try Fixtures.newStore(training: false)
        #expect(refusal { try normal.addCustomer(NewCustomer(id: "CU-9", name: "N"), actor: "tom", now: .set(Fixtures.days(1))) }
                == .notTraining(option: "--now"))
    }
}

/// Refusals collected from several threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors: [StoreError?] = []
    func add(_ error: StoreError?) { lock.withLock { errors.append(error) } }
    var accepted: Int { lock.withLock { errors.filter { $0 == nil }.count } }
}
