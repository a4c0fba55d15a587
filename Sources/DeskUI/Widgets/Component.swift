/// Anything that draws into part of a buffer and may consume keys: widgets, dialogs, screens.
///
/// `render` is mutating because drawing fixes layout-dependent state (a list's page size and
/// scroll offset, a field's horizontal scroll), as in ratatui's stateful widgets.
public protocol Component {
    /// Draws into `area` of `buffer`, touching nothing outside it.
    mutating func render(into buffer: inout ScreenBuffer, area: Rect)
    /// Reacts to one event and says what it did.
    mutating func handle(_ event: KeyEvent) -> EventResult
}
