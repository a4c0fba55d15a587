import ArgumentParser
import EscalationStore

/// `escdesk audit ...`: check the record.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the tamper-evident event log.",
        subcommands: [Verify.self]
    )

    /// `escdesk audit verify`: recompute the hash chain.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 0 if intact, 65 naming the first bad event."
        )

        @Option(name: .long, help: ArgumentHelp("The database.", valueName: "PATH"))
        var db: String?

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let path = DeskOptions(db: db).databasePath
            let store = try storeCall { try DeskStore.open(at: path, checkingConfiguration: false) }
            let result = try storeCall { try store.verifyChain() }
            if json { try printJSON(result) }
            if let bad = result.firstBad {
                throw failure("the event log of \(path) has been altered: \(bad)", Sysexit.dataError)
            }
            if let first = result.mismatches.first {
                if !json {
                    printError("What the desk reads does not match the record of \(path):")
                    for mismatch in result.mismatches { printError("  - \(mismatch)") }
                }
                throw failure("\(path) was changed outside escdesk: \(first)", Sysexit.dataError)
            }
            if !json { print("Intact: \(result.events) events, head \(result.headHash.prefix(16))….") }
        }
    }
}
