import EscalationCore

/// `audit verify` for the events that have no table of their own: acknowledgements and
/// acting covers must each follow from the log before them (a cover approved by its
/// granter, an acknowledgement of a version never in force: each is named), and every
/// matrix and cover step must have been taken by someone the rules let take it then
/// (`RecordedGovernance`), so a step written around the desk is named even when its hashes
/// were made good.
enum StaffEventsAudit {
    static func mismatches(_ reader: any LedgerReader, staff: StaffDirectory) throws -> [RecordMismatch] {
        var found: [RecordMismatch] = []
        if case .broken(let mismatch) = try CoverEvents.register(reader) { found.append(mismatch) }
        if case .register(let register) = try GovernanceBinding.rebuilt(reader) {
            found += try AcknowledgementEvents.mismatches(reader, register: register, staff: Set(staff.staff.map(\.id)))
        }
        return found + (try stepsTakenWithoutAuthority(reader, staff: staff))
    }

    /// Each matrix and cover step, in log order, asked whether its actor could take it
    /// under the version in force at its time, with both registers as they stood before
    /// it. Stops where either register cannot be folded further (named by the folds' own
    /// checks).
    private static func stepsTakenWithoutAuthority(_ reader: any LedgerReader, staff: StaffDirectory) throws -> [RecordMismatch] {
        guard var matrix = try GovernanceBinding.founding(reader) else { return [] }
        var covers = CoverRegister()
        var policies: [String: EscalationPolicy] = [:]
        var found: [RecordMismatch] = []
        let kinds = MatrixEvents.eventKinds + CoverEvents.kinds
        for e in try reader.centreEvents(kinds: kinds) {
            func note(_ detail: String) { found.append(RecordMismatch(table: "events", key: String(e.seq), detail: detail)) }
            guard let version = matrix.deciding(at: e.at) else { break }
            // A policy missing or not the one its proposal named is `GovernanceBinding`'s to name.
            guard let policy = policies[version.id] ?? (try? PolicyBook.policy(reader, version: version, path: "")) else { break }
            policies[version.id] = policy
            let actor = staff.member(id: e.actor)
            if let step = MatrixEvents.event(e) {
                if let actor {
                    if let refusal = RecordedGovernance.refusal(of: step, by: actor, register: matrix, current: policy, at: e.at) {
                        note("a matrix step taken by \(e.actor), who could not take it: \(refusal)")
                    }
                } else {
                    note("a matrix step taken by \(e.actor), who is not on the centre's staff list")
                }
                do throws(MatrixFoldError) { matrix = try matrix.applying(step, actor: e.actor, at: e.at, seq: e.seq) } catch { break }
            } else if let step = CoverEvents.event(e) {
                if let actor {
                    if let refusal = RecordedGovernance.refusal(of: step, by: actor, register: covers, under: policy,
                                                                member: { staff.member(id: $0) }) {
                        note("an acting-cover step taken by \(e.actor), who could not take it: \(refusal)")
                    }
                } else {
                    note("an acting-cover step taken by \(e.actor), who is not on the centre's staff list")
                }
                do throws(CoverFoldError) { covers = try covers.applying(step, actor: e.actor, at: e.at) } catch { break }
            } else {
                break
            }
        }
        return found
    }
}
