import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A database appears at its path complete or not at all, so a creation killed midway cannot
/// leave a file that is not yet ours (KilledInitTests kills the real binary).
@Suite struct CreationTests {
    func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func nothingIsAtThePathUntilTheDatabaseIsComplete() throws {
        let folder = Fixtures.folder()
        let path = folder.appendingPathComponent("desk.sqlite").path
        var seenWhileFilling: [String] = []
        let ledger = try SQLiteLedger.create(path: path) { tx in
            seenWhileFilling = files(in: folder)
            try tx.insertCentre(organisation: "Northwind", json: "{}", training: true, at: 0)
        }
        #expect(!seenWhileFilling.isEmpty, "the database is built somewhere")
        #expect(!seenWhileFilling.contains { $0 == "desk.sqlite" || $0.hasPrefix("desk.sqlite-") },
                "\(seenWhileFilling)")
        #expect(seenWhileFilling.allSatisfy { $0.hasPrefix("desk.sqlite.creating-") }, "\(seenWhileFilling)")
        // Only the database (and the open connection's log files) remain, under their final name.
        #expect(files(in: folder).allSatisfy { $0.hasPrefix("desk.sqlite") && !$0.contains(".creating-") }, "\(files(in: folder))")
        #expect(try ledger.read { try $0.centreRecord()?.training } == true)
        try SQLiteHeader.check(path: path)
    }

    @Test func aFailedCreationLeavesNoFiles() throws {
        struct Refused: Error {}
        let folder = Fixtures.folder()
        let path = folder.appendingPathComponent("desk.sqlite").path
        #expect(throws: Refused.self) { _ = try SQLiteLedger.create(path: path) { _ in throw Refused() } }
        #expect(files(in: folder).isEmpty, "\(files(in: folder))")
    }

    /// A file that appears at the path while the database is being built is never replaced.
    @Test func aFileThatAppearsMeanwhileIsKept() throws {
        let folder = Fixtures.folder()
        let path = folder.appendingPathComponent("desk.sqlite").path
        let theirs = Data("another process's file".utf8)
        #expect(throws: StoreError.alreadyExists(path: path)) {
            _ = try SQLiteLedger.create(path: path) { _ in try theirs.write(to: URL(fileURLWithPath: path)) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == theirs)
        #expect(files(in: folder) == ["desk.sqlite"])
    }
}
