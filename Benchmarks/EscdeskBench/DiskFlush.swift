import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The disk's own price for a durable write: 4 KiB written over a block of a small file
/// and flushed with `fdatasync`, as a commit to a write-ahead log that has reached its
/// working size is. Measured in the folder the store's file is in, between the store's
/// actions, so both see the disk in the same state.
final class DiskFlush {
    private let fd: Int32
    private let path: String
    private let block = [UInt8](repeating: 0xA5, count: 4096)
    private let blocks = 256
    private var next = 0

    /// Creates the probe file in `folder`, written out and flushed once so that every
    /// sample overwrites blocks already on disk.
    init(folder: URL) throws {
        path = folder.appendingPathComponent("flush-probe").path
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        for i in 0..<blocks { try write(at: i) }
        guard fsync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    private func write(at index: Int) throws {
        let written = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(index * block.count)) }
        guard written == block.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// One write and flush; returns the seconds it took.
    func sample() throws -> Double {
        let start = ContinuousClock.now
        try write(at: next)
        guard fdatasync(fd) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        next = (next + 1) % blocks
        return seconds(ContinuousClock.now - start)
    }
}

/// Latencies of one kind, in seconds.
struct Latencies {
    private(set) var samples: [Double] = []

    mutating func add(_ seconds: Double) { samples.append(seconds) }

    var total: Double { samples.reduce(0, +) }

    /// The latency that `fraction` of the samples do not exceed (0 with no samples).
    func percentile(_ fraction: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    /// "p50 1.23 ms, p99 4.56 ms"
    var summary: String {
        String(format: "p50 %6.2f ms, p99 %6.2f ms", percentile(0.5) * 1000, percentile(0.99) * 1000)
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
