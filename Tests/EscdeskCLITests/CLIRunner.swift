import Foundation
import TestSupport

/// Runs the built `escdesk` binary as a script or a person would, capturing its output.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The folder holding the built products (the test bundle sits beside `escdesk`).
    static let products: URL = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("escdesk").path) {
            return dir
        }
        fatalError("escdesk binary not found beside the tests in \(candidates)")
    }()

    /// The binary under test: the one built beside the tests, or `$ESCDESK_TEST_BINARY` (to
    /// run these tests against another build, such as one from before a fix).
    static let binary = ProcessInfo.processInfo.environment["ESCDESK_TEST_BINARY"].map(URL.init(fileURLWithPath:))
        ?? products.appendingPathComponent("escdesk")

    /// The repository root, for the shipped `Config/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var config: String { root.appendingPathComponent("Config").path }

    /// - Parameter fileSizeLimitKiB: runs the binary under `ulimit -f` (1024-byte blocks), as
    ///   a quota or a full file system would stop it growing its files. SIGXFSZ is set back to
    ///   its default first (this test process may ignore it, and a child inherits that), so a
    ///   binary that does not ignore it itself is killed by it.
    /// - Parameter launcher: a command that starts the binary: it is run with the binary's
    ///   path and then `arguments` after its own arguments (`setpriv --reuid=…` to run as
    ///   another user, or `/bin/sh -c 'exec "$0" "$@" …'` to add bytes that are not UTF-8).
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                    fileSizeLimitKiB: Int? = nil, launcher: [String] = []) throws -> Result {
        let process = Process()
        if let fileSizeLimitKiB {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "ulimit -f \(fileSizeLimitKiB) && exec env --default-signal=XFSZ \"$0\" \"$@\"", binary.path] + arguments
        } else if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = launcher.dropFirst() + [binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Output goes to files, so a large output can never fill a pipe and block the child.
        let scratch = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: scratch.path])
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// A new folder, removed when the test run ends.
    static func temporaryDirectory() throws -> URL {
        try TemporaryFolders.make("escdesk-cli")
    }
}
