/// The centre's letters: one template per kind and the firm's position on the Financial
/// Ombudsman Service's time limits (`letters/`). Stored with the centre when the database is
/// created, so the SHA-256 the first event records covers them; a database created before
/// letters existed has none stored and sends the letters this release ships (`shipped`),
/// every letter event recording the SHA-256 of the text it printed.
public struct LetterBook: Sendable, Hashable, Codable {
    /// One per kind, in `LetterKind.allCases` order.
    public let templates: [LetterTemplate]
    /// Whether the firm consents to the Ombudsman considering a complaint referred outside
    /// its time limits, in the words the letters use (`{{time_limits_position}}`).
    public let timeLimitsPosition: String

    /// A book with every kind's template, or what is missing.
    public init(templates: [LetterTemplate], timeLimitsPosition: String) throws(LetterBookError) {
        let missing = LetterKind.allCases.filter { kind in !templates.contains { $0.kind == kind } }
        if !missing.isEmpty { throw .missingTemplates(missing) }
        if !VisibleText.hasVisibleCharacter(timeLimitsPosition) { throw .noTimeLimitsPosition }
        self.templates = LetterKind.allCases.compactMap { kind in templates.first { $0.kind == kind } }
        self.timeLimitsPosition = timeLimitsPosition
    }

    public func template(_ kind: LetterKind) -> LetterTemplate {
        templates.first { $0.kind == kind } ?? LetterBook.shipped.templates.first { $0.kind == kind }!
    }

    /// What each template lacks of what its kind must say, rendered from sample facts (no
    /// sample value says any of it, so only the template's own words can).
    public func missingContent() -> [(kind: LetterKind, missing: [LetterRequirement])] {
        LetterKind.allCases.compactMap { kind in
            let text = LetterRenderer.render(template(kind), facts: .sample(timeLimitsPosition: timeLimitsPosition), format: .text)
            let missing = LetterContent.missing(in: text, kind: kind, timeLimitsPosition: timeLimitsPosition)
            return missing.isEmpty ? nil : (kind, missing)
        }
    }
}

public enum LetterBookError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingTemplates([LetterKind])
    case noTimeLimitsPosition

    public var description: String {
        switch self {
        case .missingTemplates(let kinds):
            return "no template for the " + kinds.map(\.title).joined(separator: ", ") + " letter; every kind needs one"
        case .noTimeLimitsPosition:
            return "the firm's position on the Ombudsman's time limits is empty; write whether you consent"
        }
    }
}

/// The required content of letters, as a rule on their text.
public enum LetterContent {
    /// What a letter of `kind` lacks. Matching ignores case and runs of white space, so a
    /// phrase broken across lines still counts.
    public static func missing(in text: String, kind: LetterKind, timeLimitsPosition: String) -> [LetterRequirement] {
        let body = normalised(text)
        return kind.requiredContent.filter { requirement in
            switch requirement {
            case .ombudsmanReferral: return !(body.contains("financial ombudsman service") && body.contains("refer"))
            case .ombudsmanWebsite: return !body.contains("financial-ombudsman.org.uk")
            case .ombudsmanLeaflet: return !body.contains("leaflet")
            case .sixMonths: return !(body.contains("six months") || body.contains("6 months"))
            case .timeLimitsPosition: return !body.contains(normalised(timeLimitsPosition))
            }
        }
    }

    /// Lower case, every run of white space one space.
    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
