/// The sniffer's guess about the header row. It is a guess: callers that know better pass
/// `HeaderPolicy.row(_:)` or `.none`.
public struct HeaderGuess: Sendable, Equatable {
    /// 0-based index among non-blank records; nil when the first rows look like data.
    public var rowIndex: Int?
    /// Physical line of the header row.
    public var line: Int?
    /// False when nothing in the sample spoke for or against a header (all text, say).
    public var confident: Bool
    public var reason: String

    /// Rows before the header (title lines and the like).
    public var preambleCount: Int { rowIndex ?? 0 }
}

/// Finds the first non-blank row that looks like labels rather than data: skip sparse title rows
/// at the top, then compare the candidate row with the rows under it column by column. A column
/// whose values are numbers or dates but whose top cell is a word votes for a header; a number on
/// top of numbers votes against.
enum HeaderGuesser {
    static func guess(_ records: [(fields: [String], line: Int)], width: Int) -> HeaderGuess {
        guard !records.isEmpty else {
            return HeaderGuess(rowIndex: nil, line: nil, confident: true, reason: "the input has no records")
        }
        let needed = width <= 1 ? 1 : max(2, (width + 1) / 2)
        let searchLimit = min(records.count, 30)
        let index = (0..<searchLimit).first { i in
            // One field short is allowed: R and others leave the row-name column's label out.
            records[i].fields.count >= width - 1 && nonEmptyCount(records[i].fields) >= needed
        } ?? 0
        let top = records[index].fields
        let body = records[(index + 1)...].prefix(50).map(\.fields)
        let preamble = index == 0 ? "" : " after \(index) title row\(index == 1 ? "" : "s")"

        var votes = 0
        var yearLike: [Int] = []
        for j in 0..<top.count {
            let label = top[j].trimmingSpaces
            let values = body.compactMap { j < $0.count ? $0[j].trimmingSpaces : nil }.filter { !$0.isEmpty }
            guard !values.isEmpty else { continue }
            let numeric = values.filter(looksNumeric).count
            if numeric * 5 >= values.count * 4 {
                if label.isEmpty { continue }
                if looksNumeric(label) {
                    if let n = Int(label) { yearLike.append(n) } else { votes -= 1 }
                } else {
                    votes += 1
                }
            } else if !label.isEmpty, values.contains(label) {
                votes -= 1
            }
        }
        // Integers rising across the top row (1985, 1993, 2000 ...) are column labels; on their
        // own they would each look like data.
        if yearLike.count >= 3, zip(yearLike, yearLike.dropFirst()).allSatisfy({ $0 < $1 }) {
            votes += 1
        } else {
            votes -= yearLike.count
        }
        let labels = top.map(\.trimmingSpaces).filter { !$0.isEmpty }
        if Set(labels).count < labels.count { votes -= 1 }

        let line = records[index].line
        if votes > 0 {
            return HeaderGuess(rowIndex: index, line: line, confident: true,
                               reason: "row \(index + 1) (line \(line)) holds labels over columns of numbers or dates\(preamble)")
        }
        if votes < 0 {
            return HeaderGuess(rowIndex: nil, line: nil, confident: true,
                               reason: "the first rows look like data (numbers where labels would be)")
        }
        if body.isEmpty && top.allSatisfy({ looksNumeric($0.trimmingSpaces) }) {
            return HeaderGuess(rowIndex: nil, line: nil, confident: false, reason: "the only row holds numbers")
        }
        if labels.count * 2 >= top.count {
            return HeaderGuess(rowIndex: index, line: line, confident: false,
                               reason: "row \(index + 1) (line \(line)) is taken as the header\(preamble): its cells are distinct and mostly filled, though nothing in the columns proves it")
        }
        return HeaderGuess(rowIndex: nil, line: nil, confident: false, reason: "no row looks like labels")
    }

    static func nonEmptyCount(_ fields: [String]) -> Int {
        fields.reduce(0) { $0 + ($1.trimmingSpaces.isEmpty ? 0 : 1) }
    }

    /// Numbers in any common notation (1,7 / 200.000.000 / -3.5e2 / 12% / $74.69), dates and times.
    static func looksNumeric(_ s: String) -> Bool {
        var digits = 0
        var others = 0
        for u in s.unicodeScalars {
            switch u {
            case "0"..."9": digits += 1
            case ".", ",", "-", "+", "/", ":", "%", " ", "$", "€", "£", "e", "E", "T", "Z", "'":
                others += 1
            default:
                return false
            }
        }
        return digits > 0 && digits >= others
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{A0}" { s = s.dropLast() }
        return String(s)
    }
}
