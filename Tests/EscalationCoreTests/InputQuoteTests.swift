import Foundation
import Testing
@testable import EscalationCore

/// How much of a person's input an error sentence quotes: at most 80 characters.
@Suite struct InputQuoteTests {
    @Test func shortInputIsQuotedWhole() {
        #expect(InputQuote.clip("C-000001") == "C-000001")
        #expect(InputQuote.clip(String(repeating: "a", count: 80)) == String(repeating: "a", count: 80))
        #expect(InputQuote.clip("") == "")
    }

    @Test func longInputIsClippedToEightyCharacters() {
        let clipped = InputQuote.clip(String(repeating: "a", count: 10_000))
        #expect(clipped == String(repeating: "a", count: 79) + "…")
        #expect(clipped.unicodeScalars.count == 80)
        // One letter under ten thousand combining marks is one Character but 10,001 scalars.
        let zalgo = InputQuote.clip("a" + String(repeating: "\u{0301}", count: 10_000))
        #expect(zalgo.unicodeScalars.count == 80)
    }

    @Test func errorSentencesQuoteAtMostEightyCharacters() {
        let long = String(repeating: "9", count: 10_000)
        let sentences = [
            MoneyParseError.notANumber(long).description, MoneyParseError.negative(long).description,
            MoneyParseError.tooManyDecimals(long, currency: .gbp).description, MoneyParseError.tooLarge(long).description,
            DecisionInputError.unknownRole(long, known: ["agent"]).description,
            DecisionInputError.unknownAction(long, known: ["refund"]).description,
            DecisionInputError.amountMissing(action: long).description,
            DecisionInputError.amountOnPermission(action: long).description,
            DecisionInputError.currencyMismatch(action: long, expected: "GBP", got: "EUR").description,
        ]
        for sentence in sentences {
            #expect(sentence.count < 300, "\(sentence.prefix(120))")
            #expect(!sentence.contains(String(repeating: "9", count: 81)))
        }
    }
}
