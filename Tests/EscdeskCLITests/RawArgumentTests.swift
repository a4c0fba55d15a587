import Foundation
import Testing

/// An argument that is not UTF-8 is refused (64) by name, never stored with U+FFFD in place
/// of what was typed.
extension TerminalSafetyTests {
    @Test func anArgumentThatIsNotUTF8IsRefusedByName() throws {
        let env = try trainingDatabase()
        let before = try events(env)
        // Process takes Strings, so the shell adds the last argument with a raw 0xFF byte.
        let withBadSummary = ["/bin/sh", "-c", #"exec "$0" "$@" "$(printf 'Charged tw\377ce')""#]
        let r = try CLI.run(["case", "open", "--customer", "ACC-1", "--as", "tom", "--summary"], environment: env,
                            launcher: withBadSummary)
        #expect(r.status == 64)
        #expect(r.stderr == "escdesk: argument 8 (after --summary) is not UTF-8 text (byte 11 is 0xFF); "
                + "write it in UTF-8 (a UTF-8 locale such as C.UTF-8 or en_GB.UTF-8 does)\n")
        let inline = try CLI.run(["case", "open", "--customer", "ACC-1", "--as", "tom"], environment: env,
                                 launcher: ["/bin/sh", "-c", #"exec "$0" "$@" "$(printf -- '--summary=\377')""#])
        #expect(inline.status == 64)
        #expect(inline.stderr.hasPrefix("escdesk: argument 7 (the value of --summary) is not UTF-8 text (byte 11 is 0xFF)"))
        #expect(try events(env) == before)
    }
}
