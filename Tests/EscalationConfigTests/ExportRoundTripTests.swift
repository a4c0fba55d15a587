import EscalationCore
import Foundation
import PropertyBased
import Testing
@testable import EscalationConfig

/// `matrix export` writes an `escalation.yaml` that the configuration reader reads back as
/// the same policy and the same centre settings (staff, clocks and calendars live in their
/// own files).
@Suite struct ExportRoundTripTests {
    static let shipped: Centre = {
        let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config").path
        return try! ConfigLoader.load(directory: config, requireStaff: true)
    }()

    static func readBack(_ centre: Centre) throws -> Centre {
        try ConfigLoader.parse(escalation: .init(name: "escalation.yaml", text: EscalationExport.yaml(centre, header: ["a header"])))
    }

    /// The centre's settings and policy, without what lives in other files or in labels.
    static func same(_ a: Centre, _ b: Centre) -> Bool {
        let label = "x"
        func relabelled(_ p: EscalationPolicy) -> EscalationPolicy {
            EscalationPolicy(matrix: p.matrix.relabelled(label), referrals: p.referrals, routing: p.routing)
        }
        return relabelled(a.policy) == relabelled(b.policy) && MatrixGovernance.settingsOutsideThePolicy(file: a, stored: b).isEmpty
    }

    @Test func theShippedConfigurationComesBackTheSame() throws {
        let back = try Self.readBack(Self.shipped)
        #expect(Self.same(back, Self.shipped))
        #expect(back.policy.matrix.fingerprint == Self.shipped.policy.matrix.fingerprint)
    }

    @Test func textThatYAMLWouldMisreadIsQuoted() throws {
        let base = Self.shipped
        let ladder = Ladder(base.policy.ladder.roles.enumerated().map { i, role in
            Role(id: role.id, title: ["yes", "Team: \"leads\" # not a comment", "null", "a\\b\nc\u{202E}d\u{1B}[2J", "£ 50: ok"][i])
        })
        var referrals = base.policy.referrals
        referrals[0] = ReferralRule(id: referrals[0].id, when: .customerFlag(["on", "vulnerable"]), minRole: referrals[0].minRole,
                                    reason: "- starts like a list item, and has: a colon")
        let matrix = AuthorityMatrix(version: "2", currency: .gbp, ladder: ladder, actions: base.policy.matrix.actions,
                                     cells: base.policy.matrix.cellsByRole)
        let centre = Centre(organisation: "O'Brien & Sons: \"Energy\"", timezone: base.timezone, retention: RetentionPeriod(months: 18),
                            policy: EscalationPolicy(matrix: matrix, referrals: referrals, routing: .stepwise),
                            caseKinds: base.caseKinds, channels: base.channels, rootCauses: base.rootCauses, staff: .empty,
                            declaredCaseFlags: ["legal_threat", "media", "social_media", "regulator", "ombudsman", "bereavement"],
                            declaredCustomerFlags: ["vulnerable", "on", "high_profile", "bereaved"], referralScope: .role)
        let back = try Self.readBack(centre)
        #expect(Self.same(back, centre))
        let text = EscalationExport.yaml(centre, header: ["evil \u{1B}]0;title\u{07} header"])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 })
    }

    static let cellGen = Gen<Int>.value(in: 0...4).array(of: 20)
    static let amountGen = Gen<Int64>.value(in: 0...50_000_000).array(of: 20)

    @Test func anyMatrixOfCellsComesBackTheSame() async {
        let base = Self.shipped
        await propertyCheck(count: 60, input: Self.cellGen, Self.amountGen) { kinds, amounts in
            var cells: [String: [String: AuthorityCell]] = [:]
            var i = 0
            for role in base.policy.ladder.roles {
                for action in base.policy.matrix.actions {
                    let money = Money(minor: amounts[i % amounts.count], currency: .gbp)
                    let kind = kinds[i % kinds.count]
                    i += 1
                    let authority: Authority
                    if action.kind == .permission { authority = kind % 2 == 0 ? .deny : .allow } else {
                        switch kind {
                        case 0: authority = .deny
                        case 1: authority = .unlimited
                        case 2: authority = .limit(perCase: money, rolling: nil)
                        case 3: authority = .limit(perCase: nil, rolling: RollingCap(amount: money, days: 1 + Int(money.minor % 365)))
                        default: authority = .limit(perCase: money, rolling: RollingCap(amount: money, days: 30))
                        }
                    }
                    // Every cell accepted as inverted: random matrices are inverted all over.
                    cells[role.id, default: [:]][action.id] = AuthorityCell(authority, invertedOK: true)
                }
            }
            let matrix = AuthorityMatrix(version: "p", currency: .gbp, ladder: base.policy.ladder,
                                         actions: base.policy.matrix.actions, cells: cells)
            let centre = base.withPolicy(EscalationPolicy(matrix: matrix, referrals: base.policy.referrals, routing: .direct))
            let back = try Self.readBack(centre)
            #expect(Self.same(back, centre))
        }
    }
}
