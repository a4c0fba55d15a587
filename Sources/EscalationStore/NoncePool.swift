import Crypto
import Foundation
import Synchronization

/// Random 96-bit AES-GCM nonces drawn from a page of the kernel's random bytes, refilled
/// when spent, instead of one `getrandom` system call per seal: every case action seals
/// text, and that call cost more than the encryption itself.
///
/// Each nonce is twelve bytes of the kernel's CSPRNG output used once, exactly as a nonce
/// made by `AES.GCM.Nonce()`; only the fetching is batched. The page is marked
/// wipe-on-fork, so a forked child finds it empty and refills instead of repeating its
/// parent's nonces (a repeated nonce under one key would break AES-GCM). Where the page
/// cannot be set up that way, every nonce comes from `AES.GCM.Nonce()` as before.
enum NoncePool {
    private static let pool = Mutex(Page())

    static func next() -> AES.GCM.Nonce {
        let nonce = pool.withLock { page -> AES.GCM.Nonce? in
            guard let bytes = page.take(Page.nonceBytes) else { return nil }
            return try? AES.GCM.Nonce(data: bytes)
        }
        return nonce ?? AES.GCM.Nonce()
    }

    /// One memory page: the count of unspent bytes in the first eight, random bytes after.
    /// A fork zeroes it in the child, which reads as "nothing left".
    private struct Page: ~Copyable {
        static let nonceBytes = 12
        private let base: UnsafeMutableRawPointer?
        private let size: Int

        init() {
            size = Int(sysconf(Int32(_SC_PAGESIZE)))
            guard let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                  mapped != MAP_FAILED else { base = nil; return }
            guard madvise(mapped, size, MADV_WIPEONFORK) == 0 else {
                munmap(mapped, size)
                base = nil
                return
            }
            base = mapped
        }

        deinit { if let base { munmap(base, size) } }

        /// The next `count` unspent random bytes (refilling the page when too few are
        /// left), or nil when there is no page.
        mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard let base else { return nil }
            let capacity = size - 8
            var left = Int(base.load(as: UInt64.self))
            if left < count {
                // glibc's arc4random_buf: the kernel's getrandom, one call for the page.
                arc4random_buf(base + 8, capacity)
                left = capacity
            }
            left -= count
            base.storeBytes(of: UInt64(left), as: UInt64.self)
            return UnsafeRawBufferPointer(start: base + 8 + left, count: count)
        }
    }
}
