import Testing
@testable import EscalationCore

@Suite struct MoneyTests {
    let gbp = Currency.gbp
    let jpy = Currency.named("JPY")!

    @Test(arguments: ["50", "50.0", "50.00", "£50.00", "GBP 50", " 50 "])
    func parsesWholeAndDecimalForms(_ text: String) throws {
        #expect(try Money.parse(text, currency: gbp).minor == 5000)
    }

    @Test func parsesGroupedThousands() throws {
        #expect(try Money.parse("1,234.50", currency: gbp).minor == 123_450)
    }

    @Test func refusesMoreDecimalsThanTheCurrencyHas() {
        #expect(throws: MoneyParseError.tooManyDecimals("50.001", currency: gbp)) {
            try Money.parse("50.001", currency: gbp)
        }
        #expect(throws: MoneyParseError.tooManyDecimals("10.5", currency: jpy)) {
            try Money.parse("10.5", currency: jpy)
        }
    }

    @Test(arguments: ["", "abc", "5.", ".5x", "1,23", "12,3456", "1e5", "NaN", "5..0", "0x10"])
    func refusesWhatIsNotAnAmount(_ text: String) {
        #expect(throws: MoneyParseError.self) { try Money.parse(text, currency: gbp) }
    }

    @Test func refusesNegativesAndHugeAmounts() {
        #expect(throws: MoneyParseError.negative("-5")) { try Money.parse("-5", currency: gbp) }
        #expect(throws: MoneyParseError.tooLarge("9999999999999999")) {
            try Money.parse("9999999999999999", currency: gbp)
        }
    }

    @Test func formatsWithSymbolAndGrouping() {
        #expect(Money(minor: 123_450, currency: gbp).formatted == "£1,234.50")
        #expect(Money(minor: 1_000, currency: Currency.named("EUR")!).formatted == "€10.00")
        #expect(Money(minor: 1_234, currency: jpy).formatted == "¥1,234")
        #expect(Money(minor: 5, currency: gbp).formatted == "£0.05")
        #expect(Money(minor: 100_000_000, currency: gbp).formatted == "£1,000,000.00")
        #expect(Money(minor: 1_200, currency: Currency.named("CHF")!).formatted == "CHF 12.00")
        #expect(Money(minor: 1_500, currency: Currency.named("BHD")!).plain == "1.500")
        #expect(Money(minor: 123_405, currency: gbp).plain == "1234.05")
    }
}
