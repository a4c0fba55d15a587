import DeskUI
import EscalationCore

/// Turns the store's configuration into the desk's words once, when a desk opens: the person
/// at the keyboard and the choices screens offer. Kept apart from the service so the picker
/// (which runs before any service exists) describes people exactly as the desk will.
public enum DeskFacts {
    /// The desk's view of a staff member; whether they see the matrix grid is the rulebook's
    /// answer (`CaseRulebook.mayViewMatrix`).
    /// The person as the desk shows them; with `acting`, the higher role an acting cover
    /// gives them, whose referrals they then work.
    public static func person(_ member: StaffMember, centre: Centre, acting: String? = nil) -> DeskPerson {
        let ladder = centre.policy.ladder
        let team = member.team.flatMap { centre.staff.team(id: $0)?.name ?? $0 }
        let rulebook = CaseRulebook(policy: centre.policy, staff: centre.staff, referralScope: centre.referralScope)
        let working = member.working(as: acting ?? member.role)
        return DeskPerson(id: member.id, name: member.name, roleID: member.role, roleTitle: ladder.title(of: member.role),
                          team: team, canViewMatrix: rulebook.mayViewMatrix(member.role),
                          coversOtherTeams: rulebook.teams.seesOtherTeams(working), workingRoleID: working.role)
    }

    /// Everyone on the staff list, lowest role first (then by name), for the person picker.
    public static func people(_ centre: Centre) -> [DeskPerson] {
        let ladder = centre.policy.ladder
        return centre.staff.staff
            .map { person($0, centre: centre) }
            .sorted { a, b in
                let ra = ladder.rank(of: a.roleID) ?? 0, rb = ladder.rank(of: b.roleID) ?? 0
                return ra != rb ? ra < rb : a.name < b.name
            }
    }

    /// The choices screens offer: configured kinds, channels and root causes, every action,
    /// and the flags the centre accepts (the core's rule: the declared lists, else the flags
    /// the referral rules look at plus the common ones); and the staff's names.
    public static func centreInfo(_ centre: Centre) -> DeskCentreInfo {
        DeskCentreInfo(
            organisation: centre.organisation, timezone: centre.timezone, ladder: centre.policy.ladder,
            actions: centre.policy.matrix.actions, caseKinds: centre.caseKinds, channels: centre.channels,
            rootCauses: centre.rootCauses, caseFlags: centre.acceptedCaseFlags,
            customerFlags: centre.acceptedCustomerFlags, currency: centre.currency,
            staffNames: Dictionary(centre.staff.staff.map { ($0.id, $0.name) }) { first, _ in first },
            teamNames: Dictionary(centre.staff.teams.map { ($0.id, $0.name) }) { first, _ in first },
            matrix: centre.policy.matrix,
            clockTitles: Dictionary(centre.clocks.map { ($0.id, $0.title) }) { first, _ in first })
    }
}
