import GRDB

extension DatabaseWriter {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on the writer connection: the write
    /// lock is taken (waiting on the busy timeout) before the first read, so a reader that
    /// later writes can never fail on a stale snapshot. A throw rolls everything back.
    ///
    /// GRDB's own `write` does the same, but parses its BEGIN and COMMIT text on every call;
    /// these two statements are prepared once per connection, which matters when one user
    /// action is one transaction. The benchmark's raw inserts use this too, so the store
    /// and its yardstick pay for transactions alike.
    func immediateTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try writeWithoutTransaction { db in
            try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
            do {
                let result = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return result
            } catch {
                // A failed COMMIT (a full disk, say) can leave the transaction open.
                if db.isInsideTransaction { try? db.rollback() }
                throw error
            }
        }
    }
}
