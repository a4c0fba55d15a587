extension AuthorityMatrix {
    /// Eight hex digits naming what the matrix says (its currency, roles, actions and every
    /// cell), whatever its version label: the matrix `decide` reads from a file and the same
    /// matrix stored as version 1 of a database have the same fingerprint, so the desk and
    /// the command line can show they are one ("matrix version 1 · 3f2a9c1e").
    public var fingerprint: String {
        var text = "currency=\(currency.code)/\(currency.minorUnits);roles=" + ladder.roles.map(\.id).joined(separator: ",")
        for (a, action) in actions.enumerated() {
            text += ";\(action.id):\(action.kind)"
            for r in ladder.roles.indices { text += "|" + Self.canonical(cells[a][r]) }
        }
        var hash: UInt32 = 0x811c_9dc5
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// This matrix's version with its fingerprint: "matrix version 1 · 3f2a9c1e".
    public var versionName: String { Self.versionName(version) + " · " + fingerprint }

    /// A version a decision names, with the fingerprint when it is this matrix's version.
    public func versionName(of version: String) -> String {
        version == self.version ? versionName : Self.versionName(version)
    }

    private static func canonical(_ cell: AuthorityCell) -> String {
        switch cell.authority {
        case .deny: return "deny"
        case .allow: return "allow"
        case .unlimited: return "unlimited"
        case .limit(let perCase, let rolling):
            return "limit:" + (perCase.map { String($0.minor) } ?? "-") + ":"
                + (rolling.map { "\($0.amount.minor)/\($0.days)" } ?? "-")
        }
    }
}
