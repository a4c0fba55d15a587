import Testing
@testable import EscalationCore

/// The replay's counting, on the fixture matrix: escalations that appear, disappear or go
/// elsewhere, per role, per action and per queue.
@Suite struct MatrixSimulationTests {
    func request(_ id: String, _ handler: String, _ requests: [RemedyRequest], flags: [String] = []) -> RecordedRequest {
        RecordedRequest(caseID: id, handler: handler, requests: requests, context: DecisionContext(caseFlags: flags))
    }

    @Test func changesAreCountedPerRoleActionAndQueue() {
        var cells = Fixture.cells
        cells["agent"]?["goodwill"] = Fixture.limit("10")           // £20 goodwill now goes up
        cells["team_leader"]?["refund"] = Fixture.limit("1000", rolling: ("2000", 30))  // £600 stays with the team leader
        let draft = Fixture.policy(.direct, cells: cells)
        let recorded = [
            request("C-1", "agent", [Fixture.request("goodwill", "20")]),
            request("C-2", "team_leader", [Fixture.refund("600")]),
            request("C-3", "agent", [Fixture.refund("600")]),      // to a manager now, to a team leader under the draft
            request("C-4", "agent", [Fixture.refund("10")]),       // unchanged
            request("C-5", "agent", [Fixture.request("unknown_action")]),
        ]
        let result = MatrixSimulation.replay(recorded, current: Fixture.policy(), draft: draft)
        #expect(result.replayed == 5)
        #expect(result.undecidable == 1)
        #expect(result.changed == 3)
        #expect(result.byRole["agent"] == SimulationResult.RoleCounts(changed: 2, escalationsAppear: 1, escalationsDisappear: 0, rerouted: 1))
        #expect(result.byRole["team_leader"] == SimulationResult.RoleCounts(changed: 1, escalationsAppear: 0, escalationsDisappear: 1, rerouted: 0))
        #expect(result.byAction == ["goodwill": 1, "refund": 2])
        #expect(result.queueChange == ["team_leader": 2, "manager": -2])
        #expect(result.changedCases == ["C-1", "C-2", "C-3"])
    }
}
