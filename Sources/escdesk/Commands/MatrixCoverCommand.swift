import ArgumentParser
import EscalationCore
import EscalationStore
import Foundation

extension MatrixCommand {
    /// `escdesk matrix acks VERSION`: who has and who has not acknowledged a version.
    struct Acks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who has acknowledged what a version changed in their authority, and who has not.",
            discussion: "People whose role the version did not change are not asked (\"not asked\").")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The version (default: the one in force).", valueName: "VERSION")) var version: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        struct Row: Encodable {
            let staff: String
            let name: String
            let role: String
            let standing: String
            let acknowledgedAt: String?
            let changes: Int
        }

        struct Result: Encodable {
            let version: String
            let comparedWith: String?
            let people: [Row]
        }

        func run() throws {
            let s = try options.session()
            let report = try storeCall { try s.store.acknowledgements(version: version, at: s.now) }
            let ladder = s.store.centre.policy.ladder
            let rows = report.rows.map { row -> Row in
                let (standing, at): (String, Int64?) = switch row.standing {
                case .acknowledged(let at): ("acknowledged", at)
                case .waiting: ("waiting", nil)
                case .notAsked: ("not_asked", nil)
                }
                return Row(staff: row.member.id, name: row.member.name, role: ladder.title(of: row.member.role),
                           standing: standing, acknowledgedAt: MatrixText.time(at), changes: row.changes)
            }
            if json { return try printJSON(Result(version: report.version, comparedWith: report.comparedWith, people: rows)) }
            let waiting = rows.filter { $0.standing == "waiting" }.count
            print("Matrix version \(report.version)" + (report.comparedWith.map { " (compared with version \($0))" } ?? "")
                  + ": \(waiting) of \(rows.count) people have not acknowledged it.")
            for row in rows {
                let what = switch row.standing {
                case "acknowledged": "acknowledged \(row.acknowledgedAt ?? "")"
                case "waiting": "NOT acknowledged (\(row.changes) change\(row.changes == 1 ? "" : "s") to their authority)"
                default: "not asked (nothing changed for their role)"
                }
                print("  \(row.staff)  \(row.name) (\(row.role)): \(what)")
            }
        }
    }

    /// `escdesk matrix cover grant|approve|list|end`: acting cover.
    struct Cover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Acting cover: a named person decides with a higher role's authority for a period.",
            subcommands: [Grant.self, Approve.self, List.self, End.self])

        struct Grant: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Grant acting cover (needs approve_matrix; a second person approves it).")
            @OptionGroup var options: DeskOptions
            @Argument(help: ArgumentHelp("The staff id of the person covering.", valueName: "STAFF")) var staff: String
            @Option(name: .long, help: ArgumentHelp("The role they act in.", valueName: "ROLE")) var role: String
            @Option(name: .long, help: ArgumentHelp("When it begins, ISO 8601.", valueName: "TIME")) var from: String
            @Option(name: .long, help: ArgumentHelp("When it ends by itself, ISO 8601.", valueName: "TIME")) var to: String
            @Option(name: .long, help: "Why the cover is needed.") var rationale: String
            @Flag(name: .long, help: "Print the result as JSON.") var json = false

            func run() throws {
                let (start, end) = (try time(from, "--from"), try time(to, "--to"))
                let s = try options.session()
                let cover = try storeCall {
                    try s.store.grantCover(staff: staff, role: role, from: start, to: end, rationale: rationale, actor: s.actor.id,
                                           now: s.clock)
                }
                try report(cover, s, json: json, "Granted acting cover \(cover.id); a second person with approve_matrix must approve it:")
            }
        }

        struct Approve: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Approve another manager's cover (never your own grant, never one that covers you).")
            @OptionGroup var options: DeskOptions
            @Argument(help: ArgumentHelp("The cover.", valueName: "ID")) var id: String
            @Flag(name: .long, help: "Print the result as JSON.") var json = false

            func run() throws {
                let s = try options.session()
                let cover = try storeCall { try s.store.approveCover(id: id, actor: s.actor.id, now: s.clock) }
                try report(cover, s, json: json, "Approved acting cover \(cover.id):")
            }
        }

        struct End: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "End a cover before its period is over.")
            @OptionGroup var options: DeskOptions
            @Argument(help: ArgumentHelp("The cover.", valueName: "ID")) var id: String
            @Flag(name: .long, help: "Print the result as JSON.") var json = false

            func run() throws {
                let s = try options.session()
                let cover = try storeCall { try s.store.endCover(id: id, actor: s.actor.id, now: s.clock) }
                try report(cover, s, json: json, "Ended acting cover \(cover.id):")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every acting cover and where it stands.")
            @OptionGroup var options: DeskOptions
            @Flag(name: .long, help: "Print the result as JSON.") var json = false

            struct Result: Encodable { let covers: [CoverJSON] }

            func run() throws {
                let s = try options.session()
                let covers = try storeCall { try s.store.covers() }
                if json { return try printJSON(Result(covers: covers.map { CoverJSON($0, s) })) }
                if covers.isEmpty { return print("No acting cover has been granted.") }
                for cover in covers { print(line(cover, s)) }
            }
        }
    }
}

/// A cover as `--json` prints it.
struct CoverJSON: Encodable {
    let id, staff, role, from, to, rationale, grantedBy, grantedAt, standing: String
    let approvedBy, approvedAt, endedBy, endedAt: String?

    init(_ c: ActingCover, _ s: Session) {
        let t = Int64((s.now.timeIntervalSince1970 * 1000).rounded())
        (id, staff, role, rationale, grantedBy) = (c.id, c.staff, c.role, c.rationale, c.grantedBy)
        (from, to, grantedAt) = (MatrixText.time(c.from) ?? "", MatrixText.time(c.to) ?? "", MatrixText.time(c.grantedAt) ?? "")
        standing = c.standing(at: t).rawValue
        (approvedBy, approvedAt, endedBy, endedAt) = (c.approvedBy, MatrixText.time(c.approvedAt), c.endedBy, MatrixText.time(c.endedAt))
    }
}

private func time(_ text: String, _ flag: String) throws -> Date {
    guard let date = ISOTime.parse(text) else {
        throw failure("\(flag) \(InputQuote.clip(text)): not an ISO 8601 time; write it like 2026-12-08T09:00:00Z", Sysexit.usage)
    }
    return date
}

/// "AC-1  Ann Agent acting Team Leader, 2026-12-08T… to 2026-12-19T…: in effect; granted by …, approved by …"
private func line(_ c: ActingCover, _ s: Session) -> String {
    let centre = s.store.centre
    let t = Int64((s.now.timeIntervalSince1970 * 1000).rounded())
    var text = "\(c.id)  \(MatrixText.name(c.staff, centre) ?? c.staff) acting \(centre.policy.ladder.title(of: c.role)), "
        + "\(MatrixText.time(c.from) ?? "") to \(MatrixText.time(c.to) ?? ""): \(c.standing(at: t).words); "
        + "granted by \(MatrixText.name(c.grantedBy, centre) ?? c.grantedBy)"
    if let by = c.approvedBy { text += ", approved by \(MatrixText.name(by, centre) ?? by)" }
    if let by = c.endedBy { text += ", ended by \(MatrixText.name(by, centre) ?? by)" }
    return text + "; \(c.rationale)"
}

private func report(_ c: ActingCover, _ s: Session, json: Bool, _ heading: String) throws {
    if json { return try printJSON(CoverJSON(c, s)) }
    print(heading)
    print("  " + line(c, s))
}
