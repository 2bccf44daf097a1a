/// Samla's words for `samla summary`'s terminal view.
extension UIText {
    public func responses(_ count: Int) -> String {
        pick("\(number(count)) svar", "\(number(count)) response\(count == 1 ? "" : "s")")
    }
    public var noResponses: String { pick("Inga svar att sammanfatta.", "No responses to summarise.") }
    public var selection: String { pick("Urval", "Selection") }
    public func sessions(_ names: [String]) -> String {
        pick("tillfälle: ", "session: ") + names.joined(separator: pick(" eller ", " or "))
    }
    public var whereWord: String { pick("där", "where") }
    public var andWord: String { pick("och", "and") }
    public func typeName(_ type: QuestionType) -> String {
        switch type {
        case .singleChoice: return pick("ett val", "single choice")
        case .multipleChoice: return pick("flera val", "multiple choice")
        case .scale: return pick("skala", "scale")
        case .number: return pick("tal", "number")
        case .text: return pick("fritext", "free text")
        }
    }
    public func shownAndAnswered(shown: Int, answered: Int) -> String {
        pick("visad för \(number(shown)) · besvarad av \(number(answered))",
             "shown to \(number(shown)) · answered by \(number(answered))")
    }
    public func notShown(_ count: Int) -> String {
        pick("dold för \(number(count)) (show_if)", "not shown to \(number(count)) (show_if)")
    }
    public var ofRespondents: String {
        pick("andel av dem som svarade; kan summera till mer än 100 %", "share of respondents; may sum past 100%")
    }
    public func meanChoices(_ text: String) -> String {
        pick("i snitt \(text) val per svarande", "\(text) choices per respondent on average")
    }
    public var confidenceInterval: String { pick("95 % KI", "95% CI") }
    public var mean: String { pick("medel", "mean") }
    public var median: String { pick("median", "median") }
    public var standardDeviation: String { pick("sd", "sd") }
    public var minimum: String { pick("min", "min") }
    public var maximum: String { pick("max", "max") }
    public var quartiles: String { pick("kvartiler", "quartiles") }
    public var topTwoBox: String { pick("två högsta", "top two") }
    public var languagesWord: String { pick("språk", "languages") }
    public var unsureLanguage: String { pick("osäkert", "unsure") }
    public var topTerms: String { pick("Vanligaste ord", "Top terms") }
    public var bigrams: String { pick("Vanligaste ordpar", "Top word pairs") }
    public var themes: String { pick("Teman", "Themes") }
    public func uncoded(_ count: Int) -> String {
        pick("\(number(count)) svar utan tema", "\(number(count)) answer\(count == 1 ? "" : "s") matched no theme")
    }
    public var personalNotAnalysed: String {
        pick("personuppgifter: räknas men analyseras och citeras aldrig", "personal data: counted, never analysed or quoted")
    }
    public var removedChoices: String { pick("Val som inte längre finns i enkäten", "Choices no longer in the survey") }
    public var removedQuestions: String {
        pick("Svar på frågor som inte längre finns i enkäten", "Answers to questions no longer in the survey")
    }
    public func answers(_ count: Int) -> String {
        pick("\(number(count)) svar", "\(number(count)) answer\(count == 1 ? "" : "s")")
    }
    public func crosstab(by text: String) -> String { pick("Korstabell efter \(text)", "Cross-tab by \(text)") }
    public var columnPercents: String {
        pick("kolumnprocent: andel av dem i gruppen som svarade", "column percents: share of those in the group who answered")
    }
    public var responsesRow: String { pick("svar", "responses") }
    public func chiSquare(statistic: String, df: Int, p: String) -> String {
        pick("χ² = \(statistic), fg = \(df), p = \(p)", "χ² = \(statistic), df = \(df), p = \(p)")
    }
    public var smallCellsNote: String {
        pick("* förväntat antal under 5: för få för chi²-testet", "* expected count under 5: too few for the chi-square test")
    }
    public var noTest: String { pick("inget test (för få grupper eller val med svar)", "no test (too few groups or choices with answers)") }

    /// A whole number with the language's thousands separator: "12 345" or "12,345".
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += pick("\u{00A0}", ",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A decimal with at most `decimals` places, trailing zeros dropped, in the language's notation.
    public func decimal(_ value: Double, decimals: Int = 2) -> String {
        fixed(value, decimals: decimals, trimZeros: true)
    }

    /// A share (0–1) as a percent with one decimal: "41,2 %" or "41.2%".
    public func percent(_ share: Double) -> String {
        fixed(share * 100, decimals: 1, trimZeros: false) + pick("\u{00A0}%", "%")
    }

    private func fixed(_ value: Double, decimals: Int, trimZeros: Bool) -> String {
        guard value.isFinite else { return "–" }
        guard abs(value) < 1e12 else { return Self.plain(value) }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        var fraction = String(scaled % scale)
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        let whole = sign + number(scaled / scale)
        return decimals == 0 || fraction.isEmpty ? whole : whole + pick(",", ".") + fraction
    }
}
