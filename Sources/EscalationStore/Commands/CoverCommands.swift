import EscalationCore

// Acting cover: grant, approve (a second person) and end, each asking the core's
// `CoverRules` inside the write transaction against the covers folded from the log in it.

extension DeskCommands {
    func grantCover(staff: StaffMember, role: String, from: Int64, to: Int64, rationale: String, actor: StaffMember,
                    now: Int64) throws -> ActingCover {
        let register = try CoverEvents.checked(tx)
        try covering { () throws(CoverRefusal) in
            try CoverRules.checkGrant(staff: staff, role: role, from: from, to: to, by: actor, under: rules.policy, now: now)
        }
        let text = try rules.checkedText(rationale, field: "rationale")
        let id = register.nextID
        let event = CoverEvent.granted(cover: id, staff: staff.id, role: role, from: from, to: to, rationale: text)
        return try cover(id, in: try CoverEvents.append(event, to: register, tx: tx, actor: actor.id, at: now))
    }

    func approveCover(_ id: String, actor: StaffMember, now: Int64) throws -> ActingCover {
        let register = try CoverEvents.checked(tx)
        _ = try covering { () throws(CoverRefusal) in
            try CoverRules.checkApprove(id, by: actor, register: register, under: rules.policy, now: now)
        }
        return try cover(id, in: try CoverEvents.append(.approved(cover: id), to: register, tx: tx, actor: actor.id, at: now))
    }

    func endCover(_ id: String, actor: StaffMember, now: Int64) throws -> ActingCover {
        let register = try CoverEvents.checked(tx)
        _ = try covering { () throws(CoverRefusal) in
            try CoverRules.checkEnd(id, by: actor, register: register, under: rules.policy, now: now)
        }
        return try cover(id, in: try CoverEvents.append(.ended(cover: id), to: register, tx: tx, actor: actor.id, at: now))
    }

    private func cover(_ id: String, in register: CoverRegister) throws -> ActingCover {
        guard let c = register.cover(id) else { throw StoreError.corrupt("acting cover \(id) is missing") }
        return c
    }

    private func covering<T>(_ check: () throws(CoverRefusal) -> T) throws -> T {
        do { return try check() } catch { throw error.isNotPermitted ? StoreError.notPermitted(error.description) : StoreError.refused(error.description) }
    }
}
