import Foundation

/// What a customer has had from the centre besides the case in hand: their other cases,
/// newest first, with what each granted, and what they were granted of each action inside
/// each rolling window the matrix caps. The case screen shows it so a team leader sees
/// repeat complaints and how near a cap the customer is at a glance.
public struct CustomerHistory: Sendable, Hashable {
    /// Another case of the customer's and the remedies granted on it.
    public struct OtherCase: Sendable, Hashable {
        public let summary: CaseSummary
        public let grants: [RemedyRequest]

        public init(summary: CaseSummary, grants: [RemedyRequest]) {
            self.summary = summary
            self.grants = grants
        }
    }

    /// What was granted of one action in the last `days` days.
    public struct WindowTotal: Sendable, Hashable {
        public let action: String
        public let days: Int
        public let granted: Money

        public init(action: String, days: Int, granted: Money) {
            self.action = action
            self.days = days
            self.granted = granted
        }
    }

    /// The newest of the customer's other cases (at most the number asked for).
    public let otherCases: [OtherCase]
    /// How many other cases the customer has in all.
    public let otherCaseCount: Int
    /// Every rolling window of every capped action, in the matrix's order, zero totals included.
    public let windows: [WindowTotal]

    public init(otherCases: [OtherCase], otherCaseCount: Int, windows: [WindowTotal]) {
        self.otherCases = otherCases
        self.otherCaseCount = otherCaseCount
        self.windows = windows
    }

    public static let none = CustomerHistory(otherCases: [], otherCaseCount: 0, windows: [])
}
