import Foundation

/// A small deterministic random generator (SplitMix64): the same seed gives the same demo
/// on every machine, which `SystemRandomNumberGenerator` cannot. Public so the benchmarks
/// draw their cases the same way, run after run.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// The words the demo centre's customers and staff write: UK names, reserved phone numbers
/// (Ofcom's 07700 900xxx drama range), example.co.uk addresses, and the complaints an
/// energy or telecoms contact centre hears every day.
enum DemoText {
    static let firstNames = [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Sophie", "Ella", "Priya", "Aisha",
        "Zara", "Megan", "Chloe", "Hannah", "Eleanor", "Ruth", "Margaret", "Joan", "Oliver", "George", "Harry",
        "Jack", "Noah", "Leo", "Arthur", "Oscar", "Mohammed", "Ravi", "Daniel", "Thomas", "James", "William",
        "Callum", "Euan", "Rhys", "Dylan", "Kwame", "Tomasz", "Declan", "Bernard", "Colin", "Derek", "Graham",
    ]
    static let lastNames = [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
        "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Khan",
        "Ahmed", "Singh", "Begum", "Okafor", "Mensah", "Nowak", "Kowalski", "MacDonald", "Campbell", "Murphy",
        "O'Brien", "Fraser", "Lloyd", "Pritchard",
    ]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static let issues: [(String, String)] = [
        ("Billed twice for the {month} direct debit", "billing_error"),
        ("Engineer missed the {weekday} appointment without calling", "third_party"),
        ("Smart meter readings wrong since {month}", "metering"),
        ("Estimated bill far above usual usage", "metering"),
        ("Refund promised on {weekday} has not arrived", "process_failure"),
        ("Previous call handler was rude and hung up", "staff_conduct"),
        ("Final bill after moving home is incorrect", "billing_error"),
        ("Tariff switch agreed in {month} never applied", "system_fault"),
        ("Prepayment top-up not credited to the meter", "system_fault"),
        ("Direct debit raised without notice", "communication"),
        ("Letters still going to the old address", "process_failure"),
        ("Debt collection letter sent while a dispute was open", "policy"),
        ("Warm Home Discount not applied this winter", "process_failure"),
        ("Exit fee charged although the contract had ended", "billing_error"),
        ("Broadband down for {days} days, no compensation offered", "third_party"),
        ("Meter exchange left the heating off overnight", "third_party"),
        ("Online account shows someone else's bills", "system_fault"),
        ("Complaint from {month} never answered", "communication"),
    ]
    static let moods = [
        "customer is upset", "customer calm but firm", "customer has called before about this",
        "customer is caring for an elderly parent", "customer mentions contacting the ombudsman",
        "customer asked for a manager", "second household member on the line",
    ]
    static let notes = [
        "Over my limit, customer holding", "Needs a decision above my authority", "Customer insists on full refund",
        "Vulnerability disclosed during the call", "Legal action mentioned, please review",
        "Repeat contact, previous promise not kept", "Please call back before 5pm",
    ]
    static let guidance = [
        "Offer a payment plan and waive the late fee", "Apologise and credit the fee only",
        "Check the meter photo first, then refund the difference", "Explain the tariff terms and close",
    ]
    static let rationales = [
        "Account history confirms the error; refund matches the overcharge",
        "Engineer visit log shows no attendance; goodwill for the wasted day",
        "Readings verified against the meter photo; bill re-issued",
        "Charge was correct under the contract terms; explained to the customer",
        "Service failure confirmed; compensation in line with the guarantee scheme",
        "Partial fault on our side; credit for the period affected",
    ]
    static let reopenNotes = ["Customer rang back: refund not received", "New evidence sent by email"]

    static func summary(_ rng: inout SeededGenerator) -> (text: String, rootCause: String) {
        let (template, cause) = rng.pick(issues)
        let text = template
            .replacingOccurrences(of: "{month}", with: rng.pick(months))
            .replacingOccurrences(of: "{weekday}", with: rng.pick(weekdays))
            .replacingOccurrences(of: "{days}", with: String(Int.random(in: 2...12, using: &rng)))
        return (text + "; " + rng.pick(moods), cause)
    }

    static func person(_ rng: inout SeededGenerator, serial: Int) -> (name: String, contact: String) {
        let first = rng.pick(firstNames), last = rng.pick(lastNames)
        let contact: String
        if rng.chance(0.6) {
            let local = (first + "." + last).lowercased().filter { $0.isLetter || $0 == "." }
            contact = "\(local)\(serial % 1000)@example.co.uk"
        } else {
            contact = "07700 900" + String(format: "%03d", Int.random(in: 0...999, using: &rng))
        }
        return (first + " " + last, contact)
    }
}
