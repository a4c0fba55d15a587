/// One screen of the desk (queue, case, new case, ...): a component with a title, the keys it
/// answers to (from which the function bar and `?` help are drawn) and a way to reload what
/// it shows when the store changes.
public protocol DeskScreen: Component {
    /// Shown in the title bar and the help box.
    var title: String { get }
    /// The screen's own labelled keys for the function bar, from its current keymap.
    var barEntries: [FunctionBar.Entry] { get }
    /// Every key the screen answers to now, for the `?` help.
    var helpEntries: [HelpOverlay.Entry] { get }
    /// True while keys are text (a search box or a dialog's note has focus): the app then keeps
    /// its single-letter keys (`?`, `/`, `q`) out of the way and offers only function keys.
    var capturesText: Bool { get }
    /// Fetches what the screen shows again (the store changed, or the screen came back on top).
    mutating func reload()
    /// Called when the desk is idle with the screen on top: work that takes a while (a
    /// simulation) runs here, after a "working…" state has been drawn. True to redraw.
    mutating func idle() -> Bool
    /// True while the screen holds work typed and not yet saved (a form, a dialog's note, a
    /// changed draft): a desk key that would close it (Queue, Quit) asks first.
    var holdsTypedText: Bool { get }
}

extension DeskScreen {
    /// Most screens have nothing to do when idle.
    public mutating func idle() -> Bool { false }
    /// Most screens hold nothing typed.
    public var holdsTypedText: Bool { false }
}

/// What a screen asks the app to do after a key: the app applies requests after the
/// screen's handler returns, so screens never hold the stack.
public enum Navigation {
    /// Show a screen on top of this one.
    case push(any DeskScreen)
    /// Go back one screen.
    case pop
    /// Close `popping` screens (a finished flow) and show another in their place.
    case replace(popping: Int, with: any DeskScreen)
    /// Show a one-line notice above the status bar ("Escalated C-000123 to Team Leader").
    case notice(String)
}

/// What screens share with the app: the service, how times are shown, and the queue of
/// navigation requests the app drains after each key.
public final class DeskContext {
    /// The desk's service.
    public let service: any DeskService
    /// Times in the centre's zone.
    public let time: DeskTime
    /// Requests made while handling the current key.
    public private(set) var requests: [Navigation] = []

    /// A context over a service.
    public init(service: any DeskService) {
        self.service = service
        time = DeskTime(timezone: service.centre.timezone)
    }

    /// Asks the app to navigate once the current key is handled.
    public func navigate(_ request: Navigation) { requests.append(request) }

    /// Hands over and clears the pending requests.
    func takeRequests() -> [Navigation] {
        defer { requests.removeAll() }
        return requests
    }
}
