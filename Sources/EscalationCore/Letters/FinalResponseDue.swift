/// The date a letter gives for the final response (`{{final_response_due}}`).
///
/// A holding response must say when the customer can expect the final response (DISP
/// 1.6.2R(2)(b); for payment services, DISP 1.6.2AR(2): a date no later than 35 business days
/// after receipt). Once the holding response is sent, DISP's eight weeks are met and no
/// regulatory limit says when the answer will come, so the handler must say; where a limit
/// still runs (the payment services clock, moved to 35 business days) the handler's date may
/// not pass it, and without one the letter gives the limit. Any other letter gives the nearest
/// regulatory final-response due date still running, and takes no date from the handler.
public enum FinalResponseDue {
    /// `clocks` are the case's clocks as the letter leaves them (the letter counted among its
    /// events); `today` the centre's date the letter is sent on.
    public static func date(for kind: LetterKind, expected: LocalDate?, clocks: [ClockStatus],
                            today: LocalDate) throws(FinalResponseDueRefusal) -> LocalDate? {
        let limit = clocks.filter { $0.family == .regulatory && $0.metAt == nil && LetterKind.finalResponse.meets.contains($0.clock) }
            .min { $0.due < $1.due }
        guard kind == .holdingResponse else {
            if expected != nil { throw .notAsked(kind) }
            return limit?.dueDate
        }
        guard let expected else {
            guard let limit else { throw .dateNeeded }
            return limit.dueDate
        }
        if expected < today { throw .inThePast(expected, today: today) }
        if let limit, expected > limit.dueDate { throw .beyondLimit(expected, limit: limit) }
        return expected
    }
}

/// Why a letter cannot give the date asked for.
public enum FinalResponseDueRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Only a holding response takes a date from the handler.
    case notAsked(LetterKind)
    /// A holding response with no regulatory limit left to count from needs the handler's date.
    case dateNeeded
    case inThePast(LocalDate, today: LocalDate)
    /// Later than a regulatory limit that still runs.
    case beyondLimit(LocalDate, limit: ClockStatus)

    public var description: String {
        switch self {
        case .notAsked(let kind):
            return "the \(kind.title) letter gives no expected date; only a holding response says when the final response will come"
        case .dateNeeded:
            return "a holding response tells the customer when to expect the final response: give the date you expect to send it"
        case .inThePast(let date, let today):
            return "the final response cannot be expected on \(date), before today (\(today))"
        case .beyondLimit(let date, let limit):
            return "the final response cannot be expected on \(date): \(limit.title) (\(limit.rule)) requires it by \(limit.dueDate)"
        }
    }
}
