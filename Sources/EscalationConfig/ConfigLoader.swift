import EscalationCore
import Foundation
import Yams

/// Reads a configuration folder (`escalation.yaml`, `staff.yaml`, `regulatory/*.yaml`,
/// `calendars/*.yaml`, `letters/`) into a validated `Centre`, or every problem found, with its place.
public enum ConfigLoader {
    /// Larger files are refused before parsing: a hand-edited configuration is a few KB.
    public static let maxFileBytes = 1 << 20

    /// One configuration file's name (as shown in errors) and text.
    public struct Source: Sendable {
        public let name: String
        public let text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// Loads a folder. `escalation.yaml` is required; `staff.yaml` is required only when
    /// `requireStaff` (creating a database needs people; a decision does not), and the other
    /// files are checked whenever they are present.
    public static func load(directory: String, requireStaff: Bool = false) throws(ConfigErrors) -> Centre {
        let dir = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var issues: [ConfigIssue] = []
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw ConfigErrors([ConfigIssue(file: dir, line: 0, column: 0,
                                            message: "no such configuration folder; give the folder that holds escalation.yaml")])
        }
        func read(_ name: String, required: Bool) -> Source? {
            let path = dir + "/" + name
            guard FileManager.default.fileExists(atPath: path) else {
                if required {
                    issues.append(ConfigIssue(file: path, line: 0, column: 0, message: "the file is missing; it is required"))
                }
                return nil
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            if size > maxFileBytes {
                issues.append(tooLarge(path, size: size))
                return nil
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                issues.append(ConfigIssue(file: path, line: 0, column: 0, message: "the file cannot be read; check its permissions"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                issues.append(notUTF8(path, data))
                return nil
            }
            return Source(name: path, text: text)
        }
        func readFolder(_ sub: String) -> [Source] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []
            return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .compactMap { read(sub + "/" + $0, required: true) }
        }
        let escalation = read("escalation.yaml", required: true)
        let staff = read("staff.yaml", required: requireStaff)
        let clocks = readFolder("regulatory")
        let calendars = readFolder("calendars")
        var letters: [Source]?
        if FileManager.default.fileExists(atPath: dir + "/letters", isDirectory: &isDir), isDir.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/letters")) ?? []
            letters = names.filter { $0.hasSuffix(".txt") || $0 == "letters.yaml" }.sorted()
                .compactMap { read("letters/" + $0, required: true) }
        }
        guard let escalation else { throw ConfigErrors(issues) }
        let centre: Centre
        do throws(ConfigErrors) {
            centre = try parse(escalation: escalation, staff: staff, clocks: clocks, calendars: calendars,
                               letters: letters, lettersFolder: dir + "/letters")
        } catch {
            throw ConfigErrors(issues + error.issues)
        }
        if !issues.isEmpty { throw ConfigErrors(issues) }
        return centre
    }

    /// A file over the limit, reported where the limit is crossed: the first byte past 1 MB
    /// (read up to there only), so the place is one an editor can jump to.
    static func tooLarge(_ path: String, size: Int) -> ConfigIssue {
        let head = FileHandle(forReadingAtPath: path).map { handle in
            defer { try? handle.close() }
            return (try? handle.read(upToCount: maxFileBytes)) ?? Data()
        } ?? Data()
        let at = TextPosition.of(byteOffset: maxFileBytes, in: head)
        let message = String(format: "the file is %.1f MB; configuration files are limited to 1 MB (%d bytes), "
                             + "and this is where that limit is passed", Double(size) / 1_048_576, maxFileBytes)
        return ConfigIssue(file: path, line: at.line, column: at.column, message: message)
    }

    /// A file that is not UTF-8, reported at its first byte that is not.
    static func notUTF8(_ path: String, _ data: Data) -> ConfigIssue {
        guard let offset = UTF8Bytes.firstInvalidOffset(data), offset < data.count else {
            return ConfigIssue(file: path, line: 1, column: 1, message: "the file is not UTF-8 text; save it as UTF-8")
        }
        let at = TextPosition.of(byteOffset: offset, in: data)
        let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
        return ConfigIssue(file: path, line: at.line, column: at.column, message:
            "the file is not UTF-8 text: byte \(offset + 1) (0x\(byte)) here is not UTF-8; save the file as UTF-8")
    }

    /// Parses configuration text already read (from files, or from the database's copy).
    /// `letters`: the files of `letters/`, nil when there is no such folder (the centre then
    /// sends the letters this release ships).
    public static func parse(escalation: Source, staff: Source? = nil, clocks: [Source] = [],
                             calendars: [Source] = [], letters: [Source]? = nil,
                             lettersFolder: String = "letters") throws(ConfigErrors) -> Centre {
        var issues: [ConfigIssue] = []
        let r = YAMLReader(file: escalation.name)
        var file = EscalationFile()
        if let root = r.parse(escalation.text) { file = EscalationFile.read(root, r) }
        issues += r.issues
        issues += inversionIssues(file, file: escalation.name)

        var directory = StaffDirectory.empty
        if let staff {
            let sr = YAMLReader(file: staff.name)
            if let root = sr.parse(staff.text) { directory = StaffFile.read(root, roles: file.roles, sr) }
            issues += sr.issues
        }
        var workingCalendars: [WorkingCalendar] = []
        for source in calendars {
            let cr = YAMLReader(file: source.name)
            if let root = cr.parse(source.text), let calendar = ClockFiles.readCalendar(root, cr) {
                if workingCalendars.contains(where: { $0.id == calendar.id }) {
                    cr.report("calendar \"\(calendar.id)\" is declared in another file too", line: 1, column: 1)
                } else {
                    workingCalendars.append(calendar)
                }
            }
            issues += cr.issues
        }
        var regulatoryClocks: [RegulatoryClock] = []
        var retentionRules: [RetentionRule] = []
        for source in clocks {
            let kr = YAMLReader(file: source.name)
            if let root = kr.parse(source.text) {
                let regulatory = ClockFiles.readRegulatory(root, roles: file.roles, kr)
                for clock in regulatory.clocks {
                    if regulatoryClocks.contains(where: { $0.id == clock.id }) {
                        kr.report("clock \"\(clock.id)\" is declared twice", line: 1, column: 1)
                        continue
                    }
                    if let calendar = clock.calendar, !workingCalendars.contains(where: { $0.id == calendar }) {
                        kr.report("clock \(clock.id) counts on calendar \"\(calendar)\", which no file in calendars/ declares",
                                  line: 1, column: 1)
                        continue
                    }
                    if clock.limit.needsCalendar || clock.then?.limit.needsCalendar == true, workingCalendars.isEmpty {
                        kr.report("clock \(clock.id) counts business days but there is no calendar in calendars/",
                                  line: 1, column: 1)
                        continue
                    }
                    regulatoryClocks.append(clock)
                }
                for entry in regulatory.appliesTo {
                    if let message = undeclaredIssue(entry, file) { kr.report(message, at: entry.node) }
                }
                for rule in regulatory.retention {
                    if retentionRules.contains(where: { $0.id == rule.id }) {
                        kr.report("retention rule \"\(rule.id)\" is declared twice", line: 1, column: 1)
                        continue
                    }
                    retentionRules.append(rule)
                }
            }
            issues += kr.issues
        }
        if let (name, node) = file.calendarNode, !workingCalendars.isEmpty,
           !workingCalendars.contains(where: { $0.id == name }) {
            var message = "calendar \"\(name)\" is not declared by any file in calendars/"
            if let guess = Suggestion.closest(to: name, among: workingCalendars.map(\.id)) {
                message += "; did you mean \"\(guess)\"?"
            } else {
                message += "; use one of: \(workingCalendars.map(\.id).joined(separator: ", "))"
            }
            let mark = node.mark
            issues.append(ConfigIssue(file: escalation.name, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
        }
        let letterBook = letters.flatMap { LetterFiles.read($0, folder: lettersFolder, issues: &issues) }
        if !issues.isEmpty { throw ConfigErrors(issues) }
        let matrix = AuthorityMatrix(version: versionLabel(escalation.text), currency: file.currency,
                                     ladder: Ladder(file.roles), actions: file.actions, cells: file.cells)
        let policy = EscalationPolicy(matrix: matrix, referrals: file.referrals, routing: file.routing)
        return Centre(organisation: file.organisation, timezone: file.timezone, retention: file.retention,
                      policy: policy, caseKinds: file.caseKinds, channels: file.channels,
                      rootCauses: file.rootCauses, staff: directory, clocks: regulatoryClocks,
                      calendars: workingCalendars, declaredCaseFlags: file.caseFlags,
                      declaredCustomerFlags: file.customerFlags, defaultCalendar: file.calendarNode?.name,
                      retentionRules: retentionRules.isEmpty ? nil : retentionRules,
                      referralScope: file.referralScope, letters: letterBook)
    }

    /// Why an `applies_to` name matches nothing a case can have, or nil when it names a
    /// declared case kind, a channel or a flag the centre accepts. A clock that names
    /// nothing real never runs, and a legal deadline goes unwatched. A retention rule may
    /// name any well-formed flag while the centre's case flags are free names (CONFIG.md):
    /// keeping a record longer than needed for a flag nobody sets harms no one.
    static func undeclaredIssue(_ entry: AppliesToName, _ file: EscalationFile) -> String? {
        let flags = FlagRules.accepted(.caseFlag, declared: file.caseFlags, referrals: file.referrals)
            + FlagRules.accepted(.customerFlag, declared: file.customerFlags, referrals: file.referrals)
        let name = entry.name
        if file.caseKinds.contains(name) || file.channels.contains(name) || flags.contains(name) { return nil }
        if entry.isRetention && file.caseFlags == nil && FlagRules.isWellFormed(name) { return nil }
        var message = "applies_to of \(entry.owner) names \"\(name)\", which is not a case kind, flag or channel "
            + "of escalation.yaml, so it would never apply"
        if let guess = Suggestion.closest(to: name, among: file.caseKinds + flags + file.channels) {
            message += "; did you mean \"\(guess)\"?"
        } else {
            message += "; declare it in case_kinds (now: \(file.caseKinds.joined(separator: ", ")))"
        }
        return message
    }

    /// A label naming exactly this text of the matrix ("file-" and 16 hex digits of its
    /// FNV-1a hash): decisions taken from a file say which file they were taken under.
    public static func versionLabel(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "file-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func inversionIssues(_ file: EscalationFile, file name: String) -> [ConfigIssue] {
        guard !file.roles.isEmpty, file.authorityClean else { return [] }
        let matrix = AuthorityMatrix(version: "", currency: file.currency, ladder: Ladder(file.roles),
                                     actions: file.actions, cells: file.cells)
        return matrix.inversions().map { inversion in
            // At the higher cell; if it is missing (deny by omission), at that role's block.
            let node = file.cellNodes[inversion.higherRole]?[inversion.action]
                ?? file.roleKeyNodes[inversion.higherRole] ?? file.authorityNode
            let (high, low, action) = (inversion.higherRole, inversion.lowerRole, inversion.action)
            let fix = "give \(high) at least \(low)'s authority, or mark the \(high) cell inverted_ok: true if this is intended"
            let message: String
            switch inversion.kind {
            case .denied:
                message = "inverted matrix: \(high) is denied \(action), which \(low), a lower role, may grant; \(fix)"
            case .perCaseBelow(let higher, let lower):
                let lowerText = lower.map { "\($0.formatted)" } ?? "no per-case limit"
                message = "inverted matrix: the \(high) per-case limit for \(action) (\(higher.formatted)) is below "
                    + "\(low)'s (\(lowerText)); \(fix)"
            case .rollingBelow(let days, let higher, let lower):
                message = "inverted matrix: the \(high) rolling cap for \(action) (\(higher.formatted) in \(days) days) "
                    + "is below \(low)'s (\(lower.formatted) in \(days) days); \(fix)"
            }
            let mark = node?.mark
            return ConfigIssue(file: name, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
        }
    }
}
