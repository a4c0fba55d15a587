import EscalationCore
import Foundation

/// The one owner of an Escalation Desk database. Every write is named by intent and runs as
/// one transaction that appends its event to the hash chain and updates the projections;
/// reads return core values and plain structs. No SQL leaves this type.
public final class DeskStore: Sendable {
    /// Where the database lives.
    public let path: String
    /// The centre as created, with the policy in force when the store was opened. Actions
    /// decide under the version in force at their own time (`PolicyBook`); `centre(at:)`
    /// reads the one in force at any time.
    public let centre: Centre
    /// Fixed at creation: a training database accepts `--as` and `--now`.
    public let isTraining: Bool

    let ledger: any Ledger
    /// The rules of the policy in force when the store was opened (names, queues, listings:
    /// what no matrix version changes).
    let rules: DeskRules
    let book: PolicyBook

    private init(path: String, ledger: any Ledger, centre: Centre, training: Bool) {
        self.path = path
        self.ledger = ledger
        self.centre = centre
        self.isTraining = training
        self.rules = DeskRules(centre: centre)
        self.book = PolicyBook(base: centre)
    }

    // MARK: Opening and creating, on any ledger

    /// A store on a ledger already open (`open(at:)` opens the embedded one): reads the
    /// centre as created and the policy in force, and checks them against the digests the
    /// first event recorded unless `checkingConfiguration` is false (`audit verify` only).
    ///
    /// - Parameter path: where the database lives (a file, a server), as `path` and every
    ///   error name it.
    public static func open(_ ledger: any Ledger, path: String,
                            checkingConfiguration: Bool = true) throws(StoreError) -> DeskStore {
        try guarded(path) { try open(ledger, at: path, checkingConfiguration: checkingConfiguration) }
    }

    private static func open(_ ledger: any Ledger, at path: String, checkingConfiguration: Bool) throws -> DeskStore {
        let (centre, training) = try ledger.audit { reader -> (Centre, Bool) in
            if checkingConfiguration, let altered = try ConfigBinding.mismatches(reader).first
                ?? GovernanceBinding.mismatches(reader).first ?? GovernanceBinding.policyMismatches(reader).first {
                throw StoreError.recordAltered(path: path, altered.description)
            }
            guard let record = try reader.centreRecord() else { throw StoreError.notOurs(path: path) }
            // The version in force now, or at the newest event if a training clock is ahead.
            let register = try reader.matrixRegister()
            let now = max(Millis.from(Date()), try reader.chainHead().at)
            // Verification still opens a file whose matrix versions were edited so that none
            // is in force, to say so.
            guard let version = register.inForce(at: now) ?? (checkingConfiguration ? nil : register.versions.first),
                  let json = try reader.matrixPolicy(version: version.id) else {
                throw StoreError.notOurs(path: path)
            }
            let stored = try Self.decodeCentre(record.json)
            return (stored.withPolicy(try PolicyBook.decode(json)), record.training)
        }
        return DeskStore(path: path, ledger: ledger, centre: centre, training: training)
    }

    /// A store on a new ledger for a centre, its matrix as version 1 in force from `now`.
    /// `make` creates the ledger (refusing one that exists, leaving nothing behind on
    /// failure) and fills it through the set-up it is given, in its first transaction.
    public static func create(path: String, centre: Centre, training: Bool, now: Date,
                              make: (_ setUp: (any LedgerTransaction) throws -> Void) throws -> any Ledger)
        throws(StoreError) -> DeskStore {
        try guarded(path) { try makeStore(path: path, centre: centre, training: training, now: now, make: make) }
    }

    private static func makeStore(path: String, centre: Centre, training: Bool, now: Date,
                                  make: (_ setUp: (any LedgerTransaction) throws -> Void) throws -> any Ledger) throws -> DeskStore {
        let ms = Millis.from(now)
        let policy = EscalationPolicy(matrix: centre.policy.matrix.relabelled(Self.firstVersion),
                                      referrals: centre.policy.referrals, routing: centre.policy.routing)
        let stored = centre.withPolicy(policy)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let centreJSON = String(decoding: try encoder.encode(stored), as: UTF8.self)
        let policyJSON = String(decoding: try encoder.encode(policy), as: UTF8.self)
        let ledger = try make { tx in
            try tx.insertCentre(organisation: centre.organisation, json: centreJSON, training: training, at: ms)
            // Approved by the event that creates the database, which is event 1.
            try tx.insertMatrixVersion(.founding(id: Self.firstVersion, policyDigest: EventChain.digest(policyJSON), at: ms,
                                                 by: Self.systemActor, seq: 1), policyJSON: policyJSON)
            try tx.insertKey(owner: Vault.centreKeyOwner, bytes: Vault.newKeyBytes())
            try EventChain.append(tx, caseID: nil, at: ms, actor: Self.systemActor, kind: .centreCreated, payload: .object([
                "organisation": .string(centre.organisation),
                "matrix_version": .string(Self.firstVersion),
                "policy_sha256": .string(EventChain.digest(policyJSON)),
                "centre_sha256": .string(EventChain.digest(centreJSON)),
                "staff": .int(Int64(centre.staff.staff.count)),
                "training": .bool(training),
            ]))
        }
        return DeskStore(path: path, ledger: ledger, centre: stored, training: training)
    }

    /// The label of the matrix version a new database starts with.
    public static let firstVersion = "1"
    /// The actor recorded for events no person caused (creating the database).
    public static let systemActor = "system"

    // MARK: Identity

    /// The staff member whose operating-system login this is.
    ///
    /// - Throws: `.unknownLogin` (exit 77).
    public func actor(login: String) throws(StoreError) -> StaffMember {
        guard let member = centre.staff.member(login: login) else { throw .unknownLogin(login) }
        return member
    }

    /// Acts as any staff member: only a training database allows it (`--as`).
    ///
    /// - Throws: `.notTraining` on a normal database, `.unknownStaff` for an unknown id (77).
    public func actor(asStaffID id: String) throws(StoreError) -> StaffMember {
        guard isTraining else { throw .notTraining(option: "--as") }
        guard let member = centre.staff.member(id: id) else { throw .unknownStaff(id) }
        return member
    }

    /// Checks that a set clock (`--now`) is acceptable: only on a training database.
    public func allowClockOverride() throws(StoreError) {
        guard isTraining else { throw .notTraining(option: "--now") }
    }

    // MARK: Plumbing

    /// Runs one command in one write transaction, at a time several commands share (the
    /// demo writes a history whose times it chooses).
    func command<T>(_ body: (DeskCommands) throws -> T) throws(StoreError) -> T {
        try Self.guarded(path) { try ledger.write { tx in try body(DeskCommands(rules: rules, tx: tx)) } }
    }

    /// Runs one person's action in one write transaction, at the time `clock` gives once the
    /// write lock is held (never before the newest event).
    /// The policy is the version in force at that time, read in the same transaction.
    func command<T>(at clock: ActionClock, _ body: (DeskCommands, Int64) throws -> T) throws(StoreError) -> T {
        let (training, book, path) = (isTraining, book, path)
        return try Self.guarded(path) {
            try ledger.write { tx in
                let now = try clock.time(newestEvent: tx.chainHead().at, training: training)
                return try body(DeskCommands(rules: try book.rules(tx, at: now, path: path), tx: tx), now)
            }
        }
    }

    func query<T>(_ body: (any LedgerReader) throws -> T) throws(StoreError) -> T {
        try Self.guarded(path) { try ledger.read(body) }
    }

    func member(_ id: String) throws(StoreError) -> StaffMember {
        try Self.guarded(path) { try rules.member(id) }
    }

    /// Turns any failure into a `StoreError` the command line can print and exit with.
    static func guarded<T>(_ path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch let error as StoreError {
            throw error
        } catch let error as DecisionInputError {
            throw .decisionInput(error)
        } catch let error as DecodingError {
            throw .corrupt("a stored value could not be read (\(Self.words(error)))")
        } catch let error as JSONReader.Failure {
            throw .corrupt("a stored value could not be read (\(error))")
        } catch {
            // A ledger reports its own failures as `StoreError`s; anything else is unexpected.
            throw .unavailable(path: path, detail: String(describing: error))
        }
    }
}

extension DeskStore {
    /// A decoding failure as a sentence: where in the value, and what was wrong, without
    /// the type names of Swift's own description.
    static func words(_ error: DecodingError) -> String {
        func at(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return (path.isEmpty ? "" : "at \(path): ") + context.debugDescription
        }
        switch error {
        case .dataCorrupted(let context): return at(context)
        case .keyNotFound(let key, let context): return at(context) + (context.debugDescription.isEmpty ? "" : " ") + "(\(key.stringValue) is missing)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return at(context)
        @unknown default: return "an unreadable value"
        }
    }

    /// The stored centre. A database written before centres had clocks and calendars holds
    /// JSON without those members; it reads as a centre with none.
    static func decodeCentre(_ json: String) throws -> Centre {
        var data = Data(json.utf8)
        if var object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
           object["clocks"] == nil || object["calendars"] == nil {
            if object["clocks"] == nil { object["clocks"] = [Any]() }
            if object["calendars"] == nil { object["calendars"] = [Any]() }
            data = try JSONSerialization.data(withJSONObject: object)
        }
        return try JSONDecoder().decode(Centre.self, from: data)
    }
}
