/// A currency as the matrix sees it: its ISO 4217 code, how many minor units it has, and
/// the symbol a person expects to read. Amounts are never binary floating point.
public struct Currency: Sendable, Hashable, Codable {
    public let code: String
    /// Digits after the decimal point: 2 for GBP, 0 for JPY, 3 for BHD.
    public let minorUnits: Int
    public let symbol: String?

    public init(code: String, minorUnits: Int, symbol: String?) {
        self.code = code
        self.minorUnits = minorUnits
        self.symbol = symbol
    }

    /// The ISO 4217 currencies the desk knows, by code.
    public static func named(_ code: String) -> Currency? {
        known[code]
    }

    public static let gbp = Currency(code: "GBP", minorUnits: 2, symbol: "£")

    private static let known: [String: Currency] = {
        let table: [(String, Int, String?)] = [
            ("GBP", 2, "£"), ("EUR", 2, "€"), ("USD", 2, "$"), ("JPY", 0, "¥"),
            ("CHF", 2, nil), ("SEK", 2, nil), ("NOK", 2, nil), ("DKK", 2, nil),
            ("PLN", 2, nil), ("CZK", 2, nil), ("HUF", 2, nil), ("CAD", 2, nil),
            ("AUD", 2, nil), ("NZD", 2, nil), ("INR", 2, "₹"), ("CNY", 2, nil),
            ("HKD", 2, nil), ("SGD", 2, nil), ("ZAR", 2, nil), ("KRW", 0, "₩"),
            ("ISK", 0, nil), ("BHD", 3, nil), ("KWD", 3, nil), ("OMR", 3, nil),
            ("JOD", 3, nil), ("TND", 3, nil),
        ]
        var map: [String: Currency] = [:]
        for (code, units, symbol) in table {
            map[code] = Currency(code: code, minorUnits: units, symbol: symbol)
        }
        return map
    }()

    /// 10^minorUnits: how many minor units make one major unit.
    public var scale: Int64 {
        var s: Int64 = 1
        for _ in 0..<minorUnits { s *= 10 }
        return s
    }
}

/// Why a written amount was not accepted.
public enum MoneyParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case negative(String)
    case tooManyDecimals(String, currency: Currency)
    case tooLarge(String)

    /// The amount as typed, as much of it as a sentence quotes.
    private var typed: String {
        switch self {
        case .empty: return ""
        case .notANumber(let text), .negative(let text), .tooManyDecimals(let text, _), .tooLarge(let text):
            return InputQuote.clip(text)
        }
    }

    public var description: String {
        switch self {
        case .empty:
            return "an amount is empty; write it like 50 or 50.00"
        case .notANumber:
            return "\"\(typed)\" is not an amount; write it like 50 or 50.00"
        case .negative:
            return "amount \(typed) is negative; amounts must be zero or more"
        case .tooManyDecimals(_, let currency):
            if currency.minorUnits == 0 {
                return "amount \(typed) has decimal places, but \(currency.code) has no minor units"
            }
            return "amount \(typed) has more than \(currency.minorUnits) decimal places, the most \(currency.code) has"
        case .tooLarge:
            return "amount \(typed) is too large"
        }
    }
}

/// An exact amount of money in one currency, held as an integer count of minor units.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in minor units (pence for GBP, yen for JPY).
    public let minor: Int64
    public let currency: Currency

    public init(minor: Int64, currency: Currency) {
        self.minor = minor
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minor: 0, currency: currency) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minor < rhs.minor }

    /// The sum, or nil when it cannot be represented (never wrapped round).
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = minor.addingReportingOverflow(other.minor)
        return overflow ? nil : Money(minor: sum, currency: currency)
    }

    /// Parses "50", "50.0", "50.00", "1,234.50" or "£50.00"; refuses more decimal places than
    /// the currency has, negatives, and anything that is not a plain decimal.
    public static func parse(_ raw: String, currency: Currency) throws(MoneyParseError) -> Money {
        var text = Substring(raw.trimmingSpaces())
        if text.isEmpty { throw .empty }
        if text.hasPrefix("-") { throw .negative(raw) }
        if let symbol = currency.symbol, text.hasPrefix(symbol) { text = text.dropFirst(symbol.count) }
        else if text.hasPrefix(currency.code) { text = text.dropFirst(currency.code.count).drop(while: { $0 == " " }) }
        if text.hasPrefix("-") { throw .negative(raw) }
        if text.hasPrefix("+") { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first else { throw .notANumber(raw) }
        let fraction = parts.count == 2 ? parts[1] : ""
        if parts.count == 2 && fraction.isEmpty { throw .notANumber(raw) }
        guard !wholeText.isEmpty, Money.isGroupedDigits(wholeText) else { throw .notANumber(raw) }
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notANumber(raw) }
        // Trailing zeros beyond the currency's precision are still more decimals than it has.
        if fraction.count > currency.minorUnits { throw .tooManyDecimals(raw, currency: currency) }
        let digits = wholeText.filter { $0 != "," }
        let significant = digits.drop(while: { $0 == "0" })
        if significant.count > 15 { throw .tooLarge(raw) }
        var minor: Int64 = 0
        for ch in digits { minor = minor * 10 + Int64(ch.wholeNumberValue!) }
        var fractionValue: Int64 = 0
        for ch in fraction { fractionValue = fractionValue * 10 + Int64(ch.wholeNumberValue!) }
        for _ in fraction.count..<currency.minorUnits { fractionValue *= 10 }
        return Money(minor: minor * currency.scale + fractionValue, currency: currency)
    }

    private static func isGroupedDigits(_ text: Substring) -> Bool {
        guard text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "," }) else { return false }
        guard text.contains(",") else { return true }
        let groups = text.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// "£1,234.50", "€10.00", "¥1,234", or "CHF 12.00" for a currency without a symbol.
    public var formatted: String {
        withFormattedUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Lends the formatted amount's UTF-8 bytes, built right to left in a small stack
    /// buffer: amounts appear in every reason sentence, so no allocation is made here.
    @inline(__always)
    func withFormattedUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> R in
            var i = buffer.count
            func put(_ byte: UInt8) { i -= 1; buffer[i] = byte }
            var value = minor.magnitude
            for _ in 0..<currency.minorUnits {
                put(UInt8(ascii: "0") + UInt8(value % 10))
                value /= 10
            }
            if currency.minorUnits > 0 { put(UInt8(ascii: ".")) }
            var digits = 0
            repeat {
                if digits > 0 && digits % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(value % 10))
                value /= 10
                digits += 1
            } while value > 0
            if let symbol = currency.symbol {
                for byte in symbol.utf8.reversed() { put(byte) }
            } else {
                put(UInt8(ascii: " "))
                for byte in currency.code.utf8.reversed() { put(byte) }
            }
            if minor < 0 { put(UInt8(ascii: "-")) }
            return body(UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }

    /// The plain decimal form used in JSON and configuration: "1234.50".
    public var plain: String {
        let scale = currency.scale
        guard currency.minorUnits > 0 else { return String(minor) }
        var fractionDigits = String(minor % scale)
        while fractionDigits.count < currency.minorUnits { fractionDigits = "0" + fractionDigits }
        return String(minor / scale) + "." + fractionDigits
    }

    public var description: String { formatted }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Foundation-free).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
