import EscalationCore
import Foundation

/// The desk itself: title bar, the current screen from a stack, a notice line, the status bar
/// (counts and clock) and the function-key bar; the `?` help over any screen; desk-wide keys;
/// and `poll()`, which the event loop calls when idle to notice other desks' writes.
///
/// Start it with `EventLoop(terminal:root:onIdle:)` via `DeskApp.loop(terminal:)`, which wires
/// the polling and the bell.
public struct DeskApp: Component {
    /// The service and navigation requests shared with screens.
    public let context: DeskContext
    /// Screens, the first being the queue; the last one is shown.
    public private(set) var stack: [any DeskScreen]
    /// The `?` help while open.
    public private(set) var help: HelpOverlay?
    /// The notice line's text while shown.
    public private(set) var notice: String?
    /// Called when a referral lands, or a case I referred is returned or resolved (the terminal bell).
    public var bell: () -> Void = {}

    private var noticeShownAt: Date?
    private var lastToken: Int64?
    private var counts: (mine: Int, referred: Int, all: Int) = (0, 0, 0)
    private var knownReferrals: Set<String> = []
    private var knownLoaded = false
    /// The newest event whose outcomes for me were announced (nil until the service answered).
    private var outcomesThrough: Int64?
    private var clockText = ""
    /// My acting cover, read at start, on every change and every minute (it ends by itself).
    public private(set) var acting: ActingRole?
    /// A desk key (Queue, Quit) that would close screens holding typed work, held while
    /// "Discard what you typed?" is asked.
    public private(set) var leaving: (question: FormQuestion, action: GlobalAction)?
    /// When this desk last ran the clock sweep (nil: not yet).
    private var lastSweep: Date?
    /// How long a notice stays up.
    public static let noticeSeconds: TimeInterval = 30
    /// How often every open desk runs the clock sweep.
    public static let sweepSeconds: TimeInterval = 60
    /// How many of the top referred cases are remembered to name a new one.
    static let referralWindow = 50

    /// A desk for the service's person, opening on their queue.
    public init(service: any DeskService) {
        context = DeskContext(service: service)
        stack = [QueueScreen(context: context)]
        refreshCounts(announce: false)
        lastToken = try? service.changeToken()
        outcomesThrough = try? service.outcomes(after: nil).through
        clockText = context.time.clock(service.now())
        acting = try? service.actingRole()
        if let due = try? service.acknowledgementDue() { stack.append(AcknowledgementScreen(context: context, change: due)) }
    }

    /// The event loop for this desk on a terminal: it polls the service every 250 ms when
    /// no key arrives and rings the terminal's bell when a referral lands.
    public static func loop(service: any DeskService, terminal: any Terminal) -> EventLoop<DeskApp> {
        var app = DeskApp(service: service)
        app.bell = { [weak terminal] in terminal?.bell() }
        return EventLoop(terminal: terminal, root: app, pollIntervalMilliseconds: 250) { app in app.poll() }
    }

    private var service: any DeskService { context.service }

    /// The shown screen.
    public var top: any DeskScreen { stack[stack.count - 1] }

    /// The desk-wide keys as they are now.
    public var globalKeymap: Keymap<GlobalAction> {
        .global(capturingText: top.capturesText, atRoot: stack.count == 1, canViewMatrix: service.me.canViewMatrix)
    }

    /// The function bar: Help, the screen's keys, Quit, then the other desk keys while room
    /// lasts. Short of room, the other desk keys go first, then the screen's from the right;
    /// Help and Quit stay.
    public var functionBar: FunctionBar {
        if let leaving { return FunctionBar(entries: leaving.question.keymap.barEntries) }
        let global = globalKeymap.barEntries
        func ranked(_ entries: [FunctionBar.Entry], _ priority: Int) -> [FunctionBar.Entry] {
            entries.map { FunctionBar.Entry(key: $0.key, label: $0.label, priority: priority) }
        }
        let first = ranked(global.filter { $0.key == "F1" }, 2)
        let quit = ranked(global.filter { $0.key == "F10" }, 2)
        let rest = global.filter { $0.key != "F1" && $0.key != "F10" }
        return FunctionBar(entries: first + ranked(top.barEntries, 1) + quit + rest)
    }

    /// Help for the current screen: its keys, then the desk-wide ones.
    public var helpEntries: [HelpOverlay.Entry] {
        top.helpEntries + globalKeymap.helpEntries + [HelpOverlay.Entry(keys: "Esc", help: "Back / close")] + Self.legend
    }

    /// What the desk's symbols and words mean, after the keys in the `?` help.
    static let legend: [HelpOverlay.Entry] = [
        HelpOverlay.Entry(keys: "", help: ""),
        HelpOverlay.Entry(keys: "Symbols", help: ""),
        HelpOverlay.Entry(keys: "●", help: "live: customer waiting on the line"),
        HelpOverlay.Entry(keys: "→Team Leader", help: "waiting in that role's queue"),
        HelpOverlay.Entry(keys: "→… · Team", help: "waiting for that team's leader (→Team when narrow)"),
        HelpOverlay.Entry(keys: "Age", help: "since received (d days, h hours)"),
        HelpOverlay.Entry(keys: "Due", help: "time to the nearest clock, green (-2h: overdue)"),
        HelpOverlay.Entry(keys: "! 5h", help: "amber: past the warning point, referred up"),
        HelpOverlay.Entry(keys: "!! -2h", help: "red: past due (breached)"),
        HelpOverlay.Entry(keys: "Mine N", help: "cases you hold"),
        HelpOverlay.Entry(keys: "Referred N", help: "cases waiting for your role"),
    ]

    // MARK: - Drawing

    /// Title bar, screen, notice, status bar, function bar; help on top when open.
    public mutating func render(into buffer: inout ScreenBuffer, area: Rect) {
        let (titleRow, rest) = area.splitTop(1)
        let (aboveBars, bars) = rest.splitBottom(2)
        var content = aboveBars
        if let notice {
            let lines = NoticeLines.lines(notice, width: aboveBars.cols - 2)
            let (screen, noticeRows) = aboveBars.splitBottom(lines.count)
            content = screen
            NoticeLines.render(lines, into: &buffer, area: noticeRows)
        }
        let me = service.me
        let role = acting.map { "Acting \($0.roleTitle) until \(context.time.day($0.until))" } ?? me.roleTitle
        StatusBar(left: [.init(service.centre.organisation, style: Style(.title, [.bold])), .init(top.title)],
                  right: [.init("\(me.name), \(role)")])
            .render(into: &buffer, area: titleRow)
        let index = stack.count - 1
        stack[index].render(into: &buffer, area: content)
        StatusBar(left: [.init(me.name), .init(role, style: acting == nil ? .muted : .warning)],
                  right: [.init("Mine \(counts.mine)", priority: 2),
                          .init("Referred \(counts.referred)", style: counts.referred > 0 ? .warning : .normal, priority: 3),
                          .init("All \(counts.all)"), .init(clockText, style: .title, priority: 1)])
            .render(into: &buffer, area: Rect(row: bars.row, col: bars.col, rows: 1, cols: bars.cols))
        functionBar.render(into: &buffer, area: Rect(row: bars.row + 1, col: bars.col, rows: 1, cols: bars.cols))
        if help != nil { help!.render(into: &buffer, area: content) }
        if leaving != nil { leaving!.question.render(into: &buffer, area: content) }
    }

    // MARK: - Keys

    /// Help first when open, then the discard question; then the desk keys (only function
    /// keys while a screen takes text, so the bar's keys work from every dialog); then the
    /// screen; Esc on an unconsumed key goes back.
    public mutating func handle(_ event: KeyEvent) -> EventResult {
        if help != nil {
            let result = help!.handle(event)
            if result == .cancelled { help = nil; return .redraw }
            return result
        }
        if leaving != nil {
            switch leaving!.question.handle(event) {
            case .submitted:
                let action = leaving!.action
                leaving = nil
                return perform(action, discarding: true)
            case .cancelled:
                leaving = nil
                return .redraw
            case let other:
                return other
            }
        }
        let index = stack.count - 1
        if let action = globalKeymap.action(for: event) { return perform(action) }
        let result = stack[index].handle(event)
        if result.isConsumed { return apply(result) }
        if event == .escape, stack.count > 1 { return apply(navigate(.pop)) }
        return .ignored
    }

    /// Drains the screen's navigation requests, then passes on its result.
    private mutating func apply(_ result: EventResult) -> EventResult {
        var redraw = false
        for request in context.takeRequests() { redraw = navigate(request) == .redraw || redraw }
        return redraw ? .redraw : result
    }

    private mutating func navigate(_ request: Navigation) -> EventResult {
        switch request {
        case .push(let screen):
            stack.append(screen)
        case .pop:
            guard stack.count > 1 else { return .handled }
            stack.removeLast()
            stack[stack.count - 1].reload()
        case .replace(let popping, let screen):
            stack.removeLast(min(popping, stack.count - 1))
            stack.append(screen)
        case .notice(let text):
            show(notice: text)
        }
        refreshCounts(announce: false)
        return .redraw
    }

    /// A desk key's action; Queue and Quit first ask before throwing typed work away.
    private mutating func perform(_ action: GlobalAction, discarding: Bool = false) -> EventResult {
        if !discarding, action == .queue || action == .quit, stack.contains(where: \.holdsTypedText) {
            leaving = (.discard, action)
            return .redraw
        }
        switch action {
        case .help:
            help = HelpOverlay(title: "Help: \(top.title)", entries: helpEntries)
            return .redraw
        case .newCase: return navigate(.push(CustomerScreen(context: context)))
        case .search: return navigate(.push(SearchScreen(context: context)))
        case .queue:
            stack.removeLast(stack.count - 1)
            stack[0].reload()
            return .redraw
        case .refresh:
            reloadAll()
            return .redraw
        case .myAuthority: return navigate(.push(MyAuthorityScreen(context: context)))
        case .matrix: return navigate(.push(MatrixScreen(context: context)))
        case .quit: return .quit
        }
    }

    // MARK: - Polling

    /// Called when no key came for a poll interval: reloads when the change token moved,
    /// announces new referrals (notice and bell), ticks the clock, expires the notice and runs
    /// the clock sweep once a minute.
    public mutating func poll() -> EventResult {
        var redraw = stack[stack.count - 1].idle()
        let now = service.now()
        let clock = context.time.clock(now)
        if clock != clockText {
            clockText = clock
            acting = try? service.actingRole()
            redraw = true
        }
        if let shown = noticeShownAt, now.timeIntervalSince(shown) >= Self.noticeSeconds {
            notice = nil
            noticeShownAt = nil
            redraw = true
        }
        sweepIfDue(now)
        if let token = try? service.changeToken(), token != lastToken {
            lastToken = token
            acting = try? service.actingRole()
            let index = stack.count - 1
            stack[index].reload()
            refreshCounts(announce: true)
            announceOutcomes()
            redraw = true
        }
        return redraw ? .redraw : .ignored
    }

    /// Runs the clock sweep on the first poll and then once a minute (again at once if the
    /// clock went back), so a case past its clock's warning point moves even when no cron job
    /// runs; the cases it refers show through the change token like any other write. A sweep
    /// that fails (the store busy past its wait) is left to the next minute or another desk.
    private mutating func sweepIfDue(_ now: Date) {
        if let last = lastSweep, now >= last, now.timeIntervalSince(last) < Self.sweepSeconds { return }
        lastSweep = now
        _ = try? service.sweepClocks()
    }

    /// Names what became of the cases I referred since the last look (the newest, and how
    /// many more), ringing for a return or a resolution.
    private mutating func announceOutcomes() {
        guard let after = outcomesThrough else {
            outcomesThrough = try? service.outcomes(after: nil).through
            return
        }
        guard let batch = try? service.outcomes(after: after) else { return }
        outcomesThrough = batch.through
        guard let newest = batch.outcomes.last else { return }
        var text = CaseWords(service.centre).notice(newest)
        if batch.outcomes.count > 1 { text += " (and \(batch.outcomes.count - 1) more)" }
        show(notice: text)
        if batch.outcomes.contains(where: \.rings) { bell() }
    }

    private mutating func reloadAll() {
        for i in stack.indices { stack[i].reload() }
        refreshCounts(announce: false)
    }

    /// Re-reads the counts; with `announce`, names a referral that was not there before and rings.
    private mutating func refreshCounts(announce: Bool) {
        let before = counts.referred
        let me = service.me
        counts.mine = (try? service.queueCount(me.myCases)) ?? counts.mine
        counts.referred = (try? service.queueCount(me.referredToMe)) ?? counts.referred
        counts.all = (try? service.queueCount(.all)) ?? counts.all
        guard announce || !knownLoaded else { return }
        let page = (try? service.queuePage(me.referredToMe, offset: 0, limit: Self.referralWindow)) ?? []
        let fresh = page.filter { !knownReferrals.contains($0.id) }
        knownReferrals = Set(page.map(\.id))
        knownLoaded = true
        guard announce, counts.referred > before, let first = fresh.first else { return }
        let words = CaseWords(service.centre)
        var text = "New referral: \(first.id) \(words.customer(first))" + (first.live ? " (LIVE)" : "") + " – \(words.summary(first))"
        if fresh.count > 1 { text += " (and \(fresh.count - 1) more)" }
        show(notice: text)
        bell()
    }

    private mutating func show(notice text: String) {
        notice = text
        noticeShownAt = service.now()
    }
}
