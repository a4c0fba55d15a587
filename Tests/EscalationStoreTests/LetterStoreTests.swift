import Crypto
import EscalationConfig
import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// Letters through the store: rendered from the case, recorded with the SHA-256 of the text,
/// and the final-response gate on resolving a regulated complaint.
@Suite struct LetterStoreTests {
    static let shipped: Centre = {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config").path
        return try! ConfigLoader.load(directory: config, requireStaff: true)
    }()

    /// The fixture centre with the shipped clocks and calendars, and payment complaints.
    static func centre(letters: LetterBook? = nil) -> Centre {
        let c = Fixtures.centre()
        return Centre(organisation: c.organisation, timezone: c.timezone, retention: c.retention, policy: c.policy,
                      caseKinds: c.caseKinds + ["payment_complaint"], channels: c.channels, rootCauses: c.rootCauses,
                      staff: c.staff, clocks: shipped.clocks, calendars: shipped.calendars,
                      defaultCalendar: shipped.defaultCalendar, letters: letters)
    }

    let refund40 = RemedyRequest(action: "refund", amount: Fixtures.pounds(40))

    func store(name: String = "Margaret <b>Oyelaran</b>\u{1B}[31m", letters: LetterBook? = nil) throws -> (DeskStore, String) {
        let (store, path) = try Fixtures.newStore(centre: Self.centre(letters: letters))
        try store.addCustomer(NewCustomer(id: "CU-1", name: name), actor: "tom", now: Fixtures.start)
        return (store, path)
    }

    func open(_ store: DeskStore, kind: String = "complaint") throws -> String {
        try store.openCase(NewCase(customer: "CU-1", summary: "Billed twice", kind: kind), actor: "tom", now: Fixtures.minutes(1)).id
    }

    func send(_ store: DeskStore, _ id: String, _ kind: LetterKind, outcome: Outcome? = nil, grants: [RemedyRequest] = [],
              format: LetterFormat = .text, by actor: String = "tom", at minutes: Double = 2) throws(StoreError) -> LetterSent {
        try store.sendLetter(caseID: id, request: LetterRequest(kind: kind, format: format, outcome: outcome,
                                                                reasons: kind.needsReasons ? "We found a duplicate debit." : nil,
                                                                grants: grants),
                             actor: actor, now: .set(Fixtures.minutes(minutes)))
    }

    func resolve(_ store: DeskStore, _ id: String, _ outcome: Outcome = .upheld, grants: [RemedyRequest] = [],
                 at minutes: Double = 3) throws(StoreError) {
        try store.resolve(caseID: id, resolution: Resolution(outcome: outcome, rationale: "Duplicate confirmed", grants: grants,
                                                             rootCause: "billing_error"),
                          actor: "tom", now: Fixtures.minutes(minutes))
    }

    @Test func aComplaintIsResolvedOnlyAfterItsFinalResponseLetterAndNothingIsWrittenBefore() throws {
        let (store, _) = try store()
        let id = try open(store)
        let events = try store.eventCount()
        guard case .letterRequired(let sentence)? = refusal({ try resolve(store, id, grants: [refund40]) }) else {
            Issue.record("a complaint resolved without a final response letter")
            return
        }
        #expect(StoreError.letterRequired(sentence).exitCode == 65)
        #expect(sentence.contains("FCA DISP 1.6.2R"))
        #expect(try store.eventCount() == events)
        #expect(try store.caseDetail(id: id).summary.state == .open)

        let letter = try send(store, id, .finalResponse, outcome: .upheld, grants: [refund40])
        // Bound to the decision: another outcome or other remedies are refused.
        #expect(refusal({ try resolve(store, id, .partlyUpheld, grants: [refund40]) }).map(\.exitCode) == 65)
        #expect(refusal({ try resolve(store, id, grants: []) }).map(\.exitCode) == 65)
        try resolve(store, id, grants: [refund40])

        let detail = try store.caseDetail(id: id)
        #expect(detail.timeline.map(\.kind) == [.caseOpened, .letterSent, .caseResolved])
        #expect(detail.timeline[1].letter == .finalResponse)
        #expect(detail.timeline[1].letterSHA256 == letter.sha256)
        let digest = SHA256.hash(data: Data(letter.text.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(letter.sha256 == digest)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func theLetterIsRenderedFromTheCaseAndCleaned() throws {
        let (store, _) = try store()
        let id = try open(store)
        let text = try send(store, id, .finalResponse, outcome: .partlyUpheld, grants: [refund40]).text
        #expect(text.contains("Dear Margaret <b>Oyelaran</b>[31m,"))
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" })
        #expect(text.contains("Our reference: \(id)"))
        #expect(text.contains("your complaint is partly upheld"))
        #expect(text.contains("What we will do for you: Refund £40.00."))
        #expect(text.contains("We found a duplicate debit."))
        #expect(text.contains("https://www.financial-ombudsman.org.uk"))
        #expect(text.contains(Self.shipped.letterBook.timeLimitsPosition))
        #expect(text.contains("Tom Reed\nNorthwind Energy\n"))
        let html = try send(store, id, .finalResponse, outcome: .partlyUpheld, grants: [refund40], format: .html, at: 3).text
        #expect(html.contains("Dear Margaret &lt;b&gt;Oyelaran&lt;/b&gt;[31m,"))
        #expect(!html.contains("<b>"))
    }

    @Test func anAcknowledgementGivesTheDueDateInTheCentresTimeZone() throws {
        let (store, _) = try store()
        let id = try open(store)
        // Received 2025-06-15 15:06 UTC (16:06 in London): 56 days on is 10 August 2025.
        let text = try send(store, id, .acknowledgement).text
        #expect(text.contains("which we received on 15 June 2025"))
        #expect(text.contains("final response by 10 August 2025"))
    }

    @Test func aSummaryResolutionInsideItsWindowServesAsTheLetter() throws {
        let (store, _) = try store()
        let id = try open(store)
        _ = try send(store, id, .summaryResolution, outcome: .upheld)
        try resolve(store, id)
        #expect(try store.caseDetail(id: id).summary.state == .resolved)
    }

    @Test func aSummaryResolutionAfterItsWindowDoesNot() throws {
        let (store, _) = try store()
        let id = try open(store)
        _ = try send(store, id, .summaryResolution, outcome: .upheld)
        #expect(refusal({ try resolve(store, id, at: 60 * 24 * 10) }).map(\.exitCode) == 65)
    }

    @Test func anEnquiryIsNotGated() throws {
        let (store, _) = try store()
        let id = try open(store, kind: "enquiry")
        try resolve(store, id)
        #expect(try store.caseDetail(id: id).summary.state == .resolved)
    }

    @Test func onlyTheHolderSendsTheDecisionAndWithinTheirAuthority() throws {
        let (store, _) = try store()
        let id = try open(store)
        #expect(refusal({ _ = try send(store, id, .finalResponse, outcome: .upheld, by: "priya") }).map(\.exitCode) == 77)
        // An agent may not promise a £600 refund a resolution could not grant.
        let big = RemedyRequest(action: "refund", amount: Fixtures.pounds(600))
        guard case .beyondAuthority? = refusal({ _ = try send(store, id, .finalResponse, outcome: .upheld, grants: [big]) }) else {
            Issue.record("a letter promised what its sender cannot grant")
            return
        }
        #expect(try store.caseDetail(id: id).timeline.count == 1)
    }

    @Test func theStoredLettersAreTheCentresOwn() throws {
        let own = try LetterBook(templates: LetterBook.shipped.templates.map { t in
            t.kind == .acknowledgement ? try LetterTemplate(kind: .acknowledgement, text: "Hello {{customer_name}} from {{organisation}}.") : t
        }, timeLimitsPosition: "We consent.")
        let (store, path) = try store(name: "Ada", letters: own)
        let id = try open(store)
        #expect(try send(store, id, .acknowledgement).text == "Hello Ada from Northwind Energy.\n")
        // Reopened, the database still holds them (the centre's JSON, bound to the chain).
        let again = try DeskStore.open(at: path)
        #expect(again.centre.letters == own)
        #expect(try again.verifyChain().isIntact)
    }

    @Test func aHandEditedTemplateIsRefusedAtOpen() throws {
        let (store, path) = try store(letters: Self.shipped.letters)
        // Quietly dropping the Ombudsman's website from the stored final response template.
        try store.executeRaw("UPDATE centre SET centre_json = replace(centre_json, 'financial-ombudsman.org.uk', 'example.com')")
        guard case .recordAltered? = refusal({ _ = try DeskStore.open(at: path) }) else {
            Issue.record("a database with a hand-edited letter template opened")
            return
        }
    }

    @Test func customerTextIsFilledInOnceNeverReadAsAField() throws {
        let (store, _) = try store(name: "{{reasons}} {{time_limits_position}}")
        let id = try open(store)
        let text = try send(store, id, .acknowledgement).text
        #expect(text.contains("Dear {{reasons}} {{time_limits_position}},"))
    }

    @Test func aHoldingResponseMovesThePaymentServicesClock() throws {
        let (store, _) = try store()
        let id = try open(store, kind: "payment_complaint")
        let before = try send(store, id, .acknowledgement).text
        #expect(before.contains("final response by 4 July 2025"))   // 15 business days after Sun 15 June 2025
        let holding = try send(store, id, .holdingResponse, at: 3).text
        #expect(holding.contains("final response by 1 August 2025"))   // 35 business days, once it is sent
        let after = try send(store, id, .acknowledgement, at: 4).text
        #expect(after.contains("final response by 1 August 2025"))
    }

    @Test func aHoldingResponseRecordsTheDateItPromised() throws {
        let (store, _) = try store()
        let id = try open(store)
        let holding = LetterRequest(kind: .holdingResponse, reasons: "Checking the meter.")
        #expect(throws: StoreError.refused(FinalResponseDueRefusal.dateNeeded.description)) {
            try store.sendLetter(caseID: id, request: holding, actor: "tom", now: .set(Fixtures.minutes(2)))
        }
        var dated = holding
        dated.expected = LocalDate("2025-09-30")
        let sent = try store.sendLetter(caseID: id, request: dated, actor: "tom", now: .set(Fixtures.minutes(2)))
        #expect(sent.text.contains("final response by 30 September 2025"))
        let payload = try store.query { try $0.events(caseID: id) }.last?.payload ?? ""
        #expect(payload.contains("\"expected_final_response\":\"2025-09-30\""), "\(payload)")
        // Other letters keep the bytes they always had.
        let ack = try send(store, id, .acknowledgement, at: 3)
        #expect(ack.text.contains("final response by"))
        #expect(try store.query { try $0.events(caseID: id) }.last?.payload.contains("expected_final_response") == false)
        #expect(try store.verifyChain().isIntact)
    }

    @Test func theRecordIsRebuiltAndATamperedLetterIsFound() throws {
        let (store, _) = try store()
        let id = try open(store)
        let sent = try send(store, id, .finalResponse, outcome: .upheld)
        try resolve(store, id)
        #expect(try store.verifyChain().isIntact)
        // Claiming another letter was sent breaks the chain where it was changed.
        try store.executeRaw("UPDATE events SET payload = replace(payload, '\(sent.sha256)', '\(String(repeating: "0", count: 64))') "
                             + "WHERE kind = 'letter_sent'")
        let result = try store.verifyChain()
        #expect(!result.isIntact)
        #expect(result.firstBad != nil)
    }
}
