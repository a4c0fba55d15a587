import EscalationCore
import Foundation

/// A queue as a list's data source: the count is read once per reload and rows are fetched a
/// page at a time from the service, so a million-case queue costs one screenful per frame.
public struct QueueSource: PagedDataSource {
    /// The last page fetched, shared by copies of the source so the selected row (which the
    /// list asks for separately) comes from it instead of another query.
    final class PageCache {
        var offset = 0
        var rows: [CaseSummary] = []
        var error: String?
    }

    /// Where rows come from.
    public let service: any DeskService
    /// Which queue.
    public let queue: CaseQueue
    /// Rows in the queue at the last reload.
    public private(set) var count: Int
    private let cache = PageCache()

    /// A source over one queue, counted now.
    public init(service: any DeskService, queue: CaseQueue) {
        self.service = service
        self.queue = queue
        count = 0
        reload()
    }

    /// The last error the service gave, shown instead of the rows.
    public var error: String? { cache.error }

    /// Re-reads the count and forgets the cached page.
    public mutating func reload() {
        cache.rows = []
        do {
            count = try service.queueCount(queue)
            cache.error = nil
        } catch {
            count = 0
            cache.error = error.message
        }
    }

    /// The rows at `range`, from the cached page when it covers them.
    public func rows(in range: Range<Int>) -> [CaseSummary] {
        let cachedEnd = cache.offset + cache.rows.count
        if range.lowerBound >= cache.offset, range.upperBound <= cachedEnd {
            return Array(cache.rows[(range.lowerBound - cache.offset)..<(range.upperBound - cache.offset)])
        }
        do {
            let rows = try service.queuePage(queue, offset: range.lowerBound, limit: range.count)
            cache.offset = range.lowerBound
            cache.rows = rows
            return rows
        } catch {
            cache.error = error.message
            return []
        }
    }
}

extension QueueSource {
    /// The queue columns: live marker, id, customer, summary, state, who has it, age and time
    /// to the nearest clock, green, amber ("!") or red ("!!") by the core's `ClockUrgency`
    /// (ages and countdowns are measured from `now`). Ids, states, ages and countdowns are as wide
    /// as what they show, so at 60 columns the names and summary give way, never an id or age.
    static func columns(_ words: CaseWords, now: @escaping () -> Date) -> [ListColumn<CaseSummary>] {
        [
            ListColumn(" ", width: .fixed(1), style: { $0.live ? Style(.danger, [.bold]) : nil }) { $0.live ? "●" : " " },
            ListColumn("Case", width: .content(min: 8, max: 14)) { $0.id },
            ListColumn("Customer", width: .flexible(min: 10, weight: 2)) { words.customer($0) },
            ListColumn("Summary", width: .flexible(min: 12, weight: 4)) { words.summary($0) },
            ListColumn("State", width: .content(min: 5, max: 9)) { $0.state.rawValue },
            ListColumn("With", width: .flexible(min: 10, weight: 2), short: words.withTeam) { words.with($0) },
            ListColumn("Age", width: .content(min: 3, max: 6), alignment: .right) { DeskTime.age(from: $0.receivedAt, to: now()) },
            ListColumn("Due", width: .content(min: 3, max: 10), alignment: .right, leading: 1, style: { $0.urgency(at: now())?.style }) { row in
                guard let due = words.deadline(row), let urgency = row.urgency(at: now()) else { return "" }
                return urgency.countdown(to: due, from: now())
            },
        ]
    }
}
