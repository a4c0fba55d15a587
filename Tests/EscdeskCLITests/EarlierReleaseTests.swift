@testable import EscalationStore
import Foundation
import Testing

/// A database written by an earlier release (format 6, commit 59dd68c) keeps working: it
/// opens (upgraded in place if this build's format is newer), `audit verify` finds the chain,
/// the configuration and every projection intact, and every case reads exactly as that
/// release printed it.
@Suite struct EarlierReleaseTests {
    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Databases/\(name)", withExtension: nil))
    }

    /// A copy of the fixture database, since opening it may upgrade it in place.
    func copyOfFormat6() throws -> [String: String] {
        let dir = try CLI.temporaryDirectory()
        let db = dir.appendingPathComponent("format6.sqlite")
        try FileManager.default.copyItem(at: try Self.fixture("format6.sqlite"), to: db)
        return ["ESCDESK_DB": db.path]
    }

    @Test func aFormat6DatabaseVerifies() throws {
        let env = try copyOfFormat6()
        let verified = try CLI.run(["audit", "verify", "--json"], environment: env)
        #expect(verified.status == 0, "\(verified.stderr)")
        let json = try CLI.json(verified.stdout)
        #expect(json["intact"] as? Bool == true)
        #expect(json["events"] as? Int == 204)
    }

    @Test func everyCaseOfAFormat6DatabaseShowsExactlyAsBefore() throws {
        let env = try copyOfFormat6()
        var shown = ""
        for n in 1...41 {
            let r = try CLI.run(["case", "show", String(format: "C-%06d", n), "--json", "--as", "helen",
                                 "--now", "2026-12-01T00:00:00Z"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            shown += r.stdout
        }
        let before = try String(contentsOf: try Self.fixture("format6-case-show.json"), encoding: .utf8)
        #expect(Self.withoutClocks(shown) == before)
        let listed = try CLI.run(["case", "list", "--queue", "all", "--limit", "1000", "--json", "--as", "helen",
                                  "--now", "2026-12-01T00:00:00Z"], environment: env)
        // Every case lists as that release listed it; the order is now by each case's nearest clock.
        let cases = try #require(try CLI.json(Self.withoutCustomerKeys(listed.stdout))["cases"] as? [[String: Any]])
        let fixture = try String(contentsOf: try Self.fixture("format6-case-list.json"), encoding: .utf8)
        let listedBefore = try #require(try CLI.json(fixture)["cases"] as? [[String: Any]])
        #expect(Self.byID(cases) == Self.byID(listedBefore))
        #expect(cases.count == 41)
        // Live first, then the due time kept with each case, then receipt, then number.
        let store = try DeskStore.open(at: try #require(env["ESCDESK_DB"]))
        let order = try cases.map { c in
            let id = try #require(c["id"] as? String)
            let number = try #require(CaseNumbers.number(ofID: id))
            let due = try store.integer("SELECT due_at FROM cases WHERE number = \(number)")
            let received = try store.integer("SELECT received_at FROM cases WHERE number = \(number)")
            return [c["live"] as? Bool == true ? 0 : 1, try #require(due), try #require(received), Int(number)]
        }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(listed.stdout.contains("\"customer_name\" : \"Chloe Smith\","))
    }

    /// Listed cases in id order, each comparable as a whole.
    static func byID(_ cases: [[String: Any]]) -> [NSDictionary] {
        cases.sorted { ($0["id"] as? String ?? "") < ($1["id"] as? String ?? "") }.map { NSDictionary(dictionary: $0) }
    }


    /// A database created before letters existed has none stored with its centre: it sends
    /// the letters this release ships, and its record still verifies with the letter in it.
    @Test func aFormat6DatabaseSendsTheShippedLetters() throws {
        let env = try copyOfFormat6()
        let now = ["--now", "2026-12-01T00:00:00Z"]
        let listed = try CLI.run(["case", "list", "--queue", "all", "--state", "open", "--json", "--as", "helen"] + now,
                                 environment: env)
        let cases = try #require(try CLI.json(listed.stdout)["cases"] as? [[String: Any]])
        let open = try #require(cases.first)
        let id = try #require(open["id"] as? String), holder = try #require(open["holder"] as? String)
        let letter = try CLI.run(["case", "letter", id, "--kind", "holding_response", "--reasons", "We are checking the meter.",
                                  "--expected", "2027-01-15", "--as", holder] + now, environment: env)
        #expect(letter.status == 0, "\(letter.stderr)")
        #expect(letter.stdout.contains("We expect to give you our final response by 15 January 2027."))
        #expect(letter.stdout.contains("https://www.financial-ombudsman.org.uk"))
        let verified = try CLI.run(["audit", "verify", "--json"], environment: env)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try CLI.json(verified.stdout)["events"] as? Int == 205)
    }

    /// `case show --json` without the `clocks` list and the `nearest_due` and `nearest_warn_at` times later releases
    /// add (format 6 showed no clocks).
    static func withoutClocks(_ json: String) -> String {
        var kept: [Substring] = []
        var inClocks = false
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.drop { $0 == " " }
            if inClocks {
                inClocks = text != "]," && text != "]"
            } else if text.hasPrefix("\"clocks\" : [") {
                inClocks = !text.hasSuffix("],") && !text.hasSuffix("]")
            } else if !text.hasPrefix("\"nearest_due\" : ") && !text.hasPrefix("\"nearest_warn_at\" : ") {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n")
    }

    /// `case list --json` with the keys later releases add to each case, `customer_name`,
    /// `customer_flags`, `outcome` (how a resolved or closed case ended) and `nearest_due`, taken out line by
    /// line: everything else must read as before.
    static func withoutCustomerKeys(_ json: String) -> String {
        var kept: [Substring] = []
        var inFlags = false
        for line in json.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.drop { $0 == " " }
            if inFlags {
                inFlags = text != "],"
            } else if text.hasPrefix("\"customer_flags\" : [") {
                inFlags = !text.hasSuffix("],")
            } else if !text.hasPrefix("\"customer_name\" : ") && !text.hasPrefix("\"outcome\" : ")
                        && !text.hasPrefix("\"nearest_due\" : ") && !text.hasPrefix("\"nearest_warn_at\" : ") {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n")
    }

    /// The fixture's erased customer's case can still be finished (issue 11), and the
    /// record still verifies afterwards.
    @Test func aFormat6DatabaseTakesNewActionsAndStillVerifies() throws {
        let env = try copyOfFormat6()
        let opened = try CLI.run(["case", "open", "--customer", "ACC-FX", "--summary", "Again", "--as", "tom",
                                  "--now", "2026-12-01T09:00:00Z"], environment: env)
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(try CLI.run(["audit", "verify"], environment: env).status == 0)
    }
}
