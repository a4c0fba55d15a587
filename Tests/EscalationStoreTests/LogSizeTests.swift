import Foundation
import GRDB
import Testing
@testable import EscalationStore

/// A write-ahead log that grew while a reader held an old snapshot (checkpoints could not
/// restart it) is cut back to the limit once the log restarts, instead of keeping its
/// largest size on disk for good.
@Suite struct LogSizeTests {
    private func walBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size]) as? NSNumber)?.intValue ?? 0
    }

    @Test func aLogGrownPastItsLimitShrinksBackWhenItRestarts() throws {
        let (store, path) = try Fixtures.newStore()
        // The log and the file grow past 64 MB: they go with the test.
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent()) }
        let ledger = try #require(store.ledger as? SQLiteLedger)
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: path, configuration: config)
        // The reader's snapshot predates everything below, so no checkpoint can restart the log.
        try reader.inDatabase { db in
            try db.execute(sql: "BEGIN DEFERRED")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM events")
        }
        let chunk = 8 << 20
        let chunks = SQLiteLedger.walSizeLimitBytes / chunk + 2
        try ledger.pool.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE filler (b BLOB)")
            for _ in 0..<chunks { try db.execute(sql: "INSERT INTO filler VALUES (randomblob(?))", arguments: [chunk]) }
        }
        #expect(walBytes(path) > SQLiteLedger.walSizeLimitBytes)
        try reader.inDatabase { try $0.execute(sql: "COMMIT") }
        // With no reader left the next checkpoint copies the whole log, and the write after it
        // starts the log again from the top: its commit cuts the file back.
        try ledger.pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.passive)
            try db.execute(sql: "INSERT INTO filler VALUES (x'00')")
        }
        #expect(walBytes(path) <= SQLiteLedger.walSizeLimitBytes)
        #expect(try store.verifyChain().isIntact)
    }
}
