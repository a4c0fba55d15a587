import DeskUI
import EscalationCore
import Foundation

/// The one way escdesk writes text for people: every line goes through the desk's
/// `TextSanitiser`, so nothing a customer, a configuration file or a command line put into
/// it (ESC sequences, C0 and C1 controls, bidi overrides) can act on the terminal that reads
/// it. Line breaks between lines are kept; `--json` output does not come here (`printJSON`).
enum Output {
    enum Stream {
        case standardOutput, standardError

        var handle: FileHandle { self == .standardOutput ? .standardOutput : .standardError }
    }

    /// Writes the text, sanitised line by line, and a final line break.
    static func write(_ text: String, to stream: Stream) {
        stream.handle.write(Data((safe(text) + "\n").utf8))
    }

    /// The text as it may reach a terminal: each line sanitised, the line breaks kept.
    static func safe(_ text: String) -> String {
        TextSanitiser.lines(text).joined(separator: "\n")
    }

    /// ArgumentParser's own messages quote arguments whole ("Unknown option '--…'"): each
    /// argument, and each side of an `--option=value`, longer than `InputQuote.limit` is
    /// clipped wherever the message quotes it.
    static func clippingArguments(_ message: String, _ arguments: [String]) -> String {
        var long = Set<String>()
        for argument in arguments {
            var pieces = [argument]
            if let equals = argument.firstIndex(of: "=") {
                pieces += [String(argument[..<equals]), String(argument[argument.index(after: equals)...])]
            }
            for piece in pieces where piece.unicodeScalars.count > InputQuote.limit { long.insert(piece) }
        }
        var clipped = message
        for piece in long.sorted(by: { $0.unicodeScalars.count > $1.unicodeScalars.count }) {
            clipped = clipped.replacingOccurrences(of: piece, with: InputQuote.clip(piece))
        }
        return clipped
    }
}

/// Writes a line to standard output, sanitised (`Output`). Declared in this module, it is the
/// `print` every command calls: none of them can print untrusted text raw by accident.
func print(_ text: String) {
    Output.write(text, to: .standardOutput)
}

/// Writes a line to standard error, sanitised (`Output`).
func printError(_ text: String) {
    Output.write(text, to: .standardError)
}
