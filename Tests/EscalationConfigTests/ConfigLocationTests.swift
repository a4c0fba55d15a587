import EscalationCore
import Foundation
import TestSupport
import Testing
@testable import EscalationConfig

/// A `file:line:col` on every problem, including a file that is not UTF-8 or is over the size
/// limit, and whatever random bytes or mutations a file holds.
@Suite struct ConfigLocationTests {
    func folder(_ bytes: [UInt8]) throws -> String {
        let dir = try TemporaryFolders.make("escdesk-config")
        try Data(bytes).write(to: dir.appendingPathComponent("escalation.yaml"))
        return dir.path
    }

    func loadIssues(_ dir: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.load(directory: dir)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func notUTF8IsReportedAtTheFirstBadByte() throws {
        let dir = try folder(Array("organisation: Tést\ncurrency: G".utf8) + [0xFF] + Array("BP\n".utf8))
        let found = loadIssues(dir)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 2 && found.first?.column == 12, "\(found)")
        #expect(found.first?.message == "the file is not UTF-8 text: byte 32 (0xFF) here is not UTF-8; save the file as UTF-8")
        #expect(found.first?.description == "\(dir)/escalation.yaml:2:12: the file is not UTF-8 text: byte 32 (0xFF) here is not UTF-8; save the file as UTF-8")
    }

    @Test func aFileOverTheLimitIsReportedWhereTheLimitIsPassed() throws {
        let head = ValidationTests.base + "\n# "
        let huge = head + String(repeating: "x", count: 10 * 1_048_576)
        let dir = try folder(Array(huge.utf8))
        let found = loadIssues(dir)
        #expect(found.count == 1, "\(found)")
        let lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        let lastLineStart = head.utf8.count - lines.last!.utf8.count
        #expect(found.first?.line == lines.count, "\(found)")
        #expect(found.first?.column == ConfigLoader.maxFileBytes - lastLineStart + 1, "\(found)")
        #expect(found.first?.message == "the file is 10.0 MB; configuration files are limited to 1 MB (1048576 bytes), "
                + "and this is where that limit is passed")
    }

    /// Random bytes, random text and YAML with bytes flipped, dropped or inserted: whatever is
    /// wrong, every problem has a line and a column an editor can jump to.
    @Test func everyProblemWithARandomFileHasALocation() throws {
        var rng = SplitMix(seed: 11)
        let base = Array(ValidationTests.base.utf8)
        let dir = try TemporaryFolders.make("escdesk-config")
        let file = dir.appendingPathComponent("escalation.yaml")
        var located = 0
        for round in 0..<300 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int(rng.next() % 400)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes = Array(String((0..<Int(rng.next() % 200)).map { _ in Character(Unicode.Scalar(UInt8(rng.next() % 96 + 32))) }).utf8)
            default:
                bytes = base
                for _ in 0..<(1 + rng.next() % 4) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                    }
                }
            }
            try Data(bytes).write(to: file)
            for issue in loadIssues(dir.path) {
                #expect(issue.line >= 1 && issue.column >= 1, "round \(round): \(issue)")
                located += 1
            }
        }
        #expect(located > 200)
    }
}

/// A small seeded generator, so a failing round can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
