/// What a piece of text means, not which colour it is: the terminal maps roles to colours, or
/// to bold/reverse on a monochrome terminal or under `NO_COLOR`.
public enum ColourRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text.
    case normal
    /// Headings, box titles, column headers.
    case title
    /// Needs attention soon (a clock nearing its deadline).
    case warning
    /// Needs attention now (over authority, a breached clock, an error).
    case danger
    /// Good news (within authority, saved).
    case ok
    /// Secondary detail (timestamps, hints).
    case muted
    /// The selected row or focused control.
    case selection
}

/// Text attributes every terminal can show, independent of colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    /// The bit set.
    public let rawValue: UInt8
    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bold (or bright) text.
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Swapped foreground and background.
    public static let reverse = TextAttributes(rawValue: 1 << 1)
    /// Underlined text.
    public static let underline = TextAttributes(rawValue: 1 << 2)
    /// Dimmed text.
    public static let dim = TextAttributes(rawValue: 1 << 3)
}

/// The look of one cell: a colour role plus attributes.
public struct Style: Hashable, Sendable {
    /// What the text means (mapped to a colour or a monochrome attribute).
    public var role: ColourRole
    /// Attributes added on top of the role.
    public var attributes: TextAttributes

    /// Creates a style from a role and attributes.
    public init(_ role: ColourRole = .normal, _ attributes: TextAttributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Plain text.
    public static let normal = Style()
    /// Headings and titles.
    public static let title = Style(.title)
    /// Attention soon.
    public static let warning = Style(.warning)
    /// Attention now.
    public static let danger = Style(.danger)
    /// Good news.
    public static let ok = Style(.ok)
    /// Secondary detail.
    public static let muted = Style(.muted)
    /// Selected row or focused control.
    public static let selection = Style(.selection)

    /// This style with more attributes, for emphasis without losing the role.
    public func adding(_ more: TextAttributes) -> Style {
        Style(role, attributes.union(more))
    }
}
