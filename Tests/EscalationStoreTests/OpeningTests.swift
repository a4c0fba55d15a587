import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct OpeningTests {
    @Test func reopensWithCentreTrainingFlagAndDurablePragmas() throws {
        let (store, path) = try Fixtures.newStore(training: false)
        let again = try DeskStore.open(at: path)
        #expect(again.centre.organisation == "Northwind Energy")
        #expect(again.centre.policy.matrix.version == "1")
        #expect(again.centre.staff.staff.count == 6)
        #expect(again.isTraining == false)
        #expect(try again.integer("PRAGMA synchronous") == 2)
        #expect(try again.integer("PRAGMA secure_delete") == 1)
        #expect(try again.integer("PRAGMA wal_autocheckpoint") == SQLiteLedger.walAutocheckpointPages)
        #expect(try again.integer("PRAGMA journal_size_limit") == SQLiteLedger.walSizeLimitBytes)
        #expect(try again.integer("PRAGMA foreign_keys") == 1)
        #expect(try again.integer("PRAGMA application_id") == Int(SQLiteSchema.applicationID))
        #expect(try again.verifyChain().events == 1)
        _ = store
    }

    @Test func aStoredCentreKeepsItsClocksAndCalendars() throws {
        let base = Fixtures.centre()
        let calendar = WorkingCalendar(id: "england", title: "England and Wales",
                                       workingDays: ["monday", "tuesday", "wednesday", "thursday", "friday"],
                                       holidays: [Holiday(date: "2025-12-25", name: "Christmas Day")])
        let clock = RegulatoryClock(id: "disp_final_response", title: "DISP final response", appliesTo: ["complaint"],
                                    starts: "received", limit: .businessDays(40, endOfDay: true), warnAt: 0.25,
                                    escalateTo: "manager", calendar: "england")
        let centre = Centre(organisation: base.organisation, timezone: base.timezone, retention: base.retention,
                            policy: base.policy, caseKinds: base.caseKinds, channels: base.channels,
                            rootCauses: base.rootCauses, staff: base.staff, clocks: [clock], calendars: [calendar])
        let (created, path) = try Fixtures.newStore(centre: centre)
        #expect(created.centre.clocks == [clock])
        #expect(created.centre.calendars == [calendar])
        let again = try DeskStore.open(at: path)
        #expect(again.centre.clocks == [clock])
        #expect(again.centre.calendars == [calendar])
        #expect(again.centre.policy.matrix.version == "1")
    }

    @Test func aCentreStoredBeforeClocksExistedOpensWithNone() throws {
        let (_, path) = try Fixtures.newStore()
        let store = try DeskStore.open(at: path)
        // As an older escdesk wrote it: the centre without clocks, and the digest of that
        // text in the first event (re-sealed here, since the database already exists).
        try store.executeRaw("UPDATE centre SET centre_json = json_remove(centre_json, '$.clocks', '$.calendars')")
        let json = try #require(try store.query { try $0.centreRecord()?.json })
        let first = try #require(try store.ledger.audit { try $0.firstEvent() })
        let payload = first.payload.replacingOccurrences(
            of: try #require(first.payload.firstMatch(of: /"centre_sha256":"[0-9a-f]{64}"/)).output,
            with: "\"centre_sha256\":\"\(EventChain.digest(json))\"")
        let resealed = EventChain.seal(seq: 1, caseID: nil, at: first.at, actor: first.actor, kind: first.kind,
                                       payload: payload, prevHash: first.prevHash)
        try store.executeRaw("UPDATE events SET payload = '\(payload)', hash = '\(resealed.hash)' WHERE seq = 1")
        let again = try DeskStore.open(at: path)
        #expect(again.centre.clocks.isEmpty)
        #expect(again.centre.calendars.isEmpty)
        #expect(again.centre.staff.staff.count == 6)
    }

    @Test func missingExistingForeignAndNewerFilesAreRefused() throws {
        let folder = Fixtures.folder()
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect(refusal { _ = try DeskStore.open(at: missing) } == .missingDatabase(path: missing))

        let (_, path) = try Fixtures.newStore()
        #expect(refusal { _ = try DeskStore.create(at: path, centre: Fixtures.centre(), training: false, now: Fixtures.start) }
                == .alreadyExists(path: path))

        let text = folder.appendingPathComponent("notes.txt").path
        try Data("hello, this is not a database at all, honestly, not even close to one".utf8).write(to: URL(fileURLWithPath: text))
        let notOurs = refusal { _ = try DeskStore.open(at: text) }
        #expect(notOurs == .notOurs(path: text))
        #expect(notOurs?.description == "\(text) is not an Escalation Desk database")

        let newer = try DeskStore.open(at: path)
        try newer.executeRaw("PRAGMA user_version = 99")
        let tooNew = refusal { _ = try DeskStore.open(at: path) }
        #expect(tooNew?.description == "\(path) was written by a newer escdesk (schema 99); this one understands up to \(SQLiteSchema.schemaVersion)")
    }

    @Test func someoneElsesSQLiteFileIsNotOurs() throws {
        // Another store's file: a valid SQLite database without our application id.
        let (store, path) = try Fixtures.newStore()
        try store.executeRaw("PRAGMA application_id = 42; PRAGMA wal_checkpoint(TRUNCATE)")
        #expect(refusal { _ = try DeskStore.open(at: path) } == .notOurs(path: path))
    }

    @Test func creatingInAReadOnlyFolderSaysSo() throws {
        guard getuid() != 0 else { return } // root writes anywhere
        let folder = Fixtures.folder()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let path = folder.appendingPathComponent("desk.sqlite").path
        let error = refusal { _ = try DeskStore.create(at: path, centre: Fixtures.centre(), training: false, now: Fixtures.start) }
        #expect(error == .readOnly(path: path))
        #expect(error?.exitCode == 69)
    }

    @Test func identityFollowsLoginAndTrainingRules() throws {
        let (normal, _) = try Fixtures.newStore(training: false)
        #expect(try normal.actor(login: "priya").name == "Priya Shah")
        #expect(refusal { _ = try normal.actor(login: "mallory") }?.description == "login mallory is not on the staff list")
        #expect(refusal { _ = try normal.actor(login: "mallory") }?.exitCode == 77)
        #expect(refusal { _ = try normal.actor(asStaffID: "priya") } == .notTraining(option: "--as"))
        #expect(refusal { try normal.allowClockOverride() } == .notTraining(option: "--now"))

        let (training, _) = try Fixtures.newStore(training: true)
        #expect(try training.actor(asStaffID: "helen").role == "head")
        try training.allowClockOverride()
        #expect(refusal { _ = try training.actor(asStaffID: "ghost") } == .unknownStaff("ghost"))
    }

    @Test func dataVersionSeesAnotherConnectionsWrites() throws {
        let (store, path) = try Fixtures.newStore()
        let other = try DeskStore.open(at: path)
        let before = try store.dataVersion()
        try other.addCustomer(NewCustomer(id: "CU-9", name: "Someone"), actor: "tom", now: Fixtures.start)
        #expect(try store.dataVersion() != before)
    }
}
