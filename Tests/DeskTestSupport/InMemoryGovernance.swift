import DeskUI
import EscalationCore
import Foundation

/// The matrix's acknowledgements and acting covers in memory, answered by the core's rules
/// as the store answers them: what changed for my role is `MatrixAcknowledgements.change`
/// against `previousPolicy`, and which role I act with is `CoverRegister.role(of:at:ladder:)`.
extension InMemoryDeskData {
    /// The version before the one in force, to compare with (nil: nothing changed).
    public var previous: (version: String, policy: EscalationPolicy)? {
        get { governance.previous }
        set { governance.previous = newValue }
    }

    /// The acting covers.
    public var covers: CoverRegister {
        get { governance.covers }
        set { governance.covers = newValue }
    }

    /// The acknowledgements recorded.
    public var acknowledgements: [MatrixAcknowledgement] { governance.acks }

    func acknowledge(_ version: String, by staff: String, at: EpochMillis) throws(DeskError) {
        let register = MatrixRegister([MatrixVersion(id: policy.matrix.version, status: .approved, base: previous?.version,
                                                     policyDigest: "", proposedBy: "", proposedAt: 0, proposalRationale: nil,
                                                     effectiveAt: 0, approvalOrder: 1)])
        do {
            try MatrixAcknowledgements.checkAcknowledge(version, by: staff, register: register, acks: governance.acks, at: at)
        } catch {
            throw DeskError(.invalid, error.description)
        }
        governance.acks.append(MatrixAcknowledgement(staff: staff, version: version, at: at))
        bump()
    }

    func change(for role: String) -> RoleAuthorityChange? {
        guard let previous else { return nil }
        return MatrixAcknowledgements.change(for: role, from: previous.version, previous.policy, to: policy.matrix.version, policy)
    }
}

/// What `InMemoryDeskData` holds for governance.
struct InMemoryGovernanceState {
    var previous: (version: String, policy: EscalationPolicy)?
    var covers = CoverRegister()
    var acks: [MatrixAcknowledgement] = []
    /// The matrix versions (`InMemoryMatrixVersions.swift`).
    var matrix: InMemoryMatrixVersions
}

extension InMemoryDeskService {
    /// What the policy changed for my role since `data.previous`, until I acknowledge it.
    public func acknowledgementDue() throws(DeskError) -> RoleAuthorityChange? {
        guard let change = data.change(for: member.role) else { return nil }
        let standing = MatrixAcknowledgements.standing(of: member.id, toward: change.to, change: change, acks: data.acknowledgements)
        return standing == .waiting ? change : nil
    }

    /// Records my acknowledgement.
    public func acknowledge(version: String) throws(DeskError) {
        try data.acknowledge(version, by: member.id, at: InMemoryDeskData.millis(data.clock()))
    }

    /// Me as I decide now: with the role of my acting cover in effect (the core's
    /// `CoverRegister.role(of:at:ladder:)`), as the store decides my actions and previews.
    var deciding: StaffMember {
        let role = data.covers.role(of: member, at: InMemoryDeskData.millis(data.clock()), ladder: data.policy.ladder).role
        return StaffMember(id: member.id, name: member.name, role: role, login: member.login, team: member.team)
    }

    /// My acting cover now.
    public func actingRole() throws(DeskError) -> ActingRole? {
        let ladder = data.policy.ladder
        let at = InMemoryDeskData.millis(data.clock())
        guard let cover = data.covers.role(of: member, at: at, ladder: ladder).cover else { return nil }
        return ActingRole(coverID: cover.id, roleID: cover.role, roleTitle: ladder.title(of: cover.role),
                          until: Date(timeIntervalSince1970: TimeInterval(cover.until) / 1000))
    }

    /// Everyone the version in force asks who has not acknowledged it.
    public func awaitingAcknowledgement() throws(DeskError) -> [String] {
        data.staff.filter { person in
            guard let change = data.change(for: person.roleID) else { return false }
            return MatrixAcknowledgements.standing(of: person.id, toward: change.to, change: change,
                                                   acks: data.acknowledgements) == .waiting
        }.map(\.name)
    }
}
