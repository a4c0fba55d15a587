import Crypto
import Foundation
import Testing
@testable import EscalationStore

/// Sealing: the text comes back only under its own key, and no nonce is used twice.
@Suite struct VaultTests {
    @Test func sealedTextOpensOnlyUnderItsKey() throws {
        let vault = Vault(keyBytes: Vault.newKeyBytes())
        let other = Vault(keyBytes: Vault.newKeyBytes())
        for text in ["Billed twice for March", "", "é ü 😀", String(repeating: "x", count: 70_000)] {
            let sealed = try vault.seal(text)
            #expect(vault.open(sealed) == text)
            #expect(other.open(sealed) == nil)
            #expect(!sealed.contains(text) || text.isEmpty)
        }
        #expect(vault.open("not base64!") == nil)
    }

    @Test func noNonceRepeats() throws {
        // The nonce a seal used is the first twelve bytes of what it wrote.
        let vault = Vault(keyBytes: Vault.newKeyBytes())
        let nonces = try (0..<5_000).map { _ in try Data(base64Encoded: vault.seal("same text"))!.prefix(12) }
        #expect(Set(nonces).count == 5_000)
    }
}
