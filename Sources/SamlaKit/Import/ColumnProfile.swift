/// What the answers in one column look like, gathered in one streaming pass: how many, which
/// distinct values (up to a cap, so memory stays flat), whether they are numbers and in what
/// range, and how many are dates (with the evidence for their day-month order), times of day and
/// codes. The column's type is decided from all of these together, never from one cell.
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
    /// Cells that are numbers, and of those written with a decimal comma (`3,5`).
    var numbers = 0
    var decimalCommas = 0
    var dates = DateOrderEvidence()
    var times = 0
    var codes = 0

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
        switch CellShape.of(cell) {
        case .number(let value):
            numbers += 1
            minimum = min(minimum, value)
            maximum = max(maximum, value)
            if value != value.rounded() { integers = false }
            if cell.contains(","), !cell.contains(".") { decimalCommas += 1 }
        case .date(let fields):
            numeric = false
            dates.add(fields)
        case .time:
            numeric = false
            times += 1
        case .code:
            numeric = false
            codes += 1
        case .text:
            numeric = false
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
