/// Lists stored in a column as canonical JSON arrays: flags as strings, a case's event seqs
/// as numbers (which SQL can also read, with `json_each`).
enum StoredList {
    static func encode(_ items: [String]) -> String { JSONValue.strings(items).canonicalString }

    static func decode(_ text: String) -> [String] {
        strings(text) ?? []
    }

    /// The strings of a stored list, or nil when the text is not a JSON array of strings
    /// (a column edited by hand).
    static func strings(_ text: String) -> [String]? {
        if text == "[]" { return [] }
        guard let items = (try? JSONValue.parse(text))?.array else { return nil }
        let strings = items.compactMap(\.string)
        return strings.count == items.count ? strings : nil
    }

    /// The numbers of a stored list, or nil when the text is not a JSON array of integers.
    static func numbers(_ text: String) -> [Int64]? {
        let quick = decodeNumbers(text)
        if encode(quick) == text { return quick }
        guard let items = (try? JSONValue.parse(text))?.array else { return nil }
        let numbers = items.compactMap(\.int)
        return numbers.count == items.count ? numbers : nil
    }

    static func encode(_ numbers: [Int64]) -> String { JSONValue.array(numbers.map(JSONValue.int)).canonicalString }

    static func decodeNumbers(_ text: String) -> [Int64] {
        text.utf8.split { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ",") }
            .compactMap { Int64(String(decoding: $0, as: UTF8.self)) }
    }
}
