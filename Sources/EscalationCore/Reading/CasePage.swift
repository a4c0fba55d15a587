/// One page of a case list and how many cases match in all.
public struct CasePage: Sendable, Hashable, Codable {
    public let cases: [CaseSummary]
    public let total: Int
    /// How many matching cases come before this page.
    public let offset: Int

    public init(cases: [CaseSummary], total: Int, offset: Int) {
        self.cases = cases
        self.total = total
        self.offset = offset
    }
}
