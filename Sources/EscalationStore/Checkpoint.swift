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

// MARK: Keys

/// An Ed25519 key that signs checkpoints. Its file is one line,
/// `escdesk-ed25519-private <base64 of the 32-byte raw key>`, readable by its owner only.
public struct CheckpointSigningKey: Sendable {
    static let tag = "escdesk-ed25519-private"
    /// The 32-byte raw key (the library's key types are not `Sendable`).
    let raw: Data
    public let publicKey: CheckpointPublicKey

    /// A new random key.
    public init() { self.init(key: Curve25519.Signing.PrivateKey()) }

    init(key: Curve25519.Signing.PrivateKey) {
        raw = key.rawRepresentation
        publicKey = CheckpointPublicKey(raw: key.publicKey.rawRepresentation)
    }

    /// The key file's line.
    public var line: String { "\(Self.tag) \(raw.base64EncodedString())" }

    /// - Throws: `.unreadable` (69), or `.invalid` (65) for anything but a private key line.
    public static func read(from path: String) throws(CheckpointError) -> CheckpointSigningKey {
        let raw = try KeyFile.read(path, expected: tag, other: CheckpointPublicKey.tag,
                                   otherIs: "a public key; signing needs the private key that escdesk audit keygen wrote")
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw .invalid(path: path, line: nil, problem: "not a usable Ed25519 private key")
        }
        return CheckpointSigningKey(key: key)
    }

    /// Makes a new key and writes it to `path`, created exclusively with mode 0600: an
    /// existing file (or a link) there is never overwritten.
    ///
    /// - Throws: `.exists` (65), `.unwritable` (69).
    public static func create(at path: String) throws(CheckpointError) -> CheckpointSigningKey {
        let key = CheckpointSigningKey()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw .exists(path: path) }
            throw .unwritable(path: path, reason: UntrustedFile.reason(code))
        }
        // A umask can only take bits away from 0600; this makes the mode exact all the same.
        var failure: Int32 = fchmod(fd, 0o600) == 0 ? 0 : errno
        let bytes = Array((key.line + "\n").utf8)
        if failure == 0 {
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue }; failure = errno; break }
                written += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(path)
            throw .unwritable(path: path, reason: UntrustedFile.reason(failure))
        }
        FileMove.syncFolder(of: path)
        return key
    }
}

/// The public half of a signing key, which checks signatures. Its file is one line,
/// `escdesk-ed25519-public <base64 of the 32-byte raw key>`, as `audit keygen` prints it.
public struct CheckpointPublicKey: Sendable {
    static let tag = "escdesk-ed25519-public"
    /// The 32-byte raw key.
    let raw: Data

    /// The key file's line.
    public var line: String { "\(Self.tag) \(raw.base64EncodedString())" }

    /// - Throws: `.unreadable` (69), or `.invalid` (65) for anything but a public key line.
    public static func read(from path: String) throws(CheckpointError) -> CheckpointPublicKey {
        let raw = try KeyFile.read(path, expected: tag, other: CheckpointSigningKey.tag,
                                   otherIs: "a private key; give the public key that escdesk audit keygen printed, "
                                   + "and keep the private key off the machines that only check")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw .invalid(path: path, line: nil, problem: "not a usable Ed25519 public key")
        }
        return CheckpointPublicKey(raw: raw)
    }
}

/// Key files: one line, `<tag> <base64 of 32 bytes>`.
enum KeyFile {
    static func read(_ path: String, expected: String, other: String, otherIs: String) throws(CheckpointError) -> Data {
        let bytes = try UntrustedFile.bytes(path, limit: 4096, what: "a key file")
        let shape = "an escdesk key file holds one line, \(expected) and the key in base64"
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalid(path: path, line: nil, problem: "not UTF-8 text; \(shape)")
        }
        let tokens = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", omittingEmptySubsequences: false)
        if tokens.first.map(String.init) == other { throw .invalid(path: path, line: nil, problem: "this is \(otherIs)") }
        guard tokens.count == 2, tokens[0] == Substring(expected) else {
            throw .invalid(path: path, line: nil, problem: "not an escdesk key; \(shape)")
        }
        guard let raw = Data(base64Encoded: String(tokens[1])) else {
            throw .invalid(path: path, line: nil, problem: "the key is not valid base64")
        }
        guard raw.count == 32 else {
            throw .invalid(path: path, line: nil, problem: "the key holds \(raw.count) bytes; an Ed25519 key is 32")
        }
        return raw
    }
}

/// Reading a file named on the command line whose content nobody vouches for.
enum UntrustedFile {
    /// Its bytes, at most `limit` of them.
    static func bytes(_ path: String, limit: Int, what: String) throws(CheckpointError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: reason(errno)) }
        defer { close(fd) }
        var status = stat()
        if fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a folder")
        }
        // Read one byte past the limit, to know a file is larger without reading all of it.
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes[count...].withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: reason(errno))
            }
            if n == 0 { break }
            count += n
        }
        guard count <= limit else {
            throw .invalid(path: path, line: nil, problem: "larger than \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit) bytes"), "
                           + "too large for \(what)")
        }
        return Array(bytes[..<count])
    }

    /// The operating system's reason, as a few words.
    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no such file (or its folder is missing)"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOSPC, EDQUOT: return "the disk is full"
        case ELOOP: return "it is a symbolic link"
        default: return String(cString: strerror(code))
        }
    }
}

// MARK: Errors

/// What goes wrong with checkpoint and key files, as one sentence each and an exit code.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A checkpoint or key file that cannot be read: missing, a folder, not permitted.
    case unreadable(path: String, reason: String)
    /// A file whose content is wrong (with its line, when one line is to blame).
    case invalid(path: String, line: Int?, problem: String)
    /// `audit keygen` never overwrites a file.
    case exists(path: String)
    /// `audit keygen` could not write its file.
    case unwritable(path: String, reason: String)
    /// The cryptography library refused a key it made or read.
    case unusableKey(detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .invalid(let path, let line?, let problem): return "\(path):\(line): \(problem)"
        case .invalid(let path, nil, let problem): return "\(path): \(problem)"
        case .exists(let path): return "\(path) already exists; a key is never overwritten, so choose another file or remove the old key first"
        case .unwritable(let path, let reason): return "cannot write \(path): \(reason)"
        case .unusableKey(let detail): return "the key cannot be used: \(detail)"
        }
    }

    /// 65 for wrong content (as for an invalid configuration), and for an existing key file (as
    /// `init` refuses an existing database). A file that cannot be read or written at all is 69,
    /// as a missing or read-only database is: the command line itself was well formed, and 64
    /// is kept for mistakes in it.
    public var exitCode: Int32 {
        switch self {
        case .invalid, .exists, .unusableKey: return 65
        case .unreadable, .unwritable: return 69
        }
    }
}

// MARK: Checking the ledger against checkpoints

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
