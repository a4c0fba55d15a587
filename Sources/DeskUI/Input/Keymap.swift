/// One key binding: the keys that trigger an action, and the words for it in the function bar
/// and in help. Keeping all three together is what stops labels drifting from behaviour.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// Keys that trigger the action; the first is the one the function bar shows.
    public var keys: [KeyEvent]
    /// Short label for the function bar (htop style), or nil to show it only in help.
    public var label: String?
    /// One line for the help overlay.
    public var help: String
    /// What the screen does when one of the keys is pressed.
    public var action: Action

    /// Creates a binding.
    public init(_ keys: [KeyEvent], label: String? = nil, help: String, action: Action) {
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
    }

    /// The keys as help shows them ("↓ j").
    public var keyNames: String { keys.map(\.displayName).joined(separator: " ") }
}

/// The keys of one screen, from which the screen dispatches, the function bar is drawn and the
/// `?` help is listed, so what the bar says is always what the keys do.
public struct Keymap<Action: Sendable>: Sendable {
    /// Bindings in display order; when two bind the same key, the first wins.
    public var bindings: [KeyBinding<Action>]

    /// Creates a keymap from bindings in display order.
    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, or nil when the screen does not use it.
    public func action(for key: KeyEvent) -> Action? {
        for binding in bindings where binding.keys.contains(key) { return binding.action }
        return nil
    }

    /// Entries for the function bar: the first key of each labelled binding and its label.
    public var barEntries: [FunctionBar.Entry] {
        bindings.compactMap { binding in
            guard let label = binding.label, let key = binding.keys.first else { return nil }
            return FunctionBar.Entry(key: key.displayName, label: label)
        }
    }

    /// Lines for the help overlay: every binding's keys and help text.
    public var helpEntries: [HelpOverlay.Entry] {
        bindings.map { HelpOverlay.Entry(keys: $0.keyNames, help: $0.help) }
    }

    /// Keys bound more than once (a test asserts a screen has none, since the second is dead).
    public var duplicateKeys: [KeyEvent] {
        var seen: [KeyEvent] = []
        var duplicates: [KeyEvent] = []
        for key in bindings.flatMap(\.keys) {
            if seen.contains(key) {
                if !duplicates.contains(key) { duplicates.append(key) }
            } else {
                seen.append(key)
            }
        }
        return duplicates
    }

    /// The same bindings with their actions translated, so a screen can embed a shared keymap
    /// (such as list navigation) in its own action type.
    public func map<Other: Sendable>(_ transform: (Action) -> Other) -> Keymap<Other> {
        Keymap<Other>(bindings.map { KeyBinding($0.keys, label: $0.label, help: $0.help, action: transform($0.action)) })
    }

    /// Both keymaps' bindings, the left one's first (and winning on shared keys).
    public static func + (lhs: Keymap, rhs: Keymap) -> Keymap {
        Keymap(lhs.bindings + rhs.bindings)
    }
}
