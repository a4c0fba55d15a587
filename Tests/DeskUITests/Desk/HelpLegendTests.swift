import Foundation
import Testing
@testable import DeskUI
import DeskTestSupport

/// The `?` help explains the desk's symbols as well as its keys (issue 13, item 9).
@Suite struct HelpLegendTests {
    @Test(arguments: [(24, 80), (16, 60)])
    func theHelpHasALegendOfTheSymbols(_ rows: Int, _ cols: Int) {
        let f = DeskFixture()
        var d = DeskDriver(f.service("ann"), rows: rows, cols: cols)
        d.send(.character("?"))
        var seen = d.text
        for _ in 0..<40 where !seen.contains("cases waiting for your role") {
            d.send(.down)
            seen += d.text
        }
        #expect(seen.contains("live: customer waiting on the line"))
        #expect(seen.contains("waiting in that role's queue"))
        #expect(seen.contains("cases waiting for your role"))
        #expect(seen.contains("time to the nearest clock"))
        #expect(seen.contains("amber: past the warning point"))
        #expect(seen.contains("red: past due"))
    }
}
