/// The separation of duties, asked again of steps already in the log. A matrix or cover
/// step is checked before it is written (`MatrixGovernance`, `CoverRules`); `audit verify`
/// asks the same rules of each recorded step, with the register as it stood before the step
/// and the version in force at its time, so a step written around the desk (a forged actor,
/// an agent's approval, a proposer approving their own change) is named even when its
/// hashes were made good. Only who took the step is asked: when and in what order steps may
/// come is the registers' fold.
public enum RecordedGovernance {
    /// Why `actor` could not have taken this matrix step, or nil when they could.
    public static func refusal(of event: MatrixEvent, by actor: StaffMember, register: MatrixRegister,
                               current: EscalationPolicy, at t: Int64) -> String? {
        do throws(GovernanceRefusal) {
            switch event {
            case .proposed:
                try MatrixGovernance.requirePower(actor, doing: "propose a matrix change", under: current)
            case .approved(let id, _, _):
                _ = try MatrixGovernance.fourEyes(id, by: actor, doing: "approve", register: register, current: current, now: t)
            case .rejected(let id, _):
                _ = try MatrixGovernance.fourEyes(id, by: actor, doing: "reject", register: register, current: current, now: t)
            case .rebased:
                // Only the power: rebases recorded before only proposers could rebase stand.
                try MatrixGovernance.requirePower(actor, doing: "rebase a matrix proposal", under: current)
            }
            return nil
        } catch {
            return error.description
        }
    }

    /// Why `actor` could not have taken this acting-cover step, or nil when they could.
    /// `member` finds the person a cover is granted to on the staff list.
    public static func refusal(of event: CoverEvent, by actor: StaffMember, register: CoverRegister,
                               under policy: EscalationPolicy, member: (String) -> StaffMember?) -> String? {
        do throws(CoverRefusal) {
            switch event {
            case .granted(_, let staff, let role, _, _, _):
                guard let covered = member(staff) else { throw .unknownPerson(staff) }
                try CoverRules.checkAuthority(staff: covered, role: role, by: actor, under: policy)
            case .approved(let id):
                guard let c = register.cover(id) else { throw .unknownCover(id) }
                try CoverRules.checkApprover(actor, of: c, under: policy)
            case .ended:
                try CoverRules.requirePower(actor, doing: "end acting cover", under: policy)
            }
            return nil
        } catch {
            return error.description
        }
    }
}
