import Foundation

/// ISO 8601 times as people type them: with or without seconds' fractions, `Z` or an offset.
/// Years run from 1970 to 9999: a longer year overflows the formatter into some other date
/// (292277026 read as 1697465), and a contact or clock before 1970 is a slip of the keys.
public enum ISOTime {
    public static func parse(_ text: String) -> Date? {
        let digits = text.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), text.dropFirst(4).first == "-",
              let year = Int(digits), year >= 1970 else { return nil }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
                                                      [.withFullDate]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
