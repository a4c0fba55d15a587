import Foundation

/// One program running in a pane of a private tmux server, driven the way a person drives a
/// terminal: keys in, the screen's text out.
///
/// Each session gets its own server socket (`-L escdesk-test-<uuid>`) and no configuration
/// file, so tests never touch, or are touched by, a tmux the person running them has open.
/// The pane runs with a fixed size, `LANG=C.UTF-8` and `TERM=xterm-256color`.
final class TmuxPane {
    /// Why a wait ended without the screen showing what it waited for.
    struct Timeout: Error, CustomStringConvertible {
        let waitedFor: String
        let seconds: Double
        let screen: String
        var description: String { "\"\(waitedFor)\" did not appear within \(seconds) s; the screen was:\n\(screen)" }
    }

    /// The tmux executable, if one is installed (tests that need it are skipped otherwise).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        return dirs.map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether tmux is installed.
    static var isAvailable: Bool { executable != nil }

    private let socket = "escdesk-test-\(UUID().uuidString)"
    private let target = "desk"
    /// Where the server's socket file lives, removed with the server so none pile up.
    private var socketPath: String?

    /// Starts `command` (a shell command line) in a detached pane of `cols`×`rows`.
    init(_ command: String, cols: Int = 80, rows: Int = 24) throws {
        let wrapped = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color sh -c \(Self.quoted(command))"
        try tmux(["new-session", "-d", "-s", target, "-x", String(cols), "-y", String(rows), wrapped], output: false)
        socketPath = try format("#{socket_path}")
    }

    deinit { kill() }

    /// Presses keys by tmux name (`Enter`, `Tab`, `F10`, `C-c`, or single characters).
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys, output: false)
    }

    /// Types text literally, character for character.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", text], output: false)
    }

    /// The pane's text as a person sees it now, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", target])
    }

    /// A tmux format for the pane, e.g. `#{pane_title}`.
    func format(_ text: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, text]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits (polling every 100 ms) until the screen shows `text`; returns the seconds it took.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> Double {
        let start = Date()
        while true {
            let shown = try screen()
            if shown.contains(text) { return Date().timeIntervalSince(start) }
            if Date().timeIntervalSince(start) > timeout { throw Timeout(waitedFor: text, seconds: timeout, screen: shown) }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Waits until any of the texts is on screen (a notice another desk's write may replace,
    /// or the state it left): how long that took.
    @discardableResult
    func waitForAny(_ texts: [String], timeout: Double = 10) throws -> Double {
        let start = Date()
        while true {
            let shown = try screen()
            if texts.contains(where: shown.contains) { return Date().timeIntervalSince(start) }
            if Date().timeIntervalSince(start) > timeout {
                throw Timeout(waitedFor: texts.joined(separator: " or "), seconds: timeout, screen: shown)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Resizes the window, as dragging a terminal window's corner does.
    func resize(cols: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(cols), "-y", String(rows)], output: false)
    }

    /// Ends the server and everything running in it.
    func kill() {
        _ = try? tmux(["kill-server"], output: false)
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    /// Runs one tmux command on this session's private server and returns what it printed.
    ///
    /// Spawned directly and reaped with `waitpid`, its output going to a file: a tmux client
    /// that starts a server forks a daemon, which would inherit a pipe (keeping it open until
    /// the server dies) and which Foundation's `Process` does not reliably see exit.
    @discardableResult
    private func tmux(_ arguments: [String], output: Bool = true) throws -> String {
        guard let executable = Self.executable else { throw CocoaError(.executableNotLoadable) }
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("escdesk-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ? capture : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "xterm-256color"
        environment["TMUX"] = nil
        let argv = [executable, "-u", "-L", socket, "-f", "/dev/null"] + arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var cArgv = argv.map { strdup($0) } + [nil]
        var cEnvp = envp.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        // No blocked signals and default actions: the test runner's threads block some, and a
        // server inheriting a blocked SIGTERM would ignore `kill-server` and outlive the test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArgv, &cEnvp)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard output else { return "" }
        return (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }

    /// `text` as one single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
