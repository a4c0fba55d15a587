/// Word wrapping by display width, for messages in dialogs, notes and the too-small notice,
/// where a CJK word must not be split across two cells or overflow the box.
public enum TextWrap {
    /// Sanitises `text` and breaks it into lines of at most `width` columns, at spaces where
    /// possible and inside a word only when the word alone is wider than the line; a line that
    /// fits is kept as it is.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in TextSanitiser.lines(text) {
            result += wrapLine(paragraph, width: width)
        }
        return result
    }

    private static func wrapLine(_ line: String, width: Int) -> [String] {
        // A line that fits is kept as written, its spacing included ("escalated  ·  claimed").
        if DisplayWidth.of(line) <= width { return [line] }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in line.split(separator: " ", omittingEmptySubsequences: true) {
            let glyphs = DisplayWidth.glyphs(String(word))
            let wordWidth = glyphs.reduce(0) { $0 + $1.width }
            let needed = currentWidth == 0 ? wordWidth : currentWidth + 1 + wordWidth
            if needed <= width {
                if currentWidth > 0 { current += " " }
                current += word
                currentWidth = needed
                continue
            }
            if currentWidth > 0 {
                lines.append(current)
                current = ""
                currentWidth = 0
            }
            for glyph in glyphs {
                if currentWidth > 0 && currentWidth + glyph.width > width {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                current += glyph.text
                currentWidth += glyph.width
            }
        }
        lines.append(current)
        return lines
    }
}
