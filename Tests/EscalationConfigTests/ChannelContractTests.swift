import EscalationCore
import Testing
@testable import EscalationConfig

/// CONFIG.md does not require a `channels:` list: without one, any channel a referral rule
/// names is accepted (and becomes a channel cases can be opened on); with one, rules are
/// still checked against it.
@Suite struct ChannelContractTests {
    static func file(_ condition: String, channels: String? = nil) -> String {
        ValidationTests.base.replacingOccurrences(of: "when: {customer_flag: vulnerable}", with: "when: \(condition)")
            + (channels.map { "\nchannels: \($0)" } ?? "")
    }

    func parse(_ text: String) throws -> Centre {
        try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: text))
    }

    @Test func withoutAChannelsListAnyChannelARuleNamesIsAccepted() throws {
        let centre = try parse(Self.file("{any: [{channel: social_media}, {all: [{channel: carrier_pigeon}]}]}"))
        #expect(centre.channels == Centre.defaultChannels + ["social_media", "carrier_pigeon"])
        #expect(centre.policy.referrals.first?.when == .any([.channel(["social_media"]), .all([.channel(["carrier_pigeon"])])]))
    }

    @Test func withAChannelsListRulesAreCheckedAgainstIt() throws {
        #expect(try parse(Self.file("{channel: social_media}", channels: "[phone, social_media]")).channels == ["phone", "social_media"])
        #expect(throws: ConfigErrors.self) { try parse(Self.file("{channel: social_media}", channels: "[phone, email]")) }
    }

    /// A quote inside a plain scalar (`it's`, `5"`) is an ordinary character: the guard must
    /// still see the brackets after it, or nesting deep enough to exhaust the parser's stack
    /// would pass it.
    @Test func aQuoteInsideAPlainScalarDoesNotHideNestingFromTheGuard() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        for prefix in ["organisation: it's ", "organisation: 5\" wide "] {
            let problem = StructureGuard.check(prefix + "\nroles: " + deep)
            #expect(problem?.message.contains("nests too deeply") == true, "\(prefix)")
        }
        // A real quoted scalar still hides brackets inside it.
        #expect(StructureGuard.check("organisation: \"" + deep + "\"") == nil)
    }
}
