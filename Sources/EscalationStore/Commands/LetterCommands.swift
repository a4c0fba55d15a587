import EscalationCore
import Foundation

/// What `case letter` asks for: the kind, how to print it, and for a letter that tells the
/// customer a decision, the decision and its reasons.
public struct LetterRequest: Sendable, Hashable {
    public var kind: LetterKind
    public var format: LetterFormat
    public var outcome: Outcome?
    /// The reasons for the decision, or why it is not ready yet (holding response).
    public var reasons: String?
    public var grants: [RemedyRequest]
    /// For a holding response: when the final response is expected (`FinalResponseDue`).
    public var expected: LocalDate?

    public init(kind: LetterKind, format: LetterFormat = .text, outcome: Outcome? = nil, reasons: String? = nil,
                grants: [RemedyRequest] = [], expected: LocalDate? = nil) {
        self.kind = kind
        self.format = format
        self.outcome = outcome
        self.reasons = reasons
        self.grants = grants
        self.expected = expected
    }
}

/// A letter sent: exactly the text to print, and the SHA-256 its event records.
public struct LetterSent: Sendable, Hashable, Codable {
    public let caseID: String
    public let kind: LetterKind
    public let format: LetterFormat
    public let sha256: String
    public let text: String

    enum CodingKeys: String, CodingKey {
        case caseID = "case", kind, format, sha256, text
    }
}

extension DeskCommands {
    /// Renders a letter from the case and records it (`letter_sent`, with the SHA-256 of the
    /// text returned). A summary resolution or final response carries the decision it tells
    /// the customer; remedies beyond the sender's authority are refused before anything is
    /// written, as a resolution's would be.
    func sendLetter(caseID: String, request: LetterRequest, actor: StaffMember, now: Int64) throws -> LetterSent {
        var c = try load(caseID)
        try refusing { () throws(CaseRefusal) in try rules.rulebook.checkLetter(request.kind, on: c, by: actor) }
        let kind = request.kind
        var reasons: String?
        if kind.needsReasons {
            reasons = try rules.checkedText(request.reasons ?? "", field: "reasons")
        }
        if kind.carriesDecision {
            guard request.outcome != nil else {
                throw StoreError.invalidValue(field: "outcome", value: "", allowed: Outcome.allCases.map(\.rawValue))
            }
            let (_, decision) = try rules.caseDecision(tx, c, requests: request.grants, actor: actor, now: now)
            let blocking = rules.rulebook.blockingReasons(decision, on: c)
            if !blocking.isEmpty {
                throw StoreError.beyondAuthority(caseID: caseID, role: rules.ladder.title(of: actor.role), reasons: blocking)
            }
        }
        let records = try caseRecords(c)
        let customer = try tx.customer(id: c.customerID)
        let status = try tx.customerStatus(id: c.customerID)
        let name = try tx.key(owner: c.customerID).flatMap { key in customer?.nameSealed.flatMap { Vault(keyBytes: key).open($0) } }
        // The clocks as this letter leaves them: a holding response gives the date it moves the
        // final response to.
        let sending = CaseEventRecord(seq: Int64.max, caseID: c.id, at: now, actor: actor.id, actorRole: actor.role,
                                      event: .letterSent(SentLetter(kind: kind, sha256: "", format: request.format)))
        let clockFacts = CaseClocks.facts(c, records: records + [sending], customerFlags: status?.flags ?? [],
                                          customerCalendar: status?.calendar, clocks: rules.centre.clocks)
        let clocks = ClockProjection.statuses(c, records: records + [sending], customer: status, centre: rules.centre,
                                              now: Millis.date(now))
        let time = rules.centreTime
        let date = Date(timeIntervalSince1970: Double(now) / 1000)
        let finalResponseDue: LocalDate?
        do throws(FinalResponseDueRefusal) {
            finalResponseDue = try FinalResponseDue.date(for: kind, expected: request.expected, clocks: clocks, today: time.localDate(date))
        } catch {
            throw StoreError.refused(error.description)
        }
        let book = rules.centre.letterBook
        let matrix = rules.policy.matrix
        let facts = LetterFacts(
            organisation: rules.centre.organisation, customerName: name, caseID: c.id,
            received: time.localDate(clockFacts.effectiveReceipt),
            today: time.localDate(date), handlerName: actor.name,
            summaryResolutionDue: clocks.first { LetterKind.summaryResolution.meets.first == $0.clock }?.dueDate,
            finalResponseDue: finalResponseDue,
            outcome: kind.carriesDecision ? request.outcome : nil, reasons: reasons,
            remediesGranted: kind.carriesDecision ? request.grants.map { g in
                (matrix.action(g.action)?.title ?? g.action) + (g.amount.map { " \($0.formatted)" } ?? "")
            } : [],
            timeLimitsPosition: book.timeLimitsPosition)
        let template = book.template(kind)
        let plain = LetterRenderer.render(template, facts: facts, format: .text)
        let missing = LetterContent.missing(in: plain, kind: kind, timeLimitsPosition: book.timeLimitsPosition)
        if let first = missing.first {
            throw StoreError.invalidValue(field: "\(kind.title) letter (\(first.rule(for: kind)) requires "
                                          + missing.map(\.missing).joined(separator: "; ") + ")",
                                          value: kind.rawValue, allowed: ["a template that says it"])
        }
        let text = request.format == .text ? plain : LetterRenderer.render(template, facts: facts, format: request.format)
        let sha = EventChain.digest(text)
        let sent = SentLetter(kind: kind, sha256: sha, format: request.format,
                              outcome: kind.carriesDecision ? request.outcome : nil,
                              grants: kind.carriesDecision ? request.grants : [],
                              expectedFinalResponse: kind == .holdingResponse ? finalResponseDue : nil)
        c = try record(.letterSent(sent), on: c, actor: actor, at: now)
        try save(c)
        return LetterSent(caseID: c.id, kind: kind, format: request.format, sha256: sha, text: text)
    }

    /// The final-response gate for a resolution (`CaseRulebook.checkResponseLetter`): read
    /// the case's history only when a final-response clock could apply to it.
    func checkResponseLetter(_ c: Case, resolution: Resolution, now: Int64) throws {
        let customer = try tx.customerStatus(id: c.customerID)
        let flags = Set(c.caseFlags + (customer?.flags ?? []))
        guard CaseRulebook.mayNeedResponseLetter(clocks: rules.centre.clocks, kind: c.kind, flags: flags, channel: c.channel)
        else { return }
        let records = try caseRecords(c)
        let clocks = ClockProjection.statuses(c, records: records, customer: customer, centre: rules.centre, now: Millis.date(now))
        try refusing { () throws(CaseRefusal) in
            try rules.rulebook.checkResponseLetter(c, events: records, clocks: clocks, outcome: resolution.outcome,
                                                   grants: resolution.grants, now: Date(timeIntervalSince1970: Double(now) / 1000))
        }
    }

    /// The case's events as the core's records, oldest first.
    func caseRecords(_ c: Case) throws -> [CaseEventRecord] {
        let currency = rules.centre.currency
        var records: [CaseEventRecord] = []
        for e in try tx.events(caseID: c.id) {
            do { records.append(try CaseEventCodec.record(e, currency: currency)) } catch { throw StoreError.corrupt(error.description) }
        }
        return records
    }
}

extension DeskRules {
    /// The centre's wall clock, as the clocks count on it.
    var centreTime: CentreTime { ClockProjection.time(centre) }
}
