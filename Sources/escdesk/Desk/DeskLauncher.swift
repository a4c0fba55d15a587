import StoreDesk
import ArgumentParser
import DeskUI
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starting full-screen programs from a command: the terminal check, the person picker and
/// the desk itself, with their endings turned into exit codes.
///
/// Exit codes: 0 when the person quits (`q` or F10, or Esc in the picker); 128 + the signal
/// number when a termination signal ended the desk (130 for Ctrl-C sent as SIGINT, 143 for
/// SIGTERM, 129 for SIGHUP), as shells report a program killed by that signal, so a script
/// can tell a person quitting from a desk being stopped. The terminal is restored either way.
enum DeskLauncher {
    /// The sentence for a missing terminal, with what to do instead.
    static let notATerminal = "the desk needs an interactive terminal: run it in a terminal window (stdin and stdout must be a tty, and TERM must name a known terminal)"

    /// Refuses (69) unless standard input and output are both terminals, before anything is drawn.
    static func requireTerminal() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw failure(notATerminal, Sysexit.unavailable)
        }
    }

    /// Runs the desk until the person quits or a signal stops it.
    static func runDesk(_ service: any DeskService, terminal: any Terminal = makeTerminal()) throws {
        let ending = try started { try DeskApp.loop(service: service, terminal: terminal).run() }
        try finish(ending)
    }

    /// Shows the person picker and returns the staff id chosen, or nil when the person left
    /// with Esc or `q`.
    static func pickPerson(_ people: [DeskPerson], terminal: any Terminal) throws -> String? {
        let loop = EventLoop(terminal: terminal, root: PersonPicker(staff: people))
        let ending = try started { try loop.run() }
        try finish(ending)
        return loop.root.chosenID
    }

    /// The real terminal, reading `NO_COLOR` from the environment.
    static func makeTerminal() -> NcursesTerminal {
        NcursesTerminal(environment: ProcessInfo.processInfo.environment)
    }

    /// Runs a loop, turning "ncurses could not start" into exit 69 with one sentence.
    private static func started(_ body: () throws -> LoopExit) throws -> LoopExit {
        do { return try body() } catch is TerminalError {
            throw failure(notATerminal, Sysexit.unavailable)
        }
    }

    /// Nothing more for a quit; a signal's conventional exit status otherwise.
    private static func finish(_ ending: LoopExit) throws {
        if case .signal = ending { throw ExitCode(ending.exitCode) }
    }
}
