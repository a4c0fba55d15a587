import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct ChainTests {
    /// A store with ten events: centre, customer, and a case taken through its lifecycle.
    func storeWithHistory() throws -> DeskStore {
        let (store, _) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jo Bloggs"), actor: "tom", now: Fixtures.start)
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Missed engineer visit",
                                           requests: [RemedyRequest(action: "goodwill", amount: Fixtures.pounds(60))]),
                                   actor: "tom", now: Fixtures.minutes(1))
        _ = try store.escalate(caseID: c.id, note: "Over my goodwill limit", actor: "tom", now: Fixtures.minutes(2))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(3))
        try store.returnCase(caseID: c.id, guidance: "Offer £20 instead", actor: "priya", now: Fixtures.minutes(4))
        _ = try store.escalate(caseID: c.id, note: "Customer refuses £20", actor: "tom", now: Fixtures.minutes(5))
        try store.claim(caseID: c.id, actor: "priya", now: Fixtures.minutes(6))
        try store.resolve(caseID: c.id, resolution: Resolution(outcome: .upheld, rationale: "Two missed visits",
                                                              grants: [RemedyRequest(action: "goodwill", amount: Fixtures.pounds(60))],
                                                              rootCause: "third_party"),
                          actor: "priya", now: Fixtures.minutes(7))
        try store.close(caseID: c.id, actor: "priya", now: Fixtures.minutes(8))
        #expect(try store.eventCount() == 10)
        let clean = try store.verifyChain()
        #expect(clean.isIntact)
        #expect(clean.events == 10)
        return store
    }

    func firstBad(after tampering: String) throws -> ChainBreak? {
        let store = try storeWithHistory()
        try store.executeRaw(tampering)
        return try store.verifyChain().firstBad
    }

    @Test func changedPayloadIsNamed() throws {
        let bad = try firstBad(after: "UPDATE events SET payload = replace(payload, '6000', '600000') WHERE seq = 9")
        #expect(bad?.seq == 9)
        #expect(bad?.reason.contains("does not match its contents") == true)
    }

    @Test func changedAndRehashedEventIsCaughtAtTheNext() throws {
        let store = try storeWithHistory()
        try store.executeRaw("UPDATE events SET actor = 'helen' WHERE seq = 4")
        // Recompute event 4's hash as a forger would; event 5 still names the old one.
        let e = try store.query { try $0.events(caseID: "C-000001").first { $0.seq == 4 }! }
        try store.executeRaw("UPDATE events SET hash = '\(EventChain.hash(of: e))' WHERE seq = 4")
        #expect(try store.verifyChain().firstBad?.seq == 5)
    }

    @Test func deletedEventIsNamed() throws {
        let bad = try firstBad(after: "DELETE FROM events WHERE seq = 5")
        #expect(bad?.seq == 5)
        #expect(bad?.reason.contains("missing") == true)
    }

    @Test func deletedLastEventIsNamed() throws {
        let bad = try firstBad(after: "DELETE FROM events WHERE seq = 10")
        #expect(bad?.seq == 10)
        #expect(bad?.reason.contains("not marked as the head of the chain") == true)
    }

    /// The next append after a removed last event leaves a gap where it was, rather than
    /// continuing the shortened chain as if nothing had happened.
    @Test func anAppendAfterADeletedLastEventKeepsTheGap() throws {
        let store = try storeWithHistory()
        try store.executeRaw("DELETE FROM events WHERE seq = 9 OR seq = 10")
        _ = try store.openCase(NewCase(customer: "CU-1", summary: "Another visit missed"), actor: "tom", now: Fixtures.minutes(9))
        let result = try store.verifyChain()
        #expect(result.firstBad?.seq == 9)
        #expect(result.firstBad?.reason.contains("missing") == true)
        #expect(result.events == 10)
    }

    @Test func aMovedHeadMarkIsNamed() throws {
        let moved = try firstBad(after: "UPDATE events SET head = 1 WHERE seq = 6")
        #expect(moved?.seq == 6)
        #expect(moved?.reason.contains("marked as the head") == true)
        // Deleting the last event and moving the mark back by hand is a forgery of the head
        // itself: the chain alone cannot show it, but the case the event belonged to still
        // lists it (and a checkpoint kept elsewhere shows any such cut; see CheckpointTests).
        let store = try storeWithHistory()
        let before = try store.verifyChain().headHash
        try store.executeRaw("DELETE FROM events WHERE seq = 10; UPDATE events SET head = 1 WHERE seq = 9")
        let after = try store.verifyChain()
        #expect(after.firstBad == nil)
        #expect(after.firstBadCase == "C-000001")
        #expect(after.headHash != before)
    }

    /// Every append moves the mark: exactly one event carries it, the newest.
    @Test func onlyTheNewestEventCarriesTheHeadMark() throws {
        let store = try storeWithHistory()
        #expect(try store.integer("SELECT count(*) FROM events WHERE head = 1") == 1)
        #expect(try store.integer("SELECT seq FROM events WHERE head = 1") == 10)
        #expect(try store.integer("SELECT count(*) FROM sqlite_master WHERE name = 'chain_head'") == 0)
    }

    /// The sentence names the event once, whether or not the reason starts with it.
    @Test func aBreakNamesItsEventOnce() {
        #expect(ChainBreak(seq: 4, reason: "event 4 is missing: the log jumps from 3 to 5").description
                == "event 4 is missing: the log jumps from 3 to 5")
        #expect(ChainBreak(seq: 9, reason: "its hash does not match its contents").description
                == "event 9: its hash does not match its contents")
    }

    @Test func deletedFirstEventIsNamed() throws {
        #expect(try firstBad(after: "DELETE FROM events WHERE seq = 1")?.seq == 1)
    }

    @Test func swappedOrderIsNamed() throws {
        let bad = try firstBad(after: """
            UPDATE events SET seq = -6 WHERE seq = 6;
            UPDATE events SET seq = 6 WHERE seq = 7;
            UPDATE events SET seq = 7 WHERE seq = -6;
            """)
        #expect(bad?.seq == 6)
    }

    @Test func rewrittenHashIsNamed() throws {
        let bad = try firstBad(after: "UPDATE events SET hash = '\(String(repeating: "a", count: 64))' WHERE seq = 3")
        #expect(bad?.seq == 3)
    }

    @Test func canonicalJSONIsStable() throws {
        let value: JSONValue = .object(["b": 1, "a": .array(["x\"y\\z\n", .null, true]), "é": "/ü"])
        #expect(value.canonicalString == #"{"a":["x\"y\\z\u000a",null,true],"b":1,"é":"/ü"}"#)
        #expect(try JSONValue.parse(value.canonicalString) == value)
    }
}
