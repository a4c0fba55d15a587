import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A checkpoint of the chain head, to keep where the database's writers cannot reach.
///
/// `audit verify` recomputes the chain inside the database, so a writer who re-hashes every
/// event after a change, or cuts the tail and moves the head mark, leaves a chain that still
/// verifies. A checkpoint records the newest event's seq and hash at a moment; a later chain
/// that no longer holds that event with that hash was rewritten or cut.
///
/// One line of text, versioned and greppable:
///
///     escdesk-checkpoint v1 seq=<n> head=<64 hex> events=<n> at=<YYYY-MM-DDTHH:MM:SSZ> [sig=<base64>]
///
/// Fields come in that order, separated by single spaces. `sig`, when present, is an Ed25519
/// signature over the UTF-8 bytes of the line before ` sig=` (the `body`).
public struct Checkpoint: Sendable, Hashable, Encodable {
    public static let tag = "escdesk-checkpoint"
    public static let version = 1

    /// The newest event's seq.
    public let seq: Int64
    /// Its hash, 64 lowercase hex digits.
    public let head: String
    /// How many events the log held (in an intact chain, events 1 to `seq`).
    public let events: Int64
    /// When the checkpoint was taken, to the second.
    public let at: Date
    /// The Ed25519 signature over `body`, when signed.
    public let signature: Data?

    init(seq: Int64, head: String, events: Int64, at: Date, signature: Data? = nil) {
        self.seq = seq
        self.head = head
        self.events = events
        self.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        self.signature = signature
    }

    /// The canonical text the signature covers.
    public var body: String {
        "\(Self.tag) v\(Self.version) seq=\(seq) head=\(head) events=\(events) at=\(CheckpointTime.format(at))"
    }

    /// The line to keep.
    public var line: String {
        signature.map { body + " sig=" + $0.base64EncodedString() } ?? body
    }

    /// The same checkpoint signed with `key`.
    public func signed(with key: CheckpointSigningKey) throws(CheckpointError) -> Checkpoint {
        do {
            let signature = try Curve25519.Signing.PrivateKey(rawRepresentation: key.raw).signature(for: Data(body.utf8))
            return Checkpoint(seq: seq, head: head, events: events, at: at, signature: Data(signature))
        } catch {
            throw .unusableKey(detail: "signing failed (\(error))")
        }
    }

    /// Whether it carries a valid signature by `key` over its body.
    public func isSigned(by key: CheckpointPublicKey) -> Bool {
        guard let signature, let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.raw) else { return false }
        return publicKey.isValidSignature(signature, for: Data(body.utf8))
    }

    enum CodingKeys: String, CodingKey { case format, version, seq, head, events, at, signature, line }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.tag, forKey: .format)
        try c.encode(Self.version, forKey: .version)
        try c.encode(seq, forKey: .seq)
        try c.encode(head, forKey: .head)
        try c.encode(events, forKey: .events)
        try c.encode(CheckpointTime.format(at), forKey: .at)
        try c.encodeIfPresent(signature?.base64EncodedString(), forKey: .signature)
        try c.encode(line, forKey: .line)
    }

    // MARK: Parsing

    static let fieldNames = ["seq", "head", "events", "at"]

    /// Reads one line (already trimmed of surrounding blanks). The error is the problem alone,
    /// for the caller to put after `FILE:LINE:`. Nothing of the line is repeated in it unless it
    /// was checked to be plain text.
    static func parse(_ text: Substring) throws(CheckpointSyntax) -> Checkpoint {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: false)
        guard tokens.first == Substring(tag) else {
            throw CheckpointSyntax("not a checkpoint: a line holds a checkpoint (\(tag) v\(version) seq=…), "
                                   + "a # comment, or nothing")
        }
        guard !tokens.contains(where: \.isEmpty) else { throw CheckpointSyntax("fields must be separated by one space each") }
        guard tokens.count > 1, tokens[1].first == "v", let version = Int(tokens[1].dropFirst()) else {
            throw CheckpointSyntax("the format version should follow \(tag), as v\(Self.version)")
        }
        guard version == Self.version else {
            throw CheckpointSyntax("checkpoint format v\(version) is not one this escdesk reads (it reads v\(Self.version))")
        }
        var values: [String: Substring] = [:]
        for (i, name) in fieldNames.enumerated() {
            let position = i + 2
            guard position < tokens.count, tokens[position].hasPrefix(name + "=") else {
                throw CheckpointSyntax("field \(position + 1) should be \(name)=…; a v1 checkpoint has seq, head, events "
                                       + "and at, in that order, then an optional sig")
            }
            values[name] = tokens[position].dropFirst(name.count + 1)
        }
        guard let seq = wholeNumber(values["seq"]!) else { throw CheckpointSyntax("seq should be a whole number from 1") }
        guard let events = wholeNumber(values["events"]!) else { throw CheckpointSyntax("events should be a whole number from 1") }
        let head = String(values["head"]!)
        guard head.utf8.count == 64, head.utf8.allSatisfy(isLowerHex) else {
            throw CheckpointSyntax("head should be 64 lowercase hex digits (a SHA-256)")
        }
        guard let at = CheckpointTime.parse(values["at"]!) else {
            throw CheckpointSyntax("at should be a UTC time to the second, like 2026-03-14T09:30:00Z")
        }
        var signature: Data?
        if tokens.count > 6 {
            guard tokens[6].hasPrefix("sig=") else { throw CheckpointSyntax("only sig=… may follow at=…") }
            guard let bytes = Data(base64Encoded: String(tokens[6].dropFirst(4))) else {
                throw CheckpointSyntax("sig is not valid base64")
            }
            guard bytes.count == 64 else {
                throw CheckpointSyntax("sig holds \(bytes.count) bytes; an Ed25519 signature is 64")
            }
            signature = bytes
        }
        guard tokens.count <= 7 else { throw CheckpointSyntax("nothing may follow sig=…") }
        return Checkpoint(seq: seq, head: head, events: events, at: at, signature: signature)
    }

    /// Decimal digits without a sign or leading zero, 1 or more, fitting an Int64.
    private static func wholeNumber(_ text: Substring) -> Int64? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.count <= 18,
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int64(text)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// What is wrong with one checkpoint line.
struct CheckpointSyntax: Error {
    let problem: String
    init(_ problem: String) { self.problem = problem }
}

/// Checkpoint times: UTC, to the second, `2026-03-14T09:30:00Z` and nothing else.
enum CheckpointTime {
    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    static func format(_ date: Date) -> String { formatter().string(from: date) }

    static func parse(_ text: Substring) -> Date? {
        let text = String(text)
        // The formatter also takes offsets and odd years; only its own output is canonical.
        guard text.utf8.count == 20, let date = formatter().date(from: text), format(date) == text else { return nil }
        return date
    }
}

// MARK: Checkpoint files

/// A file of checkpoints: one a line, with blank lines and `#` comments allowed.
public struct CheckpointFile: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The line number in the file, from 1.
        public let line: Int
        public let checkpoint: Checkpoint
    }

    public let path: String
    public let entries: [Entry]

    /// The largest file read: a checkpoint line is under 250 bytes, so ten years of hourly
    /// checkpoints fit twenty times over.
    public static let sizeLimit = 10 << 20

    /// - Throws: `.unreadable` (69) for a file that cannot be read; `.invalid` (65, with
    ///   the line) for one that is too large, not UTF-8, malformed, or holds no checkpoint.
    public static func read(from path: String) throws(CheckpointError) -> CheckpointFile {
        try parse(UntrustedFile.bytes(path, limit: sizeLimit, what: "a checkpoint file"), path: path)
    }

    static func parse(_ bytes: [UInt8], path: String) throws(CheckpointError) -> CheckpointFile {
        var entries: [Entry] = []
        for (index, raw) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw .invalid(path: path, line: index + 1, problem: "not UTF-8 text")
            }
            let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                entries.append(Entry(line: index + 1, checkpoint: try Checkpoint.parse(Substring(trimmed))))
            } catch {
                throw .invalid(path: path, line: index + 1, problem: error.problem)
            }
        }
        guard !entries.isEmpty else {
            throw .invalid(path: path, line: nil, problem: "holds no checkpoint, only blank lines and comments; there is nothing to check against")
        }
        return CheckpointFile(path: path, entries: entries)
    }
}
