import EscalationCore
import Foundation
import Testing
@testable import EscalationStore

/// Free text is stored trimmed of white space at both ends (Unicode White_Space, newlines
/// included) and nothing else: inner spacing, punctuation and non-ASCII ends stay.
@Suite struct TextRulesTests {
    @Test(arguments: [
        ("Billed twice", "Billed twice"),
        ("  Billed twice \n", "Billed twice"),
        ("\u{00A0}\u{2003}Billed\u{3000}", "Billed"),
        ("\tline one\n\nline two\r\n", "line one\n\nline two"),
        ("é", "é"),
        (" é ", "é"),
        ("😀 late meter read", "😀 late meter read"),
        ("a", "a"),
        ("!", "!"),
        ("~ ~", "~ ~"),
        ("", ""),
        (" \n\t\u{2028} ", ""),
    ])
    func trimsOnlyTheEnds(text: String, expected: String) {
        #expect(FreeText.trimmed(text) == expected)
    }
}

/// Mandatory text with nothing a reader can see (blanks, zero-width and other format or
/// default-ignorable characters) is refused as empty, and nothing is written.
@Suite struct BlankTextRulesTests {
    func open(_ store: DeskStore, summary: String = "Billed twice") throws -> OpenedCase {
        try store.openCase(NewCase(customer: "CU-1", summary: summary), actor: "tom", now: Fixtures.start)
    }

    @Test(arguments: ["\u{200B}", "\u{200C}\u{200D}", " \u{2060} ", "\u{FEFF}\n\u{FEFF}", "\u{00AD}\u{3164}", "\u{180E}\t"])
    func mandatoryTextWithNothingToReadIsRefused(_ blank: String) throws {
        let store = try Fixtures.newStore().0
        try store.addCustomer(NewCustomer(id: "CU-1", name: "Jane Doe"), actor: "tom", now: Fixtures.start)
        let events = try store.eventCount()
        #expect(refusal { _ = try open(store, summary: blank) } == .emptyText(field: "summary"))
        #expect(refusal { try store.addCustomer(NewCustomer(id: "CU-9", name: blank), actor: "tom", now: Fixtures.start) }
                == .emptyText(field: "customer name"))
        let id = try open(store).id
        let afterOpen = try store.eventCount()
        #expect(refusal { try store.resolve(caseID: id, resolution: Resolution(outcome: .upheld, rationale: blank), actor: "tom",
                                            now: Fixtures.start) } == .emptyText(field: "rationale"))
        #expect(refusal { _ = try store.escalate(caseID: id, note: blank, actor: "tom", now: Fixtures.start) }
                == .emptyText(field: "note"))
        #expect(try store.eventCount() == afterOpen && afterOpen == events + 1)
        #expect(StoreError.emptyText(field: "rationale").description.hasPrefix("the rationale is empty"))
    }
}
