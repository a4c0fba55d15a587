/// The first step of a new case: find the customer (search box and results) or add a new
/// one (name, contact, flags); Enter on a customer goes on to the case form.
public struct CustomerScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case choose
        case add
        case move(NavigationAction)
    }

    private let context: DeskContext
    /// The search text.
    public private(set) var field = TextField(maxLength: 80, placeholder: "name, phone, email or customer id")
    /// The matching customers.
    public private(set) var list: ListView<ArrayDataSource<CustomerRow>>
    /// The add-customer form while open.
    public private(set) var addForm: FormDialog?
    /// The last search error.
    public private(set) var error: String?

    /// The find-or-add step, listing the first customers.
    public init(context: DeskContext) {
        self.context = context
        list = ListView(source: ArrayDataSource([]), columns: [
            ListColumn("Customer", width: .flexible(min: 12, weight: 3)) { $0.name },
            ListColumn("Contact", width: .flexible(min: 12, weight: 2)) { $0.contact },
            ListColumn("Flags", width: .flexible(min: 8, weight: 1)) { $0.flags.map(DeskText.words).joined(separator: ", ") },
            ListColumn("Open", width: .content(min: 4, max: 6), alignment: .right) { $0.openCases.map(String.init) ?? "" },
            ListColumn("Id", width: .content(min: 7, max: 24)) { $0.id },
        ], emptyMessage: "No customer matches. Ctrl-N adds a new one.")
        reload()
    }

    /// "New case: customer".
    public var title: String { "New case: customer" }
    /// The search box always has focus.
    public var capturesText: Bool { true }
    /// The add-a-customer form, once something is typed in it.
    public var holdsTypedText: Bool { addForm?.holdsTypedText ?? false }

    /// Choose, add, move.
    public var keymap: Keymap<Action> {
        if addForm != nil { return Keymap([]) }
        return Keymap([
            KeyBinding([.enter], label: "Choose", help: "Open a case for the selected customer", action: .choose),
            KeyBinding([.control("n")], label: "Add new", help: "Add a new customer", action: .add),
            KeyBinding([.up], help: "Previous customer", action: .move(.up)),
            KeyBinding([.down], help: "Next customer", action: .move(.down)),
        ])
    }

    private var formKeys: Keymap<FormAction> { .form(submitLabel: "Add", arrowsMove: false) }

    /// The form's keys while adding, else the search keys.
    public var barEntries: [FunctionBar.Entry] { addForm.map { $0.discard.barEntries(or: formKeys) } ?? keymap.barEntries }
    /// Every key that works now.
    public var helpEntries: [HelpOverlay.Entry] {
        addForm.map { $0.discard.helpEntries(or: formKeys) } ?? [HelpOverlay.Entry(keys: "typing", help: "Search customers")] + keymap.helpEntries
    }

    /// Searches again with the current text; the selected customer stays selected if still listed.
    public mutating func reload() {
        do {
            list.source = ArrayDataSource(try context.service.findCustomers(field.text))
            error = nil
        } catch {
            list.source = ArrayDataSource([])
            self.error = error.message
        }
    }

    /// Box, results, and the add form on top.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        let (top, rest) = area.splitTop(2)
        let used = buffer.write(row: top.row, col: top.col + 1, text: "Customer: ", style: Style(.title, [.bold]))
        field.isFocused = addForm == nil
        field.render(into: &buffer, area: Rect(row: top.row, col: top.col + 1 + used, rows: 1, cols: top.cols - used - 2))
        if let error { buffer.write(row: top.row + 1, col: top.col + 1, text: error, style: .danger, maxWidth: top.cols - 2) }
        list.render(into: &buffer, area: rest)
        if addForm != nil { addForm!.render(into: &buffer, area: area) }
    }

    /// The add form when open; else choose/add/move, and typing searches.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if addForm != nil { return handleAddForm(event) }
        if case .mouse = event { return list.handle(event) }
        if let action = keymap.action(for: event) {
            switch action {
            case .choose:
                guard let customer = list.selectedRow else { return .handled }
                context.navigate(.push(NewCaseScreen(context: context, customer: customer)))
            case .add:
                let flags = context.service.centre.customerFlags.joined(separator: ", ")
                addForm = FormDialog(title: "Add a customer", fields: [
                    .init("Name", .line(TextField(text: field.text, maxLength: 120))),
                    .init("Contact", .line(TextField(maxLength: 120, placeholder: "phone or email"))),
                    .init("Flags", .line(TextField(maxLength: 120, placeholder: flags))),
                ], submitLabel: "Add")
            case .move(let move): list.perform(move)
            }
            return .redraw
        }
        let before = field.text
        let result = field.handle(event)
        if field.text != before { reload() }
        return result
    }

    private mutating func handleAddForm(_ event: KeyEvent) -> EventResult {
        let result = addForm!.handle(event)
        if result == .cancelled { addForm = nil; return .redraw }
        guard result == .submitted, let form = addForm else { return result }
        let flags = form.text(of: 2).split(separator: ",").map { String($0).trimmed.replacingSpaces() }.filter { !$0.isEmpty }
        do throws(DeskError) {
            let id = try context.service.addCustomer(name: form.text(of: 0), contact: form.text(of: 1), flags: flags)
            addForm = nil
            let customer = CustomerRow(id: id, name: form.text(of: 0).trimmed, contact: form.text(of: 1).trimmed, flags: flags, openCases: 0)
            context.navigate(.push(NewCaseScreen(context: context, customer: customer)))
        } catch {
            addForm!.error = error.message
        }
        return .redraw
    }
}

extension String {
    /// "legal threat" → "legal_threat": flags typed as words become ids.
    func replacingSpaces() -> String { String(map { $0 == " " ? "_" : $0 }) }
}
