/// Keys that work on every screen (htop's function keys), and what they do.
public enum GlobalAction: Hashable, Sendable {
    /// Show the help for the current screen.
    case help
    /// Start the new-case flow.
    case newCase
    /// Search cases.
    case search
    /// Back to the queue (the bottom of the stack).
    case queue
    /// Reload everything now.
    case refresh
    /// Show my authority.
    case myAuthority
    /// Show the authority matrix (managers and above).
    case matrix
    /// Leave the desk.
    case quit
}

extension Keymap where Action == GlobalAction {
    /// The desk-wide keys for the current situation: letters only when no text field has
    /// focus, `q` only on the first screen (elsewhere Esc goes back), F7 only for people who
    /// may view the matrix; F4 (back to the queue) is labelled only away from the queue.
    public static func global(capturingText: Bool, atRoot: Bool, canViewMatrix: Bool) -> Keymap {
        func keys(_ function: Int, _ letter: Character?) -> [KeyEvent] {
            guard let letter, !capturingText else { return [.function(function)] }
            return [.function(function), .character(letter)]
        }
        var bindings: [KeyBinding<GlobalAction>] = [
            KeyBinding(keys(1, "?"), label: "Help", help: "Help for this screen", action: .help),
            KeyBinding(keys(2, nil), label: "New", help: "Open a new case", action: .newCase),
            KeyBinding(keys(3, "/"), label: "Search", help: "Search cases by id, customer, or words of their texts", action: .search),
            KeyBinding(keys(4, nil), label: atRoot ? nil : "Queue", help: "Back to the queue", action: .queue),
            KeyBinding(keys(5, nil), label: "Refresh", help: "Reload now", action: .refresh),
            KeyBinding(keys(6, nil), label: "Auth", help: "My authority", action: .myAuthority),
        ]
        if canViewMatrix {
            bindings.append(KeyBinding(keys(7, nil), label: "Matrix", help: "Authority matrix (read-only)", action: .matrix))
        }
        bindings.append(KeyBinding(keys(10, atRoot ? "q" : nil), label: "Quit", help: "Quit the desk", action: .quit))
        return Keymap(bindings)
    }
}
