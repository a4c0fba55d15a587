/// When a complaint reached the firm: recorded, not assumed (a letter received yesterday is
/// logged today), and never in the future, since every regulatory clock counts from it.
public enum CaseReceipt {
    /// Why `received` cannot be a case's receipt at `now`, or nil when it can. `opened`: when
    /// the case was opened, for a correction (a complaint cannot reach the firm after the
    /// case about it was opened).
    public static func refusal(received: EpochMillis, now: EpochMillis, opened: EpochMillis? = nil) -> String? {
        if received > now {
            return "the time received is in the future; a complaint is recorded once it has reached the firm"
        }
        if let opened, received > opened {
            return "the time received is after the case was opened; a complaint reaches the firm before its case is opened"
        }
        return nil
    }
}
