import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import EscalationStore

/// The store's hot statements bind and read through SQLite's C API; these pin down that
/// they store what GRDB would and fail the way GRDB's path does.
@Suite struct DirectStatementTests {
    private func queue() throws -> DatabaseQueue {
        let db = try DatabaseQueue()
        try db.write { try $0.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER, b BLOB, f INTEGER, UNIQUE (s))") }
        return db
    }

    @Test func valuesRoundTripAsGRDBWouldStoreThem() throws {
        let db = try queue()
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, s, n, b, f) VALUES (?, ?, ?, ?, ?)")
            try insert.run(Int64(1), "Zoë £20 \"quoted\"", Optional<Int64>.none, Data([0, 1, 255]), true)
            try insert.run(2, "", Int64(-7), Data(), false)
        }
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT s, n, b, f, typeof(s), typeof(n), typeof(b) FROM t ORDER BY id") }
        #expect(rows[0][0] as String == "Zoë £20 \"quoted\"")
        #expect(rows[0][5] as String == "null")
        #expect(rows[0][2] as Data == Data([0, 1, 255]))
        #expect(rows[0][3] as Bool == true)
        // An empty text or blob is empty, not NULL (an empty buffer has no address).
        #expect(rows[1][4] as String == "text")
        #expect(rows[1][0] as String == "")
        #expect(rows[1][6] as String == "blob")
        #expect(rows[1][1] as Int64 == -7)

        let read = try db.read { db in
            try db.cachedStatement(sql: "SELECT s, n, b, f FROM t WHERE id = ?").first(Int64(1)) {
                ($0.string(0), $0.optionalInt64(1), $0.bytes(2), $0.bool(3))
            }
        }
        #expect(read?.0 == "Zoë £20 \"quoted\"")
        #expect(read?.1 == nil)
        #expect(read?.2 == [0, 1, 255])
        #expect(read?.3 == true)
        let none = try db.read { try $0.cachedStatement(sql: "SELECT s FROM t WHERE id = ?").first(99) { $0.string(0) } }
        #expect(none == nil)
        let all = try db.read { try $0.cachedStatement(sql: "SELECT id FROM t WHERE id > ? ORDER BY id").all(0) { $0.int64(0) } }
        #expect(all == [1, 2])
    }

    @Test func aConstraintFailureThrowsSQLitesExtendedCodeAndLeavesTheStatementReusable() throws {
        let db = try queue()
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, s) VALUES (?, ?)")
            try insert.run(1, "same")
            #expect {
                try insert.run(2, "same")
            } throws: { error in
                (error as? DatabaseError)?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            }
            try insert.run(3, "different")
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 2)
    }

    @Test func tooFewOrTooManyValuesAreRefusedBeforeAnythingRuns() throws {
        let db = try queue()
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, s) VALUES (?, ?)")
            #expect(throws: DatabaseError.self) { try insert.run(1) }
            #expect(throws: DatabaseError.self) { try insert.run(1, "a", "b") }
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 0)
    }

    /// Wide rows bind one value a call; the same checks hold.
    @Test func aBinderBindsInOrderAndIsCheckedTheSameWay() throws {
        let db = try queue()
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, s, n) VALUES (?, ?, ?)")
            try insert.run { b in b.bind(Int64(1)); b.bind("one"); b.bind(Optional<Int64>.none) }
            #expect(throws: DatabaseError.self) { try insert.run { b in b.bind(Int64(2)); b.bind("two") } }
            #expect(throws: DatabaseError.self) {
                try insert.run { b in b.bind(Int64(3)); b.bind("three"); b.bind(Int64(3)); b.bind(Int64(4)) }
            }
        }
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT id, s, typeof(n) FROM t") }
        #expect(rows.count == 1)
        #expect(rows.first?[1] as String? == "one")
        #expect(rows.first?[2] as String? == "null")
    }

    /// A value refused before SQLite sees it (as a text over 2 GB is) is reported with its
    /// own code, not the connection's last error (which may be "not an error").
    @Test func aValueRefusedBeforeBindingKeepsItsOwnCode() throws {
        struct Oversized: SQLiteBindable {
            func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { SQLITE_TOOBIG }
        }
        let db = try queue()
        try db.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (id, s) VALUES (?, ?)")
            #expect {
                try insert.run(Int64(1), Oversized())
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_TOOBIG
            }
        }
        #expect(try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") } == 0)
    }
}
