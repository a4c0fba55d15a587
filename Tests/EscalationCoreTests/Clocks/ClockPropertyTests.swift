import Foundation
import PropertyBased
import Testing
@testable import EscalationCore

/// Invariants of the clocks over random receipts, limits and pauses.
@Suite struct ClockPropertyTests {
    typealias F = ClockFixture

    /// A receipt: a day in 2025–2028 and a second of that day (London wall clock).
    static let day = Gen<Int>.value(in: LocalDate("2025-01-01")!.daysSinceEpoch...LocalDate("2028-12-31")!.daysSinceEpoch)
    static let second = Gen<Int>.value(in: 0...86_399)
    static let count = Gen<Int>.value(in: 1...40)

    static func receipt(_ day: Int, _ second: Int) -> Date {
        F.london.instant(LocalDate(daysSinceEpoch: day), secondsIntoDay: second)
    }

    @Test func aBusinessDayDueDateIsAlwaysABusinessDayAfterTheDayOfReceipt() async {
        await propertyCheck(count: 400, input: Self.day, Self.second, Self.count, Gen<Bool>.bool) { day, second, n, bare in
            let calendar = bare ? F.bare : F.england
            let received = Self.receipt(day, second)
            let (date, due) = ClockBook.deadline(.businessDays(n, endOfDay: true), received: received, calendar: calendar,
                                                 time: F.london)
            #expect(calendar.isBusinessDay(date))
            #expect(date > F.london.localDate(received))
            #expect(F.london.localDate(due) == date)
            // Exactly n business days lie after the day of receipt up to the due date.
            var counted = 0
            var d = F.london.localDate(received).adding(days: 1)
            while d <= date {
                if calendar.isBusinessDay(d) { counted += 1 }
                d = d.adding(days: 1)
            }
            #expect(counted == n)
        }
    }

    @Test func aRegulatoryDueIsNeverEarlierThanReceipt() async {
        let limits: [ClockLimit] = [.businessDays(3, endOfDay: true), .businessDays(1, endOfDay: false), .calendarDays(56),
                                    .weeks(8), .months(1, rollToWorkingDay: true), .months(1, rollToWorkingDay: false),
                                    .hours(1)]
        await propertyCheck(count: 400, input: Self.day, Self.second, Gen.element(of: limits)) { day, second, limit in
            let limit = limit!
            let received = Self.receipt(day, second)
            let clock = F.clock("c", limit)
            let status = ClockBook.status(of: clock, facts: ClockFacts(received: received, kind: "complaint"),
                                          calendar: F.england, time: F.london, now: received)!
            #expect(status.due > received)
            #expect(status.warnAt <= status.due)
            #expect(status.warnAt >= received)
            if case .months(_, true) = limit { #expect(F.england.isBusinessDay(status.dueDate)) }
        }
    }

    /// Pause and resume times as offsets (seconds) after receipt, in order.
    static let pauses = Gen<Int>.value(in: 0...(5 * 86_400)).array(of: 0...8)

    @Test func pauseCreditNeverShortensAServiceClockAndNeverMovesARegulatoryOne() async {
        let limits: [ClockLimit] = [.hours(8), .businessDays(2, endOfDay: true), .calendarDays(3)]
        await propertyCheck(count: 400, input: Self.day, Self.second, Self.pauses, Gen.element(of: limits),
                            Gen<Int>.value(in: 0...(6 * 86_400))) { day, second, offsets, limit, nowOffset in
            let limit = limit!
            let received = Self.receipt(day, second)
            let sorted = offsets.sorted()
            let events: [ClockEvent] = sorted.enumerated().map { index, offset in
                let at = received.addingTimeInterval(TimeInterval(offset))
                return index % 2 == 0 ? .paused(clock: nil, reason: "waiting for the customer", at: at) : .resumed(clock: nil, at: at)
            }
            let now = received.addingTimeInterval(TimeInterval(nowOffset))
            let service = F.clock("s", limit, family: .service)
            let plain = ClockBook.status(of: service, facts: ClockFacts(received: received, kind: "complaint"),
                                         calendar: F.england, time: F.london, now: now)!
            let paused = ClockBook.status(of: service, facts: ClockFacts(received: received, kind: "complaint", events: events),
                                          calendar: F.england, time: F.london, now: now)!
            #expect(paused.due >= plain.due)
            #expect(paused.pausedSeconds >= 0)
            #expect(paused.pausedSeconds <= max(0, now.timeIntervalSince(received)))
            let regulatory = F.clock("r", limit)
            let a = ClockBook.status(of: regulatory, facts: ClockFacts(received: received, kind: "complaint"),
                                     calendar: F.england, time: F.london, now: now)!
            let b = ClockBook.status(of: regulatory, facts: ClockFacts(received: received, kind: "complaint", events: events),
                                     calendar: F.england, time: F.london, now: now)!
            #expect(a == b)
            #expect(b.pausedSeconds == 0)
            #expect(b.state != .paused)
        }
    }

    @Test func localDateArithmeticAgreesWithFoundation() async {
        await propertyCheck(count: 300, input: Gen<Int>.value(in: -50_000...80_000)) { days in
            let date = LocalDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let utc = CentreTime(zone: TimeZone(identifier: "UTC")!)
            #expect(utc.localDate(Date(timeIntervalSince1970: TimeInterval(days) * 86_400 + 43_200)) == date)
            #expect(LocalDate(date.description) == date)
        }
    }
}
