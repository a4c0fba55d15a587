/// One thing wrong with a configuration file, at the place a manager must edit.
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `escalation.yaml:12:5: the sentence`, the form editors and terminals link to
    /// (`file: sentence` for a problem with the whole file, such as its absence).
    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Everything wrong with a configuration, all at once, in file and line order.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public let issues: [ConfigIssue]

    public init(_ issues: [ConfigIssue]) {
        self.issues = issues.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
