import ArgumentParser
import Foundation

/// BSD sysexits codes, the contract every command exits with.
enum Sysexit {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let unavailable = ExitCode(69)
    static let notPermitted = ExitCode(77)
}

/// Writes a one-sentence error to stderr and yields the exit code to throw, so every
/// failure reads the same: `escdesk: <sentence>`.
func failure(_ message: String, _ code: ExitCode) -> ExitCode {
    printError("escdesk: " + message)
    return code
}

/// Prints an Encodable value as pretty JSON on stdout (and nothing else).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // One style for every command's JSON: snake_case keys and ISO 8601 times.
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    let data = JSONText.terminalSafe(try encoder.encode(value))
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// JSON that is also safe on a terminal. JSONEncoder escapes C0 controls but writes C1
/// controls (U+0080–U+009F), DEL and bidi controls as they are; outside strings JSON is
/// ASCII, so writing each of those as a `\uXXXX` escape keeps the document and its values
/// exactly the same.
enum JSONText {
    static func terminalSafe(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: needsEscape) else { return data }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
