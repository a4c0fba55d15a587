import ArgumentParser
import EscalationConfig
import EscalationCore

/// `escdesk config ...`: work with a configuration folder.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check a configuration folder.",
        subcommands: [Validate.self]
    )

    /// `escdesk config validate [DIR]`: every problem at once, each at file:line:col.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a configuration folder; prints each problem as file:line:col, exit 65 if any."
        )

        @Argument(help: ArgumentHelp("The configuration folder.", valueName: "DIR"))
        var directory: String = "Config"

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        func run() throws {
            let centre: Centre
            do throws(ConfigErrors) {
                centre = try ConfigLoader.load(directory: directory)
            } catch {
                if json {
                    try printJSON(ValidationJSON(valid: false, errors: error.issues.map(IssueJSON.init), summary: nil))
                } else {
                    for issue in error.issues { printError(issue.description) }
                }
                let n = error.issues.count
                throw failure("\(directory) is not valid: \(n) problem\(n == 1 ? "" : "s")", Sysexit.dataError)
            }
            if json {
                try printJSON(ValidationJSON(valid: true, errors: [], summary: Summary(centre)))
            } else {
                print(Summary(centre).sentence(directory))
            }
        }
    }

    struct Summary: Encodable {
        let organisation: String
        let roles: Int
        let actions: Int
        let referrals: Int
        let staff: Int
        let teams: Int
        let clocks: Int
        let calendars: Int
        let matrixVersion: String

        init(_ centre: Centre) {
            organisation = centre.organisation
            roles = centre.policy.ladder.roles.count
            actions = centre.policy.matrix.actions.count
            referrals = centre.policy.referrals.count
            staff = centre.staff.staff.count
            teams = centre.staff.teams.count
            clocks = centre.clocks.count
            calendars = centre.calendars.count
            matrixVersion = centre.policy.matrix.version
        }

        func sentence(_ dir: String) -> String {
            "\(dir) is valid: \(organisation), \(roles) roles, \(actions) actions, \(referrals) referral rules, "
                + "\(staff) staff in \(teams) teams, \(clocks) clock\(clocks == 1 ? "" : "s"), \(calendars) calendar\(calendars == 1 ? "" : "s") (matrix \(matrixVersion))."
        }

        enum CodingKeys: String, CodingKey {
            case organisation, roles, actions, referrals, staff, teams, clocks, calendars, matrixVersion = "matrix_version"
        }
    }

    struct IssueJSON: Encodable {
        let file: String
        let line: Int
        let column: Int
        let message: String

        init(_ issue: ConfigIssue) {
            file = issue.file
            line = issue.line
            column = issue.column
            message = issue.message
        }
    }

    struct ValidationJSON: Encodable {
        let valid: Bool
        let errors: [IssueJSON]
        let summary: Summary?
    }
}
