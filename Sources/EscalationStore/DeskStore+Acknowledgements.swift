import EscalationCore
import Foundation

/// Who has acknowledged a matrix version: every person on the staff list with where they
/// stand toward it and how many changes it made to their role.
public struct AcknowledgementReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public let member: StaffMember
        public let standing: AcknowledgementStanding
        /// How many changes the version made to the person's role's authority.
        public let changes: Int
    }

    public let version: String
    /// The version it is compared with (nil for the first version: nobody is asked).
    public let comparedWith: String?
    public let rows: [Row]

    /// The people it asks who have not acknowledged it.
    public var waiting: [StaffMember] { rows.filter { $0.standing == .waiting }.map(\.member) }
}

// Acknowledging the version in force: what it changed for one person's role, whether they
// owe an acknowledgement, the acknowledgement itself, and the manager's list.

extension DeskStore {
    /// What the version in force at `at` changed in `actor`'s own role's authority, when they
    /// have not acknowledged it and it changed something for them; nil when nothing is owed.
    public func acknowledgementDue(actor: String, at: Date) throws(StoreError) -> RoleAuthorityChange? {
        let (member, path, t) = (try member(actor), path, Millis.from(at))
        return try query { reader in
            let register = try reader.matrixRegister()
            guard let version = register.inForce(at: t),
                  let change = try Self.change(reader, version: version, role: member.role, register: register, path: path)
            else { return nil }
            let acks = try AcknowledgementEvents.all(reader)
            return MatrixAcknowledgements.standing(of: member.id, toward: version.id, change: change, acks: acks) == .waiting
                ? change : nil
        }
    }

    /// Records that `actor` has read what version `version` (which must be in force) changed
    /// in their authority. Refused (65) for any other version, or a second time.
    @discardableResult
    public func acknowledgeMatrix(version: String, actor: String, now: ActionClock) throws(StoreError) -> MatrixAcknowledgement {
        let member = try member(actor)
        return try command(at: now) { try $0.acknowledgeMatrix(version, actor: member, now: $1) }
    }

    /// Every person on the staff list and where they stand toward `version` (nil: the one
    /// in force at `at`).
    public func acknowledgements(version id: String?, at: Date) throws(StoreError) -> AcknowledgementReport {
        let (staff, path, t) = (centre.staff.staff, path, Millis.from(at))
        return try query { reader in
            let register = try reader.matrixRegister()
            guard let version = id.map(register.version) ?? register.inForce(at: t) else {
                throw StoreError(GovernanceRefusal.unknownVersion(id ?? "in force"))
            }
            guard version.status == .approved else {
                throw StoreError.refused("matrix version \(version.id) is \(register.standing(of: version, at: t).words); "
                                         + "only an approved version is acknowledged")
            }
            let acks = try AcknowledgementEvents.all(reader)
            var changes: [String: RoleAuthorityChange] = [:]
            var rows: [AcknowledgementReport.Row] = []
            for member in staff {
                if changes[member.role] == nil {
                    changes[member.role] = try Self.change(reader, version: version, role: member.role, register: register, path: path)
                }
                let change = changes[member.role] ?? nil
                let standing = change.map { MatrixAcknowledgements.standing(of: member.id, toward: version.id, change: $0, acks: acks) }
                    ?? (MatrixAcknowledgements.acknowledgement(by: member.id, of: version.id, in: acks).map { .acknowledged(at: $0.at) }
                        ?? .notAsked)
                rows.append(.init(member: member, standing: standing, changes: change?.sentences.count ?? 0))
            }
            return AcknowledgementReport(version: version.id,
                                         comparedWith: MatrixAcknowledgements.predecessor(of: version, in: register)?.id, rows: rows)
        }
    }

    /// What `version` changed for `role` against the version before it (nil for the first).
    static func change(_ reader: any LedgerReader, version: MatrixVersion, role: String, register: MatrixRegister,
                       path: String) throws -> RoleAuthorityChange? {
        guard let before = MatrixAcknowledgements.predecessor(of: version, in: register) else { return nil }
        return MatrixAcknowledgements.change(for: role, from: before.id, try PolicyBook.policy(reader, version: before, path: path),
                                             to: version.id, try PolicyBook.policy(reader, version: version, path: path))
    }
}
