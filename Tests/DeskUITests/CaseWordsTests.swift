import DeskTestSupport
import EscalationCore
import Foundation
import Testing
@testable import DeskUI

/// How the desk words what a service reads, written once for the real service and the
/// double: here on values as the store gives them, erased customers and every kind of event
/// included (the double erases no one).
@Suite struct CaseWordsTests {
    let words = CaseWords(SampleCentre.centre)
    static let at = Date(timeIntervalSince1970: 1_736_931_600)

    static func summary(_ state: CaseState, customerName: String? = nil, text: String? = nil) -> CaseSummary {
        CaseSummary(id: "C-000009", customerID: "CU-7", kind: "complaint", channel: "phone", state: state, live: false,
                    queueRole: "team_leader", holder: nil, holderName: nil, receivedAt: at,
                    deadlineAt: at.addingTimeInterval(56 * 86_400), summary: text, version: 3, customerName: customerName)
    }

    static func entry(_ kind: EventKind, actorRole: String = "agent", text: String? = nil, textErased: Bool = false,
                      decision: Decision? = nil, routeTo: String? = nil, outcome: Outcome? = nil,
                      grants: [RemedyRequest] = [], rootCause: String? = nil, identityVerified: Bool? = nil) -> TimelineEntry {
        TimelineEntry(seq: 4, at: at, actorID: "ann", actorName: "Ann Archer", actorRole: actorRole, kind: kind, text: text,
                      textErased: textErased, decision: decision, routeTo: routeTo, outcome: outcome, grants: grants,
                      rootCause: rootCause, identityVerified: identityVerified)
    }

    static func detail(identityVerified: Bool = false, identityChecked: Bool? = nil, timeline: [TimelineEntry] = []) -> CaseDetail {
        CaseDetail(summary: summary(.escalated), customerName: nil, customerFlags: ["vulnerable"], caseFlags: [],
                   identityVerified: identityVerified, identityChecked: identityChecked, requests: [],
                   decision: Decision(verdict: .withinAuthority, handler: "", routeTo: nil, required: "", reasons: [],
                                      matrixVersion: ""),
                   escalatedBy: "ann", timeline: timeline)
    }

    @Test func whatErasureTookShowsAsAPlaceholder() {
        #expect(words.customer(Self.summary(.open)) == "(erased) CU-7")
        #expect(words.summary(Self.summary(.open)) == "(erased)")
        #expect(words.customer(Self.summary(.open, customerName: "Jane Smith", text: "Meter")) == "Jane Smith")
        #expect(words.summary(Self.summary(.open, customerName: "Jane Smith", text: "Meter")) == "Meter")
        #expect(words.customer(Self.detail()) == "(erased) CU-7")
        #expect(words.why(Self.entry(.caseEscalated, textErased: true)) == "(erased)")
        #expect(words.why(Self.entry(.caseEscalated, text: "Customer holding")) == "Customer holding")
        #expect(words.why(Self.entry(.caseClaimed)) == nil)
    }

    @Test func aCaseIsRoutedWhileItWaitsAndDueWhileActive() {
        #expect(words.routedTo(Self.summary(.escalated)) == "Team Leader")
        #expect(words.routedTo(Self.summary(.claimed)) == nil)
        #expect(words.deadline(Self.summary(.claimed)) == Self.at.addingTimeInterval(56 * 86_400))
        #expect(words.deadline(Self.summary(.resolved)) == nil)
    }

    /// A referral waiting for a team says the team after the role, and alone where that
    /// is all that fits; a held case names its holder.
    @Test func aReferralWaitingForATeamNamesIt() {
        let waiting = CaseSummary(id: "C-000009", customerID: "CU-7", kind: "complaint", channel: "phone", state: .escalated,
                                  live: false, queueRole: "team_leader", holder: nil, holderName: nil, receivedAt: Self.at,
                                  deadlineAt: Self.at, summary: nil, version: 3, queueTeam: "care")
        var centre = SampleCentre.centre
        centre.teamNames = ["care": "Care"]
        let words = CaseWords(centre)
        #expect(words.with(waiting) == "→Team Leader · Care")
        #expect(self.words.with(waiting) == "→Team Leader · care", "a team that has left the staff file, by its id")
        #expect(words.withTeam(waiting) == "→Care")
        #expect(words.with(Self.summary(.escalated)) == "→Team Leader")
        #expect(words.withTeam(Self.summary(.escalated)) == nil)
    }

    @Test func theLatestIdentityCheckDecidesElseTheOpening() {
        #expect(words.identity(Self.detail()) == .unchecked)
        #expect(words.identity(Self.detail(identityVerified: true)) == .verified)
        #expect(words.identity(Self.detail(identityVerified: true, identityChecked: false)) == .failed)
        #expect(words.identity(Self.detail(identityChecked: true)) == .verified)
        #expect(Self.detail().recordedDecision == nil, "a decision with no handler is none on record")
    }

    @Test func aLetterReadsAsItsKindAndTheStartOfItsDigest() {
        let sha = "ab12cd34" + String(repeating: "0", count: 56)
        func letter(_ kind: LetterKind) -> TimelineEntry {
            TimelineEntry(seq: 4, at: Self.at, actorID: "ann", actorName: "Ann Archer", actorRole: "agent", kind: .letterSent,
                          text: nil, textErased: false, letter: kind, letterSHA256: sha)
        }
        #expect(words.what(letter(.finalResponse)) == "Final response letter sent (sha256 ab12cd34…)")
        #expect(words.what(letter(.holdingResponse)) == "Holding response letter sent (sha256 ab12cd34…)")
        #expect(words.what(letter(.acknowledgement)) == "Acknowledgement letter sent (sha256 ab12cd34…)")
    }

    @Test func everyEventReadsAsASentence() {
        let needs = Decision(verdict: .escalate, handler: "agent", routeTo: "team_leader", required: "team_leader",
                             reasons: [], matrixVersion: "v1")
        let refund = RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))
        let said = [
            Self.entry(.caseOpened, decision: needs), Self.entry(.caseOpened),
            Self.entry(.caseEscalated, routeTo: "manager"), Self.entry(.caseClaimed),
            Self.entry(.caseReturned, routeTo: "ann"), Self.entry(.caseReturned, routeTo: "zed"),
            Self.entry(.caseResolved, outcome: .partlyUpheld, grants: [refund], rootCause: "billing_error"),
            Self.entry(.caseResolved, outcome: .notUpheld), Self.entry(.caseClosed), Self.entry(.caseReopened),
            Self.entry(.identityMarked, identityVerified: true), Self.entry(.identityMarked, identityVerified: false),
            Self.entry(.customerErased),
        ].map(words.what)
        #expect(said == [
            "Opened: Needs Team Leader", "Opened", "Escalated to Manager", "Claimed", "Returned to Ann Archer",
            "Returned to zed", "Resolved: partly upheld, granted Refund £75.00 (root cause: Billing error)",
            "Resolved: not upheld", "Closed", "Reopened", "Identity verified", "Identity check failed",
            "Customer's personal data erased",
        ])
        #expect(words.role(Self.entry(.caseClaimed, actorRole: "team_leader")) == "Team Leader")
        #expect(words.role(Self.entry(.caseClaimed, actorRole: "")) == "")
    }

    /// The case screen's lines for an erased customer's case: the placeholders, never a blank.
    @Test func theCaseScreenShowsAnErasedCustomersCase() {
        let detail = Self.detail(timeline: [Self.entry(.caseEscalated, textErased: true, routeTo: "team_leader")])
        let document = CaseDocument(detail, words: words, time: DeskTime(timezone: "Europe/London"),
                                    now: Self.at.addingTimeInterval(3_600), width: 78)
        #expect(document.header.map(\.text) == [
            "C-000009  (erased) CU-7  [vulnerable]",
            "escalated  ·  identity unchecked  ·  routed to Team Leader",
            // Too wide for 76 columns as written: wrapped, which closes up the spacing to fit.
            "complaint by phone · opened 15 Jan 09:00 (1h ago) · due 12 Mar 09:00 (55d)",
        ])
        #expect(document.body.map(\.text).contains("Summary    (erased)"))
        #expect(!document.body.map(\.text).contains { $0.hasPrefix("Decision") })
        #expect(document.body.map(\.text).suffix(2) == [
            "15 Jan 09:00  Escalated to Team Leader — Ann Archer (Customer Service Agent)",
            "                (erased)",
        ])
    }
}
