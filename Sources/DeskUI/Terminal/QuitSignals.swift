import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The termination signal received (0 for none). An atomic, so the signal handler may set it.
private let pendingQuitSignal = Atomic<Int32>(0)

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the input loop reads, so Ctrl-C or a kill
/// ends the desk through its normal exit path, which restores the terminal.
enum QuitSignals {
    /// Installs the handlers; call before ncurses starts so it does not install its own.
    static func install() {
        _ = pendingQuitSignal.load(ordering: .relaxed)  // initialise the global outside the handler
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { received in pendingQuitSignal.store(received, ordering: .relaxed) }
        }
    }

    /// Puts the default actions back once the terminal has been restored.
    static func uninstall() {
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }

    /// The pending signal, clearing it, or nil.
    static func take() -> Int32? {
        let number = pendingQuitSignal.exchange(0, ordering: .relaxed)
        return number == 0 ? nil : number
    }
}
