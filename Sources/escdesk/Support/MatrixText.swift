import EscalationConfig
import EscalationCore
import EscalationStore
import Foundation

/// How the `matrix` commands print versions, diffs and histories, in words and as JSON.
enum MatrixText {
    static func time(_ ms: Int64?) -> String? {
        ms.map { ISOTime.format(Date(timeIntervalSince1970: TimeInterval($0) / 1000)) }
    }

    static func name(_ id: String?, _ centre: Centre) -> String? {
        id.map { centre.staff.member(id: $0)?.name ?? $0 }
    }

    /// "in force since …", "approved, in force from …", "proposed, waiting for approval".
    static func standing(_ v: MatrixVersion, _ standing: MatrixVersionStanding) -> String {
        switch standing {
        case .inForce: return "in force since \(time(v.effectiveAt) ?? "creation")"
        case .approved: return "approved, in force from \(time(v.effectiveAt) ?? "approval")"
        default: return standing.words
        }
    }

    /// Who proposed and decided it, and why.
    static func governance(_ v: MatrixVersion, _ centre: Centre) -> [String] {
        var lines: [String] = []
        if let base = v.base {
            var line = "Proposed by \(name(v.proposedBy, centre) ?? "") at \(time(v.proposedAt) ?? "") as a change of version \(base)"
            if let rationale = v.proposalRationale { line += ": \(rationale)" }
            lines.append(line)
        } else {
            lines.append("The version the database was created with, at \(time(v.proposedAt) ?? "").")
        }
        if v.base != nil, let by = v.decidedBy {
            var line = "\(v.status == .approved ? "Approved" : "Rejected") by \(name(by, centre) ?? by) at \(time(v.decidedAt) ?? "")"
            if let rationale = v.decisionRationale { line += ": \(rationale)" }
            lines.append(line)
        }
        return lines
    }

    static func show(_ detail: MatrixVersionDetail, _ centre: Centre) -> String {
        let policy = detail.policy
        let matrix = policy.matrix
        var lines = ["\(matrix.versionName) — \(standing(detail.version, detail.standing))"]
        lines += governance(detail.version, centre)
        lines.append("Routing: \(policy.routing.rawValue)")
        let width = min(32, matrix.actions.map(\.title.count).max() ?? 10)
        for (r, role) in matrix.ladder.roles.enumerated() {
            lines.append("")
            lines.append("\(role.title) (\(role.id))")
            for (a, action) in matrix.actions.enumerated() {
                let title = action.title.count > width ? String(action.title.prefix(width)) : action.title
                let pad = String(repeating: " ", count: width - title.count)
                lines.append("  \(title)\(pad)  \(PolicyWords.cell(matrix.cells[a][r].authority))")
            }
        }
        if !policy.referrals.isEmpty {
            lines.append("")
            lines.append("Referral rules")
            for rule in policy.referrals { lines.append("  \(rule.id): \(PolicyWords.rule(rule)) — \(rule.reason)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The diff's sentences, then who gains and who loses.
    static func diff(_ diff: MatrixDiff, ladder: Ladder) -> String {
        if diff.isEmpty { return "No differences." }
        var lines = diff.sentences.map { "  " + $0 }
        for shift in diff.shifts {
            let title = ladder.title(of: shift.role)
            for gain in shift.gains { lines.append("  + \(title) gains: \(gain)") }
            for loss in shift.losses { lines.append("  - \(title) loses: \(loss)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The replay's counts in words, per role, per action and per queue.
    static func simulation(_ r: SimulationResult, draft: String, inForce: String, days: Int, ladder: Ladder) -> String {
        var lines = ["Replayed \(r.replayed) case openings of the last \(days) days under \(draft) and version \(inForce) "
                     + "(in force): \(r.changed) decision\(r.changed == 1 ? "" : "s") would change."]
        if r.undecidable > 0 { lines.append("\(r.undecidable) could not be decided under one of them.") }
        guard r.changed > 0 else { return lines.joined(separator: "\n") }
        lines.append("By role of the handler:")
        for role in ladder.roles {
            guard let c = r.byRole[role.id] else { continue }
            lines.append("  \(role.title): \(c.changed) changed; \(c.escalationsDisappear) escalations would disappear, "
                         + "\(c.escalationsAppear) would appear, \(c.rerouted) would go to another role")
        }
        lines.append("By action asked for:")
        for (action, count) in r.byAction.sorted(by: { $0.key < $1.key }) { lines.append("  \(action): \(count) changed") }
        if !r.queueChange.isEmpty {
            lines.append("Queues:")
            for role in ladder.roles {
                guard let change = r.queueChange[role.id] else { continue }
                lines.append("  \(role.title): \(change > 0 ? "+" : "")\(change)")
            }
        }
        lines.append("Cases that would change: " + r.changedCases.joined(separator: ", ") + (r.changed > r.changedCases.count ? ", …" : ""))
        return lines.joined(separator: "\n")
    }

    struct DiffJSON: Encodable {
        struct Shift: Encodable {
            let role: String
            let gains: [String]
            let losses: [String]
        }

        let from: String
        let to: String
        let changes: [String]
        let shifts: [Shift]

        init(_ diff: MatrixDiff, from: String, to: String) {
            self.from = from
            self.to = to
            changes = diff.sentences
            shifts = diff.shifts.map { Shift(role: $0.role, gains: $0.gains, losses: $0.losses) }
        }
    }

    struct VersionJSON: Encodable {
        let version: String
        let status: String
        let baseVersion: String?
        let effectiveAt: String?
        let proposedBy: String
        let proposedAt: String?
        let proposalRationale: String?
        let decidedBy: String?
        let decidedAt: String?
        let decisionRationale: String?

        init(_ v: MatrixVersion, _ standing: MatrixVersionStanding) {
            version = v.id
            status = standing.rawValue
            baseVersion = v.base
            effectiveAt = MatrixText.time(v.effectiveAt)
            proposedBy = v.proposedBy
            proposedAt = MatrixText.time(v.proposedAt)
            proposalRationale = v.proposalRationale
            decidedBy = v.decidedBy
            decidedAt = MatrixText.time(v.decidedAt)
            decisionRationale = v.decisionRationale
        }
    }

    struct ShowJSON: Encodable {
        struct Rule: Encodable {
            let id: String
            let when: String
            let minRole: String
            let reason: String
        }

        let version: VersionJSON
        let fingerprint: String
        let routing: String
        /// role id → action id → the cell in words.
        let authority: [String: [String: String]]
        let referrals: [Rule]

        init(_ detail: MatrixVersionDetail) {
            let matrix = detail.policy.matrix
            version = VersionJSON(detail.version, detail.standing)
            fingerprint = matrix.fingerprint
            routing = detail.policy.routing.rawValue
            var cells: [String: [String: String]] = [:]
            for (r, role) in matrix.ladder.roles.enumerated() {
                for (a, action) in matrix.actions.enumerated() {
                    cells[role.id, default: [:]][action.id] = PolicyWords.cell(matrix.cells[a][r].authority)
                }
            }
            authority = cells
            referrals = detail.policy.referrals.map {
                Rule(id: $0.id, when: PolicyWords.condition($0.when), minRole: $0.minRole, reason: $0.reason)
            }
        }
    }

    /// A centre read from an `escalation.yaml` file, or every problem printed and exit 65.
    static func readFile(_ path: String) throws -> Centre {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > ConfigLoader.maxFileBytes {
            throw failure("\(path): the file is larger than 1 MB; an escalation.yaml is a few KB", Sysexit.dataError)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("\(path): no such file, or it cannot be read", Sysexit.dataError)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure("\(path): the file is not UTF-8 text; save it as UTF-8", Sysexit.dataError)
        }
        do {
            return try ConfigLoader.parse(escalation: .init(name: path, text: text))
        } catch {
            for issue in error.issues { printError(issue.description) }
            let count = error.issues.count
            throw failure("\(path) has \(count) problem\(count == 1 ? "" : "s")", Sysexit.dataError)
        }
    }
}
