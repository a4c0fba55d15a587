import GRDB

/// The writer connection's prepared statements for the SQL its transactions run, found by
/// comparing the text instead of hashing it. GRDB's statement cache is keyed by the SQL
/// string, and hashing one cost about a thousand instructions a lookup: ten lookups, a
/// twentieth of a case open. The write path runs a dozen or so distinct statements, each
/// written once in the source, so a short list compared with `==` finds them sooner (equal
/// strings usually share storage, and unequal ones differ within a few bytes).
///
/// The list holds the statements weakly: GRDB's cache owns them, so closing the connection
/// still finalizes every one, and a statement gone from that cache is looked up there again.
/// Used only inside the writer's transactions, which GRDB runs one at a time.
final class WriterStatements: @unchecked Sendable {
    private final class Slot {
        weak var statement: Statement?
        init(_ statement: Statement) { self.statement = statement }
    }

    /// Past this many statements, later ones are found through GRDB's cache alone.
    static let capacity = 32

    private weak var connection: Database?
    // Parallel lists (a weak reference is costly to copy, so the slots are objects), read
    // only on the writer's queue: no run-time exclusivity checks.
    @exclusivity(unchecked) private var sqls: [String] = []
    @exclusivity(unchecked) private var lengths: [Int] = []
    @exclusivity(unchecked) private var slots: [Slot] = []

    func statement(_ sql: String, in db: Database) throws -> Statement {
        if connection !== db {
            connection = db
            (sqls, lengths, slots) = ([], [], [])
        }
        let length = sql.utf8.count
        for i in lengths.indices where lengths[i] == length && sqls[i] == sql {
            if let statement = slots[i].statement { return statement }
            let statement = try db.cachedStatement(sql: sql)
            slots[i].statement = statement
            return statement
        }
        let statement = try db.cachedStatement(sql: sql)
        if sqls.count < Self.capacity {
            sqls.append(sql)
            lengths.append(length)
            slots.append(Slot(statement))
        }
        return statement
    }
}
