import EscalationCore
@testable import EscalationStore
import Foundation
import GRDB
import Testing

/// What a power cut right after a commit leaves: the database file and its write-ahead log
/// as the kernel holds them (no `-shm`). Every action the store acknowledged must come back
/// when the copy is opened, with the chain and every projection intact.
@Suite struct CrashRecoveryTests {
    @Test func everyAcknowledgedActionSurvivesACrashRightAfterItsCommit() throws {
        let (store, path) = try Fixtures.newStore()
        // A page cache too small for one case: each transaction spills pages into the log
        // before it commits, and writes some of them again, rewriting frames' checksums.
        _ = try store.integer("PRAGMA cache_size = 10")
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Ann Other"), actor: "tom", now: Fixtures.start)
        for n in 1...5 {
            let summary = "Meter \(n): " + String(repeating: "reading disputed; ", count: 1_500)
            let opened = try store.openCase(NewCase(customer: "CU-1", summary: summary), actor: "tom", now: Fixtures.minutes(Double(n)))
            _ = try store.escalate(caseID: opened.id, note: "Wants a manager", actor: "tom", now: Fixtures.minutes(Double(n)))
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))

        let crashed = Fixtures.folder().appendingPathComponent("crashed.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: crashed)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: crashed + "-wal")
        let recovered = try DeskStore.open(at: crashed)
        #expect(try recovered.eventCount() == (try store.eventCount()))
        #expect(try recovered.listCases(queue: .all).cases.map(\.id) == (try store.listCases(queue: .all).cases.map(\.id)))
        let verification = try recovered.verifyChain()
        #expect(verification.isIntact, "\(verification.mismatches)")
        #expect(try DatabaseQueue(path: crashed).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}
