import EscalationCore
import Foundation

/// Everything the store refuses or cannot do, each as one sentence a person at the desk
/// understands. `exitCode` is the BSD sysexits code the command line exits with.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    // Opening and creating.
    case missingDatabase(path: String)
    case alreadyExists(path: String)
    case notOurs(path: String)
    case newerSchema(path: String, found: Int, understood: Int)
    case readOnly(path: String)
    case diskFull(path: String)
    case unavailable(path: String, detail: String)

    // Identity and permission.
    case unknownLogin(String)
    case unknownStaff(String)
    case notTraining(option: String)
    /// A set time (`--now`) before the newest event: the record never runs backwards.
    case clockBehindRecord(set: Date, newest: Date)
    case notPermitted(String)
    case beyondAuthority(caseID: String, role: String, reasons: [Reason])

    // Bad input.
    case unknownCustomer(String)
    case duplicateCustomer(String)
    case customerErased(String)
    case unknownCase(String)
    case invalidValue(field: String, value: String, allowed: [String])
    case emptyText(field: String)
    case textTooLong(field: String, bytes: Int, limit: Int)
    case decisionInput(DecisionInputError)
    case lifecycle(caseID: String, LifecycleError)

    // Conflicts.
    case alreadyClaimed(caseID: String, holder: String, role: String)
    case heldByOther(caseID: String, holder: String)
    case atTop(caseID: String, role: String)
    case roleTooLow(caseID: String, role: String, needed: String)
    case retentionRunning(customer: String, until: String)
    /// A regulated complaint resolved before its decision letter was sent (`checkResponseLetter`).
    case letterRequired(String)

    /// Something the desk decides from does not match the record: a table edited by hand.
    case recordAltered(path: String, String)

    /// Storage the store itself wrote but cannot read back (corruption, not a user mistake).
    case corrupt(String)
    /// A governance step the core refuses on the data (a proposal to rebase, a version not
    /// waiting for approval...): the core's sentence.
    case refused(String)
    /// A receipt time that cannot be (in the future, after the case was opened).
    case invalidReceipt(String)

    public var description: String {
        switch self {
        case .missingDatabase(let path):
            return "there is no Escalation Desk database at \(path); create one with escdesk init or escdesk demo"
        case .alreadyExists(let path):
            return "\(path) already exists; choose another path or remove the old file first"
        case .notOurs(let path):
            return "\(path) is not an Escalation Desk database"
        case .newerSchema(let path, let found, let understood):
            return "\(path) was written by a newer escdesk (schema \(found)); this one understands up to \(understood)"
        case .readOnly(let path):
            return "cannot write to \(path): the file or its folder is read-only"
        case .diskFull(let path):
            return "cannot write to \(path): the disk is full or a file-size limit was reached; nothing was saved"
        case .unavailable(let path, let detail):
            return "cannot use the database \(path): \(detail)"
        case .unknownLogin(let login):
            return "login \(q(login)) is not on the staff list"
        case .unknownStaff(let id):
            return "\(q(id)) is not on the staff list"
        case .notTraining(let option):
            return "\(option) is only accepted on a training database"
        case .clockBehindRecord(let set, let newest):
            return "the time set (\(Self.iso(set))) is before the newest event in the record "
                + "(\(Self.iso(newest))); the record never runs backwards, so set a time at or after it"
        case .notPermitted(let sentence), .letterRequired(let sentence):
            return sentence
        case .beyondAuthority(let caseID, let role, let reasons):
            let why = reasons.map(\.detail).joined(separator: "; ")
            return "\(caseID) cannot be resolved by a \(role) as asked: \(why)"
        case .unknownCustomer(let id):
            return "there is no customer \(q(id))"
        case .duplicateCustomer(let id):
            return "customer \(q(id)) already exists"
        case .customerErased(let id):
            return "customer \(q(id)) has been erased; their personal data is gone"
        case .unknownCase(let id):
            return "there is no case \(q(id))"
        case .invalidValue(let field, let value, let allowed):
            return "\"\(q(value))\" is not a known \(field); use one of: \(allowed.joined(separator: ", "))"
        case .emptyText(let field):
            return "the \(field) is empty; write a few words"
        case .textTooLong(let field, let bytes, let limit):
            return "the \(field) is \(bytes) bytes long; the most accepted is \(limit) bytes"
        case .decisionInput(let error):
            return error.description
        case .lifecycle(let caseID, let error):
            return "\(caseID): \(error.description)"
        case .alreadyClaimed(let caseID, let holder, let role):
            return "\(caseID) is already claimed by \(holder) (\(role))"
        case .heldByOther(let caseID, let holder):
            return "\(caseID) is held by \(holder); only they can act on it now"
        case .atTop(let caseID, let role):
            return "\(caseID) is already with the top role (\(role)); there is no one to escalate it to"
        case .roleTooLow(let caseID, let role, let needed):
            return "\(caseID) is queued for \(needed); a \(role) cannot claim it"
        case .retentionRunning(let customer, let until):
            return "customer \(customer)'s records must be kept until \(until); erasure needs --override-retention by a permitted role"
        case .recordAltered(let path, let detail):
            return "\(path) was changed outside escdesk, so nothing was done: \(detail) "
                + "(escdesk audit verify lists everything that differs)"
        case .corrupt(let detail):
            return "the database is damaged: \(detail)"
        case .refused(let sentence), .invalidReceipt(let sentence):
            return sentence
        }
    }

    /// An input as an error sentence quotes it: at most `InputQuote.limit` characters.
    private func q(_ input: String) -> String { InputQuote.clip(input) }

    /// The sysexits code for this error: 65 invalid data, 69 unavailable, 77 not permitted.
    public var exitCode: Int32 {
        switch self {
        case .missingDatabase, .readOnly, .diskFull, .unavailable:
            return 69
        case .unknownLogin, .unknownStaff, .notTraining, .notPermitted, .beyondAuthority,
             .roleTooLow, .heldByOther, .retentionRunning:
            return 77
        case .alreadyExists, .notOurs, .newerSchema, .unknownCustomer, .duplicateCustomer,
             .customerErased, .unknownCase, .invalidValue, .emptyText, .textTooLong,
             .decisionInput, .lifecycle, .alreadyClaimed, .atTop, .corrupt, .clockBehindRecord, .recordAltered, .refused,
             .letterRequired, .invalidReceipt:
            return 65
        }
    }
}

extension StoreError {
    /// A time as ISO 8601 in UTC, to the second, as sentences quote it.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension StoreError {
    /// The store's sentence and exit code for a governance refusal: 77 when the person may
    /// not, 65 when the data stands in the way.
    init(_ refusal: GovernanceRefusal) {
        self = refusal.isNotPermitted ? .notPermitted(refusal.description) : .refused(refusal.description)
    }

    /// The store's sentence and exit code for the rulebook's refusal.
    init(_ refusal: CaseRefusal) {
        switch refusal {
        case .heldByOther(let caseID, let holder): self = .heldByOther(caseID: caseID, holder: holder)
        case .lifecycle(let caseID, let error): self = .lifecycle(caseID: caseID, error)
        case .alreadyClaimed(let caseID, let holder, let role): self = .alreadyClaimed(caseID: caseID, holder: holder, role: role)
        case .roleTooLow(let caseID, let role, let needed): self = .roleTooLow(caseID: caseID, role: role, needed: needed)
        case .atTop(let caseID, let role): self = .atTop(caseID: caseID, role: role)
        case .notPermitted(let sentence): self = .notPermitted(sentence)
        case .emptyText(let field): self = .emptyText(field: field)
        case .textTooLong(let field, let bytes, let limit): self = .textTooLong(field: field, bytes: bytes, limit: limit)
        case .damaged(let detail): self = .corrupt(detail)
        case .letterRequired(let sentence): self = .letterRequired(sentence)
        case .clockChange(let sentence): self = .refused(sentence)
        case .notARemedy: self = .refused(refusal.description)
        }
    }
}
