import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk case correct-receipt ID --received TIME --rationale T`: when a complaint really
/// reached the firm, recorded as an event; every clock follows.
struct CaseReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct-receipt",
        abstract: "Correct when a case was received (Team Leader or above); every clock counts from the new time."
    )
    @OptionGroup var options: DeskOptions
    @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
    @Option(name: .long, help: ArgumentHelp("When it reached the firm, ISO 8601 (not in the future).", valueName: "TIME"))
    var received: String
    @Option(name: .long, help: "Why the recorded receipt was wrong.") var rationale: String
    @Flag(name: .long, help: "Print the result as JSON.") var json = false

    func run() throws {
        let at = try receivedTime(received)
        let s = try options.session()
        try storeCall {
            try s.store.correctReceipt(caseID: id, receivedAt: at, rationale: rationale, actor: s.actor.id, now: s.clock)
        }
        if json { try printJSON(["case": id, "received": ISOTime.format(at)]) } else {
            print("Receipt of \(id) corrected to \(ISOTime.format(at)); its clocks count from then.")
        }
    }
}

/// `--received TIME` read as ISO 8601, or a usage error saying how to write it.
func receivedTime(_ text: String) throws -> Date {
    guard let date = ISOTime.parse(text) else {
        throw failure("--received \(InputQuote.clip(text)): not an ISO 8601 time; write it like 2026-12-23T10:00:00Z", Sysexit.usage)
    }
    return date
}

/// The clocks of a case as `case show` prints them (`--json`: `"clocks"`).
struct ShownClock: Encodable {
    let id: String
    let title: String
    /// ISO 8601 with the centre's offset.
    let due: String
    let state: String
    let rule: String
    let calendar: String?

    init(_ status: ClockStatus, time: CentreTime) {
        id = status.clock
        title = status.title
        due = time.iso8601(status.due)
        state = status.state.rawValue
        rule = status.rule
        calendar = status.calendar
    }
}

/// A case's detail with its clocks, as `case show --json` prints it.
struct ShownCase: Encodable {
    let detail: CaseDetail
    let clocks: [ShownClock]

    private enum CodingKeys: String, CodingKey { case clocks }

    func encode(to encoder: any Encoder) throws {
        try detail.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(clocks, forKey: .clocks)
    }
}

extension CentreTime {
    /// The centre's wall clock, London when its zone is unknown here.
    init(centre: Centre) {
        self = CentreTime(identifier: centre.timezone) ?? CentreTime(identifier: "Europe/London")!
    }
}
