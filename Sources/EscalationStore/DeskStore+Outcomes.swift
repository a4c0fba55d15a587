import EscalationCore
import Foundation

extension DeskStore {
    /// The event kinds that can be an outcome for whoever referred a case.
    private static let outcomeKinds = [EventKind.caseClaimed, .caseReturned, .caseResolved, .caseClockEscalated].map(\.rawValue)

    /// What became of the cases `staffID` referred up since event `after`: claims, returns
    /// and resolutions by others (`CaseOutcome.kind`), oldest first. Reads only the log after
    /// `after` (a range of its key) and the cases those events belong to, never the whole
    /// log; nil `after` reads nothing and says where the log ends, so a desk that has just
    /// opened announces only what happens from then on.
    ///
    /// - Parameter limit: at most this many events are read; `through` says how far they went.
    public func outcomes(for staffID: String, after: Int64?, limit: Int = 200) throws(StoreError) -> CaseOutcomes {
        let rules = rules
        let currency = rules.centre.currency
        return try query { reader in
            guard let after else { return CaseOutcomes(outcomes: [], through: try reader.chainHead().seq) }
            let events = try reader.events(after: after, kinds: Self.outcomeKinds, limit: max(1, limit))
            var found: [CaseOutcome] = []
            var escalators: [String: Set<String>] = [:]
            for e in events {
                guard let caseID = e.caseID, let number = CaseNumbers.number(ofID: caseID),
                      let record = try? CaseEventCodec.record(e, currency: currency) else { continue }
                if escalators[caseID] == nil { escalators[caseID] = Set(try reader.escalators(caseNumber: number)) }
                var holder: String?
                if case .clockEscalated = record.event {
                    let history = try ClockProjection.records(try reader.events(caseID: caseID), currency: currency)
                    holder = CaseOutcome.holder(before: record, in: history, roleOf: rules.rulebook.role(of:))
                }
                guard let kind = CaseOutcome.kind(of: record, escalators: escalators[caseID] ?? [], holder: holder,
                                                  for: staffID) else { continue }
                var coverFor: String?
                var outcome: Outcome?
                var grants: [RemedyRequest] = []
                var clock: (id: String, routeTo: String)?
                switch record.event {
                case .claimed(_, let team): coverFor = team.map(rules.rulebook.teams.name(ofTeam:))
                case .resolved(let r): (outcome, grants) = (r.outcome, r.grants)
                case .clockEscalated(let id, let routeTo, _, _): clock = (id, routeTo)
                default: break
                }
                found.append(CaseOutcome(seq: e.seq, caseID: caseID, kind: kind, at: Millis.date(e.at), actorID: e.actor,
                                         actorName: rules.rulebook.name(of: e.actor), actorRole: record.actorRole,
                                         coverFor: coverFor, outcome: outcome, grants: grants, clock: clock?.id,
                                         routeTo: clock?.routeTo))
            }
            let through = events.count >= max(1, limit) ? (events.last?.seq ?? after) : max(after, try reader.chainHead().seq)
            return CaseOutcomes(outcomes: found, through: through)
        }
    }
}
