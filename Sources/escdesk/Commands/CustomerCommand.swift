import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk customer ...`: register customers, and answer subject-access and erasure requests.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Register a customer, export what is held on them, or erase their personal data.",
        subcommands: [Add.self, Export.self, Erase.self]
    )

    /// `escdesk customer add ID --name NAME [--contact TEXT] [--flag F]...`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a customer (name and contact are personal data, encrypted at rest)."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The customer's id, e.g. their account number.", valueName: "ID"))
        var id: String
        @Option(name: .long, help: "The customer's name.") var name: String
        @Option(name: .long, help: "How to reach them (phone, email, address).") var contact: String?
        @Option(name: .customLong("flag"), help: ArgumentHelp("A flag such as vulnerable. Repeatable.", valueName: "FLAG"))
        var flags: [String] = []
        @Option(name: .long, help: ArgumentHelp("The customer's part of the UK, e.g. scotland (default the centre's calendar).",
                                                valueName: "CALENDAR"))
        var calendar: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        /// The id's shape is checked here (64); flags are the store's to check against the
        /// centre's flags (65), as for every other way a flag is recorded.
        func validate() throws {
            try validateIdentifier(id, what: "customer id")
        }

        func run() throws {
            let s = try options.session()
            try storeCall {
                try s.store.addCustomer(NewCustomer(id: id, name: name, contact: contact, flags: flags, calendar: calendar), actor: s.actor.id, now: s.clock)
            }
            if json { try printJSON(["customer": id]) } else { print("Registered customer \(id).") }
        }
    }

    /// `escdesk customer export ID`: everything held on a person, as JSON.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subject access: everything held on a customer, as JSON (needs export_personal_data)."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The customer's id.", valueName: "ID")) var id: String
        @Flag(name: .long, help: "Print as JSON (the export is always JSON; accepted for consistency).") var json = false

        func run() throws {
            let s = try options.session()
            let export = try storeCall { try s.store.exportCustomer(id: id, actor: s.actor.id, now: s.clock) }
            try printJSON(export)
        }
    }

    /// `escdesk customer erase ID --rationale TEXT [--override-retention]`
    struct Erase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer's personal data by destroying their key (needs erase_personal_data).",
            discussion: "Refused while the retention period runs, unless --override-retention by a role holding override_retention."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The customer's id.", valueName: "ID")) var id: String
        @Option(name: .long, help: "Why the data is being erased (kept in the record).") var rationale: String
        @Flag(name: .customLong("override-retention"), help: "Erase inside the retention period (needs override_retention).")
        var overrideRetention = false
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let receipt = try storeCall {
                try s.store.eraseCustomer(id: id, actor: s.actor.id, rationale: rationale,
                                          overrideRetention: overrideRetention, now: s.clock)
            }
            if json { try printJSON(receipt) } else {
                print("Erased customer \(id): personal data destroyed; \(receipt.casesKept) case records kept without it (event \(receipt.seq)).")
                if !receipt.walPurged {
                    print("""
                        The write-ahead log could not be emptied yet (most likely another desk was reading the \
                        database), so old pages holding their data may remain in \(s.store.path) and its -wal until the next \
                        full checkpoint: the next erasure, or the next desk or escdesk command that opens the \
                        database while no other desk is reading it.
                        """)
                }
            }
        }
    }
}

/// Ids typed on the command line: short words, so they are safe in any listing.
func validateIdentifier(_ text: String, what: String) throws {
    let ok = !text.isEmpty && text.count <= 64
        && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" || $0 == "." }
    if !ok {
        throw ValidationError("\(what) \"\(InputQuote.clip(text))\" must be 1 to 64 letters, digits, '-', '_' or '.'")
    }
}
