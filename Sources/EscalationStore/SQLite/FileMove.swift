import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Moving a finished file into place in one step.
enum FileMove {
    /// Gives the file `temporary` the name `path` (in the same folder) without ever replacing
    /// a file already at `path`, then makes the new name durable.
    ///
    /// `link(2)` fails with EEXIST rather than replace, and the name appears complete or not at
    /// all; the temporary name is then removed. (Linux's `renameat2(RENAME_NOREPLACE)` would do
    /// both in one call, but Swift's Glibc module does not declare it.) A process killed between
    /// the two calls leaves the temporary name as a second name of the finished database.
    ///
    /// - Throws: `.alreadyExists` when a file appeared at `path` meanwhile; `.readOnly`,
    ///   `.diskFull` or `.unavailable` when the folder refuses the new name.
    static func placeWithoutReplacing(_ temporary: String, at path: String) throws {
        guard link(temporary, path) == 0 else {
            let code = errno
            switch code {
            case EEXIST: throw StoreError.alreadyExists(path: path)
            case EACCES, EROFS: throw StoreError.readOnly(path: path)
            case ENOSPC, EDQUOT: throw StoreError.diskFull(path: path)
            case EPERM:
                throw StoreError.unavailable(path: path, detail: "its file system does not allow a second name for a file, "
                                             + "which creating a database safely needs; choose a folder on another file system")
            default:
                throw StoreError.unavailable(path: path, detail: "the new database could not be moved into place ("
                                             + String(cString: strerror(code)) + ")")
            }
        }
        unlink(temporary)
        syncFolder(of: path)
    }

    /// Flushes the folder holding `path`, so its new name survives a power cut. Best effort: the
    /// database is already complete under that name, and a folder that cannot be flushed (some
    /// network file systems) is no reason to report the creation as failed.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
