import XLSXWriter

/// Fits column widths to what is written into them, within bounds, so labels are readable and
/// one long answer does not make a column a screen wide. Long lists are measured on their first
/// rows only: widths need a sample, not a second pass over a million rows.
struct ColumnFitter {
    private(set) var widths: [Double]
    let minimum: Double
    let maximum: Double

    init(columns: Int = 0, minimum: Double = 6, maximum: Double = 60) {
        widths = Array(repeating: minimum, count: columns)
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Rows measured in long lists before the widths are taken as settled.
    static let sampleRows = 500

    mutating func measure(_ text: String, column: Int) {
        // The longest line counts; a character is roughly one width unit, plus padding.
        var longest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { longest = max(longest, current); current = 0 } else { current += 1 }
        }
        measure(width: Double(max(longest, current)) + 2, column: column)
    }

    mutating func measure(width: Double, column: Int) {
        while widths.count <= column { widths.append(minimum) }
        widths[column] = min(maximum, max(widths[column], width))
    }

    func apply(to sheet: Worksheet) throws {
        for (column, width) in widths.enumerated() {
            try sheet.setColumnWidth(width, column: column)
        }
    }
}
