import PropertyBased
import Testing
@testable import EscalationStore

/// Case ids are found through their numbers, so the translation must be exact both ways.
@Suite struct CaseNumbersTests {
    static let numbers = Gen<Int64>.value(in: 1...12_000_000)
    static let lengths = Gen<Int>.value(in: 0...11)

    @Test func anIdAndItsNumberAreOneAnother() async {
        await propertyCheck(count: 500, input: Self.numbers) { n in
            #expect(CaseNumbers.number(ofID: CaseNumbers.id(n)) == n)
        }
        #expect(CaseNumbers.id(42) == "C-000042")
        #expect(CaseNumbers.id(1_234_567) == "C-1234567")
    }

    /// Whatever the prefix (cut from another case's id, so it really starts some ids), a
    /// number's id starts with it exactly when one of the prefix's ranges holds the number.
    @Test func aNumbersIdStartsWithAPrefixExactlyWhenARangeHoldsIt() async {
        await propertyCheck(count: 2_000, input: Self.numbers, Self.numbers, Self.lengths) { n, other, length in
            for source in [CaseNumbers.id(other), CaseNumbers.id(n)] {
                let prefix = String(source.prefix(length))
                let inRange = CaseNumbers.ranges(idPrefix: prefix).contains { $0.contains(n) }
                #expect(CaseNumbers.id(n).hasPrefix(prefix) == inRange, "\(n) with \(prefix)")
            }
        }
    }

    @Test func rangesOfAPrefixNeverOverlap() {
        for prefix in ["", "C", "C-", "C-0", "C-1", "C-00000", "C-000001", "C-0000010", "C-99", "C-1234567"] {
            let ranges = CaseNumbers.ranges(idPrefix: prefix).sorted { $0.lowerBound < $1.lowerBound }
            for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound < b.lowerBound, "\(prefix)") }
        }
    }

    @Test func textThatIsNotACasesIdHasNoNumberAndNoRange() {
        for id in ["", "C-", "C-0", "C-000000", "C-42", "c-000042", "C-0000042", "C-00004a", "C-+00042", "C-٠٠٠٠٤٢", "D-000042"] {
            #expect(CaseNumbers.number(ofID: id) == nil, "\(id)")
        }
        for prefix in ["D", "C-A", "C- 1", "CX", "C-1-", "C-1234567890123456789"] {
            #expect(CaseNumbers.ranges(idPrefix: prefix).isEmpty, "\(prefix)")
        }
    }
}
