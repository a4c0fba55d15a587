import EscalationCore

/// An authority matrix drawn as a grid, actions down and roles across, each cell's short text
/// ("£50.00 a case" over "£100.00/30d", "yes", "—"); with a cursor, the cell under it is
/// highlighted and kept in view. Scrolls by whole role columns sideways and by action rows.
public struct MatrixGrid {
    /// Width of each role column.
    public static let roleColumnWidth = 16
    /// First role column shown.
    public var firstRole = 0
    /// First action row shown.
    public var firstAction = 0
    /// How many role columns fitted at the last draw.
    public private(set) var rolesShown = 1

    /// A grid scrolled to its top left.
    public init() {}

    /// Draws `matrix` in `area`; `cursor` is (action index, role index). Scrolls so the cursor shows.
    public mutating func render(_ matrix: AuthorityMatrix, cursor: (action: Int, role: Int)? = nil,
                                into buffer: inout ScreenBuffer, area: Rect) {
        let roles = matrix.ladder.roles
        let width = Self.roleColumnWidth
        let actionWidth = min(20, (matrix.actions.map { DisplayWidth.of($0.title) }.max() ?? 8) + 1)
        let fit = max(1, (area.cols - 1 - actionWidth) / (width + 1))
        rolesShown = fit
        if let cursor {
            firstRole = min(firstRole, cursor.role)
            firstRole = max(firstRole, cursor.role - fit + 1)
            firstAction = min(firstAction, cursor.action)
        }
        firstRole = max(0, min(firstRole, roles.count - fit))
        let shownRoles = Array(roles.indices.dropFirst(firstRole).prefix(fit))
        var x = area.col + 1 + actionWidth + 1
        let header = Style(.title, [.bold])
        buffer.write(row: area.row, col: area.col + 1, text: ColumnLayout.fit("Action", width: actionWidth), style: header)
        for r in shownRoles {
            buffer.write(row: area.row, col: x, text: ColumnLayout.fit(roles[r].title, width: width), style: header, maxWidth: area.right - x)
            x += width + 1
        }
        firstAction = max(0, min(firstAction, matrix.actions.count - 1))
        // Never scrolled past the end: the last action sits at the bottom, not above blank rows.
        let last = matrix.actions.count - 1
        while firstAction > 0, rowsNeeded(matrix, from: firstAction - 1, through: last, roles: shownRoles) <= area.rows - 1 {
            firstAction -= 1
        }
        // Keep the cursor's row on screen: each action takes one or two rows.
        if let cursor {
            while firstAction < cursor.action, rowsNeeded(matrix, from: firstAction, through: cursor.action, roles: shownRoles) > area.rows - 1 {
                firstAction += 1
            }
        }
        var y = area.row + 1
        for a in matrix.actions.indices.dropFirst(firstAction) where y < area.bottom {
            let action = matrix.actions[a]
            let onRow = cursor?.action == a
            buffer.write(row: y, col: area.col + 1, text: ColumnLayout.fit(action.title, width: actionWidth),
                         style: onRow ? Style(.normal, [.bold]) : .normal)
            var cx = area.col + 1 + actionWidth + 1
            let height = rows(matrix, action: a, roles: shownRoles)
            for r in shownRoles {
                let cell = matrix.cells[a][r].authority
                let lines = DeskText.shortAuthority(cell, kind: action.kind)
                let selected = onRow && cursor?.role == r
                for i in 0..<height where y + i < area.bottom {
                    let line = i < lines.count ? lines[i] : ""
                    buffer.write(row: y + i, col: cx, text: ColumnLayout.fit(line, width: width),
                                 style: selected ? Style(.selection, [.reverse]) : (cell.isDeny ? .muted : .normal),
                                 maxWidth: area.right - cx)
                }
                cx += width + 1
            }
            y += height
        }
    }

    private func rows(_ matrix: AuthorityMatrix, action a: Int, roles: [Int]) -> Int {
        roles.map { DeskText.shortAuthority(matrix.cells[a][$0].authority, kind: matrix.actions[a].kind).count }.max() ?? 1
    }

    private func rowsNeeded(_ matrix: AuthorityMatrix, from: Int, through: Int, roles: [Int]) -> Int {
        (from...through).reduce(0) { $0 + rows(matrix, action: $1, roles: roles) }
    }
}
