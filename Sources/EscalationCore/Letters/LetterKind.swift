/// The letters the desk sends a customer about a complaint, each with the fields its
/// template may use, what the law requires it to say, and the clocks sending it meets.
public enum LetterKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// DISP 1.6.1R: a prompt written acknowledgement.
    case acknowledgement
    /// DISP 1.5.4R: the summary resolution communication, for a complaint resolved by close
    /// of business on the third business day after receipt.
    case summaryResolution = "summary_resolution"
    /// DISP 1.6.2R(2) / 1.6.2AR: why a final response cannot be given yet, and when it will be.
    case holdingResponse = "holding_response"
    /// DISP 1.6.2R(1): the firm's final response, bound to the decision.
    case finalResponse = "final_response"

    /// As a sentence names it: "final response".
    public var title: String {
        switch self {
        case .acknowledgement: return "acknowledgement"
        case .summaryResolution: return "summary resolution"
        case .holdingResponse: return "holding response"
        case .finalResponse: return "final response"
        }
    }

    /// A summary resolution or a final response tells the customer the decision: it is
    /// rendered from an outcome and the remedies granted, and a resolution must match it.
    public var carriesDecision: Bool { self == .summaryResolution || self == .finalResponse }

    /// Every letter but the acknowledgement explains itself: the decision's reasons, or why
    /// the decision is not ready yet.
    public var needsReasons: Bool { self != .acknowledgement }

    /// The fields this kind's template may use. An acknowledgement knows no decision, so
    /// `{{outcome}}` there is a mistake the configuration check catches.
    public var fields: [LetterField] {
        let common: [LetterField] = [.organisation, .customerName, .caseID, .receivedDate, .today, .handlerName,
                                     .summaryResolutionDue, .finalResponseDue]
        switch self {
        case .acknowledgement: return common
        case .holdingResponse: return common + [.reasons, .timeLimitsPosition]
        case .summaryResolution, .finalResponse: return common + [.outcome, .reasons, .remediesGranted, .timeLimitsPosition]
        }
    }

    /// What a letter of this kind must say, checked on the rendered text.
    public var requiredContent: [LetterRequirement] {
        switch self {
        case .acknowledgement: return []
        case .summaryResolution: return [.ombudsmanReferral, .ombudsmanWebsite]
        case .holdingResponse: return [.ombudsmanReferral, .ombudsmanWebsite, .ombudsmanLeaflet]
        case .finalResponse: return [.ombudsmanReferral, .ombudsmanWebsite, .ombudsmanLeaflet, .sixMonths, .timeLimitsPosition]
        }
    }

    /// The clocks (the preset ids `regulatory/*.yaml` ships) that sending this letter meets:
    /// any letter is a first response; a summary resolution communication meets the
    /// summary clock; a holding response meets DISP's eight weeks (DISP 1.6.2R(2)) but not
    /// the payment services limit, which it moves instead; a final response meets every
    /// final-response clock.
    public var meets: [String] {
        switch self {
        case .acknowledgement: return ["service_first_response"]
        case .summaryResolution: return ["disp_summary_resolution", "service_first_response"]
        case .holdingResponse: return ["disp_final_response", "service_first_response"]
        case .finalResponse:
            return ["disp_final_response", "psd_final_response", "ofcom_final_response", "service_first_response"]
        }
    }
}

/// A named placeholder a letter template may use, written `{{name}}`.
public enum LetterField: String, Sendable, Hashable, CaseIterable {
    case organisation
    case customerName = "customer_name"
    case caseID = "case_id"
    /// The day the complaint was received, in the centre's time zone.
    case receivedDate = "received_date"
    /// The day the letter is sent.
    case today
    /// Who sends it.
    case handlerName = "handler_name"
    case summaryResolutionDue = "summary_resolution_due"
    case finalResponseDue = "final_response_due"
    case outcome
    case reasons
    case remediesGranted = "remedies_granted"
    /// The firm's position on the Ombudsman's time limits (`letters/letters.yaml`).
    case timeLimitsPosition = "time_limits_position"
}

/// Something a letter must say, and the words that show it says it.
public enum LetterRequirement: String, Sendable, Hashable, CaseIterable {
    /// The customer's right to refer the complaint to the Financial Ombudsman Service.
    case ombudsmanReferral = "ombudsman_referral"
    /// The Ombudsman's website address.
    case ombudsmanWebsite = "ombudsman_website"
    /// The Ombudsman's standard explanatory leaflet, enclosed or referred to.
    case ombudsmanLeaflet = "ombudsman_leaflet"
    /// That the referral must be made within six months of the final response.
    case sixMonths = "six_months"
    /// The firm's position on the Ombudsman's time limits, as configured.
    case timeLimitsPosition = "time_limits_position"

    public static let ombudsmanWebsiteAddress = "https://www.financial-ombudsman.org.uk"

    /// What is missing, and what to write so it is not, as a sentence.
    public var missing: String {
        switch self {
        case .ombudsmanReferral:
            return "the customer's right to refer the complaint to the Financial Ombudsman Service "
                + "(write \"Financial Ombudsman Service\" and \"refer\")"
        case .ombudsmanWebsite:
            return "the Financial Ombudsman Service's website (write \(Self.ombudsmanWebsiteAddress))"
        case .ombudsmanLeaflet:
            return "the Financial Ombudsman Service's explanatory leaflet (say it is enclosed: write \"leaflet\")"
        case .sixMonths:
            return "that the customer must refer within six months (write \"six months\")"
        case .timeLimitsPosition:
            return "the firm's position on the Ombudsman's time limits (use {{time_limits_position}})"
        }
    }

    /// The rule that requires it.
    public func rule(for kind: LetterKind) -> String {
        switch kind {
        case .acknowledgement: return "FCA DISP 1.6.1R"
        case .summaryResolution: return "FCA DISP 1.5.4R"
        case .holdingResponse: return "FCA DISP 1.6.2R(2)"
        case .finalResponse: return "FCA DISP 1.6.2R(1)"
        }
    }
}
