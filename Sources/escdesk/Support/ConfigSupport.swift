import ArgumentParser
import EscalationConfig
import EscalationCore

/// Loads a configuration folder for a command, or prints every problem and exits 65.
func loadCentre(directory: String, requireStaff: Bool = false) throws -> Centre {
    do {
        return try ConfigLoader.load(directory: directory, requireStaff: requireStaff)
    } catch {
        for issue in error.issues { printError(issue.description) }
        let count = error.issues.count
        throw failure("the configuration in \(directory) has \(count) problem\(count == 1 ? "" : "s")", Sysexit.dataError)
    }
}

/// Parses `action=amount` (or a bare `action` for a permission) against the matrix.
func parseRemedy(_ text: String, matrix: AuthorityMatrix, option: String) throws -> RemedyRequest {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let actionID = String(parts[0])
    // The remedy as typed, as much of it as a sentence quotes.
    let typed = "\(option) \(InputQuote.clip(text))"
    guard let action = matrix.action(actionID) else {
        let known = matrix.actions.map(\.id).joined(separator: ", ")
        throw failure("\(typed): unknown action \"\(InputQuote.clip(actionID))\"; actions are \(known)", Sysexit.usage)
    }
    guard parts.count == 2 else {
        if action.kind == .monetary {
            throw failure("\(typed): \(actionID) is monetary; give an amount, like \(actionID)=50.00", Sysexit.usage)
        }
        return RemedyRequest(action: actionID)
    }
    guard action.kind == .monetary else {
        throw failure("\(typed): \(actionID) is a permission and takes no amount; write just \(actionID)", Sysexit.usage)
    }
    do {
        return RemedyRequest(action: actionID, amount: try Money.parse(String(parts[1]), currency: matrix.currency))
    } catch {
        throw failure("\(option) \(actionID): \(error.description)", Sysexit.usage)
    }
}
