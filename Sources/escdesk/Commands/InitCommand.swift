import ArgumentParser
import EscalationStore
import Foundation

/// `escdesk init`: create a database from a configuration folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a database from a configuration folder.",
        discussion: "After init the database is the source of truth for the matrix and the staff list."
    )

    @Option(name: .long, help: ArgumentHelp("The configuration folder.", valueName: "DIR"))
    var config: String = "Config"

    @Option(name: .long, help: ArgumentHelp("The database to create (default: $ESCDESK_DB, else escdesk.sqlite).", valueName: "PATH"))
    var db: String?

    @Flag(name: .long, help: "Create a training database: it accepts --as and --now, for trainers, demos and tests.")
    var training = false

    @Option(name: .long, help: ArgumentHelp("Start a training database's clock at this ISO 8601 time (or $ESCDESK_NOW).",
                                            valueName: "TIME"))
    var now: String?

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if now != nil && !training { throw ValidationError("--now is only accepted with --training") }
    }

    func run() throws {
        let centre = try loadCentre(directory: config, requireStaff: true)
        var options = DeskOptions(db: db)
        options.now = now
        let path = options.databasePath
        let start = training ? try options.requestedNow() ?? Date() : Date()
        let store = try storeCall { try DeskStore.create(at: path, centre: centre, training: training, now: start) }
        if json {
            try printJSON(["database": store.path, "organisation": centre.organisation,
                           "training": training ? "true" : "false", "staff": String(centre.staff.staff.count)])
        } else {
            print("Created \(store.path) for \(centre.organisation)\(training ? " (training)" : ""): "
                  + "\(centre.staff.staff.count) staff, matrix version \(DeskStore.firstVersion) in force.")
        }
    }
}

extension DeskOptions {
    init(db: String?) {
        self.init()
        self.db = db
    }
}
