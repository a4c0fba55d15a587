import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// The flags every database command shares: which database, who is acting, and (on a
/// training database only) who to act as and what time it is.
struct DeskOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database (default: $ESCDESK_DB, else escdesk.sqlite here).", valueName: "PATH"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this staff member (training databases only).", valueName: "STAFF_ID"))
    var asStaff: String?

    @Option(name: .long, help: ArgumentHelp("Set the clock, ISO 8601 (training databases only; or $ESCDESK_NOW).", valueName: "TIME"))
    var now: String?

    /// `--db`, else `$ESCDESK_DB`, else `escdesk.sqlite` in the current folder.
    var databasePath: String {
        if let db, !db.isEmpty { return db }
        if let env = ProcessInfo.processInfo.environment["ESCDESK_DB"], !env.isEmpty { return env }
        return "escdesk.sqlite"
    }

    /// The clock override asked for, if any (validated, not yet checked against the database).
    func requestedNow() throws -> Date? {
        let text = now ?? ProcessInfo.processInfo.environment["ESCDESK_NOW"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text else { return nil }
        guard let date = ISOTime.parse(text) else {
            let source = now != nil ? "--now" : "$ESCDESK_NOW"
            throw failure("\(source) \(text): not an ISO 8601 time; write it like 2026-11-22T09:30:00Z", Sysexit.usage)
        }
        return date
    }

    /// Opens the database and works out who is acting and when.
    func session() throws -> Session {
        let requested = try requestedNow()
        let store = try openStore(databasePath)
        if requested != nil { try storeCall { try store.allowClockOverride() } }
        let actor: StaffMember
        if let asStaff {
            actor = try storeCall { try store.actor(asStaffID: asStaff) }
        } else {
            actor = try storeCall { try store.actor(login: OperatingSystemLogin.current()) }
        }
        return Session(store: store, actor: actor, setTime: requested)
    }
}

/// An open database, the person acting, and the time they set (training only), if any.
struct Session {
    let store: DeskStore
    let actor: StaffMember
    let setTime: Date?

    /// The clock an action is recorded by: the set time, or the system clock read inside
    /// the write.
    var clock: ActionClock { setTime.map(ActionClock.set) ?? .system }

    /// The time for reads (ages, previews): the set time, or now.
    var now: Date { setTime ?? Date() }
}

/// The operating-system login of the person at the keyboard.
enum OperatingSystemLogin {
    static func current() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// ISO 8601 times as people type them: with or without seconds' fractions, `Z` or an offset.
enum ISOTime {
    static func parse(_ text: String) -> Date? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
                                                      [.withFullDate]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Opens an existing database, saying on standard error when it is first upgraded from an
/// older escdesk's format (seconds on a large centre; the desk would otherwise seem stuck).
func openStore(_ path: String) throws -> DeskStore {
    try storeCall {
        try DeskStore.open(at: path) { from, to in
            FileHandle.standardError.write(Data("escdesk: upgrading \(path) from format \(from) to \(to) (once; up to 15 seconds per million cases)…\n".utf8))
        }
    }
}

/// Runs a store call, turning a refusal into its sentence and sysexits code.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw failure(error.description, ExitCode(error.exitCode))
    }
}
