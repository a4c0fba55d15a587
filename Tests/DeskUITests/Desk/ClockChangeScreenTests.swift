import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// Pausing, resuming and extending a case's clocks from the case screen (`p`, `u`, `t`): the
/// keys appear only when the rulebook allows the change, a reason is asked for, and the clock
/// list shows the result (issue 15, on the desk).
@Suite struct ClockChangeScreenTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]

    /// A centre with an eight-hour first-response service clock, the eight-week final
    /// response and a subject access month extendable by two.
    static func fixture() -> DeskFixture {
        let f = DeskFixture()
        f.data.clocks = [
            RegulatoryClock(id: "first", title: "First response", family: .service, appliesTo: ["complaint"], starts: "received",
                            limit: .hours(8), warnAt: 0.25, escalateTo: nil, calendar: nil, rule: "SS-1"),
            RegulatoryClock(id: "final", title: "Final response", appliesTo: ["complaint"], starts: "received",
                            limit: .calendarDays(56), warnAt: 0.25, escalateTo: nil, calendar: nil, rule: "FCA DISP 1.6.2R"),
            RegulatoryClock(id: "access", title: "Subject access", appliesTo: ["subject_access"], starts: "received",
                            limit: .months(1, rollToWorkingDay: false), extendable: ClockExtension(months: 2), warnAt: 0.25,
                            escalateTo: nil, calendar: nil, rule: "UK GDPR Art. 12(3)"),
        ]
        return f
    }

    static func words(_ text: String) -> String {
        text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether the case screen's help (`?`) lists a key doing `help`: at 60 columns the bar
    /// shows only the first keys, help shows them all.
    static func offers(_ d: inout DeskDriver, _ help: String) -> Bool {
        d.send(.character("?"))
        defer { d.send(.escape) }
        return words(d.text).contains(help)
    }

    @Test(arguments: sizes) func theHolderPausesWithAReasonAndResumes(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Meter misread", openerID: "ann")
        let ann = f.service("ann")
        var d = DeskDriver(ann, rows: size.rows, cols: size.cols)
        d.send(.enter)
        #expect(Self.offers(&d, "p Pause the service clocks"), "\(d.text)")
        #expect(!Self.offers(&d, "Resume the paused clocks"))
        d.send(.character("p"))
        #expect(d.text.contains("Pause the service clocks of \(id)"), "\(d.text)")
        d.send(.enter)
        #expect(Self.words(d.text).contains("Write why the clocks stop"), "an empty reason is refused: \(d.text)")
        d.type("Waiting for the meter photo")
        d.send(.enter)
        #expect(d.text.contains("Paused the service clocks on \(id)"), "\(d.text)")
        #expect(try ann.clocks(caseID: id).first { $0.clock == "first" }?.state == .paused)
        #expect(try ann.clocks(caseID: id).first { $0.clock == "final" }?.state == .running, "regulatory clocks run on")
        #expect(try ann.caseDetail(id: id).timeline.last?.text == "Waiting for the meter photo")

        f.advance(minutes: 120)
        d.idle()
        d.send(.character("u"))
        #expect(d.text.contains("Resumed the paused clocks on \(id)"), "\(d.text)")
        let first = try #require(try ann.clocks(caseID: id).first { $0.clock == "first" })
        #expect(first.state == .running && first.pausedSeconds == 7200)
        #expect(!Self.offers(&d, "Resume the paused clocks"), "nothing is paused now")
        #expect(Self.offers(&d, "p Pause the service clocks"))
    }

    @Test(arguments: sizes) func onlyThoseTheRulebookAllowsSeeTheKeys(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Meter misread", openerID: "ann")
        #expect(try f.service("bob").clockChanges(caseID: id) == [.pause(clock: nil)], "a team leader may pause, not extend DISP")
        let bobs = f.data.addCase(customerID: f.raj, summary: "Bob's own", openerID: "bob")
        #expect(try f.service("ann").clockChanges(caseID: bobs).isEmpty, "not Ann's case")
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.enter)
        #expect(d.text.contains("Case \(id)"))
        #expect(Self.offers(&d, "p Pause the service clocks") && !Self.offers(&d, "t Extend"))
    }

    @Test(arguments: sizes) func aTeamLeaderExtendsASubjectAccessRequestOnce(size: TerminalSize) throws {
        let f = Self.fixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Send me my data", kind: "subject_access", openerID: "bob")
        let bob = f.service("bob")
        var d = DeskDriver(bob, rows: size.rows, cols: size.cols)
        d.send(.tab, .enter)   // Referred to me → My cases, and open it
        #expect(d.text.contains("Case \(id)"), "\(d.text)")
        #expect(Self.offers(&d, "t Extend Subject access by 2 months"))
        d.send(.character("t"))
        #expect(Self.words(d.text).contains("Extend by 2 months on \(id): Subject access"), "\(d.text)")
        d.type("Records held in three systems")
        d.send(.enter)
        #expect(Self.words(d.text).contains("Extended Subject access on \(id) by 2 months"), "\(d.text)")
        let access = try #require(try bob.clocks(caseID: id).first { $0.clock == "access" })
        #expect(access.extendedMonths == 2)
        #expect(!Self.offers(&d, "t Extend"), "once")
        // The clock list says so beside its new due time.
        for _ in 0..<30 where !d.text.contains("extended by 2 months") { d.send(.down) }
        #expect(d.text.contains("extended by 2 months"), "\(d.text)")
    }
}
