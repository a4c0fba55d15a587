/// Turns untrusted text (customer names, summaries, notes from the store) into text that is
/// safe to put on a terminal: nothing in it can move the cursor, change colours, set the
/// clipboard or title, or reorder what staff read.
///
/// Convention, one rule: a dangerous character becomes its Unicode Control Picture when one
/// exists, otherwise a visible code-point marker.
/// - C0 controls become control pictures (`␀` … `␟`), DEL becomes `␡`.
/// - Tab becomes one space: it is ordinary formatting in pasted notes, and expanding it to tab
///   stops would make column widths depend on position.
/// - Line breaks (LF, CR, CRLF, NEL, U+2028, U+2029) become `⏎` in single-line contexts and real
///   line breaks in `lines(_:)`; a lone CR is a line break, so it can never overwrite a line.
/// - C1 controls (U+0080–U+009F) and bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E,
///   U+200F, U+061C) become `⟨U+202E⟩`-style markers.
/// - An escape sequence is neutralised as a whole: it is parsed (CSI, OSC/DCS/SOS/PM/APC
///   strings up to BEL or ST, and two- or three-byte escapes) and shown as `␛` followed by its
///   body as inert text, with its terminator shown too (`␛[2J`, `␛]52;c;aGk=␇`). The 8-bit
///   introducers (U+009B CSI, U+009D OSC, …) are handled the same way behind their marker.
///   String payloads longer than `payloadLimit` are elided with `…`, so a hostile clipboard
///   write cannot flood a screen.
/// Every output character is printable, so sanitising is idempotent.
public enum TextSanitiser {
    /// Shown for a line break inside a single-line field.
    public static let newlineMarker = "\u{23CE}"
    /// Shown in place of ESC (Control Picture for ESCAPE).
    public static let escapeMarker = "\u{241B}"
    /// Appended by `truncate` when text is cut.
    public static let ellipsis = "\u{2026}"
    /// Longest escape-string payload shown before it is elided.
    public static let payloadLimit = 32

    /// Safe text for one line: line breaks become `⏎`.
    public static func singleLine(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        return sanitise(text, lineBreak: newlineMarker)
    }

    /// Safe text split at its line breaks, for multi-line contexts such as notes and timelines.
    public static func lines(_ text: String) -> [String] {
        sanitise(text, lineBreak: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }

    /// Columns the text takes once sanitised for a single line.
    public static func displayWidth(_ text: String) -> Int {
        DisplayWidth.of(singleLine(text))
    }

    /// The sanitised single-line text cut to at most `width` columns, ending in `…` when cut.
    /// A wide character that does not fit before the ellipsis is dropped whole, never split,
    /// so the result may be one column narrower than `width`.
    public static func truncate(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        let safe = singleLine(text)
        let glyphs = DisplayWidth.glyphs(safe)
        let total = glyphs.reduce(0) { $0 + $1.width }
        if total <= width { return safe }
        var result = ""
        var used = 0
        for glyph in glyphs {
            if used + glyph.width > width - 1 { break }
            result += glyph.text
            used += glyph.width
        }
        return result + ellipsis
    }

    // MARK: - Internals

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `⟨U+XXXX⟩` for characters with no Control Picture.
    static func codePointMarker(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\u{27E8}U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "\u{27E9}"
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || value == 0x200E || value == 0x200F || value == 0x061C
    }

    private static func isLineBreak(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x85 || value == 0x2028 || value == 0x2029
    }

    /// The visible stand-in for one control, bidi or line-break character inside an escape
    /// payload (where line breaks stay markers so the sequence stays on one line).
    private static func placeholder(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x09: return " "
        case 0x0A, 0x0D, 0x2028, 0x2029: return newlineMarker
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return codePointMarker(scalar)
        default: return isBidiControl(value) ? codePointMarker(scalar) : nil
        }
    }

    private static func sanitise(_ text: String, lineBreak: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            let value = scalar.value
            if value == 0x1B {
                i = neutraliseEscape(scalars, at: i, bodyStart: i + 1, marker: escapeMarker, into: &out)
            } else if [0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F].contains(value) {
                i = neutraliseEscape(
                    scalars, at: i, bodyStart: i, marker: codePointMarker(scalar), into: &out,
                    eightBit: true)
            } else if isLineBreak(value) {
                out += lineBreak
                i += (value == 0x0D && i + 1 < scalars.count && scalars[i + 1].value == 0x0A) ? 2 : 1
            } else if let stand = placeholder(scalar) {
                out += stand
                i += 1
            } else {
                out.unicodeScalars.append(scalar)
                i += 1
            }
        }
        return out
    }

    /// Writes the escape sequence starting at `start` as inert text and returns the index after it.
    /// For ESC, `bodyStart` is the byte after ESC; for an 8-bit introducer the introducer itself
    /// stands for ESC plus its 7-bit letter.
    private static func neutraliseEscape(
        _ s: [Unicode.Scalar], at start: Int, bodyStart: Int, marker: String,
        into out: inout String, eightBit: Bool = false
    ) -> Int {
        out += marker
        let kind: UInt32
        var j: Int
        if eightBit {
            // 0x9B CSI, 0x9D OSC, 0x90 DCS, 0x98 SOS, 0x9E PM, 0x9F APC → their 7-bit letters.
            let sevenBit: [UInt32: UInt32] = [0x9B: 0x5B, 0x9D: 0x5D, 0x90: 0x50, 0x98: 0x58, 0x9E: 0x5E, 0x9F: 0x5F]
            kind = sevenBit[s[start].value]!
            j = start + 1
        } else {
            guard bodyStart < s.count else { return bodyStart }
            kind = s[bodyStart].value
            j = bodyStart + 1
        }
        func inRange(_ k: Int, _ range: ClosedRange<UInt32>) -> Bool { k < s.count && range.contains(s[k].value) }
        switch kind {
        case 0x5B:  // CSI: parameters, intermediates, one final byte.
            while inRange(j, 0x30...0x3F) { j += 1 }
            while inRange(j, 0x20...0x2F) { j += 1 }
            if inRange(j, 0x40...0x7E) { j += 1 }
            appendInert(s[(eightBit ? start + 1 : bodyStart)..<j], into: &out)
            return j
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // String sequences, ended by BEL or ST.
            if !eightBit { out.unicodeScalars.append(s[bodyStart]) }
            var payload: [Unicode.Scalar] = []
            var terminator = ""
            while j < s.count {
                let v = s[j].value
                if v == 0x07 { terminator = "\u{2407}"; j += 1; break }
                if v == 0x9C { terminator = codePointMarker(s[j]); j += 1; break }
                if v == 0x1B && j + 1 < s.count && s[j + 1].value == 0x5C {
                    terminator = escapeMarker + "\\"; j += 2; break
                }
                payload.append(s[j])
                j += 1
            }
            appendInert(payload.prefix(payloadLimit), into: &out)
            if payload.count > payloadLimit { out += ellipsis }
            out += terminator
            return j
        case 0x20...0x2F:  // nF escapes: intermediates then a final byte (ESC ( B).
            while inRange(j, 0x20...0x2F) { j += 1 }
            if inRange(j, 0x30...0x7E) { j += 1 }
            appendInert(s[bodyStart..<j], into: &out)
            return j
        case 0x30...0x7E:  // Two-byte escapes (ESC 7, ESC c, ESC M).
            appendInert(s[bodyStart..<j], into: &out)
            return j
        default:  // A lone ESC: the marker alone; what follows is sanitised normally.
            return bodyStart
        }
    }

    /// Appends escape-sequence body text with any control inside it made visible.
    private static func appendInert<S: Sequence>(_ body: S, into out: inout String) where S.Element == Unicode.Scalar {
        for scalar in body {
            if scalar.value == 0x1B {
                out += escapeMarker
            } else if let stand = placeholder(scalar) {
                out += stand
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
}
