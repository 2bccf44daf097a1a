/// What one cell's text is, read on its own: the evidence a column's type is decided from.
enum CellShape: Equatable {
    case number(Double)
    case date(ToolTimestamp.Fields)
    /// A time of day alone: `14:30`, `9:05:00`.
    case time
    /// Digits written as a code, which a number would spoil: a leading zero (`01234`), an IP
    /// address, a phone number, a long id.
    case code
    case text

    static func of(_ cell: String) -> CellShape {
        if let value = NumberText.parse(cell) { return .number(value) }
        if let fields = ToolTimestamp.dateFields(cell) { return .date(fields) }
        if isTimeOfDay(cell) { return .time }
        if isCode(cell) { return .code }
        return .text
    }

    static func == (lhs: CellShape, rhs: CellShape) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a == b
        case (.date, .date), (.time, .time), (.code, .code), (.text, .text): return true
        default: return false
        }
    }

    /// `H:MM` or `HH:MM:SS`, within a day.
    static func isTimeOfDay(_ cell: String) -> Bool {
        let parts = cell.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), hour < 24, parts.dropFirst().allSatisfy({ $0.count == 2 && (Int($0) ?? 60) < 60 }) else { return false }
        return true
    }

    /// Digits with the marks codes are written with (`.`, `-`, `/`, spaces, `+`, brackets), at
    /// least two digits, and no letters.
    static func isCode(_ cell: String) -> Bool {
        var digits = 0
        for scalar in cell.unicodeScalars {
            switch scalar {
            case "0"..."9": digits += 1
            case ".", "-", "/", " ", "+", "(", ")", "\u{A0}": continue
            default: return false
            }
        }
        return digits >= 2
    }
}
