import Foundation
import Synchronization

/// Folders for the tests' databases and configurations, removed when the test process
/// exits. A run makes hundreds of them (some with 100 MB logs); left behind, repeated runs
/// piled gigabytes into the temporary directory.
///
/// Removal happens at exit, not after each test, because tests hand paths to child
/// processes and other suites' stores may still be open while a test finishes. A process
/// that is killed (a crashing test) leaves its folders, named `escdesk-…`, to be found.
public enum TemporaryFolders {
    private static let made = Mutex<[URL]>([])

    /// Registers the clean-up once, the first time a folder is made.
    private static let removedAtExit: Void = {
        atexit { TemporaryFolders.removeAll() }
    }()

    /// A new, empty folder named `<prefix>-<uuid>` in the temporary directory.
    public static func make(_ prefix: String) throws -> URL {
        _ = removedAtExit
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        made.withLock { $0.append(url) }
        return url
    }

    /// Removes every folder this process made (what is already gone is skipped).
    public static func removeAll() {
        let urls = made.withLock { urls in
            defer { urls.removeAll() }
            return urls
        }
        for url in urls { try? FileManager.default.removeItem(at: url) }
    }
}
