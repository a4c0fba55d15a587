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
        let (book, path) = (book, path)
        let t = Millis.from(now)
        let since = t - Int64(days) * Millis.day
        return try query { reader in
            let current = try book.rules(reader, at: t, path: path)
            // One context per opening, counted over both policies' windows, serves both decisions.
            let windows = current.windows.merged(with: ContextWindows(draft))
            var recorded: [RecordedRequest] = []
            var customers: [String: CustomerStatus] = [:]
            var after = try Self.lastSeq(before: since, reader)
            while true {
                let page = try reader.events(after: after, kinds: [EventKind.caseOpened.rawValue], limit: 5_000)
                guard let last = page.last else { break }
                after = last.seq
                for e in page where e.at >= since && e.at <= t {
                    if let request = try Self.recordedRequest(e, reader: reader, rules: current, windows: windows,
                                                              customers: &customers) {
                        recorded.append(request)
                    }
                }
            }
            return MatrixSimulation.replay(recorded, current: current.policy, draft: draft)
        }
    }

    /// The seq of the newest event recorded before `t`: the log never runs backwards
    /// (`ActionClock`), so its times rise with its seqs and a binary search over the key finds
    /// where a window starts without reading the log before it (0 when nothing is older).
    static func lastSeq(before t: Int64, _ reader: any LedgerReader) throws -> Int64 {
        var (low, high) = (Int64(0), try reader.chainHead().seq)
        while low < high {
            let middle = low + (high - low + 1) / 2
            // A gap in the seqs (none is ever written) counts as older, so the search still ends.
            if let e = try reader.event(seq: middle), e.at >= t { high = middle - 1 } else { low = middle }
        }
        return low
    }

    /// A case opening as a request to replay, its context counted over `windows`.
    private static func recordedRequest(_ e: StoredEvent, reader: any LedgerReader, rules: DeskRules, windows: ContextWindows,
                                        customers: inout [String: CustomerStatus]) throws -> RecordedRequest? {
        let record: CaseEventRecord
        do { record = try CaseEventCodec.record(e, currency: rules.centre.currency) } catch {
            throw StoreError.corrupt(error.description)
        }
        guard case .opened(let opening) = record.event, let caseID = e.caseID else { return nil }
        let customer: CustomerStatus
        if let known = customers[opening.customer] {
            customer = known
        } else {
            // Only the flags decide; an erased customer's flags still count.
            guard let flags = try reader.customerFlags(id: opening.customer) else { return nil }
            customer = CustomerStatus(id: opening.customer, flags: flags, erased: false, key: nil)
            customers[opening.customer] = customer
        }
        let context = try rules.context(reader, customer: customer, caseFlags: opening.caseFlags, channel: opening.channel,
                                        identityVerified: opening.identityVerified, requests: opening.requests, now: e.at,
                                        pendingContact: false, replaying: true, windows: windows)
        return RecordedRequest(caseID: caseID, handler: opening.decision.handler, requests: opening.requests, context: context)
    }
}
