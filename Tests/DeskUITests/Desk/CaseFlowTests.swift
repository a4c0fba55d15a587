import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The flows people run all shift: new case with the live panel, escalate, claim, resolve,
/// return, identity, and a referral landing on another desk.
@Suite struct CaseFlowTests {
    /// From the agent's queue to the remedy amount field of a new case for Jane Smith.
    static func toAmountField(_ d: inout DeskDriver) {
        d.send(.function(2))
        #expect(d.app.top.title == "New case: customer")
        d.send(.enter)
        #expect(d.app.top.title == "New case")
        d.type("Overcharged after meter swap")
        d.send(.tab, .tab, .tab, .tab, .tab, .tab)
        d.type("r")
        d.send(.tab)
    }

    @Test func livePanelChangesAsTheAmountIsTyped() {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"))
        Self.toAmountField(&d)
        d.type("7")
        #expect(d.text.contains("│ Within your authority"))
        d.type("5")
        #expect(d.text.contains("│ Needs Team Leader"))
        #expect(d.text.contains("│ • Refund £75.00 is over the Customer Service Agent per-case limit of £50.00; │"))
        #expect(d.lines[8] == " Remedies      Refund                   £ 75")
        d.send(.backspace)
        #expect(d.text.contains("│ Within your authority"))
    }

    @Test func openingOverAuthorityOffersEscalationAndEscalatesInFewKeys() throws {
        let f = DeskFixture()
        let service = f.service("ann")
        var d = DeskDriver(service)
        Self.toAmountField(&d)
        d.type("75")
        d.send(.function(9))
        #expect(d.app.top.title == "Case C-000001")
        #expect(d.text.contains("Opened C-000001"))
        #expect(d.text.contains("Escalate it now?"))
        d.send(.enter)
        d.type("Wants £75 back")
        d.send(.enter)
        let detail = try service.caseDetail(id: "C-000001")
        #expect(detail.summary.state == .escalated)
        #expect(f.words.routedTo(detail.summary) == "Team Leader")
        #expect(d.text.contains("▶ Escalated C-000001 to Team Leader"))
    }

    @Test func escalateFromTheCaseScreenTakesAtMostSixKeystrokesPlusTheNote() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Wants compensation", live: true, openerID: "ann",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 9_000, currency: .gbp))])
        let service = f.service("ann")
        var d = DeskDriver(service)
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000001")
        #expect(d.lines[23].hasPrefix("F1Help eEscalate rResolve lLetter vVerified xID failed"))
        let before = d.sent
        let note = "Customer holding, wants £90"
        d.send(.character("e"))
        #expect(d.text.contains("Escalate C-000001"))
        d.type(note)
        d.send(.enter)
        #expect(d.sent - before - note.count <= 6)
        #expect(d.sent - before - note.count == 2)
        let detail = try service.caseDetail(id: "C-000001")
        #expect(detail.summary.state == .escalated)
        #expect(detail.timeline.last.flatMap(f.words.why) == note)
        #expect(d.text.contains("Escalated to Team Leader (Billing) — Ann Archer (Customer"))
        #expect(d.text.contains(note))
    }

    @Test func escalatingWithoutANoteIsRefusedInTheDialog() {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "x", openerID: "ann")
        var d = DeskDriver(f.service("ann"))
        d.send(.enter, .character("e"), .enter)
        #expect(d.text.contains("Write a note for the next handler before escalating."))
        #expect(d.app.top.capturesText)
        d.send(.escape)
        #expect(!d.app.top.capturesText)
    }

    @Test func teamLeaderClaimsAndResolvesAfterAnEmptyRationaleIsRefused() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Refund over agent limit", state: .escalated, openerID: "ann",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))])
        let bob = f.service("bob")
        var d = DeskDriver(bob)
        d.send(.enter, .character("c"))
        #expect(try bob.caseDetail(id: "C-000001").summary.state == .claimed)
        #expect(d.text.contains("▶ Claimed C-000001"))
        #expect(d.lines[23].hasPrefix("F1Help eEscalate rResolve lLetter bReturn vVerified xID failed"))
        d.send(.character("r"))
        #expect(d.text.contains("┌─ Resolve C-000001"))
        // The grants start as what the case asked for, already checked against Bob's authority.
        #expect(d.text.contains("Grants         Refund                   £ 75.00"))
        #expect(d.text.contains("Within your authority"))
        d.send(.enter)
        #expect(d.text.contains("A rationale is required: say why you decided this."))
        d.send(.tab, .tab, .tab, .tab)
        d.type("Meter swap billed twice; refund the overcharge")
        d.send(.enter)
        #expect(d.text.contains("Choose a root cause (← →): what caused the complaint."))
        #expect(try bob.caseDetail(id: "C-000001").summary.state == .claimed)
        d.send(.tab, .right, .enter)
        let detail = try bob.caseDetail(id: "C-000001")
        #expect(detail.summary.state == .resolved)
        #expect(detail.timeline.last.map(f.words.what) == "Resolved: upheld, granted Refund £75.00 (root cause: Billing error)")
        #expect(d.text.contains("▶ Resolved C-000001"))
    }

    /// A complaint the eight-week final-response clock applies to: the dialog shows the
    /// core's sentence and stays, at both sizes.
    @Test(arguments: [(24, 80), (16, 60)])
    func aComplaintWithoutItsFinalResponseLetterShowsWhyAndKeepsTheDialog(_ size: (rows: Int, cols: Int)) throws {
        let f = DeskFixture()
        f.data.clocks = [RegulatoryClock(id: "disp_final_response", title: "DISP final response", family: .regulatory,
                                         appliesTo: ["complaint"], starts: "received", limit: .calendarDays(56), then: nil,
                                         extendable: nil, warnAt: 0.25, escalateTo: nil, calendar: nil,
                                         rule: "FCA DISP 1.6.2R")]
        f.data.addCase(customerID: f.jane, summary: "Billed twice", state: .claimed, openerID: "ann", holderID: "bob")
        let bob = f.service("bob")
        var d = DeskDriver(bob, rows: size.rows, cols: size.cols)
        d.send(.enter, .character("r"), .tab, .tab)
        d.type("Explained the bill")
        d.send(.tab, .right, .enter)
        #expect(try bob.caseDetail(id: "C-000001").summary.state == .claimed)
        #expect(d.text.contains("Resolve C-000001"))
        let shown = d.lines.joined(separator: " ").replacingOccurrences(of: "│", with: " ")
            .split(separator: " ").joined(separator: " ")
        #expect(shown.contains("C-000001 is a regulated complaint (FCA DISP 1.6.2R)"), "\(d.text)")
        #expect(shown.contains("send its final") && shown.contains("nothing was written."), "\(d.text)")
    }

    @Test func overAuthorityGrantShowsTheRefusalAndKeepsTheDialog() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Big refund", state: .claimed, openerID: "ann", holderID: "bob")
        let bob = f.service("bob")
        var d = DeskDriver(bob)
        d.send(.enter, .character("r"), .tab)
        d.type("r")
        d.send(.tab)
        d.type("600")
        #expect(d.text.contains("Needs Manager"))
        d.send(.tab, .tab)
        d.type("Goodwill for the trouble")
        d.send(.tab, .right, .enter)
        #expect(d.text.contains("You may not grant this; it needs a Manager: Refund £600.00 is over"))
        #expect(d.text.contains("Goodwill for the trouble"))
        #expect(try bob.caseDetail(id: "C-000001").summary.state == .claimed)
    }

    @Test func returnNeedsGuidanceAndGoesBackToTheAgent() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Return me", state: .claimed, openerID: "ann", holderID: "bob")
        var d = DeskDriver(f.service("bob"))
        d.send(.enter, .character("b"))
        #expect(d.text.contains("┌─ Return C-000001"))
        d.send(.enter)
        #expect(d.text.contains("Write guidance for the handler before returning the case."))
        d.type("Offer £40 goodwill instead")
        d.send(.enter)
        let agent = f.service("ann")
        let detail = try agent.caseDetail(id: "C-000001")
        #expect(detail.summary.state == .returned && detail.summary.holderName == "Ann Archer")
        #expect(try agent.commands(caseID: "C-000001").contains(.resolve))
        #expect(detail.timeline.last.map(f.words.what) == "Returned to Ann Archer")
    }

    @Test func identityMarkedVerifiedAndFailed() throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Who is it", openerID: "ann")
        let ann = f.service("ann")
        var d = DeskDriver(ann)
        d.send(.enter, .character("v"))
        #expect(f.words.identity(try ann.caseDetail(id: "C-000001")) == .verified)
        #expect(d.lines[2].contains("identity verified"))
        d.send(.character("x"))
        #expect(f.words.identity(try ann.caseDetail(id: "C-000001")) == .failed)
    }

    @Test func aReferralFromAnotherDeskAppearsWithinOneIdleTickWithTheBell() throws {
        let f = DeskFixture()
        let caseID = f.data.addCase(customerID: f.raj, summary: "Vulnerable customer, cut off", live: true, openerID: "ann")
        var bob = DeskDriver(f.service("bob"))
        bob.idle()
        #expect(bob.terminal.bellCount == 0)
        #expect(bob.text.contains("Nothing is waiting for you."))
        try f.service("ann").escalate(caseID: caseID, note: "Customer on the line")
        bob.idle()
        #expect(bob.terminal.bellCount == 1)
        #expect(bob.lines[21] == " ▶ New referral: C-000001 Raj Patel (LIVE) – Vulnerable customer, cut off")
        #expect(bob.lines[3].hasPrefix("● C-000001 Raj Patel"))
        #expect(bob.lines[22].contains("Referred 1"))
        bob.idle()
        #expect(bob.terminal.bellCount == 1)
        f.advance(minutes: 1)
        bob.idle()
        #expect(bob.lines[21].isEmpty || !bob.lines[21].contains("New referral"))
    }
}
