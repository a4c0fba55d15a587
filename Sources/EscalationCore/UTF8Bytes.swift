/// Checks on bytes that claim to be UTF-8 text (a configuration file, a command-line argument)
/// before they are decoded: decoding would replace what is not UTF-8 with U+FFFD and hide where.
public enum UTF8Bytes {
    /// The offset (from 0) of the first byte that does not belong to well-formed UTF-8, or nil
    /// when all of them do.
    public static func firstInvalidOffset(_ bytes: some Sequence<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }
}
