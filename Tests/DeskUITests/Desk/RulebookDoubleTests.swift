import DeskTestSupport
import EscalationCore
import Foundation
import Testing
@testable import DeskUI

/// The double answers as production does because it asks the core's rulebook: each of these
/// failed on the double that wrote its own rules.
@Suite struct RulebookDoubleTests {
    static func money(_ pounds: Int64) -> Money { Money(minor: pounds * 100, currency: .gbp) }

    /// A vulnerable customer's case needs a team leader; once Bob returns it with guidance, the
    /// delegation lets Ann resolve it within her own authority, but not beyond it.
    @Test func aReturnedCaseIsResolvedByTheReferrerDespiteTheReferralRuleTheReturnerMet() throws {
        let f = DeskFixture()
        let id = f.data.addCase(customerID: f.raj, summary: "Cut off while vulnerable", state: .claimed,
                                openerID: "ann", holderID: "bob")
        let ann = f.service("ann")
        let goodwill = [RemedyRequest(action: "goodwill_credit", amount: Self.money(10))]
        #expect(try f.service("bob").previewResolution(caseID: id, grants: goodwill).verdict == .withinAuthority)
        try f.service("bob").returnCase(caseID: id, guidance: "Offer £10 goodwill and close it")

        #expect(try ann.commands(caseID: id).contains(.resolve))
        #expect(try ann.previewResolution(caseID: id, grants: goodwill).verdict == .withinAuthority)
        let refund = [RemedyRequest(action: "refund", amount: Self.money(75))]
        let over = try ann.previewResolution(caseID: id, grants: refund)
        #expect(over.verdict == .escalate && over.reasons.map(\.rule) == ["authority.refund"])
        #expect(throws: DeskError.self) {
            try ann.resolve(caseID: id, Resolution(outcome: .upheld, rationale: "Refund", grants: refund, rootCause: "billing_error"))
        }

        try ann.resolve(caseID: id, Resolution(outcome: .upheld, rationale: "As Bob advised", grants: goodwill,
                                               rootCause: "billing_error"))
        let detail = try ann.caseDetail(id: id)
        #expect(detail.summary.state == .resolved)
        #expect(detail.timeline.last.map(f.words.what) == "Resolved: upheld, granted Goodwill credit £10.00 (root cause: Billing error)")
        #expect(detail.timeline.last?.actorName == "Ann Archer")
    }

    /// An enquiry has a deadline as a complaint does: the case's own (`CaseDeadline`).
    @Test func anEnquiryHasADeadline() throws {
        let f = DeskFixture()
        let ann = f.service("ann")
        let id = try ann.openCase(NewCase(customer: f.jane, summary: "When is my next bill?", kind: "enquiry",
                                          channel: "phone", live: true, identityVerified: true)).id
        let due = DeskFixture.start.addingTimeInterval(56 * 86_400)
        #expect(f.words.deadline(try ann.caseDetail(id: id).summary) == due)
        let row = try #require(try ann.queuePage(ann.me.myCases, offset: 0, limit: 10).first)
        #expect(f.words.deadline(row) == due)
    }

    /// The agent who referred a case (often still on the line with the customer) may record
    /// the identity check on it while it waits for a team leader.
    @Test func theReferrerMarksIdentityOnACaseTheyEscalated() throws {
        let f = DeskFixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Caller unsure of the account", openerID: "ann")
        let ann = f.service("ann")
        try ann.escalate(caseID: id, note: "Could not confirm the date of birth")
        let detail = try ann.caseDetail(id: id)
        #expect(detail.summary.state == .escalated && detail.summary.holderName == nil)
        #expect(try ann.commands(caseID: id) == [.markIdentity])
        try ann.markIdentity(caseID: id, verified: false)
        #expect(f.words.identity(try ann.caseDetail(id: id)) == .failed)
        #expect(try ann.caseDetail(id: id).timeline.last.map(f.words.what) == "Identity check failed")
        // Marking identity is not holding it: Ann still cannot take it from the team leaders' queue.
        #expect(throws: DeskError.self) { try ann.claim(caseID: id) }
    }
}
