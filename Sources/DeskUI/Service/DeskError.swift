/// Why a desk command or query failed, as one sentence the person at the keyboard can act on.
///
/// The service maps whatever went wrong underneath (a lost claim race, a store error, a
/// refused authority check) to one of these, so screens never show a raw error value.
public struct DeskError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure it was, so a screen can choose how loudly to show it.
    public enum Kind: Hashable, Sendable {
        /// The person's role may not do this (over authority, not the holder, wrong level).
        case notPermitted
        /// The case or customer does not exist (or no longer exists).
        case notFound
        /// Someone else changed the case first (claimed by another team leader).
        case conflict
        /// What was typed cannot be accepted (empty rationale, bad amount).
        case invalid
        /// The store could not be reached or answered with an error.
        case unavailable
    }

    /// The kind of failure.
    public var kind: Kind
    /// One sentence, shown as is.
    public var message: String

    /// Creates an error with its sentence.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A refusal on authority grounds.
    public static func notPermitted(_ message: String) -> DeskError { DeskError(.notPermitted, message) }

    /// The sentence.
    public var description: String { message }
}
