import ArgumentParser
import DeskUI
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk case ...`: every step of a case's life, for scripts and for people who prefer
/// a command line to the desk.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open, escalate, claim, return, resolve and read cases.",
        subcommands: [Open.self, Escalate.self, Claim.self, Return.self, Resolve.self, Show.self, List.self,
                      Close.self, Reopen.self, Identity.self, CaseLetterCommand.self,
                      CaseReceiptCommand.self]
    )

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a case; prints its id and the decision for the remedies asked for."
        )
        @OptionGroup var options: DeskOptions
        @Option(name: .long, help: ArgumentHelp("The customer's id.", valueName: "ID")) var customer: String
        @Option(name: .long, help: "What the customer says is wrong.") var summary: String
        @Option(name: .long, help: "The kind of case (default complaint).") var kind: String = "complaint"
        @Option(name: .long, help: "How they got in touch (default phone).") var channel: String = "phone"
        @Option(name: .long, help: ArgumentHelp("A remedy asked for: ACTION=AMOUNT or ACTION. Repeatable.", valueName: "ACTION[=AMOUNT]"))
        var request: [String] = []
        @Flag(name: .long, help: "The customer is waiting on the line.") var live = false
        @Option(name: .customLong("case-flag"), help: ArgumentHelp("A flag on the case, e.g. legal_threat. Repeatable.", valueName: "FLAG"))
        var caseFlags: [String] = []
        @Option(name: .long, help: ArgumentHelp("When it reached the firm, ISO 8601 (default now; never in the future).",
                                                valueName: "TIME"))
        var received: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let receivedAt = try received.map(receivedTime)
            let s = try options.session()
            let matrix = s.store.centre.policy.matrix
            let requests = try request.map { try parseRemedy($0, matrix: matrix, option: "--request") }
            let opened = try storeCall {
                try s.store.openCase(NewCase(customer: customer, summary: summary, kind: kind, channel: channel,
                                             requests: requests, live: live, caseFlags: caseFlags,
                                             receivedAt: receivedAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }),
                                     actor: s.actor.id, now: s.clock)
            }
            if json {
                try printJSON(opened)
            } else {
                print("Opened \(opened.id).")
                print(DecisionText.render(opened.decision, ladder: matrix.ladder, requests: requests, matrix: matrix))
            }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refer a case up to where the engine routes it.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: "Why it goes up: what the next handler needs to know.") var note: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let referral = try storeCall { try s.store.escalate(caseID: id, note: note, actor: s.actor.id, now: s.clock) }
            if json {
                try printJSON(referral)
            } else {
                let title = s.store.centre.policy.ladder.title(of: referral.routeTo)
                let team = referral.team.map { s.store.centre.staff.team(id: $0)?.name ?? $0 }
                print("Escalated \(referral.caseID) to \(title) (\(referral.routeTo))" + (team.map { ", team \($0)" } ?? "") + ".")
                for reason in referral.decision.reasons { print("  - \(reason.detail)") }
                try noteWithheldText(s, caseID: id, what: "note")
            }
        }
    }

    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a referred case.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            try storeCall { try s.store.claim(caseID: id, actor: s.actor.id, now: s.clock) }
            if json { try printJSON(["case": id, "holder": s.actor.id]) } else { print("\(id) is yours, \(s.actor.name).") }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hand a claimed case back down with guidance.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: "Guidance for the person it goes back to.") var note: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            try storeCall { try s.store.returnCase(caseID: id, guidance: note, actor: s.actor.id, now: s.clock) }
            if json { try printJSON(["case": id, "state": CaseState.returned.rawValue]) } else {
                print("Returned \(id) with guidance.")
                try noteWithheldText(s, caseID: id, what: "guidance")
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve a case; refused (77) if a grant is beyond your authority, and then nothing is written."
        )
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: ArgumentHelp("upheld, partly_upheld, not_upheld or resolved_without_complaint.", valueName: "OUTCOME"))
        var outcome: String
        @Option(name: .long, help: "Why this outcome: the rationale the record keeps.") var rationale: String
        @Option(name: .long, help: ArgumentHelp("A remedy granted: ACTION=AMOUNT or ACTION. Repeatable.", valueName: "ACTION[=AMOUNT]"))
        var grant: [String] = []
        @Option(name: .customLong("root-cause"), help: ArgumentHelp("The root-cause category (default other).", valueName: "CAUSE"))
        var rootCause: String = "other"
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            guard let outcome = Outcome(rawValue: outcome) else {
                throw failure("--outcome \(InputQuote.clip(self.outcome)): unknown outcome; use one of "
                              + Outcome.allCases.map(\.rawValue).joined(separator: ", "), Sysexit.usage)
            }
            let s = try options.session()
            let grants = try grant.map { try parseRemedy($0, matrix: s.store.centre.policy.matrix, option: "--grant") }
            let decision = try storeCall {
                try s.store.resolve(caseID: id, resolution: Resolution(outcome: outcome, rationale: rationale, grants: grants,
                                                                       rootCause: rootCause),
                                    actor: s.actor.id, now: s.clock)
            }
            if json { try printJSON(["case": id, "outcome": outcome.rawValue, "matrix_version": decision.matrixVersion]) }
            else {
                print("Resolved \(id): \(outcome.rawValue) (\(AuthorityMatrix.versionName(decision.matrixVersion))).")
                try noteWithheldText(s, caseID: id, what: "rationale")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case and its whole timeline: who, when, what, why.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Flag(name: .long, help: "Print as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let detail = try storeCall { try s.store.caseDetail(id: id) }
            let time = CentreTime(centre: s.store.centre)
            let clocks = try storeCall { try s.store.clocks(of: detail.summary.id, now: s.now) }.map { ShownClock($0, time: time) }
            if json { try printJSON(ShownCase(detail: detail, clocks: clocks)) } else {
                print(CaseText.render(detail, centre: s.store.centre))
                print(CaseText.clocks(clocks))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases, most urgent first, a page at a time.")
        @OptionGroup var options: DeskOptions
        @Option(name: .long, help: ArgumentHelp(
            "mine (yours), referred (the desk's \"Referred to me\"), other-teams (waiting for other teams at your role), "
            + "escalated (those you referred up), role (your role's queue) or all.", valueName: "QUEUE"))
        var queue: String = "mine"

        /// The queue names, as the desk's tabs are called.
        static let queues = ["mine", "referred", "other-teams", "escalated", "role", "all"]
        @Option(name: .long, help: ArgumentHelp("Only cases in this state.", valueName: "STATE")) var state: String?
        @Option(name: .long, help: ArgumentHelp(
            "Cases found by case id (or its number), customer id or name, or words (and word beginnings) of their summary and notes, best first.",
            valueName: "TEXT"))
        var search: String?
        @Option(name: .long, help: "At most this many (1–1000).") var limit: Int = 50
        @Option(name: .long, help: "Skip this many first.") var offset: Int = 0
        @Flag(name: .long, help: "Print as JSON.") var json = false

        func validate() throws {
            guard Self.queues.contains(queue) else {
                throw ValidationError("--queue must be one of " + Self.queues.joined(separator: ", "))
            }
            if let state, CaseState(rawValue: state) == nil {
                throw ValidationError("--state must be one of " + CaseState.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
            if search != nil, state != nil { throw ValidationError("--search finds cases in every state; leave out --state") }
        }

        func run() throws {
            let s = try options.session()
            if let search {
                let page = try storeCall { try s.store.listCases(queue: .search(search), limit: limit, offset: offset) }
                if json { try printJSON(page) } else { print(page.total == 0 ? CaseWords.noMatch(search) : CaseText.table(page)) }
                return
            }
            let me = s.actor
            let which: CaseQueue = switch queue {
            case "all": .all
            case "role": .role(me.role)
            case "referred": .referred(role: me.role, staffID: me.id)
            case "other-teams": .otherTeams(role: me.role, staffID: me.id)
            case "escalated": .escalatedBy(staffID: me.id)
            default: .mine(staffID: me.id)
            }
            let page = try storeCall {
                try s.store.listCases(queue: which, state: state.flatMap(CaseState.init(rawValue:)), limit: limit, offset: offset)
            }
            if json { try printJSON(page) } else { print(CaseText.table(page)) }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a resolved case.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String

        func run() throws {
            let s = try options.session()
            try storeCall { try s.store.close(caseID: id, actor: s.actor.id, now: s.clock) }
            print("Closed \(id).")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a resolved or closed case into your hands.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Option(name: .long, help: "Why it is reopened.") var note: String?

        func run() throws {
            let s = try options.session()
            try storeCall { try s.store.reopen(caseID: id, note: note, actor: s.actor.id, now: s.clock) }
            print("Reopened \(id).")
            if note != nil { try noteWithheldText(s, caseID: id, what: "note") }
        }
    }

    struct Identity: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the customer's identity check on a case.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The case id.", valueName: "ID")) var id: String
        @Flag(help: "Whether the check passed.") var result: IdentityResult

        enum IdentityResult: String, EnumerableFlag {
            case verified, failed
        }

        func run() throws {
            let s = try options.session()
            try storeCall { try s.store.markIdentity(caseID: id, verified: result == .verified, actor: s.actor.id, now: s.clock) }
            print("Identity on \(id): \(result.rawValue).")
        }
    }
}

/// Says so when the text just written on a case was not kept because its customer has been erased.
private func noteWithheldText(_ s: Session, caseID: String, what: String) throws {
    guard try storeCall({ try s.store.withholdsText(caseID: caseID) }) else { return }
    print("The customer of \(caseID) has been erased, so the \(what) was not stored: "
          + "new notes on their cases are kept without personal data (who, when and what was decided are recorded).")
}

/// Cases as a person reads them in a terminal; customer text is sanitised, never printed raw.
enum CaseText {
    static func clean(_ text: String?) -> String { text.map(TextSanitiser.singleLine) ?? "(erased)" }

    static func time(_ date: Date) -> String { ISOTime.format(date) }

    static func render(_ d: CaseDetail, centre: Centre) -> String {
        let c = d.summary
        let ladder = centre.policy.ladder
        func teamName(_ id: String) -> String { clean(centre.staff.team(id: id)?.name ?? id) }
        var lines: [String] = []
        lines.append("\(c.id)  \(c.kind) · \(c.channel)\(c.live ? " · LIVE" : "")  [\(c.state.rawValue)]")
        let flags = d.customerFlags.isEmpty ? "" : "  flags: " + d.customerFlags.joined(separator: ", ")
        lines.append("Customer: \(clean(d.customerName)) (\(c.customerID))\(flags)")
        lines.append("Summary:  \(clean(c.summary))")
        if !d.caseFlags.isEmpty { lines.append("Case flags: " + d.caseFlags.joined(separator: ", ")) }
        lines.append("Identity: \(d.identityVerified ? "verified" : "not verified")")
        var routing = "Queue:    \(c.queueRole.map { ladder.title(of: $0) } ?? "-")"
        if let holder = c.holderName { routing += "   Held by: \(clean(holder))" }
        lines.append(routing)
        lines.append("Received: \(time(c.receivedAt))   Deadline: \(time(c.nearestDue ?? c.deadlineAt))")
        let asked = d.requests.map { r in (centre.policy.matrix.action(r.action)?.title ?? r.action) + (r.amount.map { " \($0.formatted)" } ?? "") }
        lines.append("Asked:    \(asked.isEmpty ? "no remedies" : asked.joined(separator: ", "))")
        lines.append("Decision: \(d.decision.verdict.rawValue)\(d.decision.routeTo.map { " → \(ladder.title(of: $0))" } ?? "") (\(AuthorityMatrix.versionName(d.decision.matrixVersion)))")
        for reason in d.decision.reasons { lines.append("  - \(reason.detail)") }
        lines.append("Timeline:")
        for e in d.timeline {
            var line = "  \(time(e.at))  \(clean(e.actorName)) (\(e.actorRole))  \(e.kind.rawValue)"
            if let route = e.routeTo { line += " → \(ladder.title(of: route))" }
            if let team = e.team { line += " (\(teamName(team)))" }
            if let cover = e.coverFor { line += " as cover for \(teamName(cover))" }
            if let letter = e.letter { line += " \(letter.rawValue)" + (e.letterSHA256.map { " sha256 \($0)" } ?? "") }
            if let outcome = e.outcome { line += " [\(outcome.rawValue)]" }
            if !e.grants.isEmpty {
                line += " granted " + e.grants.map { g in g.action + (g.amount.map { " \($0.formatted)" } ?? "") }.joined(separator: ", ")
            }
            lines.append(line)
            if e.textErased { lines.append("      (text erased with the customer's personal data)") }
            else if let text = e.text { lines.append("      \"\(clean(text))\"") }
        }
        return lines.joined(separator: "\n")
    }

    /// A case's clocks, one a line: due time, state, title and the rule it comes from.
    static func clocks(_ clocks: [ShownClock]) -> String {
        guard !clocks.isEmpty else { return "Clocks:   none apply" }
        return (["Clocks:"] + clocks.map { c in
            "  \(pad(c.state.uppercased(), 9)) due \(c.due)  \(c.title) (\(c.rule.isEmpty ? c.id : c.rule))"
                + (c.calendar.map { ", \($0) calendar" } ?? "")
        }).joined(separator: "\n")
    }

    static func table(_ page: CasePage) -> String {
        guard !page.cases.isEmpty else { return "No cases (\(page.total) in this queue)." }
        var lines = ["ID         STATE      LIVE  QUEUE          RECEIVED              SUMMARY"]
        for c in page.cases {
            let summary = TextSanitiser.truncate(clean(c.summary), toWidth: 40)
            lines.append(pad(c.id, 10) + " " + pad(c.state.rawValue, 10) + " " + pad(c.live ? "LIVE" : "", 5) + " "
                         + pad(c.queueRole ?? "-", 14) + " " + pad(time(c.receivedAt), 21) + " " + summary)
        }
        lines.append("\(page.offset + 1)–\(page.offset + page.cases.count) of \(page.total).")
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
