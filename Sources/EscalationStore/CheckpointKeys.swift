import Crypto
import Foundation

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
