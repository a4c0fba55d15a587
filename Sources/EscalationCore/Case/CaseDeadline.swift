/// When a case must be finished. Today every case gets DISP 1.6.2R's eight weeks from
/// receipt; the regulatory clocks (per kind, business days, bank holidays) will answer here.
public enum CaseDeadline {
    /// Eight weeks: the date 56 days after receipt.
    public static let eightWeeks: EpochMillis = 56 * 86_400_000

    /// The deadline of a case of `kind` received at `receivedAt`.
    public static func due(kind: String, receivedAt: EpochMillis) -> EpochMillis {
        receivedAt + eightWeeks
    }
}
