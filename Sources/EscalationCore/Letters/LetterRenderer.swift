import Foundation

/// What a letter is filled in from: the case's facts as the letter states them, dates as
/// local dates in the centre's time zone.
public struct LetterFacts: Sendable, Hashable {
    public var organisation: String
    /// Nil once the customer's personal data has been erased.
    public var customerName: String?
    public var caseID: String
    public var received: LocalDate
    public var today: LocalDate
    public var handlerName: String
    public var summaryResolutionDue: LocalDate?
    public var finalResponseDue: LocalDate?
    public var outcome: Outcome?
    public var reasons: String?
    /// The remedies granted, each in words ("Refund £40.00").
    public var remediesGranted: [String]
    public var timeLimitsPosition: String

    public init(organisation: String, customerName: String?, caseID: String, received: LocalDate, today: LocalDate,
                handlerName: String, summaryResolutionDue: LocalDate? = nil, finalResponseDue: LocalDate? = nil,
                outcome: Outcome? = nil, reasons: String? = nil, remediesGranted: [String] = [],
                timeLimitsPosition: String) {
        self.organisation = organisation
        self.customerName = customerName
        self.caseID = caseID
        self.received = received
        self.today = today
        self.handlerName = handlerName
        self.summaryResolutionDue = summaryResolutionDue
        self.finalResponseDue = finalResponseDue
        self.outcome = outcome
        self.reasons = reasons
        self.remediesGranted = remediesGranted
        self.timeLimitsPosition = timeLimitsPosition
    }

    /// Facts for checking templates: every field filled, none saying anything a letter must.
    public static func sample(timeLimitsPosition: String) -> LetterFacts {
        let day = LocalDate(year: 2026, month: 12, day: 23)!
        return LetterFacts(organisation: "Sample Ltd", customerName: "A Customer", caseID: "C-000001", received: day,
                           today: day.adding(days: 5), handlerName: "A Handler", summaryResolutionDue: day.adding(days: 7),
                           finalResponseDue: day.adding(days: 56), outcome: .partlyUpheld, reasons: "Sample reasons.",
                           remediesGranted: ["Refund £1.00"], timeLimitsPosition: timeLimitsPosition)
    }

    /// A field's value as the letter says it, before escaping.
    public func value(_ field: LetterField) -> String {
        switch field {
        case .organisation: return organisation
        case .customerName: return customerName ?? "Customer"
        case .caseID: return caseID
        case .receivedDate: return Self.words(received)
        case .today: return Self.words(today)
        case .handlerName: return handlerName
        case .summaryResolutionDue: return summaryResolutionDue.map(Self.words) ?? "not applicable"
        case .finalResponseDue: return finalResponseDue.map(Self.words) ?? "not applicable"
        case .outcome: return outcome.map(Self.words) ?? "not yet decided"
        case .reasons: return reasons ?? ""
        case .remediesGranted: return remediesGranted.isEmpty ? "none" : remediesGranted.joined(separator: "; ")
        case .timeLimitsPosition: return timeLimitsPosition
        }
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// "23 December 2026".
    public static func words(_ date: LocalDate) -> String { "\(date.day) \(months[date.month - 1]) \(date.year)" }

    /// An outcome as a letter says it: "your complaint is partly upheld".
    public static func words(_ outcome: Outcome) -> String {
        switch outcome {
        case .upheld: return "upheld"
        case .partlyUpheld: return "partly upheld"
        case .notUpheld: return "not upheld"
        case .resolvedWithoutComplaint: return "resolved"
        }
    }
}

/// How a letter is printed.
public enum LetterFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case html
}

/// Fills a template in from a case's facts: a pure function, so the same case and template
/// give the same bytes, whose SHA-256 the letter's event records.
public enum LetterRenderer {
    /// The letter. Every value is cleaned of control characters (an escape sequence in a
    /// customer's name never reaches a terminal or a printer); in HTML every value and the
    /// template's own text are escaped, paragraphs become `<p>` and line breaks `<br>`.
    /// The text ends with exactly one line break.
    public static func render(_ template: LetterTemplate, facts: LetterFacts, format: LetterFormat) -> String {
        var body = ""
        for piece in template.pieces {
            switch piece {
            case .text(let text): body += format == .html ? escaped(text) : text
            case .field(let field):
                let value = clean(facts.value(field))
                body += format == .html ? escaped(value) : value
            }
        }
        while body.hasSuffix("\n") { body.removeLast() }
        switch format {
        case .text:
            return body + "\n"
        case .html:
            let paragraphs = body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }
                .filter { !$0.isEmpty }
                .map { "<p>" + $0.replacingOccurrences(of: "\n", with: "<br>\n") + "</p>" }
            let title = escaped(clean(facts.organisation)) + " – " + template.kind.title + " – " + escaped(clean(facts.caseID))
            return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(title)</title>\n</head>\n<body>\n"
                + paragraphs.joined(separator: "\n") + "\n</body>\n</html>\n"
        }
    }

    /// A value without control characters (line breaks and tabs kept as a space or a
    /// break), bidirectional overrides or other invisible formatting that could disguise it.
    public static func clean(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control:
                if scalar == "\n" { out.append(scalar) } else if scalar == "\t" || scalar == "\r" { out.append(" ") }
            case .lineSeparator, .paragraphSeparator:
                out.append("\n")
            case .surrogate:
                break
            case .format:
                // Joiners stay (names and emoji need them); direction overrides and the BOM go.
                let v = scalar.value
                if !((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
                     || v == 0x061C || v == 0xFEFF) { out.append(scalar) }
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text safe inside HTML elements and attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
