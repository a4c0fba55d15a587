import EscalationCore

/// One case: header, remedies and the latest decision with its reasons, and the full
/// timeline, scrollable. Its keys are computed from what the service says I may do to the
/// case now, so the function bar only offers what will work. Escalating is `e`, the note,
/// Enter.
public struct CaseScreen: DeskScreen {
    /// What the case keys do.
    public enum Action: Hashable, Sendable {
        case escalate, claim, resolve, giveBack, verified, failed, letter
        case pauseClocks, resumeClocks, extendClock
        case scroll(NavigationAction)
    }

    /// A dialog open over the case.
    public enum Modal {
        case escalate(NoteDialog)
        case giveBack(NoteDialog)
        case resolve(ResolveDialog)
        case letter(LetterDialog)
        case sentLetter(LetterView)
        case offerEscalation(ConfirmDialog)
        case message(MessageBox)
        /// The reason for a pause or an extension, with the change it is for.
        case clockReason(NoteDialog, ClockChange)
    }

    private let context: DeskContext
    /// The case shown.
    public let caseID: String
    /// The case as last loaded (nil when it could not be loaded).
    public private(set) var detail: CaseDetail?
    /// What I may do to the case, as last loaded.
    public private(set) var allowed: Set<CaseCommandKind> = []
    /// The letters I may send on it, as last loaded.
    public private(set) var letterKinds: [LetterKind] = []
    /// The clock changes I may make on it, as last loaded.
    public private(set) var clockChanges: [ClockChange] = []
    /// The customer's other cases and rolling totals, shown under the decision.
    public private(set) var history: CustomerHistory = .none
    /// Every clock of the case, worked out when it was last loaded.
    public private(set) var clocks: [ClockStatus] = []
    /// Why the case could not be loaded.
    public private(set) var loadError: String?
    /// The open dialog, if any.
    public private(set) var modal: Modal?
    /// First body line on screen.
    public private(set) var scroll = 0
    private var bodyRows = 1
    private var bodyCount = 0

    /// The case screen for `caseID`. With `offering` (a decision that says the case must go
    /// up), it opens asking whether to escalate now, as the new-case flow does.
    public init(context: DeskContext, caseID: String, offering decision: Decision? = nil) {
        self.context = context
        self.caseID = caseID
        reload()
        if let decision, decision.verdict != .withinAuthority, allowed.contains(.escalate) {
            let sentence = DeskText.sentence(decision, ladder: context.service.centre.ladder)
            modal = .offerEscalation(ConfirmDialog(title: "Opened \(caseID)", message: sentence + " Escalate it now?",
                                                   confirmLabel: "Escalate", cancelLabel: "Not now"))
        }
    }

    /// "Case C-000123".
    public var title: String { "Case \(caseID)" }
    /// Dialogs take text.
    public var capturesText: Bool { modal != nil }
    /// A dialog holding a typed note, rationale or changed grants.
    public var holdsTypedText: Bool {
        switch modal {
        case .escalate(let d), .giveBack(let d), .clockReason(let d, _): d.form.holdsTypedText
        case .resolve(let d): d.holdsTypedText
        case .letter(let d): d.holdsTypedText
        case .sentLetter, .offerEscalation, .message, nil: false
        }
    }

    /// The keys open for this case and person, then scrolling.
    public var keymap: Keymap<Action> {
        var bindings: [KeyBinding<Action>] = []
        if allowed.contains(.escalate) {
            bindings.append(KeyBinding([.character("e")], label: "Escalate", help: "Escalate with a note", action: .escalate))
        }
        if allowed.contains(.claim) { bindings.append(KeyBinding([.character("c")], label: "Claim", help: "Claim this case", action: .claim)) }
        if allowed.contains(.resolve) {
            bindings.append(KeyBinding([.character("r")], label: "Resolve", help: "Resolve with outcome and rationale", action: .resolve))
        }
        if !letterKinds.isEmpty {
            bindings.append(KeyBinding([.character("l")], label: "Letter",
                                       help: "Send a letter: " + letterKinds.map(\.title).joined(separator: ", "), action: .letter))
        }
        if allowed.contains(.return) {
            bindings.append(KeyBinding([.character("b")], label: "Return", help: "Return to the handler with guidance", action: .giveBack))
        }
        if allowed.contains(.markIdentity) {
            bindings.append(KeyBinding([.character("v")], label: "Verified", help: "Mark identity verified", action: .verified))
            bindings.append(KeyBinding([.character("x")], label: "ID failed", help: "Mark identity check failed", action: .failed))
        }
        if clockChanges.contains(.pause(clock: nil)) {
            bindings.append(KeyBinding([.character("p")], label: "Pause",
                                       help: "Pause the service clocks",
                                       action: .pauseClocks))
        }
        if clockChanges.contains(.resume(clock: nil)) {
            bindings.append(KeyBinding([.character("u")], label: "Resume", help: "Resume the paused clocks", action: .resumeClocks))
        }
        if let extend = offeredExtension {
            bindings.append(KeyBinding([.character("t")], label: "Extend",
                                       help: "Extend \(clockTitle(extend.clock)) by \(Self.months(extend.months)), with a reason",
                                       action: .extendClock))
        }
        return Keymap(bindings) + Keymap.listNavigation.map(Action.scroll)
    }

    /// The extension offered, if any: the first extendable clock's, by as much as it allows.
    private var offeredExtension: (clock: String, months: Int)? {
        for case .extend(let clock, let months) in clockChanges { return (clock, months) }
        return nil
    }

    private func clockTitle(_ id: String) -> String { clocks.first { $0.clock == id }?.title ?? id }

    static func months(_ n: Int) -> String { n == 1 ? "1 month" : "\(n) months" }

    /// The dialog's keys while one is open, else the case keys.
    public var barEntries: [FunctionBar.Entry] {
        switch modal {
        case .escalate(let dialog), .giveBack(let dialog): return dialog.barEntries
        case .resolve(let dialog): return dialog.barEntries
        case .letter(let dialog): return dialog.barEntries
        case .sentLetter(let view): return view.barEntries
        case .offerEscalation: return [.init(key: "y", label: "Escalate"), .init(key: "n", label: "Not now")]
        case .message: return [.init(key: "Enter", label: "OK")]
        case .clockReason(let dialog, _): return dialog.barEntries
        case nil: return keymap.barEntries
        }
    }

    /// Every key that works now.
    public var helpEntries: [HelpOverlay.Entry] {
        switch modal {
        case .escalate(let dialog), .giveBack(let dialog): return dialog.helpEntries
        case .resolve(let dialog): return dialog.helpEntries
        case .letter(let dialog): return dialog.helpEntries
        case .sentLetter(let view): return view.helpEntries
        case .offerEscalation:
            return [.init(keys: "y Enter", help: "Escalate now"), .init(keys: "n Esc", help: "Not now"), .init(keys: "Tab ← →", help: "Move between buttons")]
        case .message: return [.init(keys: "Enter Esc", help: "Close")]
        case .clockReason(let dialog, _): return dialog.helpEntries
        case nil: return keymap.helpEntries
        }
    }

    /// Reloads the case, keeping any open dialog as it is.
    public mutating func reload() {
        do {
            let loaded = try context.service.caseDetail(id: caseID)
            allowed = try context.service.commands(caseID: caseID)
            letterKinds = try context.service.letterKinds(caseID: caseID)
            clockChanges = try context.service.clockChanges(caseID: caseID)
            history = try context.service.customerHistory(caseID: caseID)
            clocks = try context.service.clocks(caseID: caseID)
            detail = loaded
            loadError = nil
        } catch {
            loadError = error.message
        }
    }

    /// Header, a rule, the scrolled body; the dialog on top.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        buffer.fill(area)
        guard let detail else {
            buffer.write(row: area.row + 1, col: area.col + 1, text: loadError ?? "Loading…", style: .danger, maxWidth: area.cols - 2)
            return
        }
        let service = context.service
        let document = CaseDocument(detail, history: history, clocks: clocks, words: CaseWords(service.centre), time: context.time,
                                    now: service.now(), width: area.cols - 2)
        var y = area.row
        for line in document.header where y < area.bottom {
            buffer.write(row: y, col: area.col + 1, text: line.text, style: line.style, maxWidth: area.cols - 2)
            y += 1
        }
        if y < area.bottom {
            buffer.horizontalLine(row: y, col: area.col, width: area.cols)
            y += 1
        }
        bodyRows = max(1, area.bottom - y)
        bodyCount = document.body.count
        scroll = max(0, min(scroll, bodyCount - bodyRows))
        for line in document.body.dropFirst(scroll) where y < area.bottom {
            buffer.write(row: y, col: area.col + 1, text: line.text, style: line.style, maxWidth: area.cols - 2)
            y += 1
        }
        if scroll + bodyRows < bodyCount {
            buffer.write(row: area.bottom - 1, col: area.right - 8, text: " ↓ more ", style: .muted)
        }
        switch modal {
        case .escalate(var dialog):
            dialog.render(into: &buffer, area: area)
            modal = .escalate(dialog)
        case .giveBack(var dialog):
            dialog.render(into: &buffer, area: area)
            modal = .giveBack(dialog)
        case .clockReason(var dialog, let change):
            dialog.render(into: &buffer, area: area)
            modal = .clockReason(dialog, change)
        case .resolve(var dialog):
            dialog.render(into: &buffer, area: area)
            modal = .resolve(dialog)
        case .letter(var dialog):
            dialog.render(into: &buffer, area: area)
            modal = .letter(dialog)
        case .sentLetter(var view):
            view.render(into: &buffer, area: area)
            modal = .sentLetter(view)
        case .offerEscalation(var dialog):
            dialog.render(into: &buffer, area: area)
            modal = .offerEscalation(dialog)
        case .message(var box):
            box.render(into: &buffer, area: area)
            modal = .message(box)
        case nil: break
        }
    }

    /// The open dialog gets every key; otherwise the case keymap.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if modal != nil { return handleModal(event) }
        guard let action = keymap.action(for: event) else { return .ignored }
        let service = context.service
        let id = caseID
        switch action {
        case .escalate: modal = .escalate(.escalate(caseID: caseID))
        case .giveBack: modal = .giveBack(.giveBack(caseID: caseID))
        case .resolve:
            modal = .resolve(ResolveDialog(caseID: id, centre: service.centre, requested: detail?.requests ?? []) { grants throws(DeskError) in
                try service.previewResolution(caseID: id, grants: grants)
            })
        case .letter:
            modal = .letter(LetterDialog(caseID: id, kinds: letterKinds, centre: service.centre, requested: detail?.requests ?? []))
        case .claim: run("Claimed \(id)") { () throws(DeskError) in try service.claim(caseID: id) }
        case .verified: run("Identity verified on \(id)") { () throws(DeskError) in try service.markIdentity(caseID: id, verified: true) }
        case .failed: run("Identity check failed on \(id)") { () throws(DeskError) in try service.markIdentity(caseID: id, verified: false) }
        case .pauseClocks: modal = .clockReason(.pauseClocks(caseID: id), .pause(clock: nil))
        case .resumeClocks:
            run("Resumed the paused clocks on \(id)") { () throws(DeskError) in try service.changeClock(caseID: id, .resume(clock: nil), reason: nil) }
        case .extendClock:
            guard let extend = offeredExtension else { break }
            modal = .clockReason(.extendClock(caseID: id, title: clockTitle(extend.clock), months: extend.months),
                                 .extend(clock: extend.clock, months: extend.months))
        case .scroll(let move): scrollBy(move)
        }
        return .redraw
    }

    private mutating func scrollBy(_ move: NavigationAction) {
        scroll = move.scrolled(from: scroll, page: bodyRows, length: bodyCount)
    }

    /// Runs a command; success reloads and notes it, failure shows the service's sentence.
    private mutating func run(_ done: String, _ command: () throws(DeskError) -> Void) {
        do {
            try command()
            reload()
            context.navigate(.notice(done))
        } catch {
            modal = .message(MessageBox(title: "Not done", message: error.message, style: .danger))
        }
    }

    private mutating func handleModal(_ event: KeyEvent) -> EventResult {
        let service = context.service
        switch modal {
        case .escalate(var dialog):
            let result = dialog.handle(event)
            modal = .escalate(dialog)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            do {
                try service.escalate(caseID: caseID, note: dialog.note)
                modal = nil
                reload()
                let routedTo = detail.flatMap { CaseWords(service.centre).routedTo($0.summary) }
                context.navigate(.notice("Escalated \(caseID)" + (routedTo.map { " to \($0)" } ?? "")))
            } catch {
                dialog.form.error = error.message
                modal = .escalate(dialog)
            }
        case .giveBack(var dialog):
            let result = dialog.handle(event)
            modal = .giveBack(dialog)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            do {
                try service.returnCase(caseID: caseID, guidance: dialog.note)
                modal = nil
                reload()
                context.navigate(.notice("Returned \(caseID) with guidance"))
            } catch {
                dialog.form.error = error.message
                modal = .giveBack(dialog)
            }
        case .resolve(var dialog):
            let result = dialog.handle(event)
            modal = .resolve(dialog)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            do {
                try service.resolve(caseID: caseID, try dialog.resolution())
                modal = nil
                reload()
                context.navigate(.notice("Resolved \(caseID)"))
            } catch {
                // The store's sentence names the command line's way to send the letter; here it is a key.
                dialog.error = error.message.replacingOccurrences(of: CaseRulebook.finalResponseCommand(caseID),
                                                                   with: "Esc, then l on the case")
                modal = .resolve(dialog)
            }
        case .letter(var dialog):
            let result = dialog.handle(event)
            modal = .letter(dialog)
            if result == .cancelled { modal = nil; return .redraw }
            guard result == .submitted else { return result }
            do {
                let sent = try service.sendLetter(caseID: caseID, try dialog.draft())
                reload()
                modal = .sentLetter(LetterView(sent))
            } catch {
                dialog.error = error.message
                modal = .letter(dialog)
            }
        case .sentLetter(var view):
            let result = view.handle(event)
            if result == .submitted {
                modal = nil
                context.navigate(.notice("\(LetterDialog.title(view.letter.kind)) letter sent on \(caseID)"))
                return .redraw
            }
            modal = .sentLetter(view)
            return result.isConsumed ? .redraw : result
        case .offerEscalation(var dialog):
            let result = dialog.handle(event)
            modal = .offerEscalation(dialog)
            if result == .submitted { modal = .escalate(.escalate(caseID: caseID)) }
            if result == .cancelled { modal = nil }
            return result.isConsumed ? .redraw : result
        case .message(var box):
            let result = box.handle(event)
            modal = result == .submitted || result == .cancelled ? nil : .message(box)
            return result.isConsumed ? .redraw : result
        case .clockReason(var dialog, let change):
            let id = caseID
            switch dialog.step(event, write: { reason throws(DeskError) in try service.changeClock(caseID: id, change, reason: reason) }) {
            case .open(let result):
                modal = .clockReason(dialog, change)
                return result
            case .cancelled:
                modal = nil
            case .written:
                modal = nil
                reload()
                let done: String
                if case .extend(let clock, let months) = change {
                    done = "Extended \(clockTitle(clock)) on \(id) by \(Self.months(months))"
                } else {
                    done = "Paused the service clocks on \(id)"
                }
                context.navigate(.notice(done))
            }
        case nil: return .ignored
        }
        return .redraw
    }
}
