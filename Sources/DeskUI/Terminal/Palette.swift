/// How colour roles look on a given terminal: colours when it has them, or bold/reverse/dim
/// when it is monochrome or the person set `NO_COLOR` (https://no-color.org).
public enum Palette: Hashable, Sendable {
    /// Roles map to foreground colours.
    case colour
    /// Roles map to attributes only.
    case monochrome

    /// The terminal colours a role may use (ANSI numbering, as curses' COLOR_* constants).
    public enum TerminalColour: Int16, Hashable, Sendable {
        /// COLOR_RED.
        case red = 1
        /// COLOR_GREEN.
        case green = 2
        /// COLOR_YELLOW.
        case yellow = 3
        /// COLOR_CYAN.
        case cyan = 6
    }

    /// A style resolved for this palette: attributes plus an optional foreground colour.
    public struct Resolved: Hashable, Sendable {
        /// Attributes to set.
        public var attributes: TextAttributes
        /// Foreground colour, nil for the terminal's default.
        public var colour: TerminalColour?
    }

    /// Colour unless the terminal has none or `NO_COLOR` is set to anything non-empty.
    public static func choose(terminalHasColours: Bool, environment: [String: String]) -> Palette {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return terminalHasColours && !noColour ? .colour : .monochrome
    }

    /// The colour each role uses when colours are on (roles without one use the default).
    public static func colour(for role: ColourRole) -> TerminalColour? {
        switch role {
        case .title: return .cyan
        case .warning: return .yellow
        case .danger: return .red
        case .ok: return .green
        case .normal, .muted, .selection: return nil
        }
    }

    /// What a style looks like here. Selection is reverse video and muted is dim on every
    /// terminal; without colour, titles and warnings are bold and danger is bold and underlined.
    public func resolve(_ style: Style) -> Resolved {
        var attributes = style.attributes
        switch style.role {
        case .selection: attributes.insert(.reverse)
        case .muted: attributes.insert(.dim)
        default: break
        }
        switch self {
        case .colour:
            if style.role == .danger || style.role == .title { attributes.insert(.bold) }
            return Resolved(attributes: attributes, colour: Self.colour(for: style.role))
        case .monochrome:
            switch style.role {
            case .title, .warning: attributes.insert(.bold)
            case .danger: attributes.formUnion([.bold, .underline])
            default: break
            }
            return Resolved(attributes: attributes, colour: nil)
        }
    }
}
