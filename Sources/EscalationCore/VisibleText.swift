/// Whether free text has anything in it a reader can see. A rationale, note or name made
/// only of spaces, line breaks, zero-width characters (U+200B–U+200D, U+2060, U+FEFF) or
/// other format and default-ignorable characters reads as blank on every screen, so the
/// record would hold a "reason" that says nothing.
public enum VisibleText {
    /// True when at least one character of `text` shows as something on a screen or page.
    public static func hasVisibleCharacter(_ text: String) -> Bool {
        // Nearly all text has a printable ASCII character, usually the first: no scalar walk.
        for byte in text.utf8 where byte > 0x20 && byte < 0x7F { return true }
        return text.unicodeScalars.contains { isVisible($0) }
    }

    /// A scalar that draws something: not white space, not a control, not a format
    /// character (general category Cf: zero-width space and joiners, bidi marks, the BOM),
    /// not default-ignorable (variation selectors, Hangul fillers, U+2060 word joiner…),
    /// and not one of the characters fonts draw as an empty cell.
    public static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint { return false }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .spaceSeparator, .lineSeparator, .paragraphSeparator: return false
        default: break
        }
        return !blankGlyphs.contains(scalar.value)
    }

    /// Assigned, printable characters whose glyph is empty: the Braille blank, the Hangul
    /// fillers (also default-ignorable) and the halfwidth Hangul filler.
    static let blankGlyphs: Set<UInt32> = [0x2800, 0x115F, 0x1160, 0x3164, 0xFFA0]
}
