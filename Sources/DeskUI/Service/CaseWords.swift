import EscalationCore
import Foundation

/// What the desk shows of the cases a service reads (the core's `CaseSummary`, `CaseDetail`
/// and `TimelineEntry`): the placeholders for what erasure took, where a case waits and when
/// it is due. Written once, for every service, real or in memory.
public struct CaseWords {
    /// The centre whose roles the words name.
    public let centre: DeskCentreInfo

    /// Words for the cases of `centre`.
    public init(_ centre: DeskCentreInfo) {
        self.centre = centre
    }

    /// What the desk shows where erased personal text was.
    public static let erased = "(erased)"

    /// A customer's name, or "(erased) CU-…" once their personal data is erased.
    public static func customerName(_ name: String?, id: String) -> String {
        name ?? "\(erased) \(id)"
    }

    /// The customer's name as a list line shows it.
    public func customer(_ c: CaseSummary) -> String { Self.customerName(c.customerName, id: c.customerID) }

    /// The one-line summary, or "(erased)".
    public func summary(_ c: CaseSummary) -> String { c.summary ?? Self.erased }

    /// The title of the role a case waits for, while it waits in a queue.
    public func routedTo(_ c: CaseSummary) -> String? {
        c.state == .escalated ? c.queueRole.map(centre.ladder.title(of:)) : nil
    }

    /// The deadline the desk counts down to: the case's own, while the case is active.
    public func deadline(_ c: CaseSummary) -> Date? { c.state.isActive ? c.deadlineAt : nil }
}
