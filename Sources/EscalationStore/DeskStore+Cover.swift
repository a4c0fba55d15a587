import EscalationCore
import Foundation

// Acting cover: grant, approve, end and list, and the one place a person's action learns
// which role they act with (`acting`), read inside the action's own write transaction.

extension DeskStore {
    /// Grants `staff` the authority of `role` from `from` to `to`; it takes effect only once
    /// a second manager approves it. Needs `approve_matrix` and may not give a role above
    /// the granter's own (77).
    public func grantCover(staff: String, role: String, from: Date, to: Date, rationale: String, actor: String,
                           now: ActionClock) throws(StoreError) -> ActingCover {
        let member = try member(actor)
        // An unknown person to cover is wrong data (65); an unknown granter may not (77).
        let covered: StaffMember
        do { covered = try self.member(staff) } catch .unknownStaff { throw .refused(CoverRefusal.unknownPerson(staff).description) }
        let (start, end) = (Millis.from(from), Millis.from(to))
        return try command(at: now) {
            try $0.grantCover(staff: covered, role: role, from: start, to: end, rationale: rationale, actor: member, now: $1)
        }
    }

    /// Approves a cover: a second manager, never its granter nor the person covered (77).
    public func approveCover(id: String, actor: String, now: ActionClock) throws(StoreError) -> ActingCover {
        let member = try member(actor)
        return try command(at: now) { try $0.approveCover(id, actor: member, now: $1) }
    }

    /// Ends a cover before its period is over.
    public func endCover(id: String, actor: String, now: ActionClock) throws(StoreError) -> ActingCover {
        let member = try member(actor)
        return try command(at: now) { try $0.endCover(id, actor: member, now: $1) }
    }

    /// Every cover, in the order granted.
    public func covers() throws(StoreError) -> [ActingCover] {
        try query { reader in try CoverEvents.checked(reader).covers }
    }

    /// The cover `actor` acts under at `at`, if any.
    public func actingCover(actor: String, at: Date) throws(StoreError) -> ActingCover? {
        let (member, ladder, t) = (try member(actor), rules.ladder, Millis.from(at))
        return try query { reader in try CoverEvents.checked(reader).acting(member.id, ownRole: member.role, at: t, ladder: ladder) }
    }

    /// Runs a person's case action as the role they act with at the action's time: their
    /// own, or an acting cover's, whose id every event of the action then records.
    func acting<T>(_ member: StaffMember, at clock: ActionClock,
                   _ body: (DeskCommands, StaffMember, Int64) throws -> T) throws(StoreError) -> T {
        try command(at: clock) { commands, now in
            let (acting, cover) = try Self.deciding(member, reader: commands.tx, at: now, ladder: commands.rules.ladder)
            guard let cover else { return try body(commands, member, now) }
            return try body(DeskCommands(rules: commands.rules, tx: commands.tx, actingCover: cover.id), acting, now)
        }
    }

    /// `member` as they decide at `t`: with the role of the acting cover the core's
    /// `CoverRegister.role(of:at:ladder:)` finds in the log, and that cover (nil: their own
    /// role). Actions and their previews both ask this, so a preview never differs from the
    /// decision the action takes.
    static func deciding(_ member: StaffMember, reader: any LedgerReader, at t: Int64,
                         ladder: Ladder) throws -> (member: StaffMember, cover: ActingCover?) {
        let (role, cover) = try CoverEvents.checked(reader).role(of: member, at: t, ladder: ladder)
        guard cover != nil else { return (member, nil) }
        return (member.working(as: role), cover)
    }
}
