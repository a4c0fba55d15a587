import EscalationCore
import Foundation

extension DeskStore {
    /// What-if replay: the requests of every case opened in the `days` before `now`, each
    /// decided again for its opener's role under the version in force at `now` and under
    /// `draft` (`MatrixSimulation`, the core's `decide`), on one read snapshot.
    ///
    /// Each case's context is read as a decision at its opening time reads it (customer
    /// flags, case flags, channel, identity, and the repeat-contact and rolling-cap windows
    /// of both policies counted from the store up to that moment), so both policies are
    /// compared on the same inputs the desk had then. Customer flags are read as they are now.
    public func simulate(_ draft: EscalationPolicy, days: Int, now: Date) throws(StoreError) -> SimulationResult {
        let (book, path, base) = (book, path, centre)
        let t = Millis.from(now)
        let since = t - Int64(days) * Millis.day
        return try query { reader in
            let current = try book.rules(reader, at: t, path: path)
            let proposed = DeskRules(centre: base.withPolicy(draft))
            var recorded: [RecordedRequest] = []
            var after: Int64 = 0
            while true {
                let page = try reader.events(after: after, kinds: [EventKind.caseOpened.rawValue], limit: 5_000)
                guard let last = page.last else { break }
                after = last.seq
                for e in page where e.at >= since && e.at <= t {
                    if let request = try Self.recordedRequest(e, reader: reader, current: current, proposed: proposed) {
                        recorded.append(request)
                    }
                }
            }
            return MatrixSimulation.replay(recorded, current: current.policy, draft: draft)
        }
    }

    /// A case opening as a request to replay, its context counted for both policies' windows.
    private static func recordedRequest(_ e: StoredEvent, reader: any LedgerReader, current: DeskRules,
                                        proposed: DeskRules) throws -> RecordedRequest? {
        let record: CaseEventRecord
        do { record = try CaseEventCodec.record(e, currency: current.centre.currency) } catch {
            throw StoreError.corrupt(error.description)
        }
        guard case .opened(let opening) = record.event, let caseID = e.caseID,
              let customer = try reader.customerStatus(id: opening.customer) else { return nil }
        func context(_ rules: DeskRules) throws -> DecisionContext {
            try rules.context(reader, customer: customer, caseFlags: opening.caseFlags, channel: opening.channel,
                              identityVerified: opening.identityVerified, requests: opening.requests, now: e.at,
                              pendingContact: false, replaying: true)
        }
        var both = try context(current)
        let other = try context(proposed)
        both.contacts.byDays.merge(other.contacts.byDays) { kept, _ in kept }
        both.granted.byAction.merge(other.granted.byAction) { kept, more in kept.merging(more) { a, _ in a } }
        return RecordedRequest(caseID: caseID, handler: opening.decision.handler, requests: opening.requests, context: both)
    }
}
