import ArgumentParser
import EscalationConfig
import EscalationCore

/// `escdesk decide`: a decision from the engine alone, no database — for checking a matrix
/// by hand, training, and scripts.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Decide whether a role may grant the remedies asked for, from the configuration alone.",
        discussion: """
        Example:
          escdesk decide --config Config --role agent --request refund=75.00 --customer-flag vulnerable
        Exit 0 for any verdict, 64 for a usage error, 65 for an invalid configuration.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The configuration folder (holding escalation.yaml).", valueName: "DIR"))
    var config: String = "Config"

    @Option(name: .long, help: ArgumentHelp("The handler's role id, e.g. agent.", valueName: "ROLE"))
    var role: String

    @Option(name: .long, help: ArgumentHelp("A remedy asked for: ACTION=AMOUNT, or ACTION for a permission. Repeatable.",
                                            valueName: "ACTION[=AMOUNT]"))
    var request: [String] = []

    @Option(name: .customLong("customer-flag"), help: ArgumentHelp("A flag on the customer, e.g. vulnerable. Repeatable.", valueName: "FLAG"))
    var customerFlags: [String] = []

    @Option(name: .customLong("case-flag"), help: ArgumentHelp("A flag on the case, e.g. legal_threat. Repeatable.", valueName: "FLAG"))
    var caseFlags: [String] = []

    @Option(name: .long, help: ArgumentHelp("The channel of the contact, e.g. phone.", valueName: "CHANNEL"))
    var channel: String?

    @Flag(name: .long, help: "The customer's identity is not verified.")
    var unverified = false

    @Option(name: .customLong("repeat-contacts"),
            help: ArgumentHelp("Contacts about this, this one included, inside every repeat rule's window.", valueName: "N"))
    var repeatContacts: Int = 1

    @Option(name: .long, help: ArgumentHelp("Already granted to this customer: ACTION=AMOUNT, counted toward every rolling window. Repeatable.",
                                            valueName: "ACTION=AMOUNT"))
    var granted: [String] = []

    @Flag(name: .long, help: "Print the decision as JSON.")
    var json = false

    func validate() throws {
        guard repeatContacts >= 1 else {
            throw ValidationError("--repeat-contacts must be at least 1 (this contact counts).")
        }
        guard repeatContacts <= 1_000_000 else { throw ValidationError("--repeat-contacts is implausibly large.") }
    }

    func run() throws {
        let centre = try loadCentre(directory: config)
        let policy = centre.policy
        guard policy.ladder.contains(role) else {
            let ladder = policy.ladder.roles.map(\.id).joined(separator: ", ")
            throw failure("--role \(InputQuote.clip(role)): unknown role; the ladder is \(ladder)", Sysexit.usage)
        }
        let requests = try request.map { try parseRemedy($0, matrix: policy.matrix, option: "--request") }
        var prior = GrantHistory()
        for text in granted {
            let remedy = try parseRemedy(text, matrix: policy.matrix, option: "--granted")
            guard let amount = remedy.amount else {
                throw failure("--granted \(InputQuote.clip(text)): only monetary actions have rolling totals", Sysexit.usage)
            }
            do { try prior.addToEveryWindow(action: remedy.action, minor: amount.minor) } catch {
                throw failure("--granted: " + error.description, Sysexit.dataError)
            }
        }
        if let channel, !centre.channels.contains(channel) {
            throw failure("--channel \(InputQuote.clip(channel)): unknown channel; channels are \(centre.channels.joined(separator: ", "))",
                          Sysexit.usage)
        }
        let context = DecisionContext(customerFlags: customerFlags, caseFlags: caseFlags, channel: channel,
                                      identityVerified: !unverified,
                                      contacts: ContactHistory(everyWindow: repeatContacts), granted: prior)
        let decision: Decision
        do {
            decision = try policy.decide(handler: role, requests: requests, context: context)
        } catch {
            throw failure(error.description, error.isInvalidAmount ? Sysexit.dataError : Sysexit.usage)
        }
        if json {
            try printJSON(decision)
        } else {
            print(DecisionText.render(decision, ladder: policy.ladder, requests: requests, matrix: policy.matrix))
        }
    }
}
