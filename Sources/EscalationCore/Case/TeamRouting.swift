/// How referrals to the team-leader rung are shared out (`referral_scope:` in
/// `escalation.yaml`).
public enum ReferralScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// A referral to the team-leader rung goes to the escalating person's team; other team
    /// leaders see it under "Other teams" and may claim it as cover.
    case team
    /// Every rung role-wide: every team leader sees every referral to their role.
    case role
}

/// Which referrals a person works from, and which they may cover, once: the store turns it
/// into index ranges, the desk's test double filters with it, and both route escalations
/// with it. Pure: the staff directory and the ladder come in.
///
/// - The **team rung** is the rung of the role held by the teams' leaders (the lowest one,
///   should leaders hold different roles). Teams that name no leader on the staff list
///   leave the rung just above the lowest.
/// - Under `referral_scope: team` (the default when staff have teams) a referral routed to
///   the team rung waits for the escalating person's team, when that team has someone in
///   the routed role; otherwise (no team, a team with nobody at that rung, a higher rung,
///   or `referral_scope: role`) it waits role-wide.
/// - "Referred to me" of someone at the team rung with a team: referrals waiting for their
///   team plus the role-wide ones; of anyone else: everything waiting for their role. Both
///   with the cases they claimed there.
/// - "Other teams": referrals waiting at my role for a team that is not mine; claiming one
///   records the claim as cover for that team.
public struct TeamRouting: Sendable, Hashable {
    public let scope: ReferralScope
    /// The rank whose referrals go to teams, nil when referrals are all role-wide.
    public let teamRung: Int?
    private let staff: StaffDirectory
    private let ladder: Ladder

    /// - Parameter declared: `referral_scope` as configured; nil takes the default (`team`
    ///   when staff have teams, else `role`).
    public init(ladder: Ladder, staff: StaffDirectory, declared: ReferralScope?) {
        self.ladder = ladder
        self.staff = staff
        let scope = declared ?? (staff.teams.isEmpty ? .role : .team)
        self.scope = scope
        let leaderRanks = staff.teams.compactMap { $0.leader.flatMap(staff.member(id:)).flatMap { ladder.rank(of: $0.role) } }
        if scope == .role || staff.teams.isEmpty || ladder.roles.count < 2 {
            teamRung = nil
        } else {
            teamRung = leaderRanks.min() ?? 1
        }
    }

    /// Whether referrals to `role` go to teams.
    public func routesByTeam(to role: String) -> Bool {
        guard let teamRung, let rank = ladder.rank(of: role) else { return false }
        return rank == teamRung
    }

    /// The team an escalation to `route` by `escalator` waits for, or nil for role-wide.
    public func team(forReferralTo route: String, by escalator: StaffMember) -> String? {
        guard routesByTeam(to: route), let team = escalator.team, staff.team(id: team) != nil,
              staff.staff.contains(where: { $0.team == team && $0.role == route }) else { return nil }
        return team
    }

    /// The team a claim covers: the one the case waits for, when the claimer is not of it.
    public func coverFor(_ c: Case, by actor: StaffMember) -> String? {
        guard c.state == .escalated, let team = c.queueTeam, actor.team != team else { return nil }
        return team
    }

    /// Which waiting referrals at their role a person sees as theirs.
    public func view(for member: StaffMember) -> ReferralView {
        guard routesByTeam(to: member.role), let team = member.team, staff.team(id: team) != nil else { return .roleWide }
        // Only teams with someone at this rung can have a referral waiting for them.
        let others = staff.teams.map(\.id).filter { other in
            other != team && staff.staff.contains { $0.team == other && $0.role == member.role }
        }
        return .team(team, others: others)
    }

    /// Whether the person has an "Other teams" queue: they lead a team at the team rung and
    /// another team has someone at that rung.
    public func seesOtherTeams(_ member: StaffMember) -> Bool {
        if case .team(_, let others) = view(for: member) { return !others.isEmpty }
        return false
    }

    /// "Referred to me": waiting for my role (for my team or role-wide), or claimed by me
    /// from my role's queue. Never my own open, returned or reopened cases.
    public func isReferred(_ c: Case, to member: StaffMember) -> Bool {
        guard c.queueRole == member.role else { return false }
        switch c.state {
        case .escalated:
            switch view(for: member) {
            case .roleWide: return true
            case .team(let team, _): return c.queueTeam == nil || c.queueTeam == team
            }
        case .claimed: return c.holder == member.id
        default: return false
        }
    }

    /// "Other teams": waiting at my role for a team that is not mine.
    public func isForOtherTeam(_ c: Case, member: StaffMember) -> Bool {
        guard c.state == .escalated, c.queueRole == member.role, case .team(let mine, _) = view(for: member),
              let team = c.queueTeam else { return false }
        return team != mine
    }

    /// A team's name for sentences, or its id when it has left the staff file.
    public func name(ofTeam id: String) -> String { staff.team(id: id)?.name ?? id }
}

/// The waiting referrals at a person's role they see as theirs.
public enum ReferralView: Sendable, Hashable {
    /// Every referral waiting for the role.
    case roleWide
    /// Those waiting for this team or role-wide; `others` are the other teams with someone at
    /// this rung (the only ones a referral can wait for).
    case team(String, others: [String])
}
