import CLogBuffer
import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import EscalationStore

/// The VFS that gathers each transaction's write-ahead log writes must leave every byte
/// where SQLite's own would: these drive it through the paths that read back what was just
/// written, that overflow the buffer, and that restart the log.
@Suite struct LogBufferTests {
    private func pool() throws -> (DatabasePool, String) {
        #expect(SQLiteLedger.logBufferInstalled)
        let path = Fixtures.folder().appendingPathComponent("buffer.sqlite").path
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: path, configuration: config)
        try pool.write { try $0.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)") }
        return (pool, path)
    }

    @Test func connectionsOpenThroughTheBufferingVFS() throws {
        let (pool, _) = try pool()
        #expect(escdesk_log_buffer_installed() == 1)
        let name = try pool.read { db -> String? in
            var text: UnsafeMutablePointer<CChar>?
            guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_VFSNAME, &text) == SQLITE_OK,
                  let text else { return nil }
            defer { sqlite3_free(text) }
            return String(cString: text)
        }
        #expect(name?.hasPrefix("escdesk-log-buffer/") == true, "\(name ?? "no name")")
    }

    /// Transactions from one row to several times the buffer, some spilling pages to the
    /// log before they commit (a tiny page cache) and reading them back, each checked by
    /// another connection and again after the log is emptied into the file.
    @Test func everyCommittedByteIsReadBackWhateverTheTransactionsSize() throws {
        let (pool, path) = try pool()
        var expected: [Int64: Data] = [:]
        var generator = SeededGenerator(seed: 7)
        for (round, rows) in [1, 3, 40, 200, 2, 700, 5].enumerated() {
            try pool.write { db in
                if round % 2 == 1 { try db.execute(sql: "PRAGMA cache_size = 4") }
                for _ in 0..<rows {
                    let id = Int64.random(in: 1...400, using: &generator)
                    let value = Data((0..<Int.random(in: 1...3_000, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
                    try db.execute(sql: "INSERT OR REPLACE INTO t (id, v) VALUES (?, ?)", arguments: [id, value])
                    expected[id] = value
                    // Reads inside the transaction see its own unflushed writes.
                    #expect(try Data.fetchOne(db, sql: "SELECT v FROM t WHERE id = ?", arguments: [id]) == value)
                }
                try db.execute(sql: "PRAGMA cache_size = -2000")
            }
            let seen = try DatabaseQueue(path: path).read { db in
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, v FROM t").map { ($0[0] as Int64, $0[1] as Data) })
            }
            #expect(seen == expected, "round \(round)")
        }
        try pool.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        try pool.write { try $0.execute(sql: "INSERT OR REPLACE INTO t (id, v) VALUES (1, x'01')") }
        expected[1] = Data([1])
        try pool.close()
        let reopened = try DatabaseQueue(path: path)
        let seen = try reopened.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, v FROM t").map { ($0[0] as Int64, $0[1] as Data) })
        }
        #expect(seen == expected)
        #expect(try reopened.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}
