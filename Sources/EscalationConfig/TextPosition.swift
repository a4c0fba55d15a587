/// Where an offset falls in a file, as `line:column` (both from 1, columns in characters as
/// the YAML parser counts them), so a problem found by byte or character offset (a byte that
/// is not UTF-8, the size limit, a character YAML refuses) is reported where an editor shows it.
struct TextPosition: Equatable {
    let line: Int
    let column: Int

    /// The position of the byte at `offset` (from 0) of UTF-8 bytes, which need not be valid
    /// UTF-8: a column counts every byte that starts a character (not a continuation byte).
    static func of(byteOffset offset: Int, in bytes: some Collection<UInt8>) -> TextPosition {
        var line = 1, column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TextPosition(line: line, column: column)
    }

    /// The position of the character at `offset` (from 0) of the text.
    static func of(characterOffset offset: Int, in text: String) -> TextPosition {
        var line = 1, column = 1
        for character in text.prefix(max(0, offset)) {
            if character.isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return TextPosition(line: line, column: column)
    }
}
