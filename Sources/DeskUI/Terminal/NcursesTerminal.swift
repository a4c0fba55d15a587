import CNcurses

#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, over ncursesw. It copies `ScreenBuffer`s to the screen (only the cells
/// that changed since the last frame) and decodes keys, resizes, mouse clicks and termination
/// signals into `KeyEvent`s. The logic is kept thin; what can be decided without a terminal
/// (key decoding, palettes, the buffer itself) lives in tested types.
public final class NcursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private var previous: ScreenBuffer?
    private var palette: Palette = .monochrome
    private let environment: [String: String]

    /// Creates the terminal; nothing happens to the screen until `begin`.
    /// - Parameter environment: the process environment (read for `NO_COLOR`).
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The screen size ncurses currently knows (updated on `KEY_RESIZE`).
    public var size: TerminalSize {
        screen == nil ? TerminalSize(rows: 0, cols: 0) : TerminalSize(rows: Int(cn_lines()), cols: Int(cn_cols()))
    }

    /// Takes over the terminal: locale, cbreak/noecho/keypad, quick Esc, hidden cursor,
    /// colours (or monochrome), mouse clicks, and handlers that restore it on signals and crashes.
    public func begin() throws {
        guard screen == nil else { return }
        setlocale(LC_ALL, "")
        QuitSignals.install()
        guard let opened = cn_newterm() else {
            QuitSignals.uninstall()
            throw TerminalError.notATerminal
        }
        screen = opened
        cn_install_fatal_signal_handlers()
        cbreak()
        noecho()
        keypad(cn_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        cn_enable_mouse_clicks()
        palette = Palette.choose(terminalHasColours: has_colors(), environment: environment)
        if palette == .colour { setUpColours() }
        previous = nil
    }

    /// One colour pair per colour role, on the terminal's own background where supported.
    private func setUpColours() {
        start_color()
        let background: Int16 = use_default_colors() == cn_ok() ? -1 : Int16(COLOR_BLACK)
        for colour in [Palette.TerminalColour.red, .green, .yellow, .cyan] {
            init_pair(colour.rawValue, colour.rawValue, background)
        }
    }

    /// Restores the terminal (endwin) and the default signal actions; safe to call twice.
    public func end() {
        guard let opened = screen else { return }
        endwin()
        delscreen(opened)
        screen = nil
        previous = nil
        QuitSignals.uninstall()
    }

    /// Copies the cells that differ from the last frame (all of them after a resize) and refreshes.
    public func present(_ buffer: ScreenBuffer) {
        guard screen != nil else { return }
        let old = previous.flatMap { $0.size == buffer.size ? $0 : nil }
        if old == nil { werase(cn_stdscr()) }
        for row in 0..<buffer.rows {
            for col in 0..<buffer.cols {
                guard let cell = buffer.cell(row: row, col: col), !cell.isContinuation else { continue }
                let unchanged = old?.cell(row: row, col: col) == cell
                    && (cell.width < 2 || old?.cell(row: row, col: col + 1) == buffer.cell(row: row, col: col + 1))
                if !unchanged { draw(cell, row: row, col: col) }
            }
        }
        wrefresh(cn_stdscr())
        previous = buffer
    }

    /// Draws one cell with the wide API: its spacing character plus up to four zero-width ones.
    private func draw(_ cell: Cell, row: Int, col: Int) {
        let resolved = palette.resolve(cell.style)
        var attrs = cn_a_normal()
        if resolved.attributes.contains(.bold) { attrs |= cn_a_bold() }
        if resolved.attributes.contains(.reverse) { attrs |= cn_a_reverse() }
        if resolved.attributes.contains(.underline) { attrs |= cn_a_underline() }
        if resolved.attributes.contains(.dim) { attrs |= cn_a_dim() }
        var wide = cell.symbol.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = cn_put_cell(Int32(row), Int32(col), wide, attrs, resolved.colour?.rawValue ?? 0)
    }

    /// Waits for input in slices of at most 250 ms so a termination signal is noticed promptly.
    public func nextEvent(timeoutMilliseconds: Int?) -> KeyEvent {
        guard screen != nil else { return .timeout }
        var remaining = timeoutMilliseconds
        while true {
            if let number = QuitSignals.take() { return .signal(number) }
            let slice = min(remaining ?? 250, 250)
            wtimeout(cn_stdscr(), Int32(max(0, slice)))
            if let event = readOne() { return event }
            if let number = QuitSignals.take() { return .signal(number) }
            if let left = remaining {
                remaining = left - slice
                if left - slice <= 0 { return .timeout }
            }
        }
    }

    /// One `wget_wch` call decoded; nil when nothing (or nothing meaningful) arrived.
    private func readOne() -> KeyEvent? {
        var code: wint_t = 0
        let status = cn_get_wch(&code)
        if status == cn_key_code_yes() { return decodeKeyCode(Int32(bitPattern: code)) }
        guard status == cn_ok(), let scalar = Unicode.Scalar(code) else { return nil }
        return KeyEvent.decode(typed: scalar)
    }

    /// Maps ncurses key codes to events.
    private func decodeKeyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case cn_key_up(): return .up
        case cn_key_down(): return .down
        case cn_key_left(): return .left
        case cn_key_right(): return .right
        case cn_key_home(): return .home
        case cn_key_end(): return .end
        case cn_key_ppage(): return .pageUp
        case cn_key_npage(): return .pageDown
        case cn_key_dc(): return .delete
        case cn_key_btab(): return .backTab
        case cn_key_backspace(): return .backspace
        case cn_key_enter(): return .enter
        case cn_key_resize():
            previous = nil
            return .resize(size)
        case cn_key_mouse():
            var row: Int32 = 0, col: Int32 = 0
            return cn_get_mouse_click(&row, &col) == 1 ? .mouse(row: Int(row), col: Int(col)) : nil
        default:
            for n in 1...12 where code == cn_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Rings the terminal bell.
    public func bell() {
        guard screen != nil else { return }
        beep()
    }

    deinit { end() }
}
