import ArgumentParser
import Foundation

/// The one executable: every command a desk, a script or a trainer needs.
@main
struct Escdesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escdesk",
        abstract: "Escalation Desk: a terminal escalation desk for contact centres.",
        discussion: """
        Exit codes: 0 success, 64 usage error, 65 invalid data or configuration, \
        69 a needed resource (database, terminal) unavailable, 77 not permitted.
        """,
        version: "0.1.0",
        subcommands: [DeskCommand.self, DemoCommand.self, DecideCommand.self, ConfigCommand.self, InitCommand.self, CustomerCommand.self, CaseCommand.self, AuditCommand.self,
                      MatrixCommand.self, ClocksCommand.self],
        defaultSubcommand: DeskCommand.self
    )

    static func main() {
        // A write past a file-size limit (a quota, `ulimit -f`) would otherwise kill the
        // process with SIGXFSZ and a core dump; ignored, the write fails with EFBIG, which
        // SQLite reports and the store turns into a sentence and exit 69.
        signal(SIGXFSZ, SIG_IGN)
        if let problem = RawArguments.firstInvalidUTF8(CommandLine.unsafeArgv, count: Int(CommandLine.argc)) {
            printError("escdesk: " + problem)
            Foundation.exit(Sysexit.usage.rawValue)
        }
        // Parsed and run here rather than by ArgumentParser's `main`, which prints its errors
        // and help raw: an unknown option is echoed as typed, escape sequences and all.
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = Output.clippingArguments(fullMessage(for: error), Array(CommandLine.arguments.dropFirst()))
            if !message.isEmpty {
                Output.write(message, to: code == .success ? .standardOutput : .standardError)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
