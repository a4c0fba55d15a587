import EscalationCore
import Yams

/// `staff.yaml` — teams and the people who work the desk, checked against the ladder.
enum StaffFile {
    static func read(_ root: Node, roles: [Role], _ r: YAMLReader) -> StaffDirectory {
        guard let f = r.fields(root, "staff.yaml", allowed: ["teams", "staff"], required: ["staff"]) else { return .empty }
        var teams: [Team] = []
        var leaderNodes: [(String, Node)] = []
        var seenTeams: [String: Int] = [:]
        for item in f["teams"].flatMap({ r.sequence($0, "teams") }) ?? [] {
            guard let t = r.fields(item, "a team", allowed: ["id", "name", "leader"], required: ["id", "name"]),
                  let idNode = t["id"], let id = r.identifier(idNode, "team id"),
                  let name = t["name"].flatMap({ r.string($0, "team name") }) else { continue }
            if let line = seenTeams[id] {
                r.report("team \"\(id)\" is declared twice (first on line \(line)); team ids must be unique", at: idNode)
                continue
            }
            seenTeams[id] = idNode.mark?.line ?? 0
            let leader = t["leader"].flatMap { r.identifier($0, "team leader") }
            if let leader, let node = t["leader"] { leaderNodes.append((leader, node)) }
            teams.append(Team(id: id, name: name, leader: leader))
        }
        var staff: [StaffMember] = []
        var seenIDs: [String: Int] = [:]
        var seenLogins: [String: Int] = [:]
        let roleIDs = roles.map(\.id)
        for item in f["staff"].flatMap({ r.sequence($0, "staff") }) ?? [] {
            guard let s = r.fields(item, "a staff member", allowed: ["id", "name", "role", "login", "team"],
                                   required: ["id", "name", "role", "login"]),
                  let idNode = s["id"], let id = r.identifier(idNode, "staff id"),
                  let name = s["name"].flatMap({ r.string($0, "staff name") }),
                  let roleNode = s["role"], let role = r.string(roleNode, "role of \(id)"),
                  let loginNode = s["login"], let login = r.string(loginNode, "login of \(id)") else { continue }
            var ok = true
            if !roleIDs.contains(role) {
                var message = "role \"\(role)\" of \(id) is not declared under roles in escalation.yaml"
                if let guess = Suggestion.closest(to: role, among: roleIDs) { message += "; did you mean \"\(guess)\"?" }
                r.report(message, at: roleNode)
                ok = false
            }
            var team: String?
            if let teamNode = s["team"], let teamID = r.string(teamNode, "team of \(id)") {
                if seenTeams[teamID] == nil {
                    r.report("team \"\(teamID)\" of \(id) is not declared under teams", at: teamNode)
                    ok = false
                }
                team = teamID
            }
            if let line = seenIDs[id] {
                r.report("staff id \"\(id)\" is used twice (first on line \(line)); staff ids must be unique", at: idNode)
                ok = false
            }
            if let line = seenLogins[login] {
                r.report("login \"\(login)\" is given to two people (first on line \(line)); a login identifies one person", at: loginNode)
                ok = false
            }
            seenIDs[id] = seenIDs[id] ?? idNode.mark?.line ?? 0
            seenLogins[login] = seenLogins[login] ?? loginNode.mark?.line ?? 0
            if ok { staff.append(StaffMember(id: id, name: name, role: role, login: login, team: team)) }
        }
        for (leader, node) in leaderNodes where seenIDs[leader] == nil {
            r.report("team leader \"\(leader)\" is not on the staff list", at: node)
        }
        return StaffDirectory(teams: teams, staff: staff)
    }
}
