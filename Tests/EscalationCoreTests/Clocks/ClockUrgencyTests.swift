import Foundation
import Testing
@testable import EscalationCore

/// Green, amber and red for a clock: the one rule every desk row and the case screen colour by.
@Suite struct ClockUrgencyTests {
    static let due = Date(timeIntervalSince1970: 1_000_000)
    static let warn = Date(timeIntervalSince1970: 900_000)

    @Test(arguments: [
        (-200_000.0, ClockUrgency.onTime), (-100_001, .onTime), (-100_000, .warning), (-1, .warning), (0, .late), (3_600, .late),
    ])
    func urgencyTurnsAmberAtTheWarningPointAndRedAtDue(offset: Double, expected: ClockUrgency) {
        #expect(ClockUrgency.at(due: Self.due, warnAt: Self.warn, now: Self.due.addingTimeInterval(offset)) == expected)
    }

    @Test func aDeadlineWithoutAWarningPointIsOnTimeUntilItIsLate() {
        #expect(ClockUrgency.at(due: Self.due, warnAt: nil, now: Self.due.addingTimeInterval(-1)) == .onTime)
        #expect(ClockUrgency.at(due: Self.due, warnAt: nil, now: Self.due) == .late)
    }

    @Test func aWarningPointAfterDueStillTurnsLateAtDue() {
        let after = Self.due.addingTimeInterval(10)
        #expect(ClockUrgency.at(due: Self.due, warnAt: after, now: Self.due.addingTimeInterval(-1)) == .onTime)
        #expect(ClockUrgency.at(due: Self.due, warnAt: after, now: Self.due.addingTimeInterval(5)) == .late)
    }

    @Test func aMetClockHasNoUrgencyAndABreachedOneIsLate() throws {
        let received = ClockFixture.local("2026-12-23 10:00")
        let running = try #require(ClockFixture.status(ClockFixture.finalResponse, received: received, now: received))
        #expect(ClockUrgency.of(running, now: received) == .onTime)
        #expect(ClockUrgency.of(running, now: running.warnAt) == .warning)
        let met = try #require(ClockFixture.status(ClockFixture.finalResponse, received: received,
                                                   events: [.met(clock: "disp_final_response", at: received.addingTimeInterval(60))],
                                                   now: running.due.addingTimeInterval(60)))
        #expect(met.state == .met)
        #expect(ClockUrgency.of(met, now: running.due.addingTimeInterval(60)) == nil)
        let late = try #require(ClockFixture.status(ClockFixture.finalResponse, received: received, now: running.due.addingTimeInterval(1)))
        #expect(late.state == .breached)
        #expect(ClockUrgency.of(late, now: received) == .late)
    }
}
