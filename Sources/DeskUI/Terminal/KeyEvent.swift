/// One input event from a terminal, already decoded, so screens never see raw key codes.
public enum KeyEvent: Hashable, Sendable {
    /// A printable character, possibly wide (CJK) or a cluster with combining marks.
    case character(Character)
    /// Enter / Return.
    case enter
    /// Escape (delivered after the terminal's short escape delay).
    case escape
    /// Backspace (either the DEL or the ^H convention).
    case backspace
    /// Forward delete.
    case delete
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home.
    case home
    /// End.
    case end
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// A function key F1–F12.
    case function(Int)
    /// Ctrl plus a letter, the letter in lower case (Ctrl-U is `.control("u")`).
    case control(Character)
    /// The terminal was resized; carries the new size so the next frame is drawn for it.
    case resize(TerminalSize)
    /// A left mouse click (or press) at a screen cell.
    case mouse(row: Int, col: Int)
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP): the loop should exit cleanly.
    case signal(Int32)
    /// No input arrived before the timeout: the loop's chance to poll for outside changes.
    case timeout

    /// Decodes a character read from the terminal into a key: control codes become their keys
    /// (CR/LF → Enter, DEL/^H → Backspace, ESC, Tab, ^A…^Z → `.control`), others `.character`.
    /// Returns nil for control codes no key maps to (NUL, ^\ …), which are dropped.
    public static func decode(typed scalar: Unicode.Scalar) -> KeyEvent? {
        switch scalar.value {
        case 0x0A, 0x0D: return .enter
        case 0x08, 0x7F: return .backspace
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x00...0x1F, 0x80...0x9F: return nil
        default: return .character(Character(scalar))
        }
    }

    /// The key as people write it in help and in the function bar ("F1", "Enter", "Ctrl-U", "↑").
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .resize(let size): return "resize \(size)"
        case .mouse(let row, let col): return "click \(row),\(col)"
        case .signal(let number): return "signal \(number)"
        case .timeout: return "timeout"
        }
    }
}
