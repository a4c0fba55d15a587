@testable import escdesk
import Foundation
import Testing

/// The demo's hint for coming back works where it is typed: from a clone (the binary in the
/// package's `.build`) it is `swift run escdesk …`; an installed `escdesk` says `escdesk …`.
@Suite struct DemoHintTests {
    @Test func theHintFromACloneUsesSwiftRun() {
        #expect(DemoCommand.reopenHint("escdesk.sqlite", as: "priya", executable: "/home/a/escdesk/.build/debug/escdesk")
                == "Open it again with: swift run escdesk desk --db escdesk.sqlite --as priya")
        #expect(DemoCommand.reopenHint("x.sqlite", as: "tom", executable: "/usr/local/bin/escdesk")
                == "Open it again with: escdesk desk --db x.sqlite --as tom")
    }

    @Test func theDemoPrintsAHintThatRunsFromTheClone() throws {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("demo.sqlite").path
        let r = try CLI.run(["demo", "--no-open", "--cases", "5", "--db", db, "--config", CLI.config])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("swift run escdesk desk --db \(db) --as "), "\(r.stdout)")
    }
}
