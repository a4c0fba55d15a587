import EscalationCore

extension DeskRules {
    /// Refuses flags the centre does not accept (`FlagRules`): badly formed, or not among the
    /// declared flags (else those the referral rules name plus the common ones). Every path
    /// that records a flag (a new case, a new customer: command line, desk or demo) comes
    /// through here, so nothing but a known, identifier-shaped flag reaches the record.
    func checkFlags(_ flags: [String], _ kind: FlagRules.Kind) throws {
        guard !flags.isEmpty else { return }
        let accepted = centre.acceptedFlags(kind)
        if let refused = FlagRules.firstRefused(flags, accepted: accepted) {
            throw StoreError.invalidValue(field: kind.noun, value: refused, allowed: accepted)
        }
    }
}
