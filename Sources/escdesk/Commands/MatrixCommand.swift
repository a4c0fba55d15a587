import ArgumentParser
import EscalationConfig
import EscalationCore
import EscalationStore
import Foundation

/// `escdesk matrix ...`: the authority matrix (with its referral rules and routing) and its
/// governance: versions proposed from an edited `escalation.yaml`, approved or rejected by a
/// second person holding `approve_matrix`, in force from an effective time.
struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Show, export, propose, diff, approve and reject authority matrix versions; acknowledgements; acting cover.",
        subcommands: [Show.self, Export.self, Propose.self, Diff.self, Simulate.self, Approve.self, Reject.self, Rebase.self,
                      History.self, Acks.self, Cover.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the version in force, or another version.")
        @OptionGroup var options: DeskOptions
        @Option(name: .long, help: ArgumentHelp("The version to show (default: the one in force).", valueName: "V")) var version: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let detail = try storeCall { try s.store.matrixVersion(version, at: s.now) }
            if json { try printJSON(MatrixText.ShowJSON(detail)) } else { print(MatrixText.show(detail, s.store.centre)) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write escalation.yaml for the version in force (or --version V): edit it, then propose it.")
        @OptionGroup var options: DeskOptions
        @Option(name: .long, help: ArgumentHelp("The version to export (default: the one in force).", valueName: "V")) var version: String?

        func run() throws {
            let s = try options.session()
            let detail = try storeCall { try s.store.matrixVersion(version, at: s.now) }
            let header = ["\(detail.policy.matrix.versionName), exported by escdesk.",
                          "Edit the roles' cells, the referral rules or the routing, then: escdesk matrix propose FILE --rationale TEXT"]
            let text = EscalationExport.yaml(s.store.centre.withPolicy(detail.policy), header: header)
            // YAML, written as is: every string in it is quoted and escaped by the exporter.
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose an edited escalation.yaml as the next version (a second person approves it).",
            discussion: "A file that says what the newest approved version says creates no version: it prints so and exits 0.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The edited escalation.yaml.", valueName: "FILE")) var file: String
        @Option(name: .long, help: "Why the change is needed.") var rationale: String
        @Option(name: .long, help: ArgumentHelp("When it comes into force once approved, ISO 8601 (default: on approval).", valueName: "TIME"))
        var effective: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        /// `"version": null` when nothing was proposed, so every result has the same keys.
        struct Result: Encodable {
            let version: String?
            let baseVersion: String
            let changes: [String]

            enum CodingKeys: String, CodingKey { case version, baseVersion, changes }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                if let version { try c.encode(version, forKey: .version) } else { try c.encodeNil(forKey: .version) }
                try c.encode(baseVersion, forKey: .baseVersion)
                try c.encode(changes, forKey: .changes)
            }
        }

        func run() throws {
            let s = try options.session()
            let effectiveAt = try effective.map { text -> Date in
                guard let date = ISOTime.parse(text) else {
                    throw failure("--effective \(InputQuote.clip(text)): not an ISO 8601 time; write it like 2026-12-08T09:00:00Z",
                                  Sysexit.usage)
                }
                return date
            }
            let read = try MatrixText.readFile(file)
            let outside = MatrixGovernance.settingsOutsideThePolicy(file: read, stored: s.store.centre)
            if !outside.isEmpty {
                throw failure("\(file) changes \(outside.joined(separator: ", ")), which a matrix proposal cannot change; "
                              + "keep them as `escdesk matrix export` writes them and change only authority, referrals or routing",
                              Sysexit.dataError)
            }
            let outcome = try storeCall {
                try s.store.proposeMatrix(read.policy, rationale: rationale, effective: effectiveAt, actor: s.actor.id, now: s.clock)
            }
            let ladder = s.store.centre.policy.ladder
            switch outcome {
            case .unchanged(let base):
                if json { try printJSON(Result(version: nil, baseVersion: base, changes: [])) } else {
                    print("\(file) says what matrix version \(base) says: nothing to propose, no version created.")
                }
            case .proposed(let version, let base, let diff):
                if json { try printJSON(Result(version: version, baseVersion: base, changes: diff.sentences)) } else {
                    print("Proposed matrix version \(version) as a change of version \(base); a second person with "
                          + "approve_matrix must approve it:")
                    print(MatrixText.diff(diff, ladder: ladder))
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The difference between two versions or files, in words.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("A version id or an escalation.yaml file.", valueName: "A")) var from: String
        @Argument(help: ArgumentHelp("A version id or an escalation.yaml file.", valueName: "B")) var to: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let register = try storeCall { try s.store.matrixRegister() }
            func policy(_ name: String) throws -> EscalationPolicy {
                if register.version(name) != nil { return try storeCall { try s.store.matrixVersion(name, at: s.now) }.policy }
                if FileManager.default.fileExists(atPath: name) { return try MatrixText.readFile(name).policy }
                throw failure("\(InputQuote.clip(name)) is neither a matrix version nor a file", Sysexit.dataError)
            }
            let diff = MatrixDiff(from: try policy(from), to: try policy(to))
            if json { try printJSON(MatrixText.DiffJSON(diff, from: from, to: to)) } else {
                print(MatrixText.diff(diff, ladder: s.store.centre.policy.ladder))
            }
        }
    }

    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the last N days' requests under a draft (a file or a version) and the version in force.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("An escalation.yaml file or a version id.", valueName: "FILE|VERSION")) var draft: String
        @Option(name: .long, help: ArgumentHelp("How many days back to replay (default 90).", valueName: "N")) var days: Int = 90
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            guard (1...3660).contains(days) else { throw failure("--days \(days): give 1 to 3660 days", Sysexit.usage) }
            let s = try options.session()
            let register = try storeCall { try s.store.matrixRegister() }
            let policy: EscalationPolicy
            if register.version(draft) != nil {
                policy = try storeCall { try s.store.matrixVersion(draft, at: s.now) }.policy
            } else if FileManager.default.fileExists(atPath: draft) {
                policy = try MatrixText.readFile(draft).policy
            } else {
                throw failure("\(InputQuote.clip(draft)) is neither a matrix version nor a file", Sysexit.dataError)
            }
            let inForce = try storeCall { try s.store.matrixVersion(nil, at: s.now) }.version.id
            let result = try storeCall { try s.store.simulate(policy, days: days, now: s.now) }
            if json { return try printJSON(result) }
            print(MatrixText.simulation(result, draft: draft, inForce: inForce, days: days, ladder: s.store.centre.policy.ladder))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve another person's proposal (never your own; needs approve_matrix).")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The proposed version.", valueName: "VERSION")) var version: String
        @Option(name: .long, help: "Why it is approved.") var rationale: String?
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let approved = try storeCall { try s.store.approveMatrix(version: version, rationale: rationale, actor: s.actor.id, now: s.clock) }
            try decided(approved, s, json: json)
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject another person's proposal with a rationale.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The proposed version.", valueName: "VERSION")) var version: String
        @Option(name: .long, help: "Why it is rejected.") var rationale: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let rejected = try storeCall { try s.store.rejectMatrix(version: version, rationale: rationale, actor: s.actor.id, now: s.clock) }
            try decided(rejected, s, json: json)
        }
    }

    struct Rebase: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a proposal a change of the newest approved version, and show its diff again.")
        @OptionGroup var options: DeskOptions
        @Argument(help: ArgumentHelp("The proposed version.", valueName: "VERSION")) var version: String
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        func run() throws {
            let s = try options.session()
            let (rebased, diff) = try storeCall { try s.store.rebaseMatrix(version: version, actor: s.actor.id, now: s.clock) }
            let base = rebased.base ?? ""
            if json { try printJSON(MatrixText.DiffJSON(diff, from: base, to: rebased.id)) } else {
                print("Matrix version \(rebased.id) is now a change of version \(base):")
                print(MatrixText.diff(diff, ladder: s.store.centre.policy.ladder))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every version: who proposed and decided it, and where it stands.")
        @OptionGroup var options: DeskOptions
        @Flag(name: .long, help: "Print the result as JSON.") var json = false

        struct Result: Encodable { let versions: [MatrixText.VersionJSON] }

        func run() throws {
            let s = try options.session()
            let register = try storeCall { try s.store.matrixRegister() }
            let t = Int64((s.now.timeIntervalSince1970 * 1000).rounded())
            if json {
                try printJSON(Result(versions: register.versions.map { MatrixText.VersionJSON($0, register.standing(of: $0, at: t)) }))
                return
            }
            for v in register.versions {
                print("Version \(v.id): \(MatrixText.standing(v, register.standing(of: v, at: t)))")
                for line in MatrixText.governance(v, s.store.centre) { print("  " + line) }
            }
        }
    }
}

/// Prints an approval or rejection.
private func decided(_ v: MatrixVersion, _ s: Session, json: Bool) throws {
    let register = try storeCall { try s.store.matrixRegister() }
    let standing = register.standing(of: v, at: Int64((s.now.timeIntervalSince1970 * 1000).rounded()))
    if json { return try printJSON(MatrixText.VersionJSON(v, standing)) }
    if v.status == .rejected { return print("Rejected matrix version \(v.id).") }
    print("Approved matrix version \(v.id): \(MatrixText.standing(v, standing)).")
}
