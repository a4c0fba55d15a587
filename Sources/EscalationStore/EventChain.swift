import EscalationCore
import Crypto

/// The tamper-evident log: each event's hash is SHA-256 over the previous event's hash
/// (64 hex digits; 64 zeros before the first event) followed by the event's canonical
/// bytes, `{"actor":…,"at":…,"case_id":…,"kind":…,"payload":…,"seq":…}` with the payload
/// exactly as stored. Changing, removing or reordering any event changes every hash after it.
enum EventChain {
    /// Appends one event after the head and moves the head mark to it, in the caller's
    /// transaction. Every write in the store goes through here.
    ///
    /// A newest event without the mark means events after it were removed behind the
    /// desk's back: the new event then skips one seq, so the removal stays visible to
    /// `audit verify` as a gap instead of being papered over by the next append.
    @discardableResult
    static func append(_ tx: any LedgerTransaction, caseID: String?, at: Int64, actor: String,
                       kind: EventKind, payload: JSONValue) throws -> StoredEvent {
        let head = try tx.chainHead()
        let event = seal(seq: head.seq + (head.marked ? 1 : 2), caseID: caseID, at: at, actor: actor, kind: kind.rawValue,
                         payload: payload.canonicalString, prevHash: head.hash)
        try tx.appendEvent(event, after: head)
        return event
    }

    static func seal(seq: Int64, caseID: String?, at: Int64, actor: String, kind: String,
                     payload: String, prevHash: String) -> StoredEvent {
        var event = StoredEvent(seq: seq, caseID: caseID, at: at, actor: actor, kind: kind,
                                payload: payload, prevHash: prevHash, hash: "")
        event.hash = hash(of: event)
        return event
    }

    /// The hash an event should carry, from its own fields and its `prevHash`.
    static func hash(of e: StoredEvent) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(e.payload.utf8.count + e.actor.utf8.count + 160)
        bytes.append(contentsOf: e.prevHash.utf8)
        bytes.append(contentsOf: #"{"actor":"#.utf8)
        JSONValue.writeString(e.actor, into: &bytes)
        bytes.append(contentsOf: #","at":"#.utf8)
        JSONValue.writeInt(e.at, into: &bytes)
        bytes.append(contentsOf: #","case_id":"#.utf8)
        JSONValue.optional(e.caseID).write(into: &bytes)
        bytes.append(contentsOf: #","kind":"#.utf8)
        JSONValue.writeString(e.kind, into: &bytes)
        bytes.append(contentsOf: #","payload":"#.utf8)
        bytes.append(contentsOf: e.payload.utf8)
        bytes.append(contentsOf: #","seq":"#.utf8)
        JSONValue.writeInt(e.seq, into: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return hex(SHA256.hash(data: bytes))
    }

    /// Hex SHA-256 of a text (used to pin the stored configuration in the chain).
    static func digest(_ text: String) -> String { hex(SHA256.hash(data: Array(text.utf8))) }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Recomputes the whole chain, one event at a time, and names the first event that does
    /// not match. A deleted last event leaves no gap, so the head mark (moved to each new
    /// event in the transaction that appends it) must sit on the newest event, and only there.
    ///
    /// An attacker who can rewrite the whole file can move the mark too; the head hash is
    /// printed so it can be recorded somewhere the database's writers cannot reach.
    static func verify(_ ledger: any Ledger) throws -> ChainVerification {
        var check = Check()
        try ledger.forEachEvent { check.next($0) }
        return check.finish()
    }

    /// The chain's check, fed one event at a time in seq order, so `audit verify` can check
    /// the projections in the same pass.
    struct Check {
        private var expected: Int64 = 1
        private var previousHash = ChainHead.genesisHash
        private var firstBad: ChainBreak?
        private var marked: [Int64] = []

        mutating func next(_ e: StoredEvent) {
            if e.isHead && marked.count < 2 { marked.append(e.seq) }
            guard firstBad == nil else { return }
            if e.seq != expected {
                firstBad = ChainBreak(seq: expected, reason: "event \(expected) is missing: the log jumps from \(expected - 1) to \(e.seq)")
            } else if e.prevHash != previousHash {
                firstBad = ChainBreak(seq: e.seq, reason: "its prev_hash does not match the hash of event \(e.seq - 1): "
                                      + "an earlier event was changed and re-hashed, removed, or moved")
            } else if hash(of: e) != e.hash {
                firstBad = ChainBreak(seq: e.seq, reason: "its hash does not match its contents: "
                                      + "the payload, time, actor, kind or hash was changed")
            }
            expected = e.seq + 1
            previousHash = e.hash
        }

        func finish() -> ChainVerification {
            var firstBad = firstBad
            let last = expected - 1
            if firstBad == nil && last > 0 {
                if let stray = marked.first(where: { $0 != last }) {
                    firstBad = ChainBreak(seq: stray, reason: "it is marked as the head of the chain, but event \(last) is newer: "
                                          + "the head mark was moved")
                } else if marked.isEmpty {
                    firstBad = ChainBreak(seq: last + 1, reason: "event \(last + 1) is missing: event \(last), the newest left, "
                                          + "is not marked as the head of the chain, so what followed it was removed")
                }
            }
            return ChainVerification(events: last, headHash: previousHash, firstBad: firstBad)
        }
    }
}
