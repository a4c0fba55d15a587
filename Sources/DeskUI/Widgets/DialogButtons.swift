/// A row of dialog buttons (`[ OK ]  [ Cancel ]`), the focused one in the selection style.
struct DialogButtons {
    /// Button labels, left to right.
    var labels: [String]

    /// Columns the row needs.
    var width: Int {
        labels.reduce(0) { $0 + TextSanitiser.displayWidth($1) + 4 } + 2 * max(0, labels.count - 1)
    }

    /// Draws the row centred in `area`'s first row; `focused` is the index of the focused button.
    func render(into buffer: inout ScreenBuffer, area: Rect, focused: Int?) {
        var x = area.col + max(0, (area.cols - width) / 2)
        for (i, label) in labels.enumerated() {
            let style: Style = i == focused ? Style(.selection, [.reverse, .bold]) : .normal
            x += buffer.write(row: area.row, col: x, text: "[ \(label) ]", style: style, maxWidth: area.right - x) + 2
        }
    }
}

/// Sizes a dialog box for a message in `area`: wrapped to at most 60 columns, at most the area.
enum DialogLayout {
    /// Box width for content `contentWidth` wide, within `area` (2 columns of frame + 2 of margin).
    static func boxWidth(content contentWidth: Int, area: Rect) -> Int {
        min(area.cols, max(contentWidth, 20) + 4)
    }
}
