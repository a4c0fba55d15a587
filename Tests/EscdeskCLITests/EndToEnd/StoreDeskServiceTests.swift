import DeskUI
import EscalationCore
import EscalationStore
import Foundation
import Testing
@testable import StoreDesk

/// The desk's service over a real database, below the terminal: what the screens are told
/// (queues, counts, timelines, the commands offered) and how refusals read. The tmux tests
/// drive the same service through the binary; these pin the mapping itself.
@Suite struct StoreDeskServiceTests {
    let store: DeskStore

    /// A training database from the shipped configuration, made by the real `init`.
    init() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("desk.sqlite").path
        let created = try CLI.run(["init", "--training", "--config", CLI.config, "--db", db])
        #expect(created.status == 0, "\(created.stderr)")
        store = try DeskStore.open(at: db)
    }

    func desk(_ id: String) throws -> StoreDeskService {
        StoreDeskService(store: store, member: try store.actor(asStaffID: id), clock: SessionClock(setTime: nil))
    }

    func refund(_ pounds: Int64) -> RemedyRequest {
        RemedyRequest(action: "refund", amount: Money(minor: pounds * 100, currency: .gbp))
    }

    /// Tom registers Jane and opens a live case asking for `pounds` back.
    func openCase(_ tom: StoreDeskService, pounds: Int64 = 75) throws -> String {
        let customer = try tom.addCustomer(name: "Jane Doe", contact: "jane@example.com", flags: [])
        let draft = NewCase(customer: customer, summary: "Charged twice", kind: "complaint", channel: "phone",
                            requests: [refund(pounds)], live: true)
        return try tom.openCase(draft).id
    }

    @Test func thePersonAndTheCentreAreDescribedInTheDesksWords() throws {
        let tom = try desk("tom"), rachel = try desk("rachel"), priya = try desk("priya")
        #expect(tom.me.roleTitle == "Customer Service Agent" && tom.me.team == "Billing A" && !tom.me.canViewMatrix)
        #expect(!priya.me.canViewMatrix)
        #expect(rachel.me.canViewMatrix)
        #expect(tom.centre.customerFlags.starts(with: ["vulnerable", "bereaved", "high_profile"]))
        #expect(tom.centre.caseFlags.contains("legal_threat") && tom.centre.caseFlags.contains("ombudsman"))
    }

    @Test func previewsComeFromTheStoreAsTheAmountChanges() throws {
        let tom = try desk("tom")
        let customer = try tom.addCustomer(name: "Jane Doe", contact: "", flags: [])
        var draft = NewCase(customer: customer, summary: "", kind: "complaint", channel: "phone", requests: [refund(40)],
                            live: true)
        #expect(try tom.preview(draft).verdict == .withinAuthority)
        draft.requests = [refund(75)]
        let decision = try tom.preview(draft)
        #expect(decision.verdict == .escalate && decision.required == "team_leader")
        #expect(try tom.findCustomers("jane").map(\.id) == [customer])
    }

    /// Tom acting Team Leader: the desk is told so, and its previews and offered commands
    /// decide as his actions will (the store's own answer, not his own role's).
    @Test func anActingCoverReachesTheDeskAndItsPreviews() throws {
        let tom = try desk("tom")
        let customer = try tom.addCustomer(name: "Jane Doe", contact: "", flags: [])
        let id = try tom.openCase(NewCase(customer: customer, summary: "Charged twice", requests: [refund(75)])).id
        let draft = NewCase(customer: customer, summary: "Again", requests: [refund(75)])
        #expect(try tom.preview(draft).required == "team_leader")
        #expect(try tom.actingRole() == nil)
        let now = Date()
        let cover = try store.grantCover(staff: "tom", role: "team_leader", from: now.addingTimeInterval(-60),
                                         to: now.addingTimeInterval(86_400), rationale: "Priya on leave", actor: "rachel",
                                         now: .system)
        #expect(try tom.preview(draft).verdict == .escalate)  // not approved yet
        _ = try store.approveCover(id: cover.id, actor: "david", now: .system)
        let acting = try #require(try tom.actingRole())
        #expect(acting.coverID == cover.id && acting.roleTitle == "Team Leader")
        #expect(try tom.preview(draft).verdict == .withinAuthority)
        #expect(try tom.previewResolution(caseID: id, grants: [refund(75)]).verdict == .withinAuthority)
        #expect(try tom.previewResolution(caseID: id, grants: [refund(600)]).required == "manager")
        // A desk opened under the cover works the team leader's queues for Tom's team:
        // Sofia's referral (Billing A) is his, Chloe's (Billing B) is another team's.
        #expect(tom.me.workingRoleID == "agent")
        let sofia = try desk("sofia"), chloe = try desk("chloe")
        let ours = try openCase(sofia), theirs = try openCase(chloe)
        try sofia.escalate(caseID: ours, note: "Over my limit")
        try chloe.escalate(caseID: theirs, note: "Over my limit")
        let covering = try desk("tom")
        #expect(covering.me.workingRoleID == "team_leader" && covering.me.roleID == "agent")
        #expect(covering.me.referredToMe == CaseQueue.referred(role: "team_leader", staffID: "tom"))
        #expect(try covering.queuePage(covering.me.referredToMe, offset: 0, limit: 10).map(\.id) == [ours])
        #expect(covering.me.coversOtherTeams)
        #expect(try covering.queuePage(covering.me.otherTeams, offset: 0, limit: 10).map(\.id) == [theirs])
    }

    @Test func aReferralClaimedAndResolvedReadsAsATimeline() throws {
        let tom = try desk("tom"), priya = try desk("priya")
        let id = try openCase(tom)
        #expect(try tom.commands(caseID: id) == [.escalate, .resolve, .markIdentity])
        #expect(try priya.commands(caseID: id).isEmpty)
        try tom.escalate(caseID: id, note: "Customer holding")
        // Whoever referred it (often still on the line) may still record an identity check,
        // as may anyone who could claim it: the rulebook's rule, which the store enforces.
        #expect(try tom.commands(caseID: id) == [.markIdentity])
        #expect(try priya.queueCount(priya.me.referredToMe) == 1)
        let referred = try priya.queuePage(priya.me.referredToMe, offset: 0, limit: 10)
        #expect(referred.map(CaseWords(priya.centre).routedTo) == ["Team Leader"])
        #expect(referred.map(\.customerName) == ["Jane Doe"])
        #expect(try priya.commands(caseID: id) == [.claim, .markIdentity])
        try priya.claim(caseID: id)
        #expect(try priya.commands(caseID: id) == [.escalate, .resolve, .return, .markIdentity])
        let resolution = Resolution(outcome: .upheld, rationale: "Duplicate confirmed", grants: [refund(75)], rootCause: "billing_error")
        // A complaint: the resolve dialog is told, in the store's sentence, to send the final response first.
        do {
            try priya.resolve(caseID: id, resolution)
            Issue.record("a complaint resolved before its final response letter")
        } catch {
            #expect(error.kind == .invalid && error.message.contains("send its final response letter first"), "\(error)")
        }
        #expect(try tom.letterKinds(caseID: id).isEmpty)
        #expect(try priya.letterKinds(caseID: id) == LetterKind.allCases)
        let letter = try priya.sendLetter(caseID: id, LetterDraft(kind: .finalResponse, outcome: .upheld, reasons: "Charged twice",
                                                                  grants: [refund(75)]))
        // The desk keeps exactly the text sent beside the database, for its owner only.
        let copy = try #require(letter.savedTo)
        #expect(copy.hasSuffix("/letters/\(id)-final_response-\(letter.sha256.prefix(8)).txt"))
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == letter.text)
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
        #expect(letter.text.contains("Dear Jane Doe,"))
        try priya.resolve(caseID: id, resolution)
        let detail = try priya.caseDetail(id: id)
        let words = CaseWords(priya.centre)
        #expect(detail.summary.state == .resolved && words.customer(detail) == "Jane Doe" && words.identity(detail) == .unchecked)
        #expect(detail.timeline.map(words.what) == [
            // Tom is in Billing A: the referral waits for his team's leaders.
            "Opened: Needs Team Leader", "Escalated to Team Leader (Billing A)", "Claimed",
            "Final response letter sent (sha256 \(letter.sha256.prefix(8))…)",
            "Resolved: upheld, granted Refund £75.00 (root cause: Billing error)",
        ])
        #expect(detail.timeline[1].actorName == "Tom Reed" && words.role(detail.timeline[1]) == "Customer Service Agent")
        #expect(words.why(detail.timeline[1]) == "Customer holding" && words.why(detail.timeline[4]) == "Duplicate confirmed")
    }

    @Test func refusalsBecomeDeskErrorsOfTheRightKind() throws {
        let tom = try desk("tom"), priya = try desk("priya"), marcus = try desk("marcus")
        let id = try openCase(tom)
        #expect(throws: DeskError(.notFound, "There is no case C-999999.")) { try tom.caseDetail(id: "C-999999") }
        try tom.escalate(caseID: id, note: "Over my limit")
        try priya.claim(caseID: id)
        do {
            try marcus.claim(caseID: id)
            Issue.record("a second claim succeeded")
        } catch { #expect(error.kind == .conflict && error.message.contains("already claimed by Priya Shah")) }
        do {
            try priya.resolve(caseID: id, Resolution(outcome: .upheld, rationale: "Too generous", grants: [refund(600)],
                                                     rootCause: "billing_error"))
            Issue.record("a grant over authority was accepted")
        } catch { #expect(error.kind == .notPermitted && error.message.hasSuffix(".")) }
        do {
            try marcus.markIdentity(caseID: id, verified: true)
            Issue.record("someone not holding the case marked identity")
        } catch { #expect(error.kind == .notPermitted) }
    }

    @Test func queuesArePagedAndCountedWithoutReadingEveryCase() throws {
        let tom = try desk("tom")
        for _ in 0..<12 { _ = try openCase(tom, pounds: 10) }
        #expect(try tom.queueCount(.all) == 12)
        #expect(try tom.queueCount(tom.me.myCases) == 12)
        let page = try tom.queuePage(tom.me.myCases, offset: 10, limit: 5)
        #expect(page.count == 2)
        #expect(try tom.queuePage(.all, offset: 0, limit: 3).count == 3)
        #expect(try tom.queueCount(.search("")) == 0)
        #expect(try tom.queueCount(.search("jane")) == 12)
        _ = try openCase(tom, pounds: 10)
        #expect(try tom.queueCount(.all) == 13, "a count is read again once anyone has written")
    }
}
