/// Rows a list can show without loading them all: the desk pages a million cases from the
/// store, so a list asks only for the count and for the rows it is about to draw.
public protocol PagedDataSource {
    /// The row type handed to column renderers.
    associatedtype Row
    /// How many rows there are in total.
    var count: Int { get }
    /// The rows at positions `range` (within `0..<count`), in order.
    func rows(in range: Range<Int>) -> [Row]
}

/// A data source over an in-memory array, for short lists (people, outcomes, root causes).
public struct ArrayDataSource<Row>: PagedDataSource {
    /// The rows.
    public var items: [Row]
    /// Wraps an array.
    public init(_ items: [Row]) { self.items = items }
    /// Number of items.
    public var count: Int { items.count }
    /// A slice of the items.
    public func rows(in range: Range<Int>) -> [Row] { Array(items[range.clamped(to: 0..<items.count)]) }
}
