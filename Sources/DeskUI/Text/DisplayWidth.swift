import CNcurses

#if canImport(Glibc)
import Glibc
#endif

/// What one terminal cell shows: a spacing character plus any zero-width characters (combining
/// marks, joiners, variation selectors) that ride on it, and how many columns it takes (1 or 2).
public struct Glyph: Hashable, Sendable {
    /// The characters drawn in the cell.
    public var text: String
    /// Columns occupied: 1, or 2 for wide (CJK, most emoji) characters.
    public var width: Int
}

/// Column widths measured with the C library's `wcwidth`, the same table ncurses uses to place
/// characters, so the buffer and the real screen always agree (never `String.count`).
public enum DisplayWidth {
    /// A UTF-8 LC_CTYPE used only while measuring, so widths are right even before (or without)
    /// `setlocale`, as in tests. Created once; nil if the system lacks C.UTF-8.
    nonisolated(unsafe) private static let utf8Locale: locale_t? = cn_new_utf8_ctype_locale()

    /// The placeholder drawn for a character the terminal cannot print (wcwidth -1).
    public static let unprintable = "\u{FFFD}"

    /// The base a lone combining mark is drawn on, as Unicode charts do (◌́).
    public static let dottedCircle = "\u{25CC}"

    /// `wcwidth` of one scalar: 1 or 2 for spacing characters, 0 for zero-width, -1 for unprintable.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        return Int(cn_wcwidth_in(utf8Locale, wchar_t(bitPattern: scalar.value)))
    }

    /// Columns `text` occupies when drawn (the sum of its glyph widths).
    public static func of(_ text: String) -> Int {
        var total = 0
        var sawBase = false
        for scalar in text.unicodeScalars {
            let width = of(scalar)
            if width > 0 {
                total += width
                sawBase = true
            } else if width < 0 || !sawBase {
                total += 1
                sawBase = true
            }
        }
        return total
    }

    /// Splits text into cells the way ncurses places it: each spacing character starts a cell,
    /// zero-width characters join the cell before them. Unprintable characters become `�`, and a
    /// zero-width character with nothing before it is drawn on `◌`, so no cell is ever empty.
    public static func glyphs(_ text: String) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let width = of(scalar)
            if width > 0 {
                result.append(Glyph(text: String(scalar), width: width))
            } else if width < 0 {
                result.append(Glyph(text: unprintable, width: 1))
            } else if result.isEmpty {
                result.append(Glyph(text: dottedCircle + String(scalar), width: 1))
            } else {
                result[result.count - 1].text.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
