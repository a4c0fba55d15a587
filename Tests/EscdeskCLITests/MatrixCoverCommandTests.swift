@testable import EscalationStore
import Foundation
import Testing

/// `escdesk matrix cover` and `matrix acks` through the real binary on a training database
/// from the shipped configuration (managers, customer relations and the head hold
/// `approve_matrix`; team leaders and agents do not): every refusal writes nothing.
@Suite struct MatrixCoverCommandTests {
    let matrix = MatrixCommandTests()
    static let t0 = "2027-01-11T09:00:00Z"

    func cover(_ arguments: [String], as person: String, now: String = t0, _ env: [String: String]) throws -> CLI.Result {
        try CLI.run(["matrix", "cover"] + arguments + ["--as", person, "--now", now], environment: env)
    }

    func grant(_ staff: String, role: String = "team_leader", from: String = "2027-01-11T09:00:00Z",
               to: String = "2027-01-20T17:00:00Z", by person: String = "rachel", now: String = t0,
               _ env: [String: String]) throws -> CLI.Result {
        try cover(["grant", staff, "--role", role, "--from", from, "--to", to, "--rationale", "Priya on leave", "--json"],
                  as: person, now: now, env)
    }

    /// The stored payload of the last event of `kind`.
    func lastPayload(_ env: [String: String], kind: String) throws -> String? {
        let store = try DeskStore.open(at: env["ESCDESK_DB"]!)
        var payload: String?
        try store.ledger.forEachEvent { if $0.kind == kind { payload = $0.payload } }
        return payload
    }

    /// A refusal: its exit status, its sentence on stderr and nothing on stdout.
    func refused(_ result: CLI.Result, _ status: Int32, _ words: String) {
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func refusedGrantsSayWhyAndWriteNothing() throws {
        let (_, env) = try matrix.trainingDatabase()
        let before = try matrix.events(env)
        refused(try grant("tom", by: "priya", env), 77, "Priya Shah (Team Leader) may not grant acting cover: the role lacks approve_matrix")
        refused(try grant("tom", role: "head", env), 77, "a cover may not give a role above the granter's own")
        refused(try grant("tom", to: "2027-04-14T09:00:00Z", env), 65, "a cover lasts at most 92 days")
        refused(try grant("tom", from: "2027-01-20T09:00:00Z", to: "2027-01-19T09:00:00Z", env), 65,
                "the cover ends (--to) before it begins (--from)")
        refused(try grant("tom", from: "2027-01-01T09:00:00Z", to: "2027-01-10T09:00:00Z", env), 65,
                "the cover's period is already over")
        refused(try grant("nobody", env), 65, "nobody is not on the staff list; acting cover names a member of staff by their id")
        refused(try grant("priya", env), 65, "Priya Shah is already Team Leader; acting cover gives a role above one's own")
        refused(try grant("tom", role: "agent", env), 65, "is already Customer Service Agent")
        refused(try grant("tom", role: "janitor", env), 65, "there is no role janitor on the ladder")
        refused(try grant("tom", from: "next week", env), 64, "--from next week: not an ISO 8601 time")
        refused(try grant("tom", by: "nobody", env), 77, "is not on the staff list")
        // Exactly 92 days is allowed.
        #expect(try matrix.events(env) == before)
        #expect(try grant("tom", to: "2027-04-13T09:00:00Z", env).status == 0)
    }

    @Test func approvalIsFourEyesAndNeedsTheMatrixPower() throws {
        let (_, env) = try matrix.trainingDatabase()
        let granted = try grant("tom", env)
        #expect(granted.status == 0, "\(granted.stderr)")
        let json = try CLI.json(granted.stdout)
        #expect(json["id"] as? String == "AC-1")
        #expect(json["standing"] as? String == "awaiting_approval")
        #expect(json["granted_by"] as? String == "rachel")
        let managerCover = try grant("david", role: "head", by: "helen", env)
        #expect(managerCover.status == 0, "\(managerCover.stderr)")
        let before = try matrix.events(env)

        refused(try cover(["approve", "AC-1"], as: "rachel", env), 77,
                "Rachel Adams granted it and may not approve acting cover AC-1: a second person must (four eyes)")
        refused(try cover(["approve", "AC-1"], as: "priya", env), 77,
                "Priya Shah (Team Leader) may not approve acting cover: the role lacks approve_matrix")
        refused(try cover(["approve", "AC-2"], as: "david", env), 77,
                "David Kowalski is the person it covers and may not approve acting cover AC-2")
        refused(try cover(["approve", "AC-9"], as: "david", env), 65, "there is no acting cover AC-9")
        #expect(try matrix.events(env) == before)

        let approved = try cover(["approve", "AC-1", "--json"], as: "david", env)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(try CLI.json(approved.stdout)["standing"] as? String == "in_effect")
        refused(try cover(["approve", "AC-1"], as: "fiona", env), 65, "acting cover AC-1 is not awaiting approval: it is in effect")
    }

    /// Tom acting Team Leader from 11 to 20 January: his £75 refund is his to give and its
    /// event names the cover; after the 20th it needs a Team Leader again, with nobody ending it.
    @Test func aDecisionUnderCoverNamesItAndTheCoverEndsByItself() throws {
        let (_, env) = try matrix.trainingDatabase()
        #expect(try grant("tom", env).status == 0)
        #expect(try cover(["approve", "AC-1"], as: "david", env).status == 0)
        #expect(try CLI.run(["customer", "add", "ACC-1", "--name", "Jane Doe", "--as", "tom", "--now", Self.t0],
                            environment: env).status == 0)
        func open(_ now: String) throws -> [String: Any] {
            let opened = try CLI.run(["case", "open", "--customer", "ACC-1", "--summary", "Charged twice", "--request", "refund=75",
                                      "--as", "tom", "--now", now, "--json"], environment: env)
            #expect(opened.status == 0, "\(opened.stderr)")
            return try CLI.json(opened.stdout)
        }
        let during = try open("2027-01-12T10:00:00Z")
        #expect((during["decision"] as? [String: Any])?["verdict"] as? String == "within_authority", "\(during)")
        let payload = try #require(try lastPayload(env, kind: "case_opened"))
        #expect(payload.contains("\"acting_cover\":\"AC-1\""), "\(payload)")

        let list = try cover(["list"], as: "rachel", now: "2027-01-12T10:00:00Z", env)
        #expect(list.stdout.contains("AC-1  Tom Reed acting Team Leader, 2027-01-11T09:00:00Z to 2027-01-20T17:00:00Z: in effect; "
                                     + "granted by Rachel Adams, approved by David Kowalski; Priya on leave"), "\(list.stdout)")

        let after = try open("2027-01-20T17:00:00Z")
        #expect((after["decision"] as? [String: Any])?["verdict"] as? String == "escalate", "\(after)")
        let afterPayload = try #require(try lastPayload(env, kind: "case_opened"))
        #expect(!afterPayload.contains("acting_cover"))
        let expired = try CLI.json(try cover(["list", "--json"], as: "rachel", now: "2027-01-20T17:00:00Z", env).stdout)
        let covers = try #require(expired["covers"] as? [[String: Any]])
        #expect(covers.map { $0["standing"] as? String } == ["expired"])
        #expect(covers.first?["ended_by"] == nil)
        #expect(try CLI.run(["audit", "authority"], environment: env).status == 0)
    }

    @Test func endingACoverStopsItAndOnlyOnce() throws {
        let (_, env) = try matrix.trainingDatabase()
        #expect(try cover(["list"], as: "rachel", env).stdout == "No acting cover has been granted.\n")
        #expect(try grant("tom", env).status == 0)
        #expect(try cover(["approve", "AC-1"], as: "david", env).status == 0)
        let before = try matrix.events(env)
        refused(try cover(["end", "AC-1"], as: "priya", now: "2027-01-12T09:00:00Z", env), 77,
                "Priya Shah (Team Leader) may not end acting cover")
        #expect(try matrix.events(env) == before)
        let ended = try cover(["end", "AC-1", "--json"], as: "rachel", now: "2027-01-12T09:00:00Z", env)
        #expect(ended.status == 0, "\(ended.stderr)")
        let json = try CLI.json(ended.stdout)
        #expect(json["standing"] as? String == "ended")
        #expect(json["ended_by"] as? String == "rachel")
        #expect(json["ended_at"] as? String == "2027-01-12T09:00:00Z")
        refused(try cover(["end", "AC-1"], as: "david", now: "2027-01-12T09:30:00Z", env), 65, "acting cover AC-1 is already ended")
        let list = try cover(["list"], as: "tom", now: "2027-01-12T09:30:00Z", env)
        #expect(list.stdout.contains(": ended; granted by Rachel Adams, approved by David Kowalski, ended by Rachel Adams;"))
    }

    /// `matrix acks`: after version 2 raised the agent's refund, every agent owes an
    /// acknowledgement and nobody else is asked; one acknowledgement moves one row.
    @Test func acksListsWhoHasAndWhoHasNotAcknowledged() throws {
        let (dir, env) = try matrix.trainingDatabase()
        let path = try matrix.editedExport(dir, env, name: "raise.yaml") {
            $0.replacingOccurrences(of: "refund: {per_case: 50.00,", with: "refund: {per_case: 75.00,")
        }
        #expect(try CLI.run(["matrix", "propose", path, "--rationale", "Fewer referrals", "--as", "rachel", "--now", Self.t0],
                            environment: env).status == 0)
        #expect(try CLI.run(["matrix", "approve", "2", "--as", "david", "--now", Self.t0], environment: env).status == 0)
        let store = try DeskStore.open(at: env["ESCDESK_DB"]!)
        try store.acknowledgeMatrix(version: "2", actor: "tom", now: .set(ISO8601DateFormatter().date(from: "2027-01-11T10:00:00Z")!))

        let human = try CLI.run(["matrix", "acks", "2", "--as", "rachel", "--now", "2027-01-11T11:00:00Z"], environment: env)
        #expect(human.status == 0, "\(human.stderr)")
        let lines = human.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Matrix version 2 (compared with version 1): 12 of 20 people have not acknowledged it.", "\(human.stdout)")
        #expect(lines.contains("  tom  Tom Reed (Customer Service Agent): acknowledged 2027-01-11T10:00:00Z"))
        #expect(lines.contains("  sofia  Sofia Moretti (Customer Service Agent): NOT acknowledged (1 change to their authority)"))
        #expect(lines.contains("  priya  Priya Shah (Team Leader): not asked (nothing changed for their role)"))

        let json = try CLI.json(try CLI.run(["matrix", "acks", "2", "--json", "--as", "rachel", "--now", "2027-01-11T11:00:00Z"], environment: env).stdout)
        #expect(json["version"] as? String == "2")
        #expect(json["compared_with"] as? String == "1")
        let people = try #require(json["people"] as? [[String: Any]])
        let tom = try #require(people.first { $0["staff"] as? String == "tom" })
        #expect(tom["standing"] as? String == "acknowledged")
        #expect(tom["acknowledged_at"] as? String == "2027-01-11T10:00:00Z")
        #expect(people.filter { $0["standing"] as? String == "waiting" }.count == 12)
        #expect(people.first { $0["staff"] as? String == "helen" }?["standing"] as? String == "not_asked")
        // The version in force is the default; an unknown one is refused.
        #expect(try CLI.run(["matrix", "acks", "--as", "rachel", "--now", "2027-01-11T11:00:00Z"], environment: env).stdout.hasPrefix("Matrix version 2 "))
        refused(try CLI.run(["matrix", "acks", "9", "--as", "rachel", "--now", "2027-01-11T11:00:00Z"], environment: env), 65,
                "there is no matrix version 9")
    }
}
