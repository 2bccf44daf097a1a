/// What the answers in one column look like, gathered in one streaming pass: how many, which
/// distinct values (up to a cap, so memory stays flat), whether they are numbers and in what range.
struct ColumnProfile {
    static let distinctLimit = 2000

    var answered = 0
    var distinct: [String: Int] = [:]
    /// More distinct values than `distinctLimit`: free text, whatever else it looks like.
    var overflow = false
    var numeric = true
    var integers = true
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var emailLike = 0
    var endsWithSemicolon = 0

    mutating func add(_ raw: String) {
        let cell = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !cell.isEmpty else { return }
        answered += 1
        if !overflow {
            if distinct[cell] != nil || distinct.count < Self.distinctLimit {
                distinct[cell, default: 0] += 1
            } else {
                overflow = true
                distinct = [:]
            }
        }
        if numeric {
            if let value = NumberText.parse(cell) {
                minimum = min(minimum, value)
                maximum = max(maximum, value)
                if value != value.rounded() { integers = false }
            } else {
                numeric = false
            }
        }
        if cell.contains("@"), cell.contains("."), !cell.contains(" ") { emailLike += 1 }
        if cell.hasSuffix(";") { endsWithSemicolon += 1 }
    }
}

/// Flag columns of one would-be multiple choice: are they flags at all, and how often is each set.
struct FlagProfile {
    var chosen: [Int] = []
    var otherChosen = 0
    var notFlags = 0

    init(options: Int) {
        chosen = Array(repeating: 0, count: options)
    }

    static func isOn(_ cell: String) -> Bool? {
        switch cell.trimmingCharacters(in: .whitespaces) {
        case "Y", "y", "1", "Yes", "yes", "TRUE", "true", "X", "x": return true
        case "", "0", "N", "n", "No", "no", "FALSE", "false": return false
        default: return nil
        }
    }
}
