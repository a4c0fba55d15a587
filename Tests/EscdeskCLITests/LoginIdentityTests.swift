import Foundation
import Testing
@testable import escdesk

/// The person is the account that owns the process's uid, and nothing else: a uid without an
/// account is refused (77) whatever `$USER` says, before the database is touched.
@Suite struct LoginIdentityTests {
    /// A uid with no account on this machine (the account database says so).
    static let unmappedUID: uid_t = {
        var uid: uid_t = 54321
        while getpwuid(uid) != nil { uid += 1 }
        return uid
    }()

    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Why the end-to-end test cannot run here, or nil when it can: it needs root (to run a
    /// process as another uid) and setpriv.
    static let cannotSwitchUser: String? = {
        if getuid() != 0 { return "not running as root, so no process can be started as another uid" }
        if setpriv == nil { return "setpriv is not installed" }
        return nil
    }()

    @Test func aUIDWithoutAnAccountHasNoLogin() {
        #expect(OperatingSystemLogin.lookup(uid: Self.unmappedUID) == .noAccount)
        let sentence = OperatingSystemLogin.noAccountSentence(uid: Self.unmappedUID)
        #expect(sentence == "this process runs as uid \(Self.unmappedUID), which has no account on this system; "
                + "escdesk knows people only by their login")
    }

    @Test func aUIDWithAnAccountHasItsLogin() throws {
        // The reentrant lookup: getpwuid's shared buffer is overwritten by other tests' lookups
        // running at the same time.
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let code = getpwuid_r(getuid(), &entry, &buffer, buffer.count, &result)
        try #require(code == 0 && result != nil)
        let login = String(cString: entry.pw_name)
        #expect(OperatingSystemLogin.lookup(uid: getuid()) == .login(login))
    }

    /// A normal database whose staff list gives this test process's own login to Owen (an
    /// agent), so the test can set it up, with a customer; then the folder is handed to the
    /// unmapped uid so that only identity, not file permissions, can stop it.
    func databaseOwnedByTheUnmappedUID() throws -> (dir: URL, db: String) {
        let dir = try CLI.temporaryDirectory()
        let config = dir.appendingPathComponent("Config")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: CLI.config), to: config)
        let staffURL = config.appendingPathComponent("staff.yaml")
        let me = try #require(getpwuid(getuid())).pointee.pw_name.map { String(cString: $0) } ?? "root"
        let staff = try String(contentsOf: staffURL, encoding: .utf8)
        try staff.replacingOccurrences(of: "login: owen,", with: "login: \(me),").write(to: staffURL, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("live.sqlite").path
        let created = try CLI.run(["init", "--config", config.path, "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        let added = try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        for path in try [dir.path] + FileManager.default.subpathsOfDirectory(atPath: dir.path).map({ dir.path + "/" + $0 }) {
            try FileManager.default.setAttributes([.ownerAccountID: NSNumber(value: Self.unmappedUID),
                                                   .groupOwnerAccountID: NSNumber(value: Self.unmappedUID)], ofItemAtPath: path)
        }
        return (dir, db)
    }

    func events(_ db: String) throws -> Int {
        try CLI.json(try CLI.run(["audit", "verify", "--json", "--db", db]).stdout)["events"] as? Int ?? -1
    }

    @Test(.disabled(if: cannotSwitchUser != nil, "\(cannotSwitchUser ?? "")"))
    func aProcessWithoutAnAccountCannotActWhateverUSERSays() throws {
        let (dir, db) = try databaseOwnedByTheUnmappedUID()
        let before = try events(db)
        let uid = Self.unmappedUID
        let asNobody = [Self.setpriv!, "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups"]
        // Helen heads the centre: as her, the erasure would be permitted.
        let pretend = ["USER": "helen", "LOGNAME": "helen", "HOME": dir.path]
        for arguments in [["customer", "erase", "ACC-1", "--rationale", "Asked to be forgotten", "--override-retention"],
                          ["case", "open", "--customer", "ACC-1", "--summary", "Billed twice"],
                          ["case", "list"], ["desk"]] {
            let r = try CLI.run(arguments + ["--db", db], environment: pretend, directory: dir, launcher: asNobody)
            #expect(r.status == 77, "\(arguments): \(r.status) \(r.stdout) \(r.stderr)")
            #expect(r.stderr == "escdesk: this process runs as uid \(uid), which has no account on this system; "
                    + "escdesk knows people only by their login\n", "\(arguments)")
        }
        #expect(try events(db) == before)
        // The customer is still there: their case opens (as this process's own login).
        let opened = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Still here", "--db", db])
        #expect(opened.status == 0, "\(opened.stderr)")
    }
}
