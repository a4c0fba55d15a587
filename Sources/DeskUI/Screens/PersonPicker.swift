/// "Who are you?" for `escdesk demo` without `--as`: a list of staff (name, role, team) to
/// choose from, run before the service exists. It stands alone so the executable can run it
/// in its own `EventLoop`: Enter chooses and Esc/q gives up, and both end the loop (`.quit`);
/// `chosenID` then says who was picked (nil if nobody).
public struct PersonPicker: Component {
    /// A choice: staff id, name, role title and team.
    public struct Person: Hashable, Sendable, Identifiable {
        /// Staff id.
        public var id: String
        /// Name.
        public var name: String
        /// Role title.
        public var role: String
        /// Team, if any.
        public var team: String?
        /// Creates a choice.
        public init(id: String, name: String, role: String, team: String? = nil) {
            self.id = id
            self.name = name
            self.role = role
            self.team = team
        }
    }

    /// Box title.
    public var title: String
    /// The staff list.
    public private(set) var list: ListView<ArrayDataSource<Person>>
    /// Who was chosen, once Enter is pressed.
    public private(set) var chosenID: String?

    /// A picker over `people`.
    public init(people: [Person], title: String = "Training desk: who are you?") {
        self.title = title
        list = ListView(source: ArrayDataSource(people), columns: [
            ListColumn("Name", width: .flexible(min: 12, weight: 3)) { $0.name },
            ListColumn("Role", width: .flexible(min: 12, weight: 3)) { $0.role },
            ListColumn("Team", width: .flexible(min: 8, weight: 2)) { $0.team ?? "" },
        ], emptyMessage: "No staff are configured.")
    }

    /// The choices from desk people.
    public init(staff: [DeskPerson], title: String = "Training desk: who are you?") {
        self.init(people: staff.map { Person(id: $0.id, name: $0.name, role: $0.roleTitle, team: $0.team) }, title: title)
    }

    /// A centred box with the list and a hint line.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let box = area.centred(rows: min(area.rows, list.source.count + 5), cols: min(area.cols, 70))
        buffer.box(box, title: title)
        let inner = box.inset(by: 1)
        guard inner.rows > 1 else { return }
        list.render(into: &buffer, area: Rect(row: inner.row, col: inner.col + 1, rows: inner.rows - 1, cols: inner.cols - 2))
        buffer.write(row: inner.bottom - 1, col: inner.col + 1, text: "↑↓ choose · Enter open the desk as them · Esc quit",
                     style: .muted, maxWidth: inner.cols - 2)
    }

    /// Enter chooses and ends the loop; Esc or q ends it without a choice; the rest moves.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        switch event {
        case .enter:
            guard let person = list.selectedRow else { return .handled }
            chosenID = person.id
            return .quit
        case .escape, .character("q"): return .quit
        default: return list.handle(event)
        }
    }
}
