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

    // MARK: What other connections and a crash see (review findings, each failed before
    // buffers were emptied at every wal-index publication and lock release)

    /// A connection through SQLite's C API, with a URI filename.
    final class RawDB {
        let handle: OpaquePointer
        init(_ uri: String) throws {
            var db: OpaquePointer?
            let rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nil)
            guard rc == SQLITE_OK, let db else { throw DatabaseError(resultCode: ResultCode(rawValue: rc)) }
            handle = db
        }
        deinit { sqlite3_close_v2(handle) }
        @discardableResult
        func exec(_ sql: String) -> Int32 { sqlite3_exec(handle, sql, nil, nil, nil) }
        func integer(_ sql: String) -> Int64? {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
            defer { sqlite3_finalize(statement) }
            return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
        }
        func text(_ sql: String) -> String? {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { return nil }
            defer { sqlite3_finalize(statement) }
            guard sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0) else { return nil }
            return String(cString: text)
        }
    }

    /// The database as a crash right now would leave it: the file and its log as the kernel
    /// holds them (no -shm), copied and opened, so SQLite recovers from the log.
    private func afterACrash(_ path: String) throws -> RawDB {
        let snapshot = Fixtures.folder().appendingPathComponent("crashed.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: snapshot)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: snapshot + "-wal")
        return try RawDB(snapshot)
    }

    private func rawPath() -> String {
        #expect(SQLiteLedger.logBufferInstalled)
        return Fixtures.folder().appendingPathComponent("raw.sqlite").path
    }

    /// A transaction spills pages into the log, then rolls back; another connection commits
    /// frames at the same place. The first one's next read must not write the rolled-back
    /// frames over them.
    @Test func rolledBackFramesNeverLandOnAnotherConnectionsCommit() throws {
        let path = rawPath()
        let a = try RawDB(path), b = try RawDB(path)
        #expect(a.exec("PRAGMA journal_mode=WAL; CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB); INSERT INTO t VALUES (1, 'x');") == SQLITE_OK)
        #expect(a.exec("PRAGMA synchronous=FULL; PRAGMA cache_size=10;") == SQLITE_OK)
        #expect(b.exec("PRAGMA synchronous=FULL;") == SQLITE_OK)
        #expect(a.exec("""
            BEGIN; WITH RECURSIVE c(i) AS (SELECT 2 UNION ALL SELECT i+1 FROM c WHERE i<60)
            INSERT INTO t SELECT i, randomblob(1000) FROM c; ROLLBACK;
            """) == SQLITE_OK)
        #expect(b.exec("""
            BEGIN; WITH RECURSIVE c(i) AS (SELECT 100 UNION ALL SELECT i+1 FROM c WHERE i<160)
            INSERT INTO t SELECT i, zeroblob(1000) FROM c; COMMIT;
            """) == SQLITE_OK)
        #expect(a.integer("SELECT count(*) FROM t") == 62)
        let fresh = try RawDB(path)
        #expect(fresh.integer("SELECT count(*) FROM t") == 62)
        #expect(fresh.text("PRAGMA integrity_check") == "ok")
    }

    /// Below synchronous=FULL a commit is published without a sync. When a page spilled
    /// earlier in the transaction is written again, SQLite rewrites the frames' checksums up
    /// to the commit frame's header after that frame was written; a crash right after the
    /// commit (the files as the kernel holds them) must still recover the whole transaction.
    @Test func aCommitWithRewrittenChecksumsSurvivesACrashBelowFullSync() throws {
        try expectRewrittenCommitRecovered(setUp: "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    }

    /// In exclusive locking mode the wal-index lives in heap memory and SQLite publishes a
    /// commit without a barrier or a lock call; a commit whose checksums were rewritten
    /// (below synchronous=FULL) must still be in the kernel when COMMIT returns.
    @Test func aRewrittenCommitIsWholeWithoutSharedMemoryToo() throws {
        for sync in ["NORMAL", "OFF"] {
            try expectRewrittenCommitRecovered(setUp: "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=\(sync);")
        }
    }

    /// Opens a database with `setUp` (a small page cache, so the transaction spills),
    /// commits 400 rows then an update of a page spilled earlier (its checksums rewritten),
    /// and expects all 401 rows, intact, after a crash right after the commit.
    private func expectRewrittenCommitRecovered(setUp: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = rawPath()
        let db = try RawDB(path)
        #expect(db.exec(setUp + " PRAGMA cache_size=20; CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB); INSERT INTO t VALUES (0, zeroblob(10));") == SQLITE_OK,
                sourceLocation: sourceLocation)
        #expect(db.exec("""
            BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<400)
            INSERT INTO t SELECT i, randomblob(300) FROM c; UPDATE t SET b = randomblob(20) WHERE a = 0; COMMIT;
            """) == SQLITE_OK, sourceLocation: sourceLocation)
        let recovered = try afterACrash(path)
        #expect(recovered.integer("SELECT count(*) FROM t") == 401, "\(setUp)", sourceLocation: sourceLocation)
        #expect(recovered.text("PRAGMA integrity_check") == "ok", sourceLocation: sourceLocation)
    }

    /// After spilled frames are rolled back (a transaction, or a savepoint), the next
    /// commit is written where they were: its header must not be taken for a rewrite that
    /// leaves its page behind (no barrier follows with a heap-memory wal-index).
    @Test func aCommitOverRolledBackFramesIsWholeAfterACrash() throws {
        let rollbacks = [
            "BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<400) INSERT INTO t SELECT i, randomblob(300) FROM c; ROLLBACK; INSERT INTO t VALUES (1, 'committed');",
            "BEGIN; SAVEPOINT s; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<400) INSERT INTO t SELECT i, randomblob(300) FROM c; ROLLBACK TO s; RELEASE s; INSERT INTO t VALUES (1, 'committed'); COMMIT;",
        ]
        for sql in rollbacks {
            let path = rawPath()
            let db = try RawDB(path)
            #expect(db.exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=10; CREATE TABLE t (a INTEGER PRIMARY KEY, b BLOB); INSERT INTO t VALUES (0, 'x');") == SQLITE_OK)
            #expect(db.exec(sql) == SQLITE_OK)
            let recovered = try afterACrash(path)
            #expect(recovered.integer("SELECT count(*) FROM t") == 2, "\(sql.prefix(20))")
            #expect(recovered.text("PRAGMA integrity_check") == "ok")
        }
    }

    /// Without powersafe overwrite SQLite pads a commit to a sector boundary, writing the
    /// last padding frame in two parts around a sync; another connection must find every
    /// commit whole.
    @Test func paddedCommitsAreWholeForOtherConnections() throws {
        let uri = "file:" + rawPath() + "?psow=0"
        let a = try RawDB(uri), b = try RawDB(uri)
        #expect(a.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT);") == SQLITE_OK)
        for i in 0..<5 {
            #expect(a.exec("INSERT INTO t VALUES (\(i), 'row\(i)')") == SQLITE_OK)
            #expect(b.integer("SELECT count(*) FROM t") == Int64(i + 1))
        }
    }
}
