import StoreDesk
import ArgumentParser
import DeskUI
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk demo`: a training database with a realistic centre, then the desk on it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create (or reuse) a training database with a demo centre, then open the desk.",
        discussion: """
        The database is created from the configuration folder in training mode (it accepts --as \
        and --now) and filled with N cases in every state. An existing training database is \
        reused as it is; any other existing file is refused (77). Without --as a staff list \
        asks who you are. Exit codes as for escdesk desk.
        """
    )

    @OptionGroup var options: DeskOptions

    @Option(name: .long, help: ArgumentHelp("How many demo cases to write, 1 to 10,000,000.", valueName: "N"))
    var cases: Int = 300

    @Option(name: .long, help: ArgumentHelp("The configuration folder (also looked for beside escdesk's package).", valueName: "DIR"))
    var config: String = "Config"

    @Option(name: .long, help: ArgumentHelp("The same seed writes the same centre.", valueName: "N"))
    var seed: UInt64 = 2024

    @Flag(name: .customLong("no-open"), help: "Only create the database; do not open the desk.")
    var noOpen = false

    static let caseRange = 1...10_000_000

    func validate() throws {
        guard Self.caseRange.contains(cases) else {
            throw ValidationError("--cases \(cases): give a number of cases from 1 to 10,000,000")
        }
    }

    func run() throws {
        if !noOpen { try DeskLauncher.requireTerminal() }
        let path = options.databasePath
        let clock = SessionClock(setTime: try options.requestedNow())
        let store = try FileManager.default.fileExists(atPath: path) ? reuse(path) : create(path, now: clock.now())
        guard !noOpen else {
            print(DemoCommand.reopenHint(path, as: options.asStaff ?? DemoCommand.example(store.centre)))
            return
        }
        let terminal = DeskLauncher.makeTerminal()
        let member: StaffMember
        if let asStaff = options.asStaff {
            member = try storeCall { try store.actor(asStaffID: asStaff) }
        } else {
            guard let chosen = try DeskLauncher.pickPerson(DeskFacts.people(store.centre), terminal: terminal) else {
                print(DemoCommand.reopenHint(path, as: DemoCommand.example(store.centre)))
                return
            }
            member = try storeCall { try store.actor(asStaffID: chosen) }
        }
        defer { print(DemoCommand.reopenHint(path, as: member.id)) }
        try DeskLauncher.runDesk(StoreDeskService(store: store, member: member, clock: clock), terminal: terminal)
    }

    /// How to come back to the same database as the same person, as a command that works
    /// where it is typed: `swift run escdesk …` when this binary is the package's own build
    /// (a fresh clone has no `escdesk` on the PATH), else `escdesk …`.
    static func reopenHint(_ path: String, as staffID: String,
                           executable: String = CommandLine.arguments.first ?? "escdesk") -> String {
        let command = invokedFromBuildFolder(executable) ? "swift run escdesk" : "escdesk"
        return "Open it again with: \(command) desk --db \(path) --as \(staffID)"
    }

    /// Whether the executable is one SwiftPM built into a package's `.build` folder.
    static func invokedFromBuildFolder(_ executable: String) -> Bool {
        URL(fileURLWithPath: executable).resolvingSymlinksInPath().pathComponents.contains(".build")
    }

    /// Opens an existing database, refusing (77) one that is not for training.
    private func reuse(_ path: String) throws -> DeskStore {
        let store = try openStore(path)
        guard store.isTraining else {
            throw failure("\(path) is a live (non-training) database; demo only uses training databases, so choose another --db", Sysexit.notPermitted)
        }
        let total = try storeCall { try store.listCases(queue: .all, limit: 0).total }
        print("Reusing the training database \(path) for \(store.centre.organisation): \(total) cases.")
        return store
    }

    /// Creates the training database and writes the demo cases, removing it again if writing fails.
    private func create(_ path: String, now: Date) throws -> DeskStore {
        let folder = DemoCommand.configFolder(config)
        let centre = try loadCentre(directory: folder, requireStaff: true)
        let store = try storeCall { try DeskStore.create(at: path, centre: centre, training: true, now: now) }
        var progress = DemoProgress(total: cases)
        do {
            let summary = try DemoGenerator.generate(into: store, cases: cases, seed: seed, now: now) { progress.report($0) }
            print("Created the training database \(path) for \(centre.organisation): \(summary.cases) cases, "
                  + "\(summary.customers) customers, \(summary.events) events.")
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw failure(error.description + "; the half-written database was removed", ExitCode(error.exitCode))
        }
        return store
    }

    /// The first team leader (whose queue shows referrals), else the first staff member.
    static func example(_ centre: Centre) -> String {
        (centre.staff.staff.first { $0.role == "team_leader" } ?? centre.staff.staff.first)?.id ?? "STAFF_ID"
    }

    /// The folder as given when it holds a configuration; else, for a relative path, the same
    /// folder in the package that built this executable (so `swift run escdesk demo` works from
    /// anywhere in the checkout); else the folder as given, for the loader to report.
    static func configFolder(_ given: String) -> String {
        let files = FileManager.default
        if files.fileExists(atPath: (given as NSString).appendingPathComponent("escalation.yaml")) || given.hasPrefix("/") {
            return given
        }
        var dir = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        while let current = dir, current.path != "/" {
            let candidate = current.appendingPathComponent(given)
            if files.fileExists(atPath: current.appendingPathComponent("Package.swift").path),
               files.fileExists(atPath: candidate.appendingPathComponent("escalation.yaml").path) {
                return candidate.path
            }
            dir = current.deletingLastPathComponent()
        }
        return given
    }
}

/// Progress on stderr while a large demo is written: every tenth of the way, so a
/// million-case demo shows it is alive without flooding the terminal. Small demos are quiet.
struct DemoProgress {
    let total: Int
    private var shownTenths = 0
    /// Below this many cases writing takes a moment and progress would only be noise.
    static let quietBelow = 20_000

    init(total: Int) { self.total = total }

    mutating func report(_ written: Int) {
        guard total >= Self.quietBelow else { return }
        let tenths = written * 10 / total
        guard tenths > shownTenths else { return }
        shownTenths = tenths
        printError("escdesk: writing demo cases: \(tenths * 10)% (\(written) of \(total))")
    }
}
