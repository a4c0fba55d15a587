import DeskUI
import EscalationStore

extension DeskError {
    /// The desk's kind of failure for a store refusal, keeping the store's own sentence.
    ///
    /// The exit code already sorts refusals the way the command line reports them, so the
    /// desk follows it: 77 is a permission refusal, 69 an unreachable database; unknown ids
    /// are "not found" and a lost claim race a conflict, so a screen can say so plainly.
    init(_ error: StoreError) {
        let kind: Kind
        switch error {
        case .unknownCase, .unknownCustomer, .unknownStaff: kind = .notFound
        case .alreadyClaimed: kind = .conflict
        default:
            switch error.exitCode {
            case 77: kind = .notPermitted
            case 69: kind = .unavailable
            default: kind = .invalid
            }
        }
        self.init(kind, error.description.sentence)
    }
}

extension String {
    /// The store's lower-case clause as a sentence: capital first letter, full stop at the end.
    var sentence: String {
        guard let first else { return self }
        let body = first.uppercased() + dropFirst()
        return body.hasSuffix(".") || body.hasSuffix("?") ? body : body + "."
    }
}

/// Runs a store call for the desk, turning any `StoreError` into a `DeskError`.
func desk<T>(_ body: () throws(StoreError) -> T) throws(DeskError) -> T {
    do { return try body() } catch { throw DeskError(error) }
}
