import ArgumentParser
import EscalationStore
import Foundation

/// `escdesk audit ...`: check the record.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the tamper-evident event log.",
        subcommands: [Verify.self, Authority.self, TakeCheckpoint.self, Keygen.self]
    )

    /// `escdesk audit verify`: recompute the hash chain, and check it against checkpoints.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain; exit 0 if intact, 65 naming the first bad event or checkpoint.",
            discussion: """
                With --checkpoints, also prove the chain still passes through every checkpoint in FILE \
                (lines printed by escdesk audit checkpoint; blank lines and # comments allowed): a chain \
                re-hashed after a change, or cut back with its head mark moved, verifies on its own but not \
                against a checkpoint kept where the database's writers cannot reach.
                """
        )

        @Option(name: .long, help: ArgumentHelp("The database.", valueName: "PATH"))
        var db: String?

        @Option(name: .long, help: ArgumentHelp("Checkpoints the chain must still pass through.", valueName: "FILE"))
        var checkpoints: String?

        @Option(name: .customLong("public-key"),
                help: ArgumentHelp("Require every checkpoint to be signed by this key (as escdesk audit keygen printed it).",
                                   valueName: "FILE"))
        var publicKey: String?

        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            if publicKey != nil && checkpoints == nil {
                throw ValidationError("--public-key checks the signatures of checkpoints; give the file with --checkpoints FILE")
            }
        }

        func run() throws {
            let path = DeskOptions(db: db).databasePath
            // The files are read first: a mistake in them is reported before the chain is read.
            let file = try checkpoints.map { f in try checkpointCall { try CheckpointFile.read(from: f) } }
            let key = try publicKey.map { f in try checkpointCall { try CheckpointPublicKey.read(from: f) } }
            // Opened without refusing an altered configuration: verification says what differs.
            let store = try storeCall { try DeskStore.open(at: path, checkingConfiguration: false) }
            let result = try storeCall { try store.verifyChain() }
            let passes = try file.map { f in try storeCall { try store.verifyCheckpoints(f, publicKey: key) } }
            if json { try printJSON(VerifyReport(chain: result, checkpoints: passes)) }
            if let bad = result.firstBad {
                throw failure("the event log of \(path) has been altered: \(bad)", Sysexit.dataError)
            }
            if let bad = passes?.firstBad {
                throw failure("the event log of \(path) no longer passes through every checkpoint: \(bad)", Sysexit.dataError)
            }
            if let first = result.mismatches.first {
                if !json {
                    printError("What the desk reads does not match the record of \(path):")
                    for mismatch in result.mismatches { printError("  - \(mismatch)") }
                }
                throw failure("\(path) was changed outside escdesk: \(first)", Sysexit.dataError)
            }
            guard !json else { return }
            print("Intact: \(result.events) events, head \(result.headHash.prefix(16))….")
            if let passes {
                let one = passes.checked == 1
                let signed = passes.signed ? (one ? ", signed by the given key" : ", each signed by the given key") : ""
                print("Passes through \(one ? "the 1 checkpoint" : "all \(passes.checked) checkpoints") in \(passes.file)\(signed).")
            }
        }
    }

    /// `escdesk audit checkpoint`: one line recording the chain head, to keep elsewhere.
    struct TakeCheckpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print a checkpoint of the chain head, to keep where the database's writers cannot reach.",
            discussion: """
                Prints one line: escdesk-checkpoint v1 seq=N head=HASH events=N at=TIME, then sig=SIGNATURE \
                with --key (an Ed25519 signature of the line before " sig="). Append it to a file that \
                escdesk audit verify --checkpoints FILE checks. A chain that is already broken gets no checkpoint (65).
                """
        )

        @Option(name: .long, help: ArgumentHelp("The database.", valueName: "PATH"))
        var db: String?

        @Option(name: .long, help: ArgumentHelp("Sign with this private key (made by escdesk audit keygen).", valueName: "FILE"))
        var key: String?

        @Flag(name: .long, help: "Print the checkpoint's fields (and its line) as JSON.")
        var json = false

        func run() throws {
            let signingKey = try key.map { f in try checkpointCall { try CheckpointSigningKey.read(from: f) } }
            let store = try openStore(DeskOptions(db: db).databasePath)
            var checkpoint = try storeCall { try store.checkpoint(now: Date()) }
            if let signingKey { checkpoint = try checkpointCall { try checkpoint.signed(with: signingKey) } }
            if json { try printJSON(checkpoint) } else { print(checkpoint.line) }
        }
    }

    /// `escdesk audit keygen`: a new signing key for checkpoints.
    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an Ed25519 key for signing checkpoints: the private key to FILE, the public key to stdout.",
            discussion: "FILE is created with mode 0600 and never overwritten. For example: escdesk audit keygen --out /secure/ck.key > /secure/ck.pub"
        )

        @Option(name: .long, help: ArgumentHelp("The private key file to create.", valueName: "FILE"))
        var out: String

        @Flag(name: .long, help: "Print the key file and the public key as JSON.")
        var json = false

        func run() throws {
            let key = try checkpointCall { try CheckpointSigningKey.create(at: out) }
            if json {
                try printJSON(["private_key_file": out, "public_key": key.publicKey.line])
            } else {
                print(key.publicKey.line)
            }
        }
    }
}

/// `audit verify --json`: the chain's result as before, with the checkpoints' when checked.
private struct VerifyReport: Encodable {
    let chain: ChainVerification
    let checkpoints: CheckpointVerification?

    enum CodingKeys: CodingKey { case checkpoints }

    func encode(to encoder: any Encoder) throws {
        try chain.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(checkpoints, forKey: .checkpoints)
    }
}

/// Runs a checkpoint or key file operation, turning a refusal into its sentence and code.
private func checkpointCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as CheckpointError { throw failure(error.description, ExitCode(error.exitCode)) }
}
