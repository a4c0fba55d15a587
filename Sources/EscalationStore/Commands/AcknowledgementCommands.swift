import EscalationCore

// Acknowledging the version in force: the core's `MatrixAcknowledgements` asked inside the
// write transaction, against the register and the acknowledgements read in it.

extension DeskCommands {
    func acknowledgeMatrix(_ version: String, actor: StaffMember, now: Int64) throws -> MatrixAcknowledgement {
        let register = try tx.matrixRegister()
        let acks = try AcknowledgementEvents.all(tx)
        do {
            try MatrixAcknowledgements.checkAcknowledge(version, by: actor.id, register: register, acks: acks, at: now)
        } catch {
            throw StoreError.refused(error.description)
        }
        _ = try EventChain.append(tx, caseID: nil, at: now, actor: actor.id, kind: .matrixAcknowledged,
                                  payload: AcknowledgementEvents.payload(version: version))
        return MatrixAcknowledgement(staff: actor.id, version: version, at: now)
    }
}
