import StoreDesk
import ArgumentParser
import DeskUI
import EscalationStore
import Foundation

/// `escdesk desk` (and plain `escdesk`): the full-screen desk for the person at the keyboard.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Open the desk for the current person.",
        discussion: """
        The person is the operating-system login; on a training database --as STAFF_ID acts as \
        anyone and --now sets the clock (which then keeps ticking). Keys: ? shows every key of \
        the screen, q or F10 quits. Exit codes: 0 after quitting, 69 when there is no terminal \
        or database, 77 when the person is not permitted, 128 + the signal number when a signal \
        stopped the desk (130 for SIGINT, 143 for SIGTERM).
        """
    )

    @OptionGroup var options: DeskOptions

    func run() throws {
        let session = try options.session()
        try DeskLauncher.requireTerminal()
        let clock = SessionClock(setTime: try options.requestedNow())
        let service = StoreDeskService(store: session.store, member: session.actor, clock: clock)
        try DeskLauncher.runDesk(service)
    }
}
