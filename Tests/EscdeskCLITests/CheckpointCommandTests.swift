@testable import EscalationStore
import Foundation
import Testing

/// Checkpoints of the chain head, kept outside the database, expose what `audit verify` alone
/// cannot: a history rewritten and re-hashed end to end, or a log cut back with its head mark
/// moved. Run as the real binary, as a compliance officer's cron job and checks would.
@Suite struct CheckpointCommandTests {
    struct Desk {
        let dir: URL
        let db: String
        var env: [String: String] { ["ESCDESK_DB": db] }

        /// Writes a file in the test's folder and returns its path.
        func file(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        func file(_ name: String, lines: [String]) throws -> String {
            try file(name, Array(lines.map { $0 + "\n" }.joined().utf8))
        }
    }

    /// A training database with a customer and an escalated case: events 1 to 4.
    func desk() throws -> Desk {
        let dir = try CLI.temporaryDirectory()
        let desk = Desk(dir: dir, db: dir.appendingPathComponent("desk.sqlite").path)
        let created = try CLI.run(["init", "--config", CLI.config, "--db", desk.db, "--training"])
        #expect(created.status == 0, "\(created.stderr)")
        try act(desk, ["customer", "add", "ACC-1", "--name", "Jane Doe", "--as", "tom"])
        try act(desk, ["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--request", "refund=75", "--as", "tom"])
        try act(desk, ["case", "escalate", "C-000001", "--note", "Over my limit", "--as", "tom"])
        return desk
    }

    func act(_ desk: Desk, _ arguments: [String]) throws {
        let r = try CLI.run(arguments, environment: desk.env)
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
    }

    /// `audit checkpoint`, which must succeed; its one line.
    func checkpoint(_ desk: Desk, _ extra: [String] = []) throws -> String {
        let r = try CLI.run(["audit", "checkpoint"] + extra, environment: desk.env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\n") && r.stdout.filter { $0 == "\n" }.count == 1, "one line: \(r.stdout)")
        return String(r.stdout.dropLast())
    }

    func verify(_ desk: Desk, _ checkpoints: String?, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["audit", "verify"] + (checkpoints.map { ["--checkpoints", $0] } ?? []) + extra, environment: desk.env)
    }

    static let linePattern = #"escdesk-checkpoint v1 seq=[1-9][0-9]* head=[0-9a-f]{64} events=[1-9][0-9]* "#
        + #"at=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z( sig=[A-Za-z0-9+/]{86}==)?"#

    @Test func aCheckpointIsOneVersionedLineAndTheSameFieldsAsJSON() throws {
        let desk = try desk()
        let line = try checkpoint(desk)
        #expect(try line.wholeMatch(of: Regex(Self.linePattern)) != nil, "\(line)")
        let verified = try CLI.json(try verify(desk, nil, ["--json"]).stdout)
        #expect(line.hasPrefix("escdesk-checkpoint v1 seq=4 head=\(verified["head_hash"] as? String ?? "?") events=4 at="))

        let json = try CLI.json(try CLI.run(["audit", "checkpoint", "--json"], environment: desk.env).stdout)
        #expect(json["format"] as? String == "escdesk-checkpoint")
        #expect(json["version"] as? Int == 1)
        #expect(json["seq"] as? Int == 4)
        #expect(json["events"] as? Int == 4)
        #expect(json["head"] as? String == verified["head_hash"] as? String)
        #expect((json["at"] as? String)?.hasSuffix("Z") == true)
        #expect(json["signature"] == nil)
        #expect(try (json["line"] as? String)?.wholeMatch(of: Regex(Self.linePattern)) != nil)
    }

    /// (a) An early event changed and every later hash recomputed: the chain check passes, so
    /// only the checkpoint shows it.
    @Test func aRehashedHistoryPassesTheChainCheckButNotACheckpoint() throws {
        let desk = try desk()
        let checkpoints = try desk.file("checkpoints.txt", lines: ["# Northwind desk, daily", "", try checkpoint(desk)])
        #expect(try verify(desk, checkpoints).status == 0)

        let store = try DeskStore.open(at: desk.db)
        try store.executeRaw(#"UPDATE events SET payload = replace(payload, '"actor_role":"agent"', '"actor_role":"manager"') WHERE seq = 3"#)
        try store.forgeHashes(from: 3)

        let plain = try verify(desk, nil)
        #expect(plain.status == 0, "the forgery should fool the chain check alone: \(plain.stderr)")
        let caught = try verify(desk, checkpoints)
        #expect(caught.status == 65)
        #expect(caught.stderr.contains("\(checkpoints):3: the checkpoint of event 4:"), "\(caught.stderr)")
        #expect(caught.stderr.contains("rewritten"), "\(caught.stderr)")
        #expect(caught.stdout.isEmpty)

        let json = try CLI.json(try verify(desk, checkpoints, ["--json"]).stdout)
        #expect(json["first_bad"] is NSNull)
        let passes = try #require(json["checkpoints"] as? [String: Any])
        let bad = try #require(passes["first_bad"] as? [String: Any])
        #expect(bad["line"] as? Int == 3)
        #expect(bad["seq"] as? Int == 4)
    }

    /// (b) The newest events deleted and the head mark moved to the new newest. The events
    /// cut are subject-access exports, which change no table the desk reads, so nothing but
    /// the checkpoint shows they are gone.
    @Test func aCutTailIsCaughtByACheckpoint() throws {
        let desk = try desk()
        let early = try checkpoint(desk)
        try act(desk, ["customer", "export", "ACC-1", "--as", "helen"])
        try act(desk, ["customer", "export", "ACC-1", "--as", "helen"])
        let checkpoints = try desk.file("checkpoints.txt", lines: [early, try checkpoint(desk)])
        #expect(try verify(desk, checkpoints).status == 0)

        let store = try DeskStore.open(at: desk.db)
        try store.executeRaw("DELETE FROM events WHERE seq > 4; UPDATE events SET head = 1 WHERE seq = 4")
        #expect(try verify(desk, nil).status == 0, "cutting the tail should fool the chain check alone")
        let caught = try verify(desk, checkpoints)
        #expect(caught.status == 65)
        #expect(caught.stderr.contains("\(checkpoints):2: the checkpoint of event 6: event 6 is not in the log"), "\(caught.stderr)")
        #expect(caught.stderr.contains("cut"), "\(caught.stderr)")
    }

    /// (c) A signed checkpoint verifies with its key's public half only, and only as signed.
    @Test func signedCheckpointsVerifyOnlyWithTheirKey() throws {
        let desk = try desk()
        let key = desk.dir.appendingPathComponent("ck.key").path, other = desk.dir.appendingPathComponent("other.key").path
        let made = try CLI.run(["audit", "keygen", "--out", key])
        #expect(made.status == 0, "\(made.stderr)")
        let publicKey = try desk.file("ck.pub", Array(made.stdout.utf8))
        let otherKey = try desk.file("other.pub", Array(try CLI.run(["audit", "keygen", "--out", other]).stdout.utf8))

        let signed = try checkpoint(desk, ["--key", key])
        #expect(try signed.wholeMatch(of: Regex(Self.linePattern)) != nil && signed.contains(" sig="), "\(signed)")
        let checkpoints = try desk.file("signed.txt", lines: ["# signed", signed])
        #expect(try verify(desk, checkpoints, ["--public-key", publicKey]).status == 0)
        #expect(try verify(desk, checkpoints).status == 0, "a signature is not checked without a public key")

        let wrongKey = try verify(desk, checkpoints, ["--public-key", otherKey])
        #expect(wrongKey.status == 65)
        #expect(wrongKey.stderr.contains("\(checkpoints):2:") && wrongKey.stderr.contains("signature"), "\(wrongKey.stderr)")

        // The same line with its time moved keeps a valid shape but not a valid signature.
        let moved = signed.replacingOccurrences(of: " at=20", with: " at=19")
        let tampered = try desk.file("tampered.txt", lines: [moved])
        let forged = try verify(desk, tampered, ["--public-key", publicKey])
        #expect(forged.status == 65)
        #expect(forged.stderr.contains("\(tampered):1:") && forged.stderr.contains("signature"), "\(forged.stderr)")

        let unsigned = try desk.file("unsigned.txt", lines: [signed, try checkpoint(desk)])
        let refused = try verify(desk, unsigned, ["--public-key", publicKey])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(unsigned):2:") && refused.stderr.contains("not signed"), "\(refused.stderr)")
    }

    /// (d) keygen writes a private file once, and prints the public half `--public-key` reads.
    @Test func keygenWritesAPrivateKeyOnceAndPrintsItsPublicHalf() throws {
        let desk = try desk()
        let key = desk.dir.appendingPathComponent("ck.key").path
        let made = try CLI.run(["audit", "keygen", "--out", key])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try made.stdout.wholeMatch(of: Regex(#"escdesk-ed25519-public [A-Za-z0-9+/]{43}=\n"#)) != nil, "\(made.stdout)")
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        let written = try String(contentsOfFile: key, encoding: .utf8)
        #expect(try written.wholeMatch(of: Regex(#"escdesk-ed25519-private [A-Za-z0-9+/]{43}=\n"#)) != nil)

        let again = try CLI.run(["audit", "keygen", "--out", key])
        #expect(again.status == 65)
        #expect(again.stderr == "escdesk: \(key) already exists; a key is never overwritten, so choose another file or remove the old key first\n")
        #expect(try String(contentsOfFile: key, encoding: .utf8) == written)

        let publicKey = try desk.file("ck.pub", Array(made.stdout.utf8))
        let checkpoints = try desk.file("checkpoints.txt", lines: [try checkpoint(desk, ["--key", key])])
        let verified = try verify(desk, checkpoints, ["--public-key", publicKey])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("1 checkpoint"), "\(verified.stdout)")

        let json = try CLI.json(try CLI.run(["audit", "keygen", "--out", key + "2", "--json"]).stdout)
        #expect((json["public_key"] as? String)?.hasPrefix("escdesk-ed25519-public ") == true)
        #expect(json["private_key_file"] as? String == key + "2")
    }

    /// (e) Untrusted files never crash the command: each mistake is a sentence with the file
    /// (and line) and the right exit code.
    @Test func malformedCheckpointFilesAndKeysGetASentenceAndACode() throws {
        let desk = try desk()
        let good = try checkpoint(desk)
        let head = String(repeating: "a", count: 64)
        let badFiles: [(name: String, bytes: [UInt8], expected: String)] = [
            ("garbage", Array("# ok\nhello world\n".utf8), ":2: "),
            ("v2", Array("\n\n\(good.replacingOccurrences(of: " v1 ", with: " v2 "))\n".utf8), ":3: checkpoint format v2"),
            ("short-head", Array("escdesk-checkpoint v1 seq=4 head=\(head.dropLast()) events=4 at=2026-03-14T09:30:00Z\n".utf8), ":1: head"),
            ("seq", Array("escdesk-checkpoint v1 seq=four head=\(head) events=4 at=2026-03-14T09:30:00Z\n".utf8), ":1: seq"),
            ("order", Array("escdesk-checkpoint v1 head=\(head) seq=4 events=4 at=2026-03-14T09:30:00Z\n".utf8), ":1: "),
            ("time", Array("escdesk-checkpoint v1 seq=4 head=\(head) events=4 at=yesterday\n".utf8), ":1: at"),
            ("sig", Array("\(good) sig=%%%not-base64%%%\n".utf8), ":1: sig"),
            ("sig-length", Array("\(good) sig=\(Data(count: 10).base64EncodedString())\n".utf8), ":1: sig"),
            ("extra", Array("\(good) colour=blue\n".utf8), ":1: "),
            ("spaces", Array(good.replacingOccurrences(of: " head=", with: "  head=").utf8) + [10], ":1: "),
            ("not-utf8", Array("# fine\n".utf8) + [0xFF, 0xFE, 0x0A], ":2: "),
            ("empty", Array("# nothing yet\n\n".utf8), ": "),
            ("huge", [UInt8](repeating: UInt8(ascii: "#"), count: 10 * 1024 * 1024 + 1), ": "),
        ]
        for bad in badFiles {
            let path = try desk.file(bad.name, bad.bytes)
            let r = try verify(desk, path)
            #expect(r.status == 65, "\(bad.name): \(r.stderr)")
            #expect(r.stderr.hasPrefix("escdesk: \(path)\(bad.expected)"), "\(bad.name): \(r.stderr)")
            #expect(r.stderr.filter { $0 == "\n" }.count == 1, "\(bad.name): one sentence: \(r.stderr)")
        }
        let missing = try verify(desk, desk.dir.appendingPathComponent("none.txt").path)
        #expect(missing.status == 69, "\(missing.stderr)")
        #expect(missing.stderr.contains("none.txt"))
        #expect(try verify(desk, desk.dir.path).status == 69)

        // Key files: each kind where the other is expected, and broken ones.
        let key = desk.dir.appendingPathComponent("ck.key").path
        let publicKey = try desk.file("ck.pub", Array(try CLI.run(["audit", "keygen", "--out", key]).stdout.utf8))
        let checkpoints = try desk.file("checkpoints.txt", lines: [good])
        let swapped = try CLI.run(["audit", "checkpoint", "--key", publicKey], environment: desk.env)
        #expect(swapped.status == 65)
        #expect(swapped.stderr.hasPrefix("escdesk: \(publicKey): ") && swapped.stderr.contains("public key"), "\(swapped.stderr)")
        let privateAsPublic = try verify(desk, checkpoints, ["--public-key", key])
        #expect(privateAsPublic.status == 65)
        #expect(privateAsPublic.stderr.hasPrefix("escdesk: \(key): ") && privateAsPublic.stderr.contains("private key"),
                "\(privateAsPublic.stderr)")
        let badKeys: [(name: String, text: String)] = [
            ("b64.key", "escdesk-ed25519-private %%%\n"),
            ("length.key", "escdesk-ed25519-private \(Data(count: 31).base64EncodedString())\n"),
            ("empty.key", ""),
            ("other.key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"),
        ]
        for bad in badKeys {
            let path = try desk.file(bad.name, Array(bad.text.utf8))
            let r = try CLI.run(["audit", "checkpoint", "--key", path], environment: desk.env)
            #expect(r.status == 65, "\(bad.name): \(r.stderr)")
            #expect(r.stderr.hasPrefix("escdesk: \(path): "), "\(bad.name): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(try CLI.run(["audit", "checkpoint", "--key", key + ".missing"], environment: desk.env).status == 69)
        #expect(try verify(desk, nil, ["--public-key", publicKey]).status == 64, "--public-key needs --checkpoints")
    }

    /// (f) An untampered database checked against checkpoints taken as it grew.
    @Test func checkpointsTakenOverTimeAllVerify() throws {
        let desk = try desk()
        let key = desk.dir.appendingPathComponent("ck.key").path
        let publicKey = try desk.file("ck.pub", Array(try CLI.run(["audit", "keygen", "--out", key]).stdout.utf8))
        var lines = ["# escdesk checkpoints, one a day", try checkpoint(desk, ["--key", key])]
        try act(desk, ["case", "claim", "C-000001", "--as", "priya"])
        lines += ["", try checkpoint(desk, ["--key", key])]
        try act(desk, ["case", "open", "--customer", "ACC-1", "--summary", "Meter", "--as", "tom"])
        try act(desk, ["customer", "add", "ACC-2", "--name", "Sam Roe", "--as", "tom"])
        lines.append(try checkpoint(desk, ["--key", key]))
        let checkpoints = try desk.file("checkpoints.txt", lines: lines)
        try act(desk, ["case", "open", "--customer", "ACC-2", "--summary", "Bill", "--as", "tom"])

        let r = try verify(desk, checkpoints, ["--public-key", publicKey])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Intact: 8 events"), "\(r.stdout)")
        #expect(r.stdout.contains("3 checkpoints"), "\(r.stdout)")
        let json = try CLI.json(try verify(desk, checkpoints, ["--public-key", publicKey, "--json"]).stdout)
        #expect(json["events"] as? Int == 8)
        let passes = try #require(json["checkpoints"] as? [String: Any])
        #expect(passes["checked"] as? Int == 3)
        #expect(passes["signed"] as? Bool == true)
        #expect(passes["first_bad"] == nil)
    }
}
