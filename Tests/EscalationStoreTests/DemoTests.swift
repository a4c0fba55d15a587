import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

@Suite struct DemoTests {
    static let now = Fixtures.days(200)

    @Test func demoCentreHasEveryStateAnIntactChainAndNoPlaintext() throws {
        let (store, path) = try Fixtures.newStore(training: true, now: Fixtures.days(0))
        let summary = try DemoGenerator.generate(into: store, cases: 600, seed: 7, now: Self.now)
        #expect(summary.cases == 600)
        #expect(Set(summary.byState.keys) == Set(CaseState.allCases.map(\.rawValue)))
        #expect(summary.byState.values.reduce(0, +) == 600)
        #expect(try store.verifyChain().isIntact)
        #expect(try store.listCases(queue: .all).total == 600)

        let page = try store.listCases(queue: .all, limit: 5)
        #expect(page.cases.first?.live == true)
        let oldest = try store.listCases(queue: .all, state: .closed, limit: 1).cases[0]
        #expect(Self.now.timeIntervalSince(oldest.receivedAt) <= 121 * 86_400)
        let detail = try store.caseDetail(id: oldest.id)
        #expect(detail.timeline.first?.kind == .caseOpened)
        #expect(detail.timeline.last?.kind == .caseClosed)
        #expect(detail.timeline.first?.text?.isEmpty == false)
        #expect(detail.customerName?.contains(" ") == true)

        // Real customer names are in the export, never in the file.
        let bytes = Fixtures.rawBytes(path)
        let name = try #require(detail.customerName)
        #expect(!Fixtures.contains(bytes, name))
    }

    @Test func sameSeedSameCentre() throws {
        let (a, _) = try Fixtures.newStore(training: true)
        let (b, _) = try Fixtures.newStore(training: true)
        let one = try DemoGenerator.generate(into: a, cases: 50, seed: 99, now: Self.now)
        let two = try DemoGenerator.generate(into: b, cases: 50, seed: 99, now: Self.now)
        #expect(one == two)
        #expect(try a.caseDetail(id: "C-000010").summary.summary == b.caseDetail(id: "C-000010").summary.summary)
    }

    @Test func demoRefusesANormalDatabase() throws {
        let (store, _) = try Fixtures.newStore(training: false)
        #expect(throws: StoreError.notTraining(option: "demo")) {
            _ = try DemoGenerator.generate(into: store, cases: 5, now: Self.now)
        }
    }
}
