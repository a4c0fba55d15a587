import Foundation
import GRDB
import Testing
@testable import EscalationStore

/// The writer's statement list must hand back the statement for exactly the SQL asked for,
/// on the connection asked for, however GRDB's own cache has changed meanwhile.
@Suite struct WriterStatementsTests {
    /// The first column of the statement's first row.
    private func answer(_ statements: WriterStatements, _ sql: String, in db: Database) throws -> Int64? {
        try statements.statement(sql, in: db).first { $0.int64(0) }
    }

    @Test func sameTextSameStatementOtherTextItsOwn() throws {
        let queue = try DatabaseQueue()
        let statements = WriterStatements()
        try queue.write { db in
            // Equal lengths: the length check alone must not match them.
            let one = try statements.statement("SELECT 1", in: db)
            let two = try statements.statement("SELECT 2", in: db)
            #expect(one !== two)
            let answers = try (answer(statements, "SELECT 1", in: db), answer(statements, "SELECT 2", in: db))
            #expect(answers.0 == 1 && answers.1 == 2)
            // The same text in another string's storage finds the same statement.
            let again = try statements.statement(String("SELECT 1".reversed().reversed()), in: db)
            #expect(again === one)
        }
    }

    @Test func aStatementGRDBLetGoIsPreparedAgain() throws {
        let queue = try DatabaseQueue()
        let statements = WriterStatements()
        let before = try queue.write { db in try answer(statements, "SELECT 40 + 2", in: db) }
        weak var prepared = try queue.write { db in try statements.statement("SELECT 40 + 2", in: db) }
        #expect(prepared != nil)
        // Empties GRDB's statement cache, which held the only strong reference: the list
        // must not keep the statement (and its connection from closing).
        queue.releaseMemory()
        #expect(prepared == nil)
        let after = try queue.write { db in try answer(statements, "SELECT 40 + 2", in: db) }
        #expect(before == 42 && after == 42)
    }

    @Test func anotherConnectionGetsItsOwnStatements() throws {
        let first = try DatabaseQueue(), second = try DatabaseQueue()
        try first.write { try $0.execute(sql: "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)") }
        try second.write { try $0.execute(sql: "CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (2)") }
        let statements = WriterStatements()
        let sql = "SELECT n FROM t"
        let a = try first.write { db in try answer(statements, sql, in: db) }
        let b = try second.write { db in try answer(statements, sql, in: db) }
        let c = try first.write { db in try answer(statements, sql, in: db) }
        #expect([a, b, c] == [1, 2, 1])
    }

    @Test func pastItsCapacityEveryStatementIsStillRight() throws {
        let queue = try DatabaseQueue()
        let statements = WriterStatements()
        let count = WriterStatements.capacity + 10
        let answers = try queue.write { db in
            try (0..<2).flatMap { _ in try (0..<count).map { n in try answer(statements, "SELECT \(n)", in: db) } }
        }
        #expect(answers == (0..<2).flatMap { _ in (0..<count).map { Int64($0) } })
    }
}
