#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EscalationCore

/// The command line as the kernel handed it over, before Swift decodes it. `CommandLine.arguments`
/// replaces bytes that are not UTF-8 with U+FFFD, so a summary or note typed in another
/// encoding would be stored silently altered; escdesk refuses it instead (exit 64).
enum RawArguments {
    /// A sentence naming the first argument that is not UTF-8 (by position, and by the option
    /// it follows or belongs to), or nil when every argument is UTF-8.
    static func firstInvalidUTF8(_ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, count: Int) -> String? {
        var previous: [UInt8] = []
        for index in 1..<max(1, count) {
            guard let pointer = argv[index] else { break }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            defer { previous = bytes }
            guard let offset = UTF8Bytes.firstInvalidOffset(bytes) else { continue }
            let byte = "byte \(offset + 1) is 0x" + String(bytes[offset], radix: 16, uppercase: true)
            return "\(name(of: bytes, after: previous, index: index)) is not UTF-8 text (\(byte)); "
                + "write it in UTF-8 (a UTF-8 locale such as C.UTF-8 or en_GB.UTF-8 does)"
        }
        return nil
    }

    /// "argument N", with the option it is the value of (`--note=…`) or follows (`--note …`).
    static func name(of bytes: [UInt8], after previous: [UInt8], index: Int) -> String {
        func option(_ raw: some Collection<UInt8>) -> String? {
            guard raw.count > 2, raw.starts(with: [0x2D, 0x2D]), UTF8Bytes.firstInvalidOffset(Array(raw)) == nil else { return nil }
            return String(decoding: raw, as: UTF8.self)
        }
        if let equals = bytes.firstIndex(of: 0x3D), let name = option(bytes[..<equals]) {
            return "argument \(index) (the value of \(name))"
        }
        if let name = option(previous), !name.contains("=") { return "argument \(index) (after \(name))" }
        return "argument \(index)"
    }
}
