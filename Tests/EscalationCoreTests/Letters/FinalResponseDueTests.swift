import Foundation
import Testing
@testable import EscalationCore

/// The date a letter gives for the final response, and when a holding response needs the
/// handler's own date (DISP 1.6.2R(2), 1.6.2AR). Received Wed 23 Dec 2026 10:00 in England.
@Suite struct FinalResponseDueTests {
    static let received = ClockFixture.local("2026-12-23 10:00")
    static let today = LocalDate("2027-01-04")!

    /// The case's clocks once `sent` letters (a day after receipt) are counted.
    static func clocks(kind: String, sent: [LetterKind]) -> [ClockStatus] {
        let at = received.addingTimeInterval(86_400)
        let events = sent.flatMap { letter -> [ClockEvent] in
            (letter == .holdingResponse ? [.holdingResponseSent(at: at)] : []) + letter.meets.map { .met(clock: $0, at: at) }
        }
        let facts = ClockFacts(received: received, kind: kind, events: events)
        return ClockBook.statuses(for: facts, clocks: [ClockFixture.summary, ClockFixture.finalResponse, ClockFixture.psd],
                                  calendars: [ClockFixture.england], time: ClockFixture.london, now: at)
    }

    static func date(_ kind: LetterKind, expected: String? = nil, case caseKind: String = "complaint",
                     sent: [LetterKind] = []) -> Result<LocalDate?, FinalResponseDueRefusal> {
        Result { () throws(FinalResponseDueRefusal) in
            try FinalResponseDue.date(for: kind, expected: expected.flatMap(LocalDate.init),
                                      clocks: clocks(kind: caseKind, sent: sent + (kind == .acknowledgement ? [] : [kind])),
                                      today: today)
        }
    }

    @Test func everyLetterButAHoldingResponseGivesTheNearestLimitStillRunning() throws {
        #expect(try Self.date(.acknowledgement).get() == LocalDate("2027-02-17"))     // DISP's 8 weeks
        #expect(try Self.date(.acknowledgement, case: "payment_complaint").get() == LocalDate("2027-01-18"))  // 15 business days
        // Once a holding response moved the payment services clock, later letters give 35 business days.
        #expect(try Self.date(.acknowledgement, case: "payment_complaint", sent: [.holdingResponse]).get()
                == LocalDate("2027-02-15"))
        #expect(Self.date(.finalResponse, expected: "2027-01-10") == .failure(.notAsked(.finalResponse)))
        #expect(Self.date(.acknowledgement, expected: "2027-01-10") == .failure(.notAsked(.acknowledgement)))
    }

    @Test func aHoldingResponseUnderDISPNeedsTheHandlersDate() throws {
        // The holding response meets DISP's eight weeks: no limit says when the answer comes.
        #expect(Self.date(.holdingResponse) == .failure(.dateNeeded))
        #expect(try Self.date(.holdingResponse, expected: "2027-03-31").get() == LocalDate("2027-03-31"))
        #expect(try Self.date(.holdingResponse, expected: "2027-01-04").get() == LocalDate("2027-01-04"))   // today will do
        #expect(Self.date(.holdingResponse, expected: "2027-01-03")
                == .failure(.inThePast(LocalDate("2027-01-03")!, today: Self.today)))
    }

    @Test func aPaymentServicesHoldingResponseKeepsWithinThirtyFiveBusinessDays() throws {
        #expect(try Self.date(.holdingResponse, case: "payment_complaint").get() == LocalDate("2027-02-15"))
        #expect(try Self.date(.holdingResponse, expected: "2027-02-15", case: "payment_complaint").get() == LocalDate("2027-02-15"))
        guard case .failure(.beyondLimit(let date, let limit)) = Self.date(.holdingResponse, expected: "2027-02-16",
                                                                        case: "payment_complaint") else {
            Issue.record("a date past the 35 business days was allowed")
            return
        }
        #expect(date == LocalDate("2027-02-16"))
        #expect(limit.clock == "psd_final_response")
        #expect(FinalResponseDueRefusal.beyondLimit(date, limit: limit).description
                == "the final response cannot be expected on 2027-02-16: psd_final_response (rule of psd_final_response) requires it by 2027-02-15")
    }

    @Test func refusalsSayWhatToDo() {
        #expect(FinalResponseDueRefusal.dateNeeded.description
                == "a holding response tells the customer when to expect the final response: give the date you expect to send it")
        #expect(FinalResponseDueRefusal.notAsked(.finalResponse).description
                == "the final response letter gives no expected date; only a holding response says when the final response will come")
        #expect(FinalResponseDueRefusal.inThePast(LocalDate("2027-01-03")!, today: Self.today).description
                == "the final response cannot be expected on 2027-01-03, before today (2027-01-04)")
    }
}
