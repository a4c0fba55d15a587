/// Which cases a listing shows.
public enum CaseQueue: Sendable, Hashable {
    /// Cases this person holds (opened and still open, claimed, or returned to them).
    case mine(staffID: String)
    /// Cases waiting in or held at a role's queue.
    case role(String)
    /// What a team leader or manager works from: cases waiting in their role's queue for
    /// someone to claim, and the ones they hold there (not those a colleague has claimed).
    case referred(role: String, staffID: String)
    case all
    /// Cases found by case id, customer id or customer name; an empty search finds nothing.
    case search(String)
}
