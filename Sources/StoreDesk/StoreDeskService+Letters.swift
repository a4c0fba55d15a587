import DeskUI
import EscalationCore
import EscalationStore
import Foundation

extension StoreDeskService {
    /// The letters I may send on the case at the desk's time.
    public func letterKinds(caseID: String) throws(DeskError) -> [LetterKind] {
        try desk { () throws(StoreError) in try store.letterKinds(caseID: caseID, actor: member.id, at: now()) }
    }

    /// Sends the letter through the store (the same rules and record as `escdesk case letter`)
    /// and keeps a copy of exactly the text sent in `letters/` beside the database, for the
    /// handler to post or email: the record keeps only its SHA-256.
    public func sendLetter(caseID: String, _ draft: LetterDraft) throws(DeskError) -> DeskLetter {
        let request = LetterRequest(kind: draft.kind, format: .text, outcome: draft.outcome, reasons: draft.reasons,
                                    grants: draft.grants, expected: draft.expected)
        let sent = try desk { () throws(StoreError) in
            try store.sendLetter(caseID: caseID, request: request, actor: member.id, now: clock.actionClock)
        }
        var letter = DeskLetter(caseID: sent.caseID, kind: sent.kind, sha256: sent.sha256, text: sent.text)
        do {
            letter.savedTo = try LetterCopies.save(sent, besideDatabase: store.path)
        } catch {
            letter.saveProblem = "The letter was sent and recorded, but its copy could not be saved (\(error.localizedDescription)); "
                + "copy it from this screen."
        }
        return letter
    }
}

/// Copies of the letters sent from a desk: `letters/CASE-KIND-SHA8.txt` in the database's
/// folder, readable by its owner only (a letter names the customer and the decision).
enum LetterCopies {
    struct NoFolder: Error, LocalizedError {
        var errorDescription: String? { "the database is not a file, so there is no folder beside it" }
    }

    static func save(_ sent: LetterSent, besideDatabase path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { throw NoFolder() }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("letters")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent("\(sent.caseID)-\(sent.kind.rawValue)-\(sent.sha256.prefix(8)).\(sent.format == .html ? "html" : "txt")")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(sent.text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission) }
        return file.path
    }
}
