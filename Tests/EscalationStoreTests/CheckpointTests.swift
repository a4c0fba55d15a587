import Crypto
@testable import EscalationStore
import Foundation
import Testing

/// The checkpoint line, its signature, its file, and the check of the ledger against it
/// (CheckpointCommandTests runs the same through the binary).
@Suite struct CheckpointTests {
    /// A store with events 1 to 10: centre, customer, and a case through its lifecycle.
    func store() throws -> DeskStore { try ChainTests().storeWithHistory() }

    func file(_ lines: [String]) throws(CheckpointError) -> CheckpointFile {
        try CheckpointFile.parse(Array(lines.map { $0 + "\n" }.joined().utf8), path: "ck.txt")
    }

    @Test func aCheckpointIsTheHeadAsOneLineThatParsesBack() throws {
        let store = try store()
        let checkpoint = try store.checkpoint(now: Fixtures.minutes(3).addingTimeInterval(0.75))
        let head = try store.query { try $0.chainHead() }
        #expect(checkpoint.seq == 10 && checkpoint.events == 10 && checkpoint.head == head.hash)
        #expect(checkpoint.line == "escdesk-checkpoint v1 seq=10 head=\(head.hash) events=10 at=2025-06-15T15:09:40Z")
        #expect(try Checkpoint.parse(Substring(checkpoint.line)) == checkpoint)
        #expect(try store.query { try $0.event(seq: 10) }?.hash == head.hash)
        #expect(try store.query { try $0.event(seq: 11) } == nil)
    }

    /// The signature covers exactly the bytes of the line before ` sig=`.
    @Test func theSignatureCoversTheLineBeforeSig() throws {
        let key = CheckpointSigningKey()
        let signed = try store().checkpoint(now: Fixtures.start).signed(with: key)
        let parts = signed.line.components(separatedBy: " sig=")
        #expect(parts.count == 2 && parts[0] == signed.body)
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: key.publicKey.raw)
        #expect(publicKey.isValidSignature(try #require(Data(base64Encoded: parts[1])), for: Data(parts[0].utf8)))
        let parsed = try Checkpoint.parse(Substring(signed.line))
        #expect(parsed.isSigned(by: key.publicKey))
        #expect(!parsed.isSigned(by: CheckpointSigningKey().publicKey))
        let moved = signed.line.replacingOccurrences(of: "events=10", with: "events=11")
        #expect(!(try Checkpoint.parse(Substring(moved))).isSigned(by: key.publicKey))
    }

    /// (a) at the store: a re-hashed chain verifies on its own, not against its checkpoint.
    @Test func aRehashedChainMissesItsCheckpoint() throws {
        let store = try store()
        let checkpoints = try file(["# daily", try store.checkpoint(now: Fixtures.start).line])
        #expect(try store.verifyCheckpoints(checkpoints, publicKey: nil).isIntact)
        try store.executeRaw(#"UPDATE events SET payload = replace(payload, '"actor_role":"agent"', '"actor_role":"head"') WHERE seq = 3"#)
        try store.forgeHashes(from: 3)
        #expect(try store.verifyChain().isIntact)
        let bad = try #require(try store.verifyCheckpoints(checkpoints, publicKey: nil).firstBad)
        #expect(bad.line == 2 && bad.seq == 10)
        #expect(bad.description.hasPrefix("ck.txt:2: the checkpoint of event 10: event 10's hash is now "))
    }

    /// (b) at the store: the newest events (two subject-access exports, which change no
    /// table the desk reads) deleted and the head mark moved.
    @Test func aCutLogMissesItsCheckpoint() throws {
        let store = try store()
        for minute in [9.0, 10.0] { _ = try store.exportCustomer(id: "CU-1", actor: "maria", now: Fixtures.minutes(minute)) }
        let checkpoints = try file([try store.checkpoint(now: Fixtures.start).line])
        try store.executeRaw("DELETE FROM events WHERE seq > 10; UPDATE events SET head = 1 WHERE seq = 10")
        #expect(try store.verifyChain().isIntact)
        let bad = try #require(try store.verifyCheckpoints(checkpoints, publicKey: nil).firstBad)
        #expect(bad.line == 1 && bad.seq == 12)
        #expect(bad.reason.hasPrefix("event 12 is not in the log (the newest is 10): the log was cut back"))
    }

    @Test func aBrokenChainGetsNoCheckpoint() throws {
        let store = try store()
        try store.executeRaw("UPDATE events SET actor = 'helen' WHERE seq = 2")
        let error = try #require(throws: StoreError.self) { try store.checkpoint(now: Fixtures.start) }
        #expect(error.exitCode == 65)
        #expect(error.description.contains("event 2") && error.description.contains("no checkpoint was taken"))
    }

    /// Signatures are required of every line once a public key is given; the first failing
    /// line in the file is named, whatever the kind of failure.
    @Test func withAPublicKeyEveryLineMustBeSignedByIt() throws {
        let store = try store()
        let key = CheckpointSigningKey()
        let signed = try store.checkpoint(now: Fixtures.start).signed(with: key).line
        let unsigned = try store.checkpoint(now: Fixtures.start).line
        #expect(try store.verifyCheckpoints(file([signed, signed]), publicKey: key.publicKey).isIntact)
        let refused = try #require(try store.verifyCheckpoints(file([signed, "", unsigned]), publicKey: key.publicKey).firstBad)
        #expect(refused.line == 3 && refused.reason.hasPrefix("it is not signed"))
        let other = try #require(try store.verifyCheckpoints(file([signed]), publicKey: CheckpointSigningKey().publicKey).firstBad)
        #expect(other.line == 1 && other.reason.hasPrefix("its signature does not verify"))
    }

    @Test func aMalformedFileNamesItsLine() {
        func problem(_ bytes: [UInt8]) -> CheckpointError? {
            do { _ = try CheckpointFile.parse(bytes, path: "ck.txt"); return nil } catch { return error }
        }
        let head = String(repeating: "0", count: 64)
        let good = "escdesk-checkpoint v1 seq=4 head=\(head) events=4 at=2026-03-14T09:30:00Z"
        #expect(problem(Array("# c\n\n  \(good)  \r\n".utf8)) == nil, "blanks around a line and CRLF are allowed")
        #expect(problem(Array("# c\n\nnonsense\n".utf8))?.description.hasPrefix("ck.txt:3: not a checkpoint") == true)
        #expect(problem(Array("\(good)\n\(good.replacingOccurrences(of: "seq=4", with: "seq=04"))\n".utf8))
                == .invalid(path: "ck.txt", line: 2, problem: "seq should be a whole number from 1"))
        #expect(problem(Array("\(good) sig=\(Data(count: 63).base64EncodedString())".utf8))
                == .invalid(path: "ck.txt", line: 1, problem: "sig holds 63 bytes; an Ed25519 signature is 64"))
        #expect(problem(Array(good.replacingOccurrences(of: "T09:30:00Z", with: "T09:30:00.5Z").utf8))?.description
                == "ck.txt:1: at should be a UTC time to the second, like 2026-03-14T09:30:00Z")
        #expect(problem([0x23, 0x0A, 0xC3, 0x28]) == .invalid(path: "ck.txt", line: 2, problem: "not UTF-8 text"))
        #expect(problem(Array("# only a comment".utf8))?.exitCode == 65)
    }
}
