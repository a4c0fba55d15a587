/// Lists stored in a column as canonical JSON arrays: flags as strings, a case's event seqs
/// as numbers (which SQL can also read, with `json_each`).
enum StoredList {
    static func encode(_ items: [String]) -> String { JSONValue.strings(items).canonicalString }

    static func decode(_ text: String) -> [String] {
        if text == "[]" { return [] }
        return ((try? JSONValue.parse(text))?.array ?? []).compactMap(\.string)
    }

    static func encode(_ numbers: [Int64]) -> String { JSONValue.array(numbers.map(JSONValue.int)).canonicalString }

    static func decodeNumbers(_ text: String) -> [Int64] {
        text.utf8.split { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: ",") }
            .compactMap { Int64(String(decoding: $0, as: UTF8.self)) }
    }
}
