import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk clocks list|sweep|pause|resume|extend`: the regulatory and service clocks across the centre.
struct ClocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clocks",
        abstract: "Breaching and due-soon cases, and the sweep that refers cases up before a clock runs out.",
        subcommands: [List.self, Sweep.self, Pause.self, Resume.self, Extend.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Breaching and due-soon clocks of active cases, nearest first.")
        @OptionGroup var options: DeskOptions
        @Option(name: .long, help: "Include clocks due within this many hours (default 48).") var hours: Int = 48
        @Option(name: .long, help: "At most this many (1–10000).") var limit: Int = 100
        @Flag(name: .long, help: "Print as JSON.") var json = false

        func validate() throws {
            guard (0...24 * 366).contains(hours) else { throw ValidationError("--hours must be between 0 and 8784") }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        }

        func run() throws {
            let s = try options.session()
            let time = CentreTime(centre: s.store.centre)
            let due = try storeCall { try s.store.clocksDue(now: s.now, within: Double(hours) * 3600, limit: limit) }
            if json {
                try printJSON(due.map { ListedClock($0, time: time) })
                return
            }
            guard !due.isEmpty else { return print("No clock is breached or due within \(hours) hours.") }
            print("CASE       STATE     DUE                        CLOCK")
            for d in due {
                let state = d.state == .breached ? "BREACHED" : (d.warning ? "WARNING" : "due")
                print(CaseText.pad(d.caseID, 10) + " " + CaseText.pad(state, 9) + " " + CaseText.pad(time.iso8601(d.due), 26)
                      + " " + d.title)
            }
        }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refer up every case whose clock has passed its warning point, once each (for cron)."
        )
        @OptionGroup var options: DeskOptions
        @Flag(name: .long, help: "Print as JSON.") var json = false

        /// The sweep acts for no person (cron runs it under its own account): it needs the
        /// database, and `--now` only on a training database.
        func run() throws {
            let requested = try options.requestedNow()
            let store = try openStore(options.databasePath)
            if requested != nil { try storeCall { try store.allowClockOverride() } }
            let referred = try storeCall { try store.sweepClocks(now: requested.map(ActionClock.set) ?? .system) }
            let time = CentreTime(centre: store.centre)
            if json {
                try printJSON(referred.map { SweptCase($0, time: time) })
                return
            }
            if referred.isEmpty { return print("No case needed referring.") }
            let ladder = store.centre.policy.ladder
            for r in referred {
                print("\(r.caseID) referred to \(ladder.title(of: r.routeTo)): \(r.title) due \(time.iso8601(r.due)).")
            }
        }
    }
}

/// A clock in `clocks list --json`.
struct ListedClock: Encodable {
    let caseId: String
    let clock: String
    let title: String
    let rule: String
    let due: String
    let state: String
    let warning: Bool

    init(_ d: ClockDue, time: CentreTime) {
        caseId = d.caseID
        clock = d.clock
        title = d.title
        rule = d.rule
        due = time.iso8601(d.due)
        state = d.state.rawValue
        warning = d.warning
    }
}

/// A referral in `clocks sweep --json`.
struct SweptCase: Encodable {
    let caseId: String
    let clock: String
    let title: String
    let due: String
    let routeTo: String
    let team: String?

    init(_ r: ClockReferral, time: CentreTime) {
        caseId = r.caseID
        clock = r.clock
        title = r.title
        due = time.iso8601(r.due)
        routeTo = r.routeTo
        team = r.team
    }
}
