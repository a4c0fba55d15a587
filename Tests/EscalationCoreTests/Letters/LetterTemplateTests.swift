import Foundation
import Testing
@testable import EscalationCore

@Suite struct LetterTemplateTests {
    static let position = "We do not consent to late referrals."

    static func facts(name: String? = "Ada Lovelace", reasons: String = "Because.") -> LetterFacts {
        LetterFacts(organisation: "Northwind Energy", customerName: name, caseID: "C-000042",
                    received: LocalDate(year: 2026, month: 12, day: 23)!, today: LocalDate(year: 2027, month: 1, day: 4)!,
                    handlerName: "Priya Shah", summaryResolutionDue: LocalDate(year: 2026, month: 12, day: 30)!,
                    finalResponseDue: LocalDate(year: 2027, month: 2, day: 17)!, outcome: .partlyUpheld, reasons: reasons,
                    remediesGranted: ["Refund £40.00", "Goodwill credit £10.00"], timeLimitsPosition: position)
    }

    @Test func fieldsAreFilledInWithDatesInWords() throws {
        let t = try LetterTemplate(kind: .finalResponse, text: """
            Dear {{customer_name}}, re {{ case_id }} received {{received_date}}: {{outcome}}.
            Granted: {{remedies_granted}}. Due {{final_response_due}}; today {{today}}. {{time_limits_position}}
            """)
        let text = LetterRenderer.render(t, facts: Self.facts(), format: .text)
        #expect(text == """
            Dear Ada Lovelace, re C-000042 received 23 December 2026: partly upheld.
            Granted: Refund £40.00; Goodwill credit £10.00. Due 17 February 2027; today 4 January 2027. \(Self.position)

            """)
        #expect(t.fields == [.customerName, .caseID, .receivedDate, .outcome, .remediesGranted, .finalResponseDue, .today,
                             .timeLimitsPosition])
    }

    @Test func anUnknownFieldIsRefusedAtItsLineAndColumn() {
        #expect(throws: LetterTemplateError(line: 2, column: 6, message: "{{custmer_name}} is not a letter field; use one of: "
            + LetterKind.acknowledgement.fields.map(\.rawValue).joined(separator: ", "))) {
            try LetterTemplate(kind: .acknowledgement, text: "Hello\nDear {{custmer_name}},\n")
        }
    }

    @Test func aFieldTheKindMayNotUseIsRefused() {
        do {
            _ = try LetterTemplate(kind: .acknowledgement, text: "Your complaint is {{outcome}}.")
            Issue.record("accepted {{outcome}} in an acknowledgement")
        } catch {
            #expect(error.line == 1 && error.column == 19)
            #expect(error.message.hasPrefix("{{outcome}} cannot be used in the acknowledgement letter"))
        }
    }

    @Test func anUnclosedFieldIsRefusedWhereItOpens() {
        do {
            _ = try LetterTemplate(kind: .finalResponse, text: "Dear {{customer_name}},\nRef {{case_id\n}}")
            Issue.record("accepted an unclosed field")
        } catch {
            #expect(error.line == 2 && error.column == 5)
            #expect(error.message.contains("not closed"))
        }
    }

    @Test func aStrayCloseAControlCharacterAndAnEmptyTemplateAreRefused() {
        #expect(throws: LetterTemplateError.self) { try LetterTemplate(kind: .acknowledgement, text: "Dear }} you") }
        do {
            _ = try LetterTemplate(kind: .acknowledgement, text: "ok\nbad \u{1B}[31m")
            Issue.record("accepted an escape")
        } catch {
            #expect(error.line == 2 && error.column == 5 && error.message.contains("U+001B"))
        }
        #expect(throws: LetterTemplateError.self) { try LetterTemplate(kind: .acknowledgement, text: " \n ") }
    }

    @Test func windowsLineEndingsReadAsOne() throws {
        let t = try LetterTemplate(kind: .acknowledgement, text: "Dear {{customer_name}},\r\nThanks.\r\n")
        #expect(LetterRenderer.render(t, facts: Self.facts(), format: .text) == "Dear Ada Lovelace,\nThanks.\n")
    }

    @Test func customerTextCannotCarryEscapesOrMarkupIntoTheLetter() throws {
        let t = try LetterTemplate(kind: .finalResponse, text: "Dear {{customer_name}},\n\n{{reasons}}\n")
        let facts = Self.facts(name: "<script>alert('x')</script>\u{1B}[2J\u{202E}evil & co",
                               reasons: "Line one\nLine \"two\"\u{07}\u{9B}31m")
        let text = LetterRenderer.render(t, facts: facts, format: .text)
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { $0.value == 0x202E })
        #expect(text == "Dear <script>alert('x')</script>[2Jevil & co,\n\nLine one\nLine \"two\"31m\n")
        let html = LetterRenderer.render(t, facts: facts, format: .html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("<p>Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;[2Jevil &amp; co,</p>"))
        #expect(html.contains("<p>Line one<br>\nLine &quot;two&quot;31m</p>"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(!html.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    }

    @Test func anErasedCustomerIsAddressedWithoutAName() throws {
        let t = try LetterTemplate(kind: .acknowledgement, text: "Dear {{customer_name}},")
        #expect(LetterRenderer.render(t, facts: Self.facts(name: nil), format: .text) == "Dear Customer,\n")
    }
}

@Suite struct LetterContentTests {
    static let position = LetterTemplateTests.position

    static func book(final: String? = nil, summary: String? = nil) throws -> LetterBook {
        let shipped = LetterBook.shipped
        var templates = shipped.templates
        if let final { templates[3] = try LetterTemplate(kind: .finalResponse, text: final) }
        if let summary { templates[1] = try LetterTemplate(kind: .summaryResolution, text: summary) }
        return try LetterBook(templates: templates, timeLimitsPosition: position)
    }

    @Test func theShippedLettersSayWhatTheLawRequires() throws {
        #expect(LetterBook.shipped.missingContent().isEmpty)
        #expect(try Self.book().missingContent().isEmpty)
    }

    @Test func aFinalResponseMustGiveTheOmbudsmanTheSixMonthsAndTheTimeLimitsPosition() throws {
        let bare = try Self.book(final: "Dear {{customer_name}}, your complaint is {{outcome}}.")
        let missing = bare.missingContent()
        #expect(missing.count == 1 && missing[0].kind == .finalResponse)
        #expect(missing[0].missing == [.ombudsmanReferral, .ombudsmanWebsite, .ombudsmanLeaflet, .sixMonths, .timeLimitsPosition])
        let almost = try Self.book(final: """
            You may refer your complaint to the Financial Ombudsman Service within six
            months; see https://www.financial-ombudsman.org.uk and the enclosed leaflet.
            """)
        #expect(almost.missingContent().first?.missing == [.timeLimitsPosition])
    }

    @Test func aSummaryResolutionMustGiveTheReferralRight() throws {
        let book = try Self.book(summary: "Resolved: {{outcome}}. {{time_limits_position}}")
        #expect(book.missingContent().first?.missing == [.ombudsmanReferral, .ombudsmanWebsite])
        #expect(book.missingContent().first?.kind == .summaryResolution)
    }

    @Test func customerTextCannotSupplyWhatTheTemplateLeftOut() throws {
        // The check of a sent letter sees the whole text; the configuration check renders
        // sample facts, so a template only passes on its own words.
        let facts = LetterFacts.sample(timeLimitsPosition: Self.position)
        for field in LetterField.allCases {
            let value = facts.value(field).lowercased()
            if field == .timeLimitsPosition { continue }
            #expect(!value.contains("ombudsman") && !value.contains("leaflet") && !value.contains("six months"))
        }
    }

    @Test func aBookNeedsEveryKindAndAPosition() throws {
        #expect(throws: LetterBookError.missingTemplates([.holdingResponse])) {
            try LetterBook(templates: LetterBook.shipped.templates.filter { $0.kind != .holdingResponse },
                           timeLimitsPosition: Self.position)
        }
        #expect(throws: LetterBookError.noTimeLimitsPosition) {
            try LetterBook(templates: LetterBook.shipped.templates, timeLimitsPosition: " \u{200B} ")
        }
    }
}

@Suite struct StoredLetterTemplateTests {
    @Test func aStoredTemplateReadsBackAsItWasAndOneThatNoLongerParsesPrintsCleaned() throws {
        let t = try LetterTemplate(kind: .acknowledgement, text: "Dear {{customer_name}},\n")
        let data = try JSONEncoder().encode(t)
        #expect(String(decoding: data, as: UTF8.self).contains("\"text\""))
        #expect(try JSONDecoder().decode(LetterTemplate.self, from: data) == t)
        let odd = #"{"kind":"acknowledgement","text":"Hi {{outcome}} \u001b[2J"}"#
        let read = try JSONDecoder().decode(LetterTemplate.self, from: Data(odd.utf8))
        #expect(read.pieces == [.text("Hi {{outcome}} [2J")])
    }
}
