import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// What everyone sees of matrix governance: the acknowledgement screen at desk start, the
/// acting banner, "My authority" under an acting cover, the matrix footer of people who have
/// not acknowledged, and the live authority previews of a person acting up.
@Suite struct AcknowledgementAndCoverScreenTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]
    static let hour: Int64 = 3_600_000

    /// A centre whose version in force (v1) raised the agent's refund from £30.00 a case
    /// (version v0): every agent is asked to acknowledge; nobody else is.
    func changedCentre(withCare: Bool = false) -> DeskFixture {
        let f = DeskFixture()
        if withCare { f.data = SampleCentre.data(withCare: true) { [unowned f] in f.now } }
        let now = SampleCentre.policy
        var cells: [String: [String: AuthorityCell]] = [:]
        for role in now.ladder.roles {
            for action in now.matrix.actions { cells[role.id, default: [:]][action.id] = now.matrix.cell(role: role.id, action: action.id) }
        }
        let gbp = Currency.gbp
        cells["agent"]!["refund"] = AuthorityCell(.limit(perCase: Money(minor: 3_000, currency: gbp),
                                                         rolling: RollingCap(amount: Money(minor: 10_000, currency: gbp), days: 30)))
        let before = AuthorityMatrix(version: "v0", currency: gbp, ladder: now.ladder, actions: now.matrix.actions, cells: cells)
        f.data.previous = (version: "v0", policy: EscalationPolicy(matrix: before, referrals: now.referrals, routing: .direct))
        return f
    }

    /// Ann (an agent) acting Team Leader for ten days from an hour ago, approved by a second manager.
    func coverAnn(_ f: DeskFixture, approved: Bool = true) {
        let t = Int64(f.now.timeIntervalSince1970 * 1000)
        f.data.covers = CoverRegister([ActingCover(
            id: "AC-1", staff: "ann", role: "team_leader", from: t - Self.hour, to: t + 240 * Self.hour,
            rationale: "Bob on leave", grantedBy: "meg", grantedAt: t - 2 * Self.hour,
            approvedBy: approved ? "hal" : nil, approvedAt: approved ? t - Self.hour : nil)])
    }

    // MARK: - Acknowledgement

    @Test(arguments: sizes)
    func theNextDeskStartShowsWhatChangedInMyOwnAuthority(size: TerminalSize) {
        let f = changedCentre()
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        #expect(d.app.top.title == "Matrix changed")
        #expect(d.lines[0].hasPrefix(" Northwind Energy  Matrix changed"))
        #expect(d.lines[1].hasPrefix(" Matrix version v1 is in force. What changed in your"))
        #expect(d.text.contains("• agent · refund · per case £30.00 → £50.00"), "\(d.text)")
        #expect(d.text.contains("+ refund: per case £30.00 → £50.00"), "\(d.text)")
        #expect(d.text.contains("You may now do more:"))
        #expect(!d.text.contains("You may now do less:"))
        #expect(d.lines[size.rows - 1].hasPrefix("F1Help EnterAcknowledge"))
        // Scrolling never loses the end: the keys' reminder can always be reached.
        d.send(.down, .down, .down, .down, .down, .down, .down, .down, .down, .down)
        #expect(d.text.contains("Enter or a: I have read this"))
        // Nothing changed for a team leader's role: their desk opens on the queue.
        let bob = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        #expect(bob.app.top.title == "Queue")
        #expect(bob.app.stack.count == 1)
    }

    @Test(arguments: sizes)
    func acknowledgingRecordsItLandsOnTheQueueAndTheScreenDoesNotComeBack(size: TerminalSize) {
        let f = changedCentre(withCare: true)
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.enter)
        #expect(d.app.stack.count == 1)
        #expect(d.app.top.title == "Queue")
        #expect(d.text.contains("Acknowledged matrix version v1."))
        #expect(f.data.acknowledgements.map(\.staff) == ["ann"])
        #expect(f.data.acknowledgements.map(\.version) == ["v1"])
        let again = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        #expect(again.app.stack.count == 1)
        #expect(again.app.top.title == "Queue")
        // `a` acknowledges too (a second agent's desk).
        var cat = DeskDriver(f.service("cat"), rows: size.rows, cols: size.cols)
        #expect(cat.app.top.title == "Matrix changed")
        cat.send(.character("a"))
        #expect(cat.app.top.title == "Queue")
        #expect(f.data.acknowledgements.map(\.staff) == ["ann", "cat"])
    }

    /// Leaving without acknowledging records nothing and asks again at the next start: Esc,
    /// the queue key and quitting all defer; letters that mean something elsewhere (`q`,
    /// `y`) neither quit nor acknowledge here.
    @Test func leavingWithoutAcknowledgingRecordsNothingAndAsksAgain() {
        let f = changedCentre()
        var d = DeskDriver(f.service("ann"))
        d.send(.character("q"), .character("y"), .character("n"))
        #expect(d.app.top.title == "Matrix changed")
        d.send(.escape)
        #expect(d.app.top.title == "Queue")
        #expect(f.data.acknowledgements.isEmpty)

        var viaQueueKey = DeskDriver(f.service("ann"))
        #expect(viaQueueKey.app.top.title == "Matrix changed")
        viaQueueKey.send(.function(4))
        #expect(viaQueueKey.app.stack.count == 1)
        #expect(f.data.acknowledgements.isEmpty)

        var quitting = DeskDriver(f.service("ann"))
        #expect(quitting.loop.dispatch(.function(10)) == .quit)
        #expect(f.data.acknowledgements.isEmpty)

        let next = DeskDriver(f.service("ann"))
        #expect(next.app.top.title == "Matrix changed")
        // The help says what Esc does here.
        var help = next
        help.send(.function(1))
        #expect(help.text.contains("Later: asked again at the next desk start"))
    }

    /// Her other desk acknowledged first: this one closes as if it had (nothing is owed),
    /// records nothing more, and says so.
    @Test func acknowledgedElsewhereClosesWithoutASecondRecord() throws {
        let f = changedCentre()
        var d = DeskDriver(f.service("ann"))
        try f.service("ann").acknowledge(version: "v1")
        d.send(.enter)
        #expect(d.app.top.title == "Queue")
        #expect(f.data.acknowledgements.count == 1)
        #expect(d.text.contains("Matrix version v1 was already acknowledged."), "\(d.text)")
    }

    // MARK: - Acting cover

    @Test(arguments: sizes)
    func anApprovedCoverShowsInBothBarsAndEndsByItself(size: TerminalSize) {
        let f = DeskFixture()
        coverAnn(f)
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        let status = d.lines[size.rows - 2]
        #expect(status.contains("Acting Team Leader until 25 Jan"), "\(status)")
        if size.cols >= 80 { #expect(d.lines[0].hasSuffix("Ann Archer, Acting Team Leader until 25 Jan")) }
        // Ten days on, the cover is over: the next minute's tick drops the banner.
        f.advance(minutes: 10 * 24 * 60 + 1)
        d.idle()
        #expect(!d.text.contains("Acting"))
        #expect(d.lines[size.rows - 2].contains("Customer Service Agent"))
    }

    @Test func aCoverAwaitingApprovalGivesNoBanner() {
        let f = DeskFixture()
        coverAnn(f, approved: false)
        let d = DeskDriver(f.service("ann"))
        #expect(!d.text.contains("Acting"))
        #expect(d.lines[22].contains("Customer Service Agent"))
    }

    @Test(arguments: sizes)
    func myAuthorityUnderCoverShowsTheActingRolesAuthorityAndUntilWhen(size: TerminalSize) {
        let f = DeskFixture()
        coverAnn(f)
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(6))
        #expect(d.app.top.title == "My authority")
        let text = d.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(text.contains("Ann Archer, acting Team Leader: authority under matrix version v1"), "\(text)")
        #expect(text.contains("Acting Team Leader until 25 Jan"), "\(text)")
        #expect(text.contains("(cover AC-1); your own role is Customer Service Agent."), "\(text)")
        #expect(d.text.contains("£500.00 a case"))
        #expect(!d.text.contains("£50.00 a case"))
        if size.rows == 24 {
            // A Team Leader's own referral rule no longer sends her cases higher; a Manager's does.
            #expect(d.text.contains("• Manager: The customer has threatened legal action"))
            #expect(!d.text.contains("• Team Leader:"))
        }
    }

    // MARK: - The matrix footer

    @Test(arguments: sizes)
    func theMatrixFooterNamesWhoHasNotAcknowledged(size: TerminalSize) throws {
        let f = changedCentre()
        var meg = DeskDriver(f.service("meg"), rows: size.rows, cols: size.cols)
        #expect(meg.app.top.title == "Queue")
        meg.send(.function(7))
        let footer = meg.lines[size.rows - 3]
        #expect(footer.hasPrefix(" Not yet acknowledged (1): Ann Archer"), "\(footer)")
        try f.service("ann").acknowledge(version: "v1")
        meg.idle()
        #expect(!meg.text.contains("Not yet acknowledged"))
    }

    // MARK: - Previews under cover

    @Test func thePreviewsDecideWithTheActingRole() throws {
        let f = DeskFixture()
        let refund = RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))
        let draft = NewCase(customer: f.jane, summary: "Charged twice", requests: [refund])
        let id = f.data.addCase(customerID: f.jane, summary: "Charged twice", openerID: "ann", requests: [refund])
        #expect(try f.service("ann").preview(draft).verdict == .escalate)
        #expect(try f.service("ann").previewResolution(caseID: id, grants: [refund]).required == "team_leader")
        coverAnn(f)
        let ann = f.service("ann")
        #expect(try ann.preview(draft).verdict == .withinAuthority)
        #expect(try ann.preview(draft).handler == "team_leader")
        #expect(try ann.previewResolution(caseID: id, grants: [refund]).verdict == .withinAuthority)
        // Over the acting role's own limit still needs the next role up.
        let large = RemedyRequest(action: "refund", amount: Money(minor: 60_000, currency: .gbp))
        #expect(try ann.previewResolution(caseID: id, grants: [large]).required == "manager")
    }

    @Test(arguments: sizes)
    func theResolveDialogOfAPersonActingUpSaysWithinAuthority(size: TerminalSize) throws {
        let f = DeskFixture()
        let refund = RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))
        f.data.addCase(customerID: f.jane, summary: "Charged twice", openerID: "ann", requests: [refund])
        var before = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        before.send(.enter, .character("r"))
        #expect(before.text.contains("Needs Team Leader"))
        coverAnn(f)
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.enter, .character("r"))
        #expect(d.text.contains("Within your authority"), "\(d.text)")
        #expect(!d.text.contains("Needs Team Leader"))
    }
}
