import Testing
@testable import DeskUI

/// Untrusted text must come out printable, with every dangerous character visible.
@Suite struct TextSanitiserTests {
    /// True when no scalar in `text` could drive a terminal or reorder text.
    func isInert(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            let v = s.value
            return !(v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C)
        }
    }

    @Test func plainTextIsUnchanged() {
        #expect(TextSanitiser.singleLine("Refund £75.00 for Zoë") == "Refund £75.00 for Zoë")
    }

    @Test func c0ControlsBecomeControlPictures() {
        #expect(TextSanitiser.singleLine("a\u{0}b\u{7}c\u{8}d") == "a␀b␇c␈d")
        #expect(TextSanitiser.singleLine("x\u{1F}y\u{7F}") == "x␟y␡")
    }

    @Test func tabBecomesOneSpace() {
        #expect(TextSanitiser.singleLine("a\tb") == "a b")
    }

    @Test func lineBreaksInSingleLineContextsBecomeMarkers() {
        #expect(TextSanitiser.singleLine("one\ntwo\r\nthree\rfour") == "one⏎two⏎three⏎four")
        #expect(TextSanitiser.singleLine("a\u{2028}b\u{85}c") == "a⏎b⏎c")
    }

    @Test func multiLineContextsKeepLineBreaksButNotCarriageReturnOverwrites() {
        #expect(TextSanitiser.lines("one\r\ntwo\rthree") == ["one", "two", "three"])
    }

    @Test func c1ControlsBecomeCodePointMarkers() {
        #expect(TextSanitiser.singleLine("a\u{80}b\u{9A}c") == "a⟨U+0080⟩b⟨U+009A⟩c")
    }

    @Test(arguments: [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C])
    func bidiControlsBecomeCodePointMarkers(value: Int) {
        let scalar = Unicode.Scalar(UInt32(value))!
        let hex = String(value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: 4 - hex.count) + hex
        #expect(TextSanitiser.singleLine("a\(Character(scalar))b") == "a⟨U+\(padded)⟩b")
    }

    @Test func rightToLeftOverrideCannotReverseAnAmount() {
        let hostile = "refund \u{202E}00.5£\u{202C} ok"
        let safe = TextSanitiser.singleLine(hostile)
        #expect(safe == "refund ⟨U+202E⟩00.5£⟨U+202C⟩ ok")
        #expect(isInert(safe))
    }

    @Test func clearScreenSequenceIsNeutralisedWhole() {
        let safe = TextSanitiser.singleLine("Hi\u{1B}[2Jthere")
        #expect(safe == "Hi␛[2Jthere")
        #expect(isInert(safe))
    }

    @Test func osc52ClipboardWriteIsNeutralisedWithItsTerminator() {
        let bel = TextSanitiser.singleLine("x\u{1B}]52;c;aGVsbG8=\u{7}y")
        #expect(bel == "x␛]52;c;aGVsbG8=␇y")
        let st = TextSanitiser.singleLine("x\u{1B}]52;c;aGVsbG8=\u{1B}\\y")
        #expect(st == "x␛]52;c;aGVsbG8=␛\\y")
        #expect(isInert(bel) && isInert(st))
    }

    @Test func longEscapePayloadsAreElided() {
        let payload = String(repeating: "A", count: 500)
        let safe = TextSanitiser.singleLine("\u{1B}]52;c;\(payload)\u{7}after")
        #expect(safe == "␛]" + "52;c;" + String(repeating: "A", count: 27) + "…␇after")
    }

    @Test func eightBitIntroducersAreNeutralisedLikeTheirEscForms() {
        #expect(TextSanitiser.singleLine("a\u{9B}31mb") == "a⟨U+009B⟩31mb")
        #expect(TextSanitiser.singleLine("a\u{9D}0;title\u{9C}b") == "a⟨U+009D⟩0;title⟨U+009C⟩b")
    }

    @Test func otherEscapesAndALoneEscAreVisible() {
        #expect(TextSanitiser.singleLine("\u{1B}(Bx\u{1B}7y\u{1B}") == "␛(Bx␛7y␛")
        #expect(TextSanitiser.singleLine("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")
    }

    @Test func sanitisingIsIdempotent() {
        let once = TextSanitiser.singleLine("a\u{1B}[2J\u{202E}b\u{0}\nc")
        #expect(TextSanitiser.singleLine(once) == once)
    }

    @Test func widthsComeFromWcwidth() {
        #expect(TextSanitiser.displayWidth("abc") == 3)
        #expect(TextSanitiser.displayWidth("李小龙") == 6)
        #expect(TextSanitiser.displayWidth("😀") == 2)
        #expect(TextSanitiser.displayWidth("e\u{301}") == 1)  // e + combining acute
        #expect(TextSanitiser.displayWidth("\u{1B}") == 1)  // shown as ␛
    }

    @Test func truncationEndsInEllipsisAndNeverSplitsWideCharacters() {
        #expect(TextSanitiser.truncate("Escalation", toWidth: 20) == "Escalation")
        #expect(TextSanitiser.truncate("Escalation", toWidth: 6) == "Escal…")
        #expect(TextSanitiser.truncate("李小龙先生", toWidth: 6) == "李小…")
        #expect(TextSanitiser.truncate("李小龙先生", toWidth: 5) == "李小…")
        #expect(TextSanitiser.truncate("李小龙先生", toWidth: 4) == "李…")
        #expect(TextSanitiser.truncate("abc", toWidth: 1) == "…")
        #expect(TextSanitiser.truncate("abc", toWidth: 0) == "")
        #expect(TextSanitiser.truncate("Zoe\u{301}lle", toWidth: 4) == "Zoe\u{301}…")
    }

    @Test func wrappingBreaksAtSpacesAndInsideOverlongWords() {
        #expect(TextWrap.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextWrap.wrap("李小龙先生", width: 5) == ["李小", "龙先", "生"])
    }
}
