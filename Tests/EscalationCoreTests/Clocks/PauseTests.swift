import Foundation
import Testing
@testable import EscalationCore

/// Service clocks pause with a reason and are credited the paused time; regulatory clocks
/// never pause.
@Suite struct PauseTests {
    typealias F = ClockFixture
    static let firstResponse = F.clock("service_first_response", .hours(8), family: .service)
    static let received = F.local("2026-06-01 09:00")

    func status(_ events: [ClockEvent], now: String, clock: RegulatoryClock = firstResponse) -> ClockStatus {
        F.status(clock, received: Self.received, events: events, now: F.local(now))!
    }

    @Test func aClosedPauseIsCreditedBack() {
        let s = status([.paused(clock: nil, reason: "Waiting for the meter reading", at: F.local("2026-06-01 10:00")),
                        .resumed(clock: nil, at: F.local("2026-06-01 12:00"))], now: "2026-06-01 13:00")
        #expect(F.iso(s.due) == "2026-06-01T19:00:00+01:00")
        #expect(s.pausedSeconds == 7200)
        #expect(s.state == .running)
    }

    @Test func anOpenPauseKeepsMovingTheDueTime() {
        let events: [ClockEvent] = [.paused(clock: nil, reason: "Waiting for the customer", at: F.local("2026-06-01 10:00"))]
        let at13 = status(events, now: "2026-06-01 13:00")
        #expect(F.iso(at13.due) == "2026-06-01T20:00:00+01:00")
        #expect(at13.state == .paused)
        let nextDay = status(events, now: "2026-06-02 10:00")
        #expect(nextDay.state == .paused)
        #expect(nextDay.due > F.local("2026-06-02 10:00"))
    }

    @Test func severalPausesAddUpAndAResumeWithoutAPauseIsIgnored() {
        let s = status([.resumed(clock: nil, at: F.local("2026-06-01 09:30")),
                        .paused(clock: nil, reason: "a", at: F.local("2026-06-01 10:00")),
                        .resumed(clock: nil, at: F.local("2026-06-01 10:30")),
                        .paused(clock: "service_first_response", reason: "b", at: F.local("2026-06-01 11:00")),
                        .paused(clock: nil, reason: "twice", at: F.local("2026-06-01 11:10")),
                        .resumed(clock: "service_first_response", at: F.local("2026-06-01 12:00")),
                        .paused(clock: "another_clock", reason: "c", at: F.local("2026-06-01 12:30")),
                        .resumed(clock: "another_clock", at: F.local("2026-06-01 14:00"))], now: "2026-06-01 15:00")
        #expect(s.pausedSeconds == 1800 + 3600)
        #expect(F.iso(s.due) == "2026-06-01T18:30:00+01:00")
    }

    @Test func aPauseAfterTheClockRanOutRescuesNothing() {
        let oneHour = F.clock("service_referral_claimed", .hours(1), family: .service)
        let s = status([.paused(clock: nil, reason: "late", at: F.local("2026-06-01 11:00")),
                        .resumed(clock: nil, at: F.local("2026-06-01 12:00"))], now: "2026-06-01 12:30", clock: oneHour)
        #expect(s.pausedSeconds == 0)
        #expect(s.state == .breached)
    }

    @Test func metWhilePausedCountsThePauseUpToThen() {
        let s = status([.paused(clock: nil, reason: "a", at: F.local("2026-06-01 10:00")),
                        .met(clock: "service_first_response", at: F.local("2026-06-01 11:00"))], now: "2026-06-01 20:00")
        #expect(s.pausedSeconds == 3600)
        #expect(s.state == .met)
    }

    @Test func regulatoryClocksNeverPause() {
        let events: [ClockEvent] = [.paused(clock: nil, reason: "Waiting", at: F.local("2026-06-01 10:00"))]
        let s = F.status(F.finalResponse, received: Self.received, events: events, now: F.local("2026-06-10 10:00"))!
        #expect(s.state == .running)
        #expect(s.pausedSeconds == 0)
        #expect(F.iso(s.due) == "2026-07-27T23:59:59+01:00")
        let refusal = ClockBook.refusal(of: .paused(clock: "disp_final_response", reason: "x", at: Self.received),
                                        for: F.finalResponse)
        #expect(refusal == "disp_final_response is a regulatory clock (rule of disp_final_response); regulatory clocks never pause")
        #expect(ClockBook.refusal(of: .paused(clock: nil, reason: " ", at: Self.received), for: Self.firstResponse)
                == "a pause needs a reason")
    }

    @Test func creditThatLandsABusinessDayClockOnAWeekendMovesItToTheNextWorkingDay() {
        // Two working days from Wed 3 June: Fri 5 June 17:30; a day's pause lands on Saturday.
        let twoDays = F.clock("service_resolution_standard", .businessDays(2, endOfDay: true), family: .service)
        let received = F.local("2026-06-03 09:00")
        let s = F.status(twoDays, received: received,
                         events: [.paused(clock: nil, reason: "a", at: F.local("2026-06-03 10:00")),
                                  .resumed(clock: nil, at: F.local("2026-06-04 10:00"))], now: F.local("2026-06-04 11:00"))!
        #expect(F.iso(s.due) == "2026-06-08T17:30:00+01:00")
    }

    @Test func aReferralClockStartsAtTheLatestReferral() {
        let claimed = F.clock("service_referral_claimed", .hours(4), family: .service, starts: "referred")
        #expect(F.status(claimed, received: Self.received, now: F.local("2026-06-01 12:00")) == nil)
        let events: [ClockEvent] = [.referred(at: F.local("2026-06-01 10:00")), .met(clock: "service_referral_claimed", at: F.local("2026-06-01 11:00")),
                                    .referred(at: F.local("2026-06-02 09:00"))]
        let s = F.status(claimed, received: Self.received, events: events, now: F.local("2026-06-02 10:00"))!
        #expect(F.iso(s.due) == "2026-06-02T13:00:00+01:00")
        #expect(s.state == .running)
    }
}
