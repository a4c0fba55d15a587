/// Which cases a listing shows.
public enum CaseQueue: Sendable, Hashable {
    /// Cases this person holds (opened and still open, claimed, or returned to them).
    case mine(staffID: String)
    /// Cases waiting in or held at a role's queue.
    case role(String)
    /// "Referred to me", what a team leader or manager works from: referrals waiting at
    /// their role for them (for their team or role-wide, `TeamRouting.isReferred`), and the
    /// ones they claimed there. Never their own open, returned or reopened cases.
    case referred(role: String, staffID: String)
    /// "Other teams": referrals waiting at this person's role for another team, which they
    /// may claim as cover (`TeamRouting.isForOtherTeam`).
    case otherTeams(role: String, staffID: String)
    /// "Escalated by me": cases this person last referred up (whom a return comes back to),
    /// in every state, so they see who holds each and how it ended.
    case escalatedBy(staffID: String)
    case all
    /// Cases found by case id, customer id or customer name; an empty search finds nothing.
    case search(String)
}
