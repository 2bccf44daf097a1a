/// Which way round a column writes day and month, decided from all its values: a first part over
/// 12 can only be a day, a second part over 12 only a day too. A column where only the first
/// kind occurs is day-first, only the second month-first; where every value could be read either
/// way, the survey's language breaks the tie (US English month first, the others day first);
/// dotted dates (`12.03.1990`) are day-first wherever they are written.
struct DateOrderEvidence: Sendable {
    var dates = 0
    var yearFirst = 0
    var dotted = 0
    var firstOver12 = 0
    var secondOver12 = 0
    var withTime = 0
    var withZone = 0

    mutating func add(_ fields: ToolTimestamp.Fields) {
        dates += 1
        if !fields.dateOnly { withTime += 1 }
        if case .offset = fields.zone { withZone += 1 }
        if fields.yearFirst { yearFirst += 1; return }
        if fields.dotted { dotted += 1 }
        if fields.numbers[0] > 12 { firstOver12 += 1 }
        if fields.numbers[1] > 12 { secondOver12 += 1 }
    }

    /// Adds `text` if it is a date; whether it was.
    @discardableResult
    mutating func add(_ text: String) -> Bool {
        guard let fields = ToolTimestamp.dateFields(text) else { return false }
        add(fields)
        return true
    }

    /// Whether the column's values were settled by themselves, or left to the tie-breaker.
    var settled: Bool { firstOver12 > 0 || secondOver12 > 0 || dates == yearFirst }

    /// The column's order; `.unknown` when its values contradict each other (both kinds occur).
    func order(language: String) -> ToolTimestamp.DayOrder {
        if firstOver12 > 0 && secondOver12 > 0 { return .unknown }
        if firstOver12 > 0 || dotted > 0 && secondOver12 == 0 { return .dayFirst }
        if secondOver12 > 0 { return .monthFirst }
        return DateConventions.dayFirst(language: language) ? .dayFirst : .monthFirst
    }
}

/// How a language's users write dates and numbers, for breaking ties a file's values leave open.
enum DateConventions {
    /// US English writes the month first (3/12/1990 is March 12th); Swedish, German, Spanish,
    /// French, Norwegian, Danish, Finnish and most others write the day first.
    static func dayFirst(language: String) -> Bool {
        language.lowercased() != "en" && !language.lowercased().hasPrefix("en-us")
    }

    /// Whether a lone comma is the decimal mark (`3,5`): in most of Europe; in English it groups digits.
    static func decimalComma(language: String) -> Bool {
        !language.lowercased().hasPrefix("en")
    }
}
