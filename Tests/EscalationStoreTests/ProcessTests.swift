import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Tests that need a second process. The child is this test binary run again with
/// `--filter childProcessEntry` and `ESCDESK_CHILD=<mode>` in its environment: the entry
/// test below does nothing in a normal run, and in a child it does one job against the
/// database named by `ESCDESK_CHILD_DB`, printing one line per committed step.
@Suite struct ProcessTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test func childProcessEntry() throws {
        guard let mode = Self.environment["ESCDESK_CHILD"], let path = Self.environment["ESCDESK_CHILD_DB"] else { return }
        let store = try DeskStore.open(at: path)
        let out = FileHandle.standardOutput
        switch mode {
        case "append":
            var n = 0
            while true {
                n += 1
                let id = "K-\(UUID().uuidString.prefix(8))-\(n)"
                try store.addCustomer(NewCustomer(id: id, name: "Crash Test \(n)"), actor: "tom", now: Fixtures.start)
                out.write(Data("COMMITTED \(id)\n".utf8))
            }
        case "claim":
            let staff = Self.environment["ESCDESK_CHILD_STAFF"] ?? "priya"
            // Both children start together: wait for the parent's go-file so they race.
            while !FileManager.default.fileExists(atPath: path + ".go") { usleep(1000) }
            do {
                try store.claim(caseID: "C-000001", actor: staff, now: Fixtures.minutes(3))
                out.write(Data("CLAIMED \(staff)\n".utf8))
            } catch {
                out.write(Data("REFUSED \(error)\n".utf8))
            }
        default:
            Issue.record("unknown child mode \(mode)")
        }
    }

    static func child(_ mode: String, db: String, extra: [String: String] = [:]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "childProcessEntry"]
        var env = environment
        env["ESCDESK_CHILD"] = mode
        env["ESCDESK_CHILD_DB"] = db
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, pipe)
    }

    static func lines(_ data: Data, prefix: String) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix(prefix + " ") }.map { String($0.dropFirst(prefix.count + 1)) }
    }

    @Test(.enabled(if: environment["ESCDESK_CHILD"] == nil))
    func killedWriterLosesNothingItReported() throws {
        let (store, path) = try Fixtures.newStore()
        var reported: [String] = []
        for _ in 0..<5 {
            let (process, pipe) = try Self.child("append", db: path)
            var seen = Data()
            // Wait for the first commit, then kill at a random moment while it appends.
            while !String(decoding: seen, as: UTF8.self).contains("COMMITTED") {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen.append(chunk)
            }
            usleep(UInt32.random(in: 20_000...400_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            seen.append(pipe.fileHandleForReading.readDataToEndOfFile())
            let committed = Self.lines(seen, prefix: "COMMITTED")
            #expect(!committed.isEmpty)
            reported += committed
        }
        let reopened = try DeskStore.open(at: path)
        let missing = try reopened.query { reader in try reported.filter { try reader.customer(id: $0) == nil } }
        #expect(missing.isEmpty, "committed but lost: \(missing)")
        let verification = try reopened.verifyChain()
        #expect(verification.isIntact, "\(String(describing: verification.firstBad))")
        #expect(verification.events >= Int64(reported.count + 1))
        _ = store
    }

    @Test(.enabled(if: environment["ESCDESK_CHILD"] == nil))
    func twoProcessesClaimingOneCaseOneWins() throws {
        let (store, path) = try referredCase()
        let children = try ["priya", "sam"].map { try Self.child("claim", db: path, extra: ["ESCDESK_CHILD_STAFF": $0]) }
        _ = FileManager.default.createFile(atPath: path + ".go", contents: Data())
        var output = Data()
        for (process, pipe) in children {
            output.append(pipe.fileHandleForReading.readDataToEndOfFile())
            process.waitUntilExit()
        }
        let claimed = Self.lines(output, prefix: "CLAIMED")
        let refused = Self.lines(output, prefix: "REFUSED")
        #expect(claimed.count == 1)
        #expect(refused.count == 1)
        let winner = claimed.first == "priya" ? "Priya Shah" : "Sam Okafor"
        #expect(refused.first == "C-000001 is already claimed by \(winner) (Team Leader)")
        #expect(try store.caseDetail(id: "C-000001").timeline.filter { $0.kind == .caseClaimed }.count == 1)
    }

    @Test func twoPoolsClaimingOneCaseOneWins() throws {
        let (_, path) = try referredCase()
        let desks = try [DeskStore.open(at: path), DeskStore.open(at: path)]
        let staff = ["priya", "sam"]
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do { try desks[i].claim(caseID: "C-000001", actor: staff[i], now: Fixtures.minutes(3)); results.add("won") } catch {
                results.add(String(describing: error))
            }
        }
        #expect(results.items.filter { $0 == "won" }.count == 1)
        #expect(results.items.filter { $0.contains("is already claimed by") }.count == 1)
    }

    /// A case escalated to the team leaders' queue.
    func referredCase() throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore()
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Race Case"), actor: "tom", now: Fixtures.start)
        let c = try store.openCase(NewCase(customer: "CU-1", summary: "Refund request",
                                           requests: [RemedyRequest(action: "refund", amount: Fixtures.pounds(80))]),
                                   actor: "tom", now: Fixtures.minutes(1))
        _ = try store.escalate(caseID: c.id, note: "Over limit", actor: "tom", now: Fixtures.minutes(2))
        return (store, path)
    }
}

/// Results gathered from concurrent threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func add(_ item: String) { lock.lock(); storage.append(item); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
