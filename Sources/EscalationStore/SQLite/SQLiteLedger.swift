import Foundation
import GRDB
import GRDBSQLite

/// The embedded ledger: one SQLite file in WAL mode, shared by every desk on the host.
///
/// Every connection waits up to `busyTimeout` for another process's write lock (GRDB's
/// default fails at once), the writer syncs every commit (`synchronous = FULL`, so an
/// acknowledged action survives power loss), and deleted content is overwritten
/// (`secure_delete`) so erased keys do not linger in free pages.
final class SQLiteLedger: Ledger, @unchecked Sendable {
    let path: String
    let pool: DatabasePool
    /// A connection of its own for `PRAGMA data_version`, which only changes for commits
    /// made by *other* connections (the pool's writer included).
    private let versionReader: DatabaseQueue

    static let busyTimeout: TimeInterval = 5

    /// Pages the write-ahead log may hold before the committing desk copies them into the
    /// main file (SQLite's default is 1,000). A case write touches six to nine pages, so the
    /// default checkpointed every hundred or so actions, re-writing the same hot index
    /// leaves each time; at 10,000 (a log of about 40 MB) a page rewritten many times is
    /// copied once, which took a third off each action's CPU time. Erasure still empties
    /// the log at once (`purgeResidue`).
    static let walAutocheckpointPages = 10_000

    /// The size the write-ahead log file is cut back to when the log restarts. A checkpoint
    /// cannot restart the log while a desk reads an older snapshot, so under readers that
    /// never all pause the file grows past its usual ~40 MB (a stress test saw 1.4 GB), and
    /// SQLite otherwise keeps a grown file at its largest for good. Above the usual size,
    /// so an ordinary restart never truncates (and regrows) the file.
    static let walSizeLimitBytes = 64 << 20

    /// The pragmas every writing connection runs.
    static let writerPragmas = """
        PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA wal_autocheckpoint = \(walAutocheckpointPages);
        PRAGMA journal_size_limit = \(walSizeLimitBytes)
        """

    /// - Parameter file: the file to open, when it is not `path` (a database being created
    ///   under a temporary name); errors still name `path`, the database the person asked for.
    private init(path: String, file: String? = nil) throws {
        self.path = path
        pool = try DatabasePool(path: file ?? path, configuration: Self.configuration(readonly: false))
        // GRDB's WAL set-up lowers the writer to NORMAL after `prepareDatabase` runs.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        versionReader = try DatabaseQueue(path: file ?? path, configuration: Self.configuration(readonly: true))
    }

    private static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.readonly = readonly
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: db.configuration.readonly ? "PRAGMA synchronous = FULL" : writerPragmas)
        }
        return config
    }

    // MARK: Opening and creating

    /// Opens an existing database, refusing a file that is not ours or is too new.
    static func open(path: String, willUpgrade: (_ from: Int, _ to: Int) -> Void = { _, _ in }) throws -> SQLiteLedger {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missingDatabase(path: path) }
        try SQLiteHeader.check(path: path)
        let ledger: SQLiteLedger
        do { ledger = try SQLiteLedger(path: path) } catch { throw SQLiteErrors.map(error, path: path) }
        try ledger.checkSchema(willUpgrade: willUpgrade)
        // What an earlier erasure could not empty from the write-ahead log (another desk was
        // reading) goes now, if nobody is reading; this open does not wait for anyone.
        if ledger.walHasFrames { _ = ledger.purgeResidue(waitingUpTo: 0) }
        return ledger
    }

    /// Creates a new database and fills it through `setUp` in its first transaction.
    ///
    /// The database is built under a temporary name in the same folder and appears at `path`
    /// only once it is complete (schema, first transaction, write-ahead log emptied into the
    /// file), in one step that never replaces a file already there. A process killed at any
    /// moment therefore leaves either nothing at `path` or a working database; never a
    /// half-made file that every command would call "not an Escalation Desk database" and that
    /// `init` would refuse to replace. What a killed process can leave is its temporary files,
    /// `PATH.creating-<pid>-<random>` (and `-wal`, `-shm`), which no command opens. On any
    /// failure this process removes them itself.
    static func create(path: String, setUp: (any LedgerTransaction) throws -> Void) throws -> SQLiteLedger {
        guard !FileManager.default.fileExists(atPath: path) else { throw StoreError.alreadyExists(path: path) }
        let temporary = path + ".creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let ledger = try SQLiteLedger(path: path, file: temporary)
            do {
                try ledger.pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA application_id = \(SQLiteSchema.applicationID)")
                }
                try SQLiteSchema.migrator.migrate(ledger.pool)
                try ledger.pool.write { db in try setUp(SQLiteTransaction(db)) }
                // Puts everything (application id, schema, first events) in the main file, synced.
                try ledger.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            } catch { throw ledger.writeFailure(error) }
            // The last connection to close removes the emptied `-wal` and the `-shm`.
            try ledger.versionReader.close()
            try ledger.pool.close()
            try FileMove.placeWithoutReplacing(temporary, at: path)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            throw SQLiteErrors.map(error, path: path)
        }
        // From here the database at `path` is complete: a failure to open it is reported, not undone.
        do { return try SQLiteLedger(path: path) } catch { throw SQLiteErrors.map(error, path: path) }
    }

    private func checkSchema(willUpgrade: (_ from: Int, _ to: Int) -> Void) throws {
        let (appID, version) = try pool.read { db in
            (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
        }
        guard appID == SQLiteSchema.applicationID else { throw StoreError.notOurs(path: path) }
        guard version <= SQLiteSchema.schemaVersion else {
            throw StoreError.newerSchema(path: path, found: version, understood: SQLiteSchema.schemaVersion)
        }
        if version < SQLiteSchema.schemaVersion {
            willUpgrade(version, SQLiteSchema.schemaVersion)
            do { try SQLiteSchema.migrator.migrate(pool) } catch { throw writeFailure(error) }
        }
    }

    // MARK: Ledger

    /// GRDB opens each write transaction as IMMEDIATE: the write lock is taken (waiting on
    /// the busy timeout) before the first read, so a command that reads and then writes never
    /// fails on a snapshot another desk's commit made stale.
    func write<T>(_ body: (any LedgerTransaction) throws -> T) throws -> T {
        do {
            return try pool.write { db in try body(SQLiteTransaction(db)) }
        } catch { throw writeFailure(error) }
    }

    /// A failed write as the store reports it. SQLite calls a write refused for want of
    /// room `SQLITE_FULL` only when the disk said ENOSPC; past a file-size limit (EFBIG) or a
    /// quota (EDQUOT) it is an I/O error, so for those the writer connection is asked for
    /// the operating system's reason (`sqlite3_system_errno`, kept until its next I/O error).
    /// (A command-line test hits a file-size limit as a case's pages are written to the log.)
    func writeFailure(_ error: any Error) -> any Error {
        var systemErrno: Int32?
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_IOERR {
            systemErrno = pool.writeWithoutTransaction { db in db.sqliteConnection.map(sqlite3_system_errno) }
        }
        return SQLiteErrors.map(error, path: path, systemErrno: systemErrno)
    }

    func read<T>(_ body: (any LedgerReader) throws -> T) throws -> T {
        do { return try pool.read { db in try body(SQLiteTransaction(db)) } } catch { throw SQLiteErrors.map(error, path: path) }
    }

    func audit<T>(_ body: (any LedgerAuditReader) throws -> T) throws -> T {
        do { return try pool.read { db in try body(SQLiteTransaction(db)) } } catch { throw SQLiteErrors.map(error, path: path) }
    }

    /// FTS5's `integrity-check` of each shard (its index against its texts). SQLite runs it
    /// only as a write, so each shard is checked in a write transaction that is rolled back
    /// (nothing written lasts), one shard at a time: another desk's write waits at most for
    /// one shard's check (about a quarter of a second at 736,000 cases).
    func textIndexFaults() throws -> [String] {
        var faults: [String] = []
        for shard in 0..<CaseTextIndex.shardCount {
            let table = CaseTextIndex.table(shard)
            do {
                try pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('integrity-check', 1)")
                        return .rollback
                    }
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                faults.append(table)
            } catch {
                throw writeFailure(error)
            }
        }
        return faults
    }

    func dataVersion() throws -> Int {
        do { return try versionReader.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 } } catch {
            throw SQLiteErrors.map(error, path: path)
        }
    }

    /// Freed pages are already zeroed (`secure_delete`); this empties the write-ahead log
    /// into the main file. Another connection in the middle of a read keeps old pages in the
    /// log (and, if its snapshot is older, in the main file): this waits up to `wait` seconds
    /// for it, then returns false (as it does on any failure) and leaves the rest to a later
    /// call. Returns true when the log was emptied.
    func purgeResidue(waitingUpTo wait: TimeInterval) -> Bool {
        // The wait is this checkpoint's own; every other statement keeps `busyTimeout`.
        let result = try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(wait * 1000))")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Self.busyTimeout * 1000))") }
            return try db.checkpoint(.truncate)
        }
        return result != nil
    }

    /// Whether the write-ahead log holds anything (a missing or empty file holds nothing).
    var walHasFrames: Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return size > 0
    }

    func forEachEvent(_ body: (StoredEvent) throws -> Void) throws {
        do {
            try pool.read { db in try SQLiteTransaction(db).forEachEvent(body) }
        } catch { throw SQLiteErrors.map(error, path: path) }
    }

    /// Runs raw SQL outside any command: tests use it to tamper with the chain.
    func executeRaw(_ sql: String) throws {
        try pool.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    /// Runs raw SQL and returns one integer (tests inspect pragmas and counts).
    func integer(_ sql: String) throws -> Int? {
        try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: sql) }
    }
}

/// The first 100 bytes of an SQLite file say whether it is one, and whose.
enum SQLiteHeader {
    static func check(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw StoreError.readOnly(path: path) }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        let magic = Array("SQLite format 3\0".utf8)
        guard header.count == 100, Array(header.prefix(16)) == magic else { throw StoreError.notOurs(path: path) }
        let bytes = Array(header)
        let appID = Int32(bitPattern: UInt32(bytes[68]) << 24 | UInt32(bytes[69]) << 16 | UInt32(bytes[70]) << 8 | UInt32(bytes[71]))
        guard appID == SQLiteSchema.applicationID else { throw StoreError.notOurs(path: path) }
    }
}

/// SQLite's result codes, as the sentences the desk shows.
enum SQLiteErrors {
    /// - Parameter systemErrno: the operating system's reason for an I/O error, when known.
    static func map(_ error: any Error, path: String, systemErrno: Int32? = nil) -> any Error {
        if error is StoreError { return error }
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_NOTADB: return StoreError.notOurs(path: path)
        case .SQLITE_READONLY: return StoreError.readOnly(path: path)
        case .SQLITE_FULL: return StoreError.diskFull(path: path)
        case .SQLITE_CORRUPT: return StoreError.corrupt(db.message ?? "SQLite reports corruption")
        case .SQLITE_CANTOPEN:
            let folder = (path as NSString).deletingLastPathComponent
            if !FileManager.default.isWritableFile(atPath: folder.isEmpty ? "." : folder) {
                return StoreError.readOnly(path: path)
            }
            return StoreError.unavailable(path: path, detail: "SQLite cannot open it")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.unavailable(path: path, detail: "another desk kept it busy for over \(Int(SQLiteLedger.busyTimeout)) seconds; try again")
        case .SQLITE_IOERR where systemErrno.map(noRoom.contains) == true:
            return StoreError.diskFull(path: path)
        case .SQLITE_IOERR:
            return StoreError.unavailable(path: path, detail: "the disk reported an input/output error")
        default:
            return StoreError.unavailable(path: path, detail: db.message ?? "SQLite error \(db.resultCode.rawValue)")
        }
    }

    /// The operating system's ways of saying a file may not grow: no space, over a quota,
    /// past the process's file-size limit.
    static let noRoom: Set<Int32> = [ENOSPC, EDQUOT, EFBIG]
}
