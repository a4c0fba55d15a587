import EscalationCore

extension DeskStore {
    /// How many cases each of `customers` has still active (open, escalated, claimed,
    /// returned or reopened); customers with none are left out. One read transaction, one
    /// indexed count a customer: for the screenful of customers a picker lists.
    public func activeCaseCounts(customers: [String]) throws(StoreError) -> [String: Int] {
        guard !customers.isEmpty else { return [:] }
        return try query { reader in try reader.activeCaseCounts(customers: customers) }
    }
}
