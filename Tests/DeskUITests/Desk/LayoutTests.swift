import EscalationCore
import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// A layout that fits 80×24 and 60×16 (issue 13, item 7): every case flag on the new-case
/// form, refusals and reasons wrapped rather than cut, role titles in sentences, columns as
/// wide as what they show, the authority box as tall as what it says, and the picker's count
/// of each customer's open cases.
@Suite struct LayoutTests {
    static let sizes = [TerminalSize(rows: 24, cols: 80), TerminalSize(rows: 16, cols: 60)]
    /// The case flags the shipped configuration accepts: more than one line holds at 80 columns.
    static let sixFlags = ["legal_threat", "regulator", "ombudsman", "media", "social_media", "bereavement"]

    /// The sample centre offering the six case flags, with Jane and Raj as customers.
    static func sixFlagCentre() -> DeskFixture {
        let f = DeskFixture()
        var centre = SampleCentre.centre
        centre.caseFlags = sixFlags
        f.data = InMemoryDeskData(policy: SampleCentre.policy, centre: centre, staff: SampleCentre.staff) { [unowned f] in f.now }
        f.data.addCustomer(name: "Jane Smith", contact: "07700 900123")
        f.data.addCustomer(name: "Raj Patel", contact: "raj@example.com", flags: ["vulnerable"])
        return f
    }

    static func form(_ d: DeskDriver) -> NewCaseScreen? { d.app.top as? NewCaseScreen }

    @Test(arguments: sizes) func everyCaseFlagIsOnTheNewCaseFormAndTheLastCanBeTicked(size: TerminalSize) {
        let f = Self.sixFlagCentre()
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(2), .enter)
        #expect(d.app.top.title == "New case")
        for flag in Self.sixFlags { #expect(d.text.contains("[ ] " + DeskText.words(flag)), "\(flag) is not shown") }
        let flagRows = d.lines.indices.filter { d.lines[$0].contains("[ ] ") && !d.lines[$0].contains("Case flags") && !d.lines[$0].contains("identity") }
        #expect(flagRows.count == 1, "the flags wrap onto a second line")
        d.send(.tab, .tab, .tab, .tab, .tab)
        #expect(Self.form(d)?.focus.current == .flags)
        for _ in 0..<5 { d.send(.right) }
        d.send(.character(" "))
        #expect(d.text.contains("[x] bereavement"))
        #expect(Self.form(d)?.flags.selected == ["bereavement"])
        #expect(d.text.contains("┌─ Authority"))
        #expect(d.text.contains("[ Open case ]"))
    }

    @Test(arguments: sizes) func theAuthorityBoxIsAsTallAsWhatItSays(size: TerminalSize) throws {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(2), .enter)
        let top = try #require(d.lines.firstIndex { $0.contains("┌─ Authority") })
        #expect(d.lines[top + 1].contains("Within your authority"))
        #expect(d.lines[top + 2].hasPrefix("└"), "a box of one line is three rows tall")
        #expect(d.lines[top + 3].trimmingCharacters(in: .whitespaces).isEmpty || d.lines[top + 3].contains("[ Open case ]"))
    }

    @Test func everyReasonIsShownWholeAt80x24AndMarkedWhenCutAt60x16() throws {
        for size in Self.sizes {
            let f = Self.sixFlagCentre()
            var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
            d.send(.function(2), .enter)
            d.send(.tab, .tab, .tab, .tab, .tab, .character(" "), .tab)
            d.type("r")
            d.send(.tab)
            d.type("75")
            // Boxed at 80×24; at 60×16 (every flag takes two lines) the lines stand bare.
            let start = try #require(d.lines.firstIndex { $0.hasPrefix("│ Needs") || $0.hasPrefix(" Needs") })
            let panel = d.lines[start...].prefix { $0.hasPrefix("│") || $0.hasPrefix(" ") && !$0.contains("[ Open case ]") }
                .map { $0.dropFirst(1).trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.filter { !$0.isEmpty }
            let said = panel.joined(separator: " ").replacingOccurrences(of: "• ", with: "")
            #expect(said.hasPrefix("Needs Manager"))
            if size.rows == 24 {
                #expect(said.contains("The customer has threatened legal action; a Manager must handle the case."))
                #expect(said.contains("Refund £75.00 is over"))
            } else {
                // At 60×16 the box has room for a line or two: the cut is marked, never silent.
                #expect(said.hasSuffix("…"), "\(said)")
            }
        }
    }

    @Test(arguments: sizes) func thePickerShowsWholeIdsAndEachCustomersOpenCases(size: TerminalSize) throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "First", state: .escalated, openerID: "ann")
        f.data.addCase(customerID: f.jane, summary: "Second", state: .claimed, openerID: "ann", holderID: "bob")
        let third = f.data.addCase(customerID: f.jane, summary: "Third", state: .claimed, openerID: "ann", holderID: "bob")
        try f.service("bob").resolve(caseID: third, Resolution(outcome: .upheld, rationale: "Sorted on the call"))
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(2))
        let header = try #require(d.lines.first { $0.contains("Customer") && $0.contains("Open") })
        #expect(header.contains("Id"))
        let jane = try #require(d.lines.first { $0.contains("Jane Smith") })
        #expect(jane.hasSuffix(" 2 " + f.jane), "\(jane)")
        let raj = try #require(d.lines.first { $0.contains("Raj Patel") })
        #expect(raj.hasSuffix(" 0 " + f.raj), "\(raj)")
        #expect(!d.text.contains("CU-000…"))
    }

    @Test(arguments: sizes) func queueIdsAgesAndCountdownsAreNeverCut(size: TerminalSize) throws {
        let f = DeskFixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Meter read wrong since the swap in the autumn", state: .open,
                                openerID: "ann")
        f.advance(minutes: 119 * 24 * 60 + 5)
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        let row = try #require(d.lines.first { $0.contains(id) })
        #expect(row.contains("119d"), "\(row)")
        #expect(row.hasSuffix("overdue") || row.contains("119d "), "\(row)")
        #expect(row.contains(" open "))
        let header = try #require(d.lines.first { $0.contains("Case") && $0.contains("Age") })
        #expect(header.contains("Due"))
        d.send(.function(5))
    }

    @Test func aRefusalNamesRolesByTheirTitles() throws {
        let f = DeskFixture()
        let id = f.data.addCase(customerID: f.jane, summary: "Refer me", state: .escalated, openerID: "ann",
                                requests: [RemedyRequest(action: "refund", amount: Money(minor: 90_000, currency: .gbp))])
        let detail = try f.service("bob").caseDetail(id: id)
        #expect(detail.summary.queueRole == "manager")
        do {
            try f.service("bob").claim(caseID: id)
            Issue.record("a team leader must not claim a manager's case")
        } catch {
            #expect(error.message.contains("queued for Manager; a Team Leader cannot claim it"), "\(error.message)")
            #expect(!error.message.contains("team_leader"))
        }
    }

    @Test(arguments: [80, 60]) func aLongNoticeWrapsInsteadOfBeingCut(cols: Int) {
        let sentence = "Opened C-000001: Needs Contact Centre Manager: The customer has threatened legal action; "
            + "a Manager must handle the case."
        let lines = NoticeLines.lines(sentence, width: cols - 2)
        #expect(lines.count == (cols == 80 ? 2 : 3))
        #expect(lines[0].hasPrefix("▶ Opened C-000001"))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= cols - 2 })
        let words = lines.map { $0.dropFirst(2) }.joined(separator: " ")
        #expect(words == sentence)
        let long = NoticeLines.lines(String(repeating: "word ", count: 80), width: cols - 2)
        #expect(long.count == NoticeLines.maxRows && long.last!.hasSuffix(" …"))
    }

    @Test(arguments: sizes) func theCaseNamesItsMatrixVersionAsDecideDoes(size: TerminalSize) throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Refund over the limit", state: .escalated, openerID: "ann",
                       requests: [RemedyRequest(action: "refund", amount: Money(minor: 7_500, currency: .gbp))])
        var d = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        d.send(.enter)
        #expect(d.app.top.title == "Case C-000001")
        // As `decide` names it: the version, and the fingerprint of what the matrix says.
        let name = "matrix version v1 · " + SampleCentre.policy.matrix.fingerprint
        #expect(d.text.replacingOccurrences(of: "\n", with: " ").contains("(" + name + ")") || d.text.contains("(matrix version v1 ·"),
                "\(d.text)")
        #expect(f.data.centre.matrixVersionName("v1") == name)
        #expect(f.data.centre.matrixVersionName("v0") == "matrix version v0")
    }

    /// The text between the box's borders, rows joined: what a dialog says, however wrapped.
    static func boxText(_ d: DeskDriver) -> String {
        d.lines.compactMap { line -> String? in
            guard let start = line.firstIndex(of: "│"), let end = line.lastIndex(of: "│"), start < end else { return nil }
            return line[line.index(after: start)..<end].trimmingCharacters(in: .whitespaces)
        }.joined(separator: " ")
    }

    @Test(arguments: sizes) func aRefusedResolutionIsWrappedWholeInTheDialog(size: TerminalSize) throws {
        let f = DeskFixture()
        f.data.addCase(customerID: f.jane, summary: "Big refund", state: .claimed, openerID: "ann", holderID: "bob")
        var d = DeskDriver(f.service("bob"), rows: size.rows, cols: size.cols)
        d.send(.enter, .character("r"), .tab)
        d.type("r")
        d.send(.tab)
        d.type("600")
        d.send(.tab, .tab)
        d.type("Goodwill for the trouble")
        d.send(.tab, .right, .enter)
        let said = Self.boxText(d)
        #expect(said.contains("You may not grant this; it needs a Manager: Refund £600.00 is over"), "\(d.text)")
        #expect(said.contains("a Manager may grant up to £2,000.00. "), "the refusal is cut:\n\(d.text)")
    }

    @Test(arguments: sizes) func aFormsErrorIsWrappedWhole(size: TerminalSize) throws {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"), rows: size.rows, cols: size.cols)
        d.send(.function(2), .control("n"))
        d.type("Zed Example")
        d.send(.tab, .tab)
        d.type("not_a_flag")
        d.send(.enter)
        let said = Self.boxText(d)
        #expect(said.contains("\"not_a_flag\" is not a customer flag; flags are vulnerable, high_profile."), "\(d.text)")
    }

    @Test func rootCausesAreShownByTheirTitles() {
        #expect(DeskText.rootCause("billing_error") == "Billing error")
        #expect(DeskText.rootCause("other") == "Other")
    }
}
