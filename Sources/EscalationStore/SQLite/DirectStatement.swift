import Foundation
import GRDB
import GRDBSQLite

/// A value bound straight into a prepared statement with SQLite's C API.
///
/// Every user action is one transaction of about ten statements, and GRDB's general
/// statement path (argument arrays of boxed values, a closure per argument, access
/// tracking for observation we do not use) cost about 3 µs a statement: a fifth of a case
/// open. The hot statements bind their values here instead, on statements GRDB prepared
/// and caches; transactions still begin and commit through GRDB, so its own view of the
/// connection stays right. What this path skips: GRDB's database observation (the store
/// uses none) and its record of a statement's arguments, so a statement run here is
/// only ever run here (its SQL is not shared with GRDB's fetch and execute calls).
protocol SQLiteBindable {
    /// Binds the value to parameter `index` (1-based) and returns SQLite's result code.
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

/// SQLite copies a transient value before the bind returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Int64: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, self) }
}

extension Int: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int64(statement, index, Int64(self)) }
}

extension Bool: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 { sqlite3_bind_int(statement, index, self ? 1 : 0) }
}

extension String: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = self
        return text.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(statement, index, "", 0, transient) }
            guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
            }
        }
    }
}

extension Data: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
            guard bytes.count <= Int(Int32.max) else { return SQLITE_TOOBIG }
            return sqlite3_bind_blob(statement, index, base, Int32(bytes.count), transient)
        }
    }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch self {
        case .some(let value): value.bind(to: statement, at: index)
        case .none: sqlite3_bind_null(statement, index)
        }
    }
}

/// A row read by column position (0-based), so one function can build a value from a
/// row of the direct path or of GRDB's.
protocol PositionalRow {
    func string(_ i: Int32) -> String
    func optionalString(_ i: Int32) -> String?
    func int64(_ i: Int32) -> Int64
    func optionalInt64(_ i: Int32) -> Int64?
    func bool(_ i: Int32) -> Bool
}

extension Row: PositionalRow {
    func string(_ i: Int32) -> String { self[Int(i)] }
    func optionalString(_ i: Int32) -> String? { self[Int(i)] }
    func int64(_ i: Int32) -> Int64 { self[Int(i)] }
    func optionalInt64(_ i: Int32) -> Int64? { self[Int(i)] }
    func bool(_ i: Int32) -> Bool { self[Int(i)] }
}

/// The current row of a stepped statement, read by column position (0-based).
struct SQLiteColumns: PositionalRow {
    let statement: OpaquePointer

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }
    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(statement, i)) }
    func bool(_ i: Int32) -> Bool { sqlite3_column_int64(statement, i) != 0 }
    func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    func string(_ i: Int32) -> String {
        guard let text = sqlite3_column_text(statement, i) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, i))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func optionalString(_ i: Int32) -> String? { isNull(i) ? nil : string(i) }

    func bytes(_ i: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, i))
        guard count > 0, let blob = sqlite3_column_blob(statement, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }
}

/// Binds a statement's parameters in order, keeping the first failure. Wide rows (a case
/// has 25 columns) bind through it with one call per value, each specialised to its type:
/// a parameter pack of that width was bound through witness tables and a copy of every
/// value, a few microseconds a row.
struct SQLiteBinder {
    let statement: OpaquePointer
    private(set) var count: Int32 = 0
    private(set) var code = SQLITE_OK

    init(_ statement: OpaquePointer) { self.statement = statement }

    @inline(__always)
    mutating func bind(_ value: some SQLiteBindable) {
        guard code == SQLITE_OK else { return }
        count += 1
        code = value.bind(to: statement, at: count)
    }
}

extension Statement {
    /// Binds the parameters through `binding`, steps the statement, handing each row to
    /// `body` until it returns false, and leaves it reset with its bindings cleared, ready
    /// for the next use from GRDB's cache. A failure throws GRDB's `DatabaseError` with
    /// SQLite's extended code, as GRDB's own path does; a parameter left unbound is refused
    /// before anything runs.
    func step(binding: (inout SQLiteBinder) -> Void, row body: (SQLiteColumns) throws -> Bool) throws {
        let statement = sqliteStatement
        // A statement GRDB left part-way through (an abandoned cursor) could not be bound.
        sqlite3_reset(statement)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        var binder = SQLiteBinder(statement)
        binding(&binder)
        guard binder.code == SQLITE_OK else { throw failure(binder.code) }
        guard binder.count == sqlite3_bind_parameter_count(statement) else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(binder.count) values for \(sqlite3_bind_parameter_count(statement)) parameters", sql: sql)
        }
        let columns = SQLiteColumns(statement: statement)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_DONE: return
            case SQLITE_ROW: if try !body(columns) { return }
            case let code: throw failure(code)
            }
        }
    }

    /// `step` with the values bound in order.
    func step<each Value: SQLiteBindable>(_ values: repeat each Value, row body: (SQLiteColumns) throws -> Bool) throws {
        try step(binding: { binder in
            for value in repeat each values { binder.bind(value) }
        }, row: body)
    }

    /// Runs a statement that returns no rows, its parameters bound by `binding`.
    func run(binding: (inout SQLiteBinder) -> Void) throws {
        try step(binding: binding) { _ in true }
    }

    /// Runs a statement that returns no rows.
    func run<each Value: SQLiteBindable>(_ values: repeat each Value) throws {
        try step(repeat each values) { _ in true }
    }

    /// The first row, read by `read`; later rows are not read.
    func first<T, each Value: SQLiteBindable>(_ values: repeat each Value, read: (SQLiteColumns) throws -> T) throws -> T? {
        var result: T?
        try step(repeat each values) { columns in
            result = try read(columns)
            return false
        }
        return result
    }

    /// Every row, each read by `read`.
    func all<T, each Value: SQLiteBindable>(_ values: repeat each Value, read: (SQLiteColumns) throws -> T) throws -> [T] {
        var results: [T] = []
        try step(repeat each values) { columns in
            results.append(try read(columns))
            return true
        }
        return results
    }

    private func failure(_ code: Int32) -> DatabaseError {
        // The connection's last error describes the failure, unless SQLite never saw it (a
        // text too long to bind is refused here): then the code stands on its own.
        if let connection = sqlite3_db_handle(sqliteStatement), sqlite3_extended_errcode(connection) & 0xff == code & 0xff {
            return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                                 message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)), sql: sql)
    }
}
