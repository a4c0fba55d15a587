extension DeskStore {
    /// Re-hashes the chain from event `seq` on (each event's prev_hash and hash recomputed in
    /// order, the head mark left where it is), as a forger who can write the file would after
    /// changing an event. For tests: `audit verify` cannot see it; only a checkpoint of the
    /// chain head kept outside the database can.
    func forgeHashes(from seq: Int64) throws {
        var events: [StoredEvent] = []
        try ledger.forEachEvent { if $0.seq >= seq - 1 { events.append($0) } }
        var previous = events.first { $0.seq == seq - 1 }?.hash ?? ChainHead.genesisHash
        for e in events where e.seq >= seq {
            let sealed = EventChain.seal(seq: e.seq, caseID: e.caseID, at: e.at, actor: e.actor, kind: e.kind,
                                         payload: e.payload, prevHash: previous)
            try executeRaw("UPDATE events SET prev_hash = '\(sealed.prevHash)', hash = '\(sealed.hash)' WHERE seq = \(e.seq)")
            previous = sealed.hash
        }
    }
}
