import Crypto
import Foundation

/// The first checkpoint the chain no longer passes through, and why.
public struct CheckpointBreak: Sendable, Hashable, Codable, CustomStringConvertible {
    public let file: String
    /// Its line in the file.
    public let line: Int
    public let seq: Int64
    public let reason: String

    /// `FILE:LINE: the checkpoint of event SEQ: reason`.
    public var description: String { "\(file):\(line): the checkpoint of event \(seq): \(reason)" }
}

/// The result of checking the chain against a file of checkpoints.
public struct CheckpointVerification: Sendable, Hashable, Codable {
    public let file: String
    /// How many checkpoints the file holds.
    public let checked: Int
    /// Whether every checkpoint had to carry a valid signature (a public key was given).
    public let signed: Bool
    /// The first checkpoint (in file order) that fails, or nil when the chain passes through all.
    public let firstBad: CheckpointBreak?

    public var isIntact: Bool { firstBad == nil }
}

extension DeskStore {
    /// A checkpoint of the chain head as it is now, after recomputing the whole chain: a chain
    /// that is already broken gets no checkpoint.
    ///
    /// - Throws: `.corrupt` (65) naming the first bad event.
    public func checkpoint(now: Date) throws(StoreError) -> Checkpoint {
        let chain = try verifyChain()
        if let bad = chain.firstBad {
            throw .corrupt("the event log has been altered (\(bad)), so no checkpoint was taken")
        }
        // An intact chain holds events 1 to its newest, each once.
        return Checkpoint(seq: chain.events, head: chain.headHash, events: chain.events, at: now)
    }

    /// Checks, on one snapshot, that the chain still passes through every checkpoint of the
    /// file: the event at each checkpoint's seq is there with that hash. With `publicKey`,
    /// each checkpoint must also carry a valid signature by it. Names the first that fails.
    public func verifyCheckpoints(_ file: CheckpointFile, publicKey: CheckpointPublicKey?) throws(StoreError) -> CheckpointVerification {
        let firstBad = try query { reader -> CheckpointBreak? in
            let newest = try reader.chainHead().seq
            for entry in file.entries {
                let checkpoint = entry.checkpoint
                func broken(_ reason: String) -> CheckpointBreak {
                    CheckpointBreak(file: file.path, line: entry.line, seq: checkpoint.seq, reason: reason)
                }
                if let publicKey {
                    guard checkpoint.signature != nil else {
                        return broken("it is not signed, and with a public key given every checkpoint must be")
                    }
                    guard checkpoint.isSigned(by: publicKey) else {
                        return broken("its signature does not verify with the public key: the line was changed "
                                      + "after it was signed, or it was signed with another key")
                    }
                }
                guard let event = try reader.event(seq: checkpoint.seq) else {
                    return broken("event \(checkpoint.seq) is not in the log (the newest is \(newest)): "
                                  + "the log was cut back after this checkpoint was taken (or it is from another database)")
                }
                guard event.hash == checkpoint.head else {
                    return broken("event \(checkpoint.seq)'s hash is now \(event.hash.prefix(16))…, not "
                                  + "\(checkpoint.head.prefix(16))… as checkpointed: history up to event \(checkpoint.seq) "
                                  + "was rewritten (or the checkpoint is from another database)")
                }
            }
            return nil
        }
        return CheckpointVerification(file: file.path, checked: file.entries.count, signed: publicKey != nil, firstBad: firstBad)
    }
}
