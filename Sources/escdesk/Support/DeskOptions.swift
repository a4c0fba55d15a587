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
            throw failure("\(source) \(InputQuote.clip(text)): not an ISO 8601 time; write it like 2026-11-22T09:30:00Z", Sysexit.usage)
        }
        return date
    }

    /// Opens the database and works out who is acting and when. Without `--as` the person is
    /// the process's account, found before the database is opened, so a process that has no
    /// account is refused (77) before anything is read or written.
    func session() throws -> Session {
        let requested = try requestedNow()
        let who: Who = try asStaff.map(Who.staff) ?? .login(OperatingSystemLogin.current())
        let store = try openStore(databasePath)
        if requested != nil { try storeCall { try store.allowClockOverride() } }
        let actor = try storeCall {
            switch who {
            case .staff(let id): try store.actor(asStaffID: id)
            case .login(let login): try store.actor(login: login)
            }
        }
        return Session(store: store, actor: actor, setTime: requested)
    }
}

/// Who a command acts for: a staff id (`--as`, training databases only) or the login.
private enum Who {
    case staff(String)
    case login(String)
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

/// The operating-system login of the person at the keyboard: the name of the account that
/// owns the process's user id, from the system's account database and nowhere else. The
/// environment (`USER`, `LOGNAME`) is set by whoever starts the process, so it proves nothing:
/// a process whose uid has no account is refused, whatever it says its name is.
enum OperatingSystemLogin {
    /// What the account database says about a uid.
    enum Lookup: Equatable {
        case login(String)
        /// No account has this uid.
        case noAccount
        /// The account database could not be read (`errno`).
        case failed(Int32)
    }

    /// The login of the account that owns the effective uid, or exit 77 with the reason.
    static func current() throws -> String {
        let uid = geteuid()
        switch lookup(uid: uid) {
        case .login(let name): return name
        case .noAccount: throw failure(noAccountSentence(uid: uid), Sysexit.notPermitted)
        case .failed(let code):
            throw failure("the account of uid \(uid) cannot be read (\(String(cString: strerror(code)))); "
                          + "escdesk knows people only by their login", Sysexit.notPermitted)
        }
    }

    static func noAccountSentence(uid: uid_t) -> String {
        "this process runs as uid \(uid), which has no account on this system; escdesk knows people only by their login"
    }

    /// The account database's entry for `uid` (`getpwuid_r`, with a buffer grown until it fits).
    static func lookup(uid: uid_t) -> Lookup {
        var size = max(1024, sysconf(Int32(_SC_GETPW_R_SIZE_MAX)))
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            // The entry's strings point into the buffer: they are read while it is held.
            let found: Lookup? = buffer.withUnsafeMutableBufferPointer { storage in
                guard let base = storage.baseAddress else { return .failed(ENOMEM) }
                var entry = passwd()
                var result: UnsafeMutablePointer<passwd>?
                let code = getpwuid_r(uid, &entry, base, storage.count, &result)
                if code == ERANGE { return nil }
                if code != 0 { return .failed(code) }
                guard result != nil, let name = entry.pw_name, name.pointee != 0 else { return .noAccount }
                return .login(String(cString: name))
            }
            if let found { return found }
            size *= 2
        }
        return .failed(ERANGE)
    }
}

/// Opens an existing database, saying on standard error when it is first upgraded from an
/// older escdesk's format (seconds on a large centre; the desk would otherwise seem stuck).
func openStore(_ path: String) throws -> DeskStore {
    try storeCall {
        try DeskStore.open(at: path) { from, to in
            printError("escdesk: upgrading \(path) from format \(from) to \(to) (once; up to 15 seconds per million cases)…")
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
