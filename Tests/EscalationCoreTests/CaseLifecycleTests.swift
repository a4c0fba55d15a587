import Testing
@testable import EscalationCore

@Suite struct CaseLifecycleTests {
    @Test func aFullReferralFollowsTheLadder() throws {
        var state = CaseState.open
        for step in [CaseTransition.escalate, .claim, .resolve, .close] {
            state = try CaseLifecycle.apply(step, to: state)
        }
        #expect(state == .closed)
    }

    @Test func returnedAndReopenedCasesCanMoveAgain() throws {
        #expect(try CaseLifecycle.apply(.return, to: .claimed) == .returned)
        #expect(try CaseLifecycle.apply(.escalate, to: .returned) == .escalated)
        #expect(try CaseLifecycle.apply(.reopen, to: .closed) == .reopened)
        #expect(try CaseLifecycle.apply(.escalate, to: .claimed) == .escalated)
    }

    @Test func refusesWhatTheStateDoesNotAllowAndSaysWhatIs() {
        #expect(throws: LifecycleError(state: .escalated, transition: .resolve)) {
            try CaseLifecycle.apply(.resolve, to: .escalated)
        }
        let message = LifecycleError(state: .escalated, transition: .resolve).description
        #expect(message == "a case that is escalated cannot be resolved; from escalated it can be: claim")
    }
}
