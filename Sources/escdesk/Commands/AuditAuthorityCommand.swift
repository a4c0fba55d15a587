import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

extension AuditCommand {
    /// `escdesk audit authority`: every grant in the log judged again under the version in
    /// force at its time.
    struct Authority: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay every grant against the matrix version in force at its time; exit 65 listing any outside its granter's authority.",
            discussion: """
                Reads the event log (never the tables a hand could edit): each resolution's grants are decided \
                again by the engine for the resolver's recorded role, under the version in force when they were \
                granted, with the customer's rolling totals and contacts recorded before them, and with any \
                delegation the case had. One line per grant outside authority: case, event, who, role, action, \
                amount and the engine's reason.
                """
        )

        @Option(name: .long, help: ArgumentHelp("The database.", valueName: "PATH"))
        var db: String?

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let path = DeskOptions(db: db).databasePath
            let store = try openStore(path)
            let report = try storeCall { try store.auditAuthority() }
            if json { try printJSON(report) }
            let versions = report.versions.count == 1 ? "1 version" : "\(report.versions.count) versions"
            let grants = report.grants == 1 ? "1 grant" : "\(report.grants) grants"
            guard !report.breaches.isEmpty else {
                if !json { Output.write("\(grants) checked under \(versions): all within authority.", to: .standardOutput) }
                return
            }
            if !json {
                let ladder = store.centre.policy.ladder
                for b in report.breaches {
                    let amount = b.amount.map { " \($0.formatted)" } ?? ""
                    Output.write("\(b.caseID) event \(b.seq): \(b.actor) (\(ladder.title(of: b.role))) granted \(b.action)\(amount) "
                                 + "under version \(b.version): \(b.reasons.joined(separator: "; "))", to: .standardOutput)
                }
            }
            let count = report.breaches.count == 1 ? "1 grant" : "\(report.breaches.count) grants"
            throw failure("\(path) records \(count) outside the granter's authority (\(grants) checked under \(versions))",
                          Sysexit.dataError)
        }
    }
}
