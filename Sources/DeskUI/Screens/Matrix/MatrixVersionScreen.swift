import EscalationCore
import Foundation

/// One matrix version: who proposed it on which base and why, who decided it, and what it
/// changes in words (the core's `MatrixDiff`: cell by cell, rule by rule, who gains and who
/// loses authority). A person who may govern the matrix approves (`a`, rationale optional),
/// rejects (`r`, rationale required) or rebases (`b`) a proposal here; the store's refusals
/// (their own proposal, a stale base) stay in the dialog and nothing is written.
public struct MatrixVersionScreen: DeskScreen {
    /// What the keys do.
    public enum Action: Hashable, Sendable {
        case approve, reject, rebase, simulate, draft
        case scroll(NavigationAction)
    }

    /// A dialog open over the version.
    public enum Modal {
        case approve(NoteDialog)
        case reject(NoteDialog)
        case message(MessageBox)
    }

    private let context: DeskContext
    /// The version shown.
    public let versionID: String
    /// Its governance, as last read.
    public private(set) var entry: MatrixVersionEntry?
    /// How it changes its base, as last read.
    public private(set) var diff: MatrixDiff?
    /// The newest approved version, which a proposal must change to be approved.
    public private(set) var newestApproved: String?
    /// Whether I may decide it.
    public private(set) var mayGovern = false
    /// The open dialog.
    public private(set) var modal: Modal?
    /// The text shown.
    public private(set) var page = LinePage()
    private var loadError: String?

    /// The version `version`, read now.
    public init(context: DeskContext, version: String) {
        self.context = context
        versionID = version
        reload()
    }

    /// "Matrix version 3".
    public var title: String { "Matrix version \(versionID)" }
    /// Dialogs take text.
    public var capturesText: Bool { modal != nil }
    /// An approval or rejection rationale being typed.
    public var holdsTypedText: Bool {
        switch modal {
        case .approve(let d), .reject(let d): d.form.holdsTypedText
        case .message, nil: false
        }
    }

    /// Decisions for governors on a proposal, simulate and draft, then scrolling.
    public var keymap: Keymap<Action> {
        var bindings: [KeyBinding<Action>] = []
        if mayGovern, entry?.isPending == true {
            bindings.append(KeyBinding([.character("a")], label: "Approve", help: "Approve (rationale optional)", action: .approve))
            bindings.append(KeyBinding([.character("r")], label: "Reject", help: "Reject with a rationale", action: .reject))
            if entry?.version.proposedBy == context.service.me.id {
                bindings.append(KeyBinding([.character("b")], label: "Rebase", help: "Rebase onto the newest approved version",
                                           action: .rebase))
            }
        }
        bindings.append(KeyBinding([.character("s")], label: "Simulate", help: "Replay the last 90 days under this version", action: .simulate))
        if mayGovern {
            bindings.append(KeyBinding([.character("d")], label: "Draft", help: "Start a draft from this version", action: .draft))
        }
        return Keymap(bindings) + Keymap.listNavigation.map(Action.scroll)
    }

    /// The dialog's keys while one is open, else the version's.
    public var barEntries: [FunctionBar.Entry] {
        switch modal {
        case .approve(let d), .reject(let d): return d.barEntries
        case .message: return [.init(key: "Enter", label: "OK")]
        case nil: return keymap.barEntries
        }
    }

    /// Every key that works now.
    public var helpEntries: [HelpOverlay.Entry] {
        switch modal {
        case .approve(let d), .reject(let d): return d.helpEntries
        case .message: return [.init(keys: "Enter Esc", help: "Close")]
        case nil: return keymap.helpEntries
        }
    }

    /// Reads the version, its base and the diff again.
    public mutating func reload() {
        let service = context.service
        do throws(DeskError) {
            let versions = try service.matrixVersions()
            guard let found = versions.first(where: { $0.id == versionID }) else {
                throw DeskError(.notFound, "There is no matrix version \(versionID).")
            }
            entry = found
            let policy = try service.matrixPolicy(version: versionID)
            if let base = found.version.base {
                diff = MatrixDiff(from: try service.matrixPolicy(version: base), to: policy)
            } else {
                diff = nil
            }
            newestApproved = MatrixRegister(versions.reversed().map(\.version)).newestApproved?.id
            mayGovern = try service.mayGovernMatrix()
            loadError = nil
        } catch {
            loadError = error.message
        }
        page.lines = lines()
    }

    private func lines() -> [(text: String, style: Style)] {
        guard let entry else { return [(loadError ?? "", .danger)] }
        let v = entry.version
        let names = context.service.centre.staffNames
        let ladder = context.service.centre.ladder
        func name(_ id: String) -> String { names[id] ?? id }
        func at(_ ms: Int64) -> String { context.time.stamp(Date(timeIntervalSince1970: Double(ms) / 1000)) }
        var out: [(String, Style)] = [("Version \(v.id): \(entry.standing.words)", entry.isPending ? Style(.warning, [.bold]) : Style(.title, [.bold]))]
        let base = v.base.map { ", a change of version \($0)" } ?? ""
        out.append(("Proposed by \(name(v.proposedBy)) on \(at(v.proposedAt))\(base)" + (v.proposalRationale.map { ": \($0)" } ?? "."), .normal))
        if entry.standing != .rejected {
            out.append(("In force from: " + (v.effectiveAt.map(at) ?? "on approval"), .normal))
        }
        if let by = v.decidedBy {
            let verb = v.status == .rejected ? "Rejected" : "Approved"
            out.append(("\(verb) by \(name(by))" + (v.decidedAt.map { " on \(at($0))" } ?? "") + (v.decisionRationale.map { ": \($0)" } ?? "."), .normal))
        }
        if entry.isPending, let newest = newestApproved, v.base != newest {
            let rebase = v.proposedBy == context.service.me.id
                ? "rebase (b) and read the changes again before it is approved"
                : "its proposer must rebase it and read the changes again before it is approved (or reject it)"
            out.append(("Version \(newest) is now the newest approved version: \(rebase).", .danger))
        }
        guard let diff else { return out + [("", .normal), ("The first version: nothing before it to compare.", .muted)] }
        out.append(("", .normal))
        out.append((diff.isEmpty ? "No changes." : "Changes (\(diff.changes.count)):", Style(.title, [.bold])))
        for sentence in diff.sentences { out.append(("• " + sentence, .normal)) }
        for shift in diff.shifts {
            let title = ladder.title(of: shift.role)
            for gain in shift.gains { out.append(("+ \(title) gains: \(gain)", .ok)) }
            for loss in shift.losses { out.append(("− \(title) loses: \(loss)", .warning)) }
        }
        return out
    }

    /// The page; the dialog on top.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        page.render(into: &buffer, area: area)
        switch modal {
        case .approve(var d): d.render(into: &buffer, area: area); modal = .approve(d)
        case .reject(var d): d.render(into: &buffer, area: area); modal = .reject(d)
        case .message(var box): box.render(into: &buffer, area: area); modal = .message(box)
        case nil: break
        }
    }

    /// The dialog gets every key; otherwise the version's keys.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if modal != nil { return handleModal(event) }
        guard let action = keymap.action(for: event) else { return .ignored }
        let service = context.service
        switch action {
        case .approve: modal = .approve(.approveMatrix(version: versionID))
        case .reject: modal = .reject(.rejectMatrix(version: versionID))
        case .rebase:
            do {
                _ = try service.rebaseMatrix(version: versionID)
                reload()
                context.navigate(.notice("Rebased matrix version \(versionID): read the changes again"))
            } catch {
                modal = .message(MessageBox(title: "Not rebased", message: error.message, style: .danger))
            }
        case .simulate:
            do {
                let policy = try service.matrixPolicy(version: versionID)
                context.navigate(.push(MatrixSimulationScreen(context: context, label: "version \(versionID)", draft: policy)))
            } catch {
                modal = .message(MessageBox(title: "Not simulated", message: error.message, style: .danger))
            }
        case .draft:
            if let editor = MatrixEditorScreen(context: context, from: versionID) { context.navigate(.push(editor)) }
        case .scroll(let move): page.scroll(move)
        }
        return .redraw
    }

    /// Keeps the dialog while it is open; once written, reloads and says `done`.
    private mutating func finish(_ step: NoteDialog.Step, _ dialog: NoteDialog, as modal: (NoteDialog) -> Modal,
                                 done: (Self) -> String) -> EventResult {
        switch step {
        case .open(let result):
            self.modal = modal(dialog)
            return result
        case .cancelled:
            self.modal = nil
        case .written:
            self.modal = nil
            reload()
            context.navigate(.notice(done(self)))
        }
        return .redraw
    }

    private mutating func handleModal(_ event: KeyEvent) -> EventResult {
        let service = context.service
        let id = versionID
        switch modal {
        case .approve(var d):
            let step = d.step(event) { note throws(DeskError) in
                try service.approveMatrix(version: id, rationale: note.hasVisibleText ? note : nil)
            }
            return finish(step, d, as: Modal.approve) { "Approved matrix version \(id): \($0.entry?.standing.words ?? "approved")" }
        case .reject(var d):
            let step = d.step(event) { note throws(DeskError) in try service.rejectMatrix(version: id, rationale: note) }
            return finish(step, d, as: Modal.reject) { _ in "Rejected matrix version \(id)" }
        case .message(var box):
            let result = box.handle(event)
            modal = result == .submitted || result == .cancelled ? nil : .message(box)
            return result.isConsumed ? .redraw : result
        case nil: return .ignored
        }
    }
}
