import EscalationCore
@testable import EscalationStore
import Foundation
import Testing

/// A refusal quotes at most 80 characters of any input, however much was typed.
@Suite struct StoreRefusalTextTests {
    @Test func refusalsQuoteAtMostEightyCharactersOfInput() {
        let long = String(repeating: "Z", count: 10_000)
        let errors: [StoreError] = [
            .unknownLogin(long), .unknownStaff(long), .unknownCustomer(long), .duplicateCustomer(long),
            .customerErased(long), .unknownCase(long), .invalidValue(field: "channel", value: long, allowed: ["phone"]),
            .decisionInput(.unknownAction(long, known: ["refund"])),
        ]
        for error in errors {
            #expect(error.description.count < 200, "\(error.description.prefix(100))")
            #expect(error.description.contains(String(repeating: "Z", count: 79) + "…"))
        }
    }
}
