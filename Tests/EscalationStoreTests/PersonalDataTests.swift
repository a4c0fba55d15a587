import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct PersonalDataTests {
    static let name = "Bartholomew Quiggley"
    static let contact = "bart.quiggley@example.co.uk"
    static let summary = "Smart meter reading wrong since March"
    static let note = "Quiggley household disputes the estimate"
    static let rationale = "Engineer confirmed faulty meter at Quiggley address"

    /// A customer with one resolved case whose texts are all distinctive.
    func storeWithCustomer(retention: RetentionPeriod) throws -> (DeskStore, String, String) {
        let (store, path) = try Fixtures.newStore(centre: Fixtures.centre(retention: retention))
        try store.addCustomer(NewCustomer(id: "CU-7", name: Self.name, contact: Self.contact, flags: ["vulnerable"]),
                              actor: "tom", now: Fixtures.start)
        let c = try store.openCase(NewCase(customer: "CU-7", summary: Self.summary,
                                           requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(120))]),
                                   actor: "tom", now: Fixtures.minutes(1))
        _ = try store.escalate(caseID: c.id, note: Self.note, actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(3))
        try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: Self.rationale,
                                                              grants: [RemedyRequest(action: "refund", amount: Fixtures.pounds(120))],
                                                              rootCause: "metering"),
                          actor: "priya", now: Fixtures.minutes(4))
        return (store, path, c.id)
    }

    /// Sealed everywhere; the only plain copies are the search indexes: a name's lower-case
    /// words, and the case texts' index (`CaseTextIndex`), both deleted on erasure (see
    /// `erasureLeavesNoKeyNoTextAndAnIntactChain` and `SearchTests`).
    @Test func noPlaintextEverReachesTheFiles() throws {
        let (_, path, _) = try storeWithCustomer(retention: RetentionPeriod(days: 1))
        let bytes = Fixtures.rawBytes(path)
        for secret in [Self.name, Self.contact] {
            #expect(!Fixtures.contains(bytes, secret), "\(secret) is in the file")
        }
    }

    @Test func erasureLeavesNoKeyNoTextAndAnIntactChain() throws {
        let (store, path, caseID) = try storeWithCustomer(retention: RetentionPeriod(days: 1))
        let key = try #require(try store.query { try $0.key(owner: "CU-7") })
        #expect(Fixtures.rawBytes(path).range(of: Data(key)) != nil)

        let receipt = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Customer asked for erasure by letter",
                                              overrideRetention: false, now: Fixtures.days(2))
        #expect(receipt.casesKept == 1)
        #expect(receipt.retentionOverridden == false)
        #expect(receipt.walPurged)

        let bytes = Fixtures.rawBytes(path)
        #expect(bytes.range(of: Data(key)) == nil, "the customer's key survived erasure")
        for secret in [Self.name, Self.contact, Self.summary, Self.note, Self.rationale, "quiggley", "bartholomew"] {
            #expect(!Fixtures.contains(bytes, secret))
        }
        #expect(try store.verifyChain().isIntact)

        let detail = try store.caseDetail(id: caseID)
        #expect(detail.customerName == nil)
        #expect(detail.summary.summary == nil)
        let listed = try #require(try store.listCases(queue: .all, state: .resolved).cases.first)
        #expect(listed.customerName == nil && listed.summary == nil)
        #expect(listed.customerFlags == ["vulnerable"], "flags are what the organisation keeps")
        #expect(detail.timeline.allSatisfy { $0.text == nil })
        #expect(detail.timeline.first?.textErased == true)
        // What the organisation must keep stays readable.
        let resolution = try #require(detail.timeline.last)
        #expect(resolution.grants == [RemedyRequest(action: "refund", amount: Fixtures.pounds(120))])
        #expect(resolution.outcome == .upheld)
        #expect(resolution.actorRole == "team_leader")
        #expect(resolution.decision?.verdict == .withinAuthority)

        // A second erasure, or new work for the erased customer, is refused.
        #expect(throws: StoreError.customerErased("CU-7")) {
            _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "again", overrideRetention: false, now: Fixtures.days(3))
        }
        #expect(throws: StoreError.customerErased("CU-7")) {
            _ = try store.openCase(NewCase(customer: "CU-7", summary: "New"), actor: "tom", now: Fixtures.days(3))
        }
    }

    /// Another desk in the middle of a read stops the log being emptied; the erasure is
    /// committed all the same and its receipt says the log still holds old pages, which the
    /// next open of the database with no one reading removes.
    @Test func anErasureWhileAnotherDeskReadsIsDoneAndSaysTheLogWasNotEmptied() throws {
        let (store, path, caseID) = try storeWithCustomer(retention: RetentionPeriod(days: 1))
        let key = try #require(try store.query { try $0.key(owner: "CU-7") })

        let otherDesk = try DeskStore.open(at: path)
        let reading = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            _ = try? otherDesk.query { reader in
                _ = try reader.eventCount()
                reading.signal()
                finish.wait()
            }
            finished.signal()
        }
        reading.wait()

        let started = Date()
        let receipt = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Customer asked for erasure by letter",
                                              overrideRetention: false, now: Fixtures.days(2))
        let waited = Date().timeIntervalSince(started)
        #expect(receipt.walPurged == false)
        #expect(waited >= DeskStore.erasurePurgeWait - 0.5 && waited < SQLiteLedger.busyTimeout,
                "the erasure waited \(waited) s for the reader")
        // Honestly reported: the old pages are still in the files while the reader reads.
        #expect(Fixtures.rawBytes(path).range(of: Data(key)) != nil)
        // The erasure itself is committed.
        #expect(try store.caseDetail(id: caseID).customerName == nil)
        #expect(throws: StoreError.customerErased("CU-7")) {
            _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "again", overrideRetention: false, now: Fixtures.days(3))
        }
        #expect(try store.verifyChain().isIntact)

        finish.signal()
        finished.wait()
        // The next open with no one reading empties the log.
        _ = try DeskStore.open(at: path)
        let bytes = Fixtures.rawBytes(path)
        #expect(bytes.range(of: Data(key)) == nil, "the customer's key survived erasure")
        for secret in ["quiggley", "bartholomew"] { #expect(!Fixtures.contains(bytes, secret)) }
        #expect(try store.verifyChain().isIntact)
    }

    @Test func retentionRefusesUnlessAPermittedRoleOverrides() throws {
        let (store, _, _) = try storeWithCustomer(retention: RetentionPeriod(years: 3))
        do {
            _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Asked by phone", overrideRetention: false,
                                        now: Fixtures.days(10))
            Issue.record("erasure inside the retention period must be refused")
        } catch {
            #expect(error.exitCode == 77)
            #expect(error.description.contains("must be kept until 2028-06-15"))
        }
        // A manager may erase but may not override retention; the head may.
        #expect(throws: StoreError.self) {
            _ = try store.eraseCustomer(id: "CU-7", actor: "maria", rationale: "Asked by phone", overrideRetention: true,
                                        now: Fixtures.days(10))
        }
        #expect(throws: StoreError.self) {
            _ = try store.eraseCustomer(id: "CU-7", actor: "tom", rationale: "Asked by phone", overrideRetention: false,
                                        now: Fixtures.days(2000))
        }
        let receipt = try store.eraseCustomer(id: "CU-7", actor: "helen", rationale: "Court order 123", overrideRetention: true,
                                              now: Fixtures.days(10))
        #expect(receipt.retentionOverridden)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func undeclaredPowersBelongToTheTopRoleOnly() throws {
        let (store, _) = try Fixtures.newStore(centre: Fixtures.centre(retention: RetentionPeriod(days: 1), declarePowers: false))
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Other"), actor: "tom", now: Fixtures.start)
        #expect(throws: StoreError.self) { _ = try store.exportCustomer(id: "CU-1", actor: "maria", now: Fixtures.days(5)) }
        _ = try store.exportCustomer(id: "CU-1", actor: "helen", now: Fixtures.days(5))
        _ = try store.eraseCustomer(id: "CU-1", actor: "helen", rationale: "Asked", overrideRetention: false, now: Fixtures.days(5))
    }

    @Test func subjectAccessExportHasEverythingDecrypted() throws {
        let (store, _, caseID) = try storeWithCustomer(retention: RetentionPeriod(years: 3))
        let export = try store.exportCustomer(id: "CU-7", actor: "maria", now: Fixtures.days(1))
        #expect(export.customer.name == Self.name)
        #expect(export.customer.contact == Self.contact)
        #expect(export.customer.flags == ["vulnerable"])
        #expect(export.cases.map(\.summary.id) == [caseID])
        #expect(export.cases[0].timeline.compactMap(\.text) == [Self.summary, Self.note, Self.rationale])
        #expect(export.exportedBy == "maria")
        let json = try JSONEncoder().encode(export)
        #expect(String(decoding: json, as: UTF8.self).contains("Quiggley"))
        // The export itself is on the record.
        #expect(try store.eventCount() == 7)
        #expect(throws: StoreError.self) { _ = try store.exportCustomer(id: "CU-7", actor: "tom", now: Fixtures.days(1)) }
    }
}
