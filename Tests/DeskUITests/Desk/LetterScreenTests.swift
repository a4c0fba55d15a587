import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Letters from the case screen (`l`): the final response a regulated complaint must have
/// before it is resolved, and a holding response with the date it promises, without leaving
/// the desk for `escdesk case letter`.
@Suite struct LetterScreenTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// The sample centre with DISP's final response clock, so its complaints wait for a letter.
    static func fixture() -> DeskFixture {
        let f = DeskFixture()
        f.data.clocks = [
            RegulatoryClock(id: "disp_final_response", title: "Final response", family: .regulatory, appliesTo: ["complaint"],
                            starts: "received", limit: .calendarDays(56), then: nil, extendable: nil, warnAt: 0.25,
                            escalateTo: "manager", calendar: nil, rule: "FCA DISP 1.6.2R"),
        ]
        return f
    }

    @Test(arguments: sizes) func aFinalResponseIsSentFromTheCaseAndThenTheComplaintResolves(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann",
                                requests: [RemedyRequest(action: "refund", amount: Money(minor: 2_000, currency: .gbp))])
        let ann = f.service("ann")
        var d = DeskDriver(ann, rows: size.rows, cols: size.cols)
        d.send(.enter)
        // Resolving first is refused with the reason, and says which key sends the letter.
        d.send(.character("r"), .tab, .tab, .tab, .tab)
        d.type("Refund the duplicate")
        d.send(.tab, .right, .enter)
        // (The box's lines are read across the screen, so text beside the box may fall between words.)
        #expect(Self.words(d.text).contains("send its final"), "\(d.text)")
        #expect(Self.words(d.text).contains("letter first (Esc, then l on the case)"), "the desk's key, not a command: \(d.text)")
        d.send(.escape, .character("y"))
        #expect(!d.app.top.capturesText)
        #expect(d.text.contains("lLetter"), "\(d.lines.last ?? "")")

        d.send(.character("l"))
        #expect(d.text.contains("Letter on \(id)"))
        #expect(d.text.contains("Final response"))
        #expect(d.text.contains("Refund"), "the remedies start as what the case asked for")
        d.send(.enter)
        #expect(d.text.contains("Write the reasons the customer is told."), "\(d.text)")
        d.send(.backTab, .backTab, .backTab)   // kind → Cancel → Send → Reasons
        d.type("We charged you twice.")
        d.send(.enter)
        #expect(d.text.contains("Final response letter sent · sha256"), "\(d.text)")
        #expect(d.text.contains("Dear Jane"), "\(d.text)")
        #expect(Self.words(d.text).contains("Saved to letters/\(id)-final_response.txt"))
        let sent = try #require(try ann.caseDetail(id: id).timeline.last)
        #expect(sent.letter == .finalResponse)
        // The whole letter scrolls: the Ombudsman's details are at its end.
        for _ in 0..<40 where !d.text.contains("financial-ombudsman.org.uk") { d.send(.down) }
        #expect(d.text.contains("financial-ombudsman.org.uk"))
        d.send(.enter)
        #expect(d.text.contains("▶ Final response letter sent on \(id)"))

        d.send(.character("r"), .tab, .tab, .tab, .tab)
        d.type("Refund the duplicate")
        d.send(.tab, .right, .enter)
        #expect(try ann.caseDetail(id: id).summary.state == .resolved, "\(d.text)")
        #expect(!d.text.contains("lLetter"), "no letter is offered on a resolved case")
    }

    @Test(arguments: sizes) func aHoldingResponseAsksForTheDateItPromises(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Billed twice", openerID: "ann")
        let ann = f.service("ann")
        var d = DeskDriver(ann, rows: size.rows, cols: size.cols)
        d.send(.enter, .character("l"), .left)   // final response → holding response
        #expect(d.text.contains("Holding response"))
        #expect(d.text.contains("Expected by"))
        #expect(!d.text.contains("Outcome"), "a holding response tells no decision")
        d.send(.tab)
        d.type("We are checking the meter readings.")
        d.send(.tab)
        d.send(.enter)
        #expect(Self.words(d.text).contains("give the date you expect to send it"), "\(d.text)")
        d.type("31/03/2025")
        d.send(.enter)
        #expect(Self.words(d.text).contains("Write the expected date as YYYY-MM-DD"), "\(d.text)")
        for _ in 0..<10 { d.send(.backspace) }
        d.type("2025-03-31")
        d.send(.enter)
        #expect(d.text.contains("Holding response letter sent"), "\(d.text)")
        for _ in 0..<20 where !Self.words(d.text).contains("by 31 March 2025.") { d.send(.down) }
        #expect(Self.words(d.text).contains("We expect to give you our final response by 31 March 2025."), "\(d.text)")
        let sent = try #require(try ann.caseDetail(id: id).timeline.last)
        #expect(sent.letter == .holdingResponse)
    }

    @Test func onlyTheLettersIMaySendAreOffered() throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Over my limit", state: .escalated, openerID: "ann")
        // Referred: the referrer and whoever could claim it may acknowledge or hold; the decision
        // letters wait for whoever claims it.
        #expect(try f.service("ann").letterKinds(caseID: id) == [.acknowledgement, .holdingResponse])
        #expect(try f.service("bob").letterKinds(caseID: id) == [.acknowledgement, .holdingResponse])
        try f.service("bob").claim(caseID: id)
        #expect(try f.service("bob").letterKinds(caseID: id) == LetterKind.allCases)
        #expect(try f.service("ann").letterKinds(caseID: id).isEmpty)
        var d = DeskDriver(f.service("ann"))
        d.send(.enter)
        #expect(!d.text.contains("lLetter"))
    }

    /// The screen's words, joined across line breaks and box edges.
    static func words(_ text: String) -> String {
        text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
