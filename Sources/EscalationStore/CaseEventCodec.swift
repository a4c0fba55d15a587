import EscalationCore

/// The core's case events as stored payloads and back. The payloads' members are those every
/// release has written (the hash chain covers their bytes), so an event written today and
/// one written by the first release read back the same way.
enum CaseEventCodec {
    /// The event kind a case event is stored under.
    static func kind(_ event: CaseEvent) -> EventKind {
        switch event {
        case .opened: return .caseOpened
        case .escalated: return .caseEscalated
        case .claimed: return .caseClaimed
        case .returned: return .caseReturned
        case .resolved: return .caseResolved
        case .closed: return .caseClosed
        case .reopened: return .caseReopened
        case .identityMarked: return .identityMarked
        case .letterSent: return .letterSent
        case .receiptCorrected: return .caseReceiptCorrected
        case .clockEscalated: return .caseClockEscalated
        case .clockPaused: return .caseClockPaused
        case .clockResumed: return .caseClockResumed
        case .clockExtended: return .caseClockExtended
        }
    }

    /// The payload of a case event recorded by someone in `actorRole`.
    static func payload(_ event: CaseEvent, actorRole: String) -> JSONValue {
        let role = JSONValue.string(actorRole)
        switch event {
        case .opened(let o):
            return .object([
                "actor_role": role,
                "case_flags": .strings(o.caseFlags),
                "channel": .string(o.channel),
                "customer": .string(o.customer),
                "decision": .written(PayloadCodec.decisionText(o.decision)),
                "identity_verified": .bool(o.identityVerified),
                "kind": .string(o.kind),
                "live": .bool(o.live),
                "requests": .written(PayloadCodec.requestsText(o.requests)),
                "summary": .string(o.summary),
            ]).adding("received_at", o.receivedAt)
        case .escalated(let routeTo, let decision, let note, let team):
            return JSONValue.object([
                "note": text(note),
                "route_to": .string(routeTo),
                "decision": .written(PayloadCodec.decisionText(decision)),
                "actor_role": role,
            ]).markingTextWithheld(note == .withheld).adding("team", team)
        case .claimed(let queue, let coverFor):
            return JSONValue.object(["queue": .string(queue), "actor_role": role]).adding("cover_for", coverFor)
        case .returned(let to, let note):
            return JSONValue.object([
                "note": text(note),
                "to": .string(to),
                "actor_role": role,
            ]).markingTextWithheld(note == .withheld)
        case .resolved(let r):
            return JSONValue.object([
                "outcome": .string(r.outcome.rawValue),
                "rationale": text(r.rationale),
                "grants": .written(PayloadCodec.requestsText(r.grants)),
                "root_cause": .string(r.rootCause),
                "decision": .written(PayloadCodec.decisionText(r.decision)),
                "matrix_version": .string(r.decision.matrixVersion),
                "actor_role": role,
                "received_at": .int(r.receivedAt),
                "escalated_at": r.escalatedAt.map(JSONValue.int) ?? .null,
                "delegated_by": .optional(r.delegatedBy),
            ]).markingTextWithheld(r.rationale == .withheld)
        case .closed:
            return .object(["actor_role": role])
        case .reopened(let note):
            return JSONValue.object([
                "note": note.map(text) ?? .null,
                "actor_role": role,
            ]).markingTextWithheld(note == .withheld)
        case .identityMarked(let verified):
            return .object(["verified": .bool(verified), "actor_role": role])
        case .letterSent(let letter):
            var members: [String: JSONValue] = [
                "letter": .string(letter.kind.rawValue),
                "sha256": .string(letter.sha256),
                "format": .string(letter.format.rawValue),
                "actor_role": role,
            ]
            if letter.kind.carriesDecision {
                members["outcome"] = .optional(letter.outcome?.rawValue)
                members["grants"] = .written(PayloadCodec.requestsText(letter.grants))
            }
            if let expected = letter.expectedFinalResponse { members["expected_final_response"] = .string(expected.description) }
            return .object(JSONObject(members))
        case .receiptCorrected(let to, let rationale):
            return JSONValue.object([
                "received_at": .int(to),
                "rationale": text(rationale),
                "actor_role": role,
            ]).markingTextWithheld(rationale == .withheld)
        case .clockEscalated(let clock, let routeTo, let team, let note):
            return JSONValue.object([
                "clock": .string(clock),
                "route_to": .string(routeTo),
                "note": text(note),
                "actor_role": role,
            ]).markingTextWithheld(note == .withheld).adding("team", team)
        case .clockPaused(let clock, let reason):
            return JSONValue.object([
                "clock": .optional(clock),
                "reason": text(reason),
                "actor_role": role,
            ]).markingTextWithheld(reason == .withheld)
        case .clockResumed(let clock):
            return .object(["clock": .optional(clock), "actor_role": role])
        case .clockExtended(let clock, let months, let reason):
            return JSONValue.object([
                "clock": .string(clock),
                "months": .int(Int64(months)),
                "reason": text(reason),
                "actor_role": role,
            ]).markingTextWithheld(reason == .withheld)
        }
    }

    /// The most months an extension may record: more is damage, not a configuration.
    static let mostMonths: Int64 = 1200

    private static func text(_ recorded: RecordedText) -> JSONValue {
        switch recorded {
        case .sealed(let sealed): return .string(sealed)
        case .withheld: return .null
        }
    }

    /// A stored case event as the core's, with the role its actor acted in.
    static func record(_ e: StoredEvent, currency: Currency) throws(CaseFoldError) -> CaseEventRecord {
        func fail(_ reason: String) -> CaseFoldError { CaseFoldError(seq: e.seq, reason: reason) }
        guard let caseID = e.caseID else { throw fail("belongs to no case") }
        guard let payload = try? JSONValue.parse(e.payload) else { throw fail("has a payload that cannot be read") }
        func string(_ key: String) throws(CaseFoldError) -> String {
            guard let value = payload[key]?.string else { throw fail("has no \(key)") }
            return value
        }
        func decision() throws(CaseFoldError) -> Decision {
            guard let decision = PayloadCodec.decision(payload["decision"]) else { throw fail("has no decision") }
            return decision
        }
        func recorded(_ key: String) throws(CaseFoldError) -> RecordedText {
            if let sealed = payload[key]?.string { return .sealed(sealed) }
            guard payload[JSONValue.textWithheldKey]?.bool == true else { throw fail("has no \(key)") }
            return .withheld
        }
        let event: CaseEvent
        switch EventKind(rawValue: e.kind) {
        case .caseOpened?:
            event = .opened(CaseOpening(
                customer: try string("customer"), kind: try string("kind"), channel: try string("channel"),
                summary: try string("summary"), live: payload["live"]?.bool == true,
                caseFlags: (payload["case_flags"]?.array ?? []).compactMap(\.string),
                identityVerified: payload["identity_verified"]?.bool == true,
                requests: PayloadCodec.requests(payload["requests"], currency: currency), decision: try decision(),
                receivedAt: payload["received_at"]?.int))
        case .caseEscalated?:
            event = .escalated(routeTo: try string("route_to"), decision: try decision(), note: try recorded("note"),
                               team: payload["team"]?.string)
        case .caseClaimed?:
            event = .claimed(queue: try string("queue"), coverFor: payload["cover_for"]?.string)
        case .caseReturned?:
            event = .returned(to: try string("to"), note: try recorded("note"))
        case .caseResolved?:
            guard let outcome = payload["outcome"]?.string.flatMap(Outcome.init(rawValue:)) else { throw fail("has no outcome") }
            event = .resolved(CaseResolution(
                outcome: outcome, grants: PayloadCodec.requests(payload["grants"], currency: currency),
                rootCause: try string("root_cause"), decision: try decision(), rationale: try recorded("rationale"),
                receivedAt: payload["received_at"]?.int ?? 0, escalatedAt: payload["escalated_at"]?.int,
                delegatedBy: payload["delegated_by"]?.string))
        case .caseClosed?:
            event = .closed
        case .caseReopened?:
            let given = payload["note"]?.string != nil || payload[JSONValue.textWithheldKey]?.bool == true
            event = .reopened(note: given ? try recorded("note") : nil)
        case .identityMarked?:
            guard let verified = payload["verified"]?.bool else { throw fail("has no verified") }
            event = .identityMarked(verified: verified)
        case .matrixProposed?, .matrixApproved?, .matrixRejected?, .matrixRebased?, .matrixAcknowledged?, .coverGranted?,
             .coverApproved?, .coverEnded?:
            throw fail("of kind \(e.kind) cannot belong to a case")
        case .letterSent?:
            guard let kind = payload["letter"]?.string.flatMap(LetterKind.init(rawValue:)),
                  let format = payload["format"]?.string.flatMap(LetterFormat.init(rawValue:)) else {
                throw fail("has no letter kind or format")
            }
            event = .letterSent(SentLetter(kind: kind, sha256: try string("sha256"), format: format,
                                           outcome: payload["outcome"]?.string.flatMap(Outcome.init(rawValue:)),
                                           grants: PayloadCodec.requests(payload["grants"], currency: currency),
                                           expectedFinalResponse: try payload["expected_final_response"].map { value throws(CaseFoldError) in
                                               guard let date = value.string.flatMap(LocalDate.init) else {
                                                   throw fail("has an expected final response that is not a date")
                                               }
                                               return date
                                           }))
        case .caseReceiptCorrected?:
            guard let to = payload["received_at"]?.int else { throw fail("has no received_at") }
            event = .receiptCorrected(to: to, rationale: try recorded("rationale"))
        case .caseClockEscalated?:
            event = .clockEscalated(clock: try string("clock"), routeTo: try string("route_to"), team: payload["team"]?.string,
                                    note: try recorded("note"))
        case .caseClockPaused?:
            event = .clockPaused(clock: payload["clock"]?.string, reason: try recorded("reason"))
        case .caseClockResumed?:
            event = .clockResumed(clock: payload["clock"]?.string)
        case .caseClockExtended?:
            guard let months = payload["months"]?.int, (1...CaseEventCodec.mostMonths).contains(months) else {
                throw fail("has no number of months it extends by")
            }
            event = .clockExtended(clock: try string("clock"), months: Int(months), reason: try recorded("reason"))
        case .centreCreated?, .customerAdded?, .customerErased?, .customerExported?, nil:
            throw fail("of kind \(e.kind) cannot belong to a case")
        }
        return CaseEventRecord(seq: e.seq, caseID: caseID, at: e.at, actor: e.actor,
                               actorRole: payload["actor_role"]?.string ?? "", event: event)
    }
}
