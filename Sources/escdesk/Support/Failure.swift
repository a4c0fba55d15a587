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

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints an Encodable value as pretty JSON on stdout (and nothing else).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // One style for every command's JSON: snake_case keys and ISO 8601 times.
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
