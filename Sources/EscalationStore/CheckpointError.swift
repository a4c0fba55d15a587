import Crypto
import Foundation

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
