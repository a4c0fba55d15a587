import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk case letter ID --kind K`: renders a letter from the case, records it with the
/// SHA-256 of exactly what is printed, and prints it. A summary resolution or final response
/// tells the customer a decision: `--outcome`, `--reasons` and each `--grant`, which the
/// resolution must then match.
struct CaseLetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Send a letter on a case: prints it and records its SHA-256.",
        discussion: "A final response (and a summary resolution) carries the decision: give --outcome, --reasons and "
            + "every --grant; a regulated complaint is resolved only with the decision its letter told the customer."
    )
    @OptionGroup var options: DeskOptions
    @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
    @Option(name: .long, help: ArgumentHelp("acknowledgement, summary_resolution, holding_response or final_response.",
                                            valueName: "KIND"))
    var kind: String
    @Option(name: .long, help: ArgumentHelp("text (default) or html.", valueName: "FORMAT")) var format: String = "text"
    @Option(name: .long, help: ArgumentHelp("The decision: upheld, partly_upheld, not_upheld or resolved_without_complaint.",
                                            valueName: "OUTCOME"))
    var outcome: String?
    @Option(name: .long, help: "Why: the decision's reasons, or why a final response cannot be given yet.") var reasons: String?
    @Option(name: .long, help: ArgumentHelp("A remedy granted: ACTION=AMOUNT or ACTION. Repeatable.", valueName: "ACTION[=AMOUNT]"))
    var grant: [String] = []
    @Option(name: .long, help: ArgumentHelp("Holding response: the date (YYYY-MM-DD) the final response is expected by; "
                                            + "required once no regulatory limit still runs (DISP after the holding response).",
                                            valueName: "DATE"))
    var expected: String?
    @Flag(name: .long, help: "Print the letter and its SHA-256 as JSON.") var json = false

    func run() throws {
        guard let kind = LetterKind(rawValue: kind) else {
            throw failure("--kind \(InputQuote.clip(self.kind)): unknown letter; use one of "
                          + LetterKind.allCases.map(\.rawValue).joined(separator: ", "), Sysexit.usage)
        }
        guard let format = LetterFormat(rawValue: format) else {
            throw failure("--format \(InputQuote.clip(self.format)): use text or html", Sysexit.usage)
        }
        var decided: Outcome?
        if kind.carriesDecision {
            guard let outcome else {
                throw failure("a \(kind.title) letter tells the customer the decision: give --outcome", Sysexit.usage)
            }
            guard let parsed = Outcome(rawValue: outcome) else {
                throw failure("--outcome \(InputQuote.clip(outcome)): unknown outcome; use one of "
                              + Outcome.allCases.map(\.rawValue).joined(separator: ", "), Sysexit.usage)
            }
            decided = parsed
        } else if outcome != nil || !grant.isEmpty {
            throw failure("a \(kind.title) letter tells no decision; leave out --outcome and --grant", Sysexit.usage)
        }
        if kind.needsReasons, reasons == nil {
            throw failure("a \(kind.title) letter explains itself: give --reasons", Sysexit.usage)
        }
        if !kind.needsReasons, reasons != nil {
            throw failure("an \(kind.title) letter has no reasons; leave out --reasons", Sysexit.usage)
        }
        var expectedDate: LocalDate?
        if let expected {
            guard kind == .holdingResponse else {
                throw failure("only a holding response says when the final response will come; leave out --expected", Sysexit.usage)
            }
            guard let date = LocalDate(expected) else {
                throw failure("--expected \(InputQuote.clip(expected)): not a date; write YYYY-MM-DD", Sysexit.usage)
            }
            expectedDate = date
        }
        let s = try options.session()
        let grants = try grant.map { try parseRemedy($0, matrix: s.store.centre.policy.matrix, option: "--grant") }
        let request = LetterRequest(kind: kind, format: format, outcome: decided, reasons: reasons, grants: grants,
                                    expected: expectedDate)
        let sent = try storeCall { try s.store.sendLetter(caseID: id, request: request, actor: s.actor.id, now: s.clock) }
        if json {
            try printJSON(sent)
        } else {
            // Exactly the bytes the recorded SHA-256 is of (already cleaned of control characters).
            FileHandle.standardOutput.write(Data(sent.text.utf8))
        }
    }
}
