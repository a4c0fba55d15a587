import Foundation
import Testing

/// `escdesk init` killed at any moment (a power cut, an operator's kill -9, an OOM kill) leaves
/// either no database or a complete one: never a file every command calls "not an Escalation
/// Desk database" and that `init` refuses to replace.
@Suite struct KilledInitTests {
    /// Starts `escdesk init` and SIGKILLs it after `delay` seconds (if it is still running).
    func killedInit(_ db: String, after delay: TimeInterval) throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["init", "--config", CLI.config, "--db", db]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    @Test func aKilledInitLeavesNoDatabaseOrAWorkingOne() throws {
        let dir = try CLI.temporaryDirectory()
        // How long a whole init takes here (process start included): the kills are spread
        // from the very start to a little past its end.
        let started = Date()
        let normal = try CLI.run(["init", "--config", CLI.config, "--db", dir.appendingPathComponent("normal.sqlite").path])
        let took = Date().timeIntervalSince(started)
        #expect(normal.status == 0, "\(normal.stderr)")

        let trials = 30
        var killedMidway = 0
        for trial in 0..<trials {
            let db = dir.appendingPathComponent("killed-\(trial).sqlite").path
            try killedInit(db, after: took * 1.2 * Double(trial) / Double(trials - 1))
            if FileManager.default.fileExists(atPath: db) {
                let verify = try CLI.run(["audit", "verify", "--db", db])
                #expect(verify.status == 0, "trial \(trial): \(verify.stderr)")
            } else {
                killedMidway += 1
                let again = try CLI.run(["init", "--config", CLI.config, "--db", db])
                #expect(again.status == 0, "trial \(trial): \(again.stderr)")
                #expect(try CLI.run(["audit", "verify", "--db", db]).status == 0, "trial \(trial)")
            }
        }
        // The early kills land before the database exists: the test did exercise that case.
        #expect(killedMidway > 0)
    }

    /// `demo` creates its database through the same path.
    @Test func demoStillCreatesItsDatabase() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("demo.sqlite").path
        let demo = try CLI.run(["demo", "--no-open", "--db", db, "--cases", "20", "--config", CLI.config])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(try CLI.run(["audit", "verify", "--db", db]).status == 0)
        let again = try CLI.run(["init", "--config", CLI.config, "--db", db])
        #expect(again.status == 65)
        #expect(again.stderr == "escdesk: \(db) already exists; choose another path or remove the old file first\n")
    }
}
