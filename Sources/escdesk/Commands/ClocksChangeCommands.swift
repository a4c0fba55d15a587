import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk clocks pause|resume|extend`: a person's recorded change to how a case's clocks
/// count. The rulebook decides who may and what the clocks allow; this reads the arguments
/// and prints the clocks as they stand afterwards.
extension ClocksCommand {
    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause a case's service clock while it waits on the customer (regulatory clocks never pause).",
            discussion: "Without --clock, every running service clock of the case pauses. The paused time is credited "
                + "back when it resumes. The case's holder or a Team Leader or above may (or a role holding change_clock)."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("The clock's id (as case show lists them).", valueName: "CLOCK")) var clock: String?
        @Option(name: .long, help: "Why the clock stops counting (what the case waits for).") var reason: String
        @Flag(name: .long, help: "Print the case's clocks afterwards as JSON.") var json = false

        func run() throws {
            try changeClock(options, id: id, change: .pause(clock: clock), reason: reason, json: json)
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a paused clock counting again (without --clock, every paused clock of the case)."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("The clock's id.", valueName: "CLOCK")) var clock: String?
        @Flag(name: .long, help: "Print the case's clocks afterwards as JSON.") var json = false

        func run() throws {
            try changeClock(options, id: id, change: .resume(clock: clock), reason: nil, json: json)
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extend an extendable clock once, with a recorded reason (a complex subject access request: up to 2 months).",
            discussion: "Only a clock whose rule allows it (extendable in the regulatory data), while it still runs. "
                + "A Team Leader or above may (or a role holding change_clock)."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("The clock's id.", valueName: "CLOCK")) var clock: String
        @Option(name: .long, help: "How many months to add.") var months: Int
        @Option(name: .long, help: "Why more time is needed (recorded, and given to the customer).") var reason: String
        @Flag(name: .long, help: "Print the case's clocks afterwards as JSON.") var json = false

        func validate() throws {
            guard (1...120).contains(months) else { throw ValidationError("--months must be between 1 and 120") }
        }

        func run() throws {
            try changeClock(options, id: id, change: .extend(clock: clock, months: months), reason: reason, json: json)
        }
    }
}

/// Records the change and prints the case's clocks as they stand afterwards.
private func changeClock(_ options: DeskOptions, id: String, change: ClockChange, reason: String?, json: Bool) throws {
    let s = try options.session()
    try storeCall { try s.store.changeClock(caseID: id, change: change, reason: reason, actor: s.actor.id, now: s.clock) }
    let time = CentreTime(centre: s.store.centre)
    let clocks = try storeCall { try s.store.clocks(of: id, now: s.now) }.map { ShownClock($0, time: time) }
    if json { return try printJSON(ChangedClocks(case: id, change: change.verb, clocks: clocks)) }
    let done: String
    switch change {
    case .pause(let clock): done = "Paused " + (clock ?? "every running service clock") + " on \(id)."
    case .resume(let clock): done = "Resumed " + (clock ?? "every paused clock") + " on \(id)."
    case .extend(let clock, let months): done = "Extended \(clock) on \(id) by \(months) \(months == 1 ? "month" : "months")."
    }
    print(done)
    print(CaseText.clocks(clocks))
}

/// What `clocks pause|resume|extend --json` prints.
private struct ChangedClocks: Encodable {
    let `case`: String
    let change: String
    let clocks: [ShownClock]
}
