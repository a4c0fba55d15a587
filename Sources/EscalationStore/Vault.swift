import Crypto
import Foundation

/// Personal data is sealed with AES-GCM under a key that belongs to one customer before it
/// is written anywhere (event payloads and projections alike), so the hash chain covers
/// ciphertext and destroying the key erases the text without breaking the chain.
///
/// Sealed text is stored as base64 of AES-GCM's combined form (nonce ‖ ciphertext ‖ tag).
/// The nonce is random for every seal, fresh from the kernel each time (never batched: a
/// batch could outlive a fork or a virtual machine's snapshot and be used twice, which AES-GCM
/// cannot survive): two equal summaries never look alike on disk.
struct Vault {
    /// One owner's 256-bit key: a customer's, or the centre's (`centreKeyOwner`).
    private let key: SymmetricKey

    init(keyBytes: some ContiguousBytes) { key = SymmetricKey(data: keyBytes) }

    /// A fresh random 256-bit key's bytes, for a new customer.
    static func newKeyBytes() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The owner id of the centre-level key, which seals staff text that must outlive any
    /// one customer's erasure (the erasure rationale itself).
    static let centreKeyOwner = "@centre"

    func seal(_ text: String) throws -> String {
        // The text's own bytes, not a copy (making a `Data` of a UTF-8 view costs a dynamic cast).
        var text = text
        let box = try text.withUTF8 { try AES.GCM.seal(UnsafeRawBufferPointer($0), using: key) }
        guard let combined = box.combined else { throw StoreError.corrupt("a sealed text has no nonce") }
        return combined.base64EncodedString()
    }

    /// The plaintext, or nil when the sealed text does not open under this key.
    func open(_ sealed: String) -> String? {
        guard let data = Data(base64Encoded: sealed),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}
