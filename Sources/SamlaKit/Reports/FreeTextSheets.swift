import FreeText
import XLSXWriter

/// One free-text answer, read and classified off the writing thread.
struct FreeTextEntry: Sendable {
    var question: Int
    var answer: String
    /// "sv", "en", or nil when the guess is unsure.
    var language: String?
    /// Codebook themes the answer hits, joined; nil without a codebook or without a hit.
    var themes: String?
}

/// Finds a response's free-text answers and classifies them: language guess and codebook themes
/// (for the questions the codebook codes). Personal questions are never listed: their answers are
/// contact details, not opinions.
struct FreeTextCoder: Sendable {
    /// The text questions listed, with their positions in the survey.
    let questions: [(id: String, position: Int, text: String, coded: Bool)]
    let codebook: Codebook?

    init(survey: Survey, language: String, codebook file: CodebookFile?) {
        let coded = Set(file?.questions(of: survey) ?? [])
        questions = survey.questions.enumerated().filter { $0.element.type == .text && !$0.element.personal }
            .map { (id: $1.id, position: $0, text: $1.text.text(language), coded: coded.contains($1.id)) }
        codebook = file?.codebook
    }

    /// The response's free-text answers; `guesser` remembers words from one response to the next.
    func entries(of response: Response, guesser: inout RepeatedLanguageGuesser) -> [FreeTextEntry] {
        entries(guesser: &guesser) { _, question in response.answers[question.id] }
    }

    /// The same with the answers read from `answers` (by position when laid out).
    func entries(of response: Response, answers: ListedAnswers, guesser: inout RepeatedLanguageGuesser) -> [FreeTextEntry] {
        entries(guesser: &guesser) { _, question in answers.value(of: question.id, at: question.position, in: response) }
    }

    /// The same taking the texts from the response's Responses row when the answers are laid out
    /// (`columns[i]`: where question `i`'s text is in `row`): there a text question's cell holds
    /// exactly its written answer, so each answer is one string for both lists.
    func entries(of response: Response, answers: ListedAnswers, row: [ResponseCell], columns: [Int?],
                 guesser: inout RepeatedLanguageGuesser) -> [FreeTextEntry] {
        guard answers.laidOut else { return entries(of: response, answers: answers, guesser: &guesser) }
        return entries(guesser: &guesser) { index, question in
            guard let column = columns[index] else { return answers.value(of: question.id, at: question.position, in: response) }
            if case .text(let text) = row[column] { return .text(text) }
            return nil
        }
    }

    private func entries(guesser: inout RepeatedLanguageGuesser,
                         answer: (Int, (id: String, position: Int, text: String, coded: Bool)) -> AnswerValue?) -> [FreeTextEntry] {
        var entries: [FreeTextEntry] = []
        for (index, question) in questions.enumerated() {
            guard case .text(let answer)? = answer(index, question), !answer.isEmpty else { continue }
            let guess = guesser.guess(answer)
            var themes: String?
            if let codebook, question.coded {
                let hits = codebook.hits(in: answer, language: guess.language)
                if !hits.isEmpty { themes = hits.map { codebook.themes[$0.theme].name }.joined(separator: "; ") }
            }
            entries.append(FreeTextEntry(question: index, answer: answer, language: guess.language?.rawValue, themes: themes))
        }
        return entries
    }
}

/// Every free-text answer with the language it seems to be written in and the codebook themes it
/// hits, streamed as responses pass by (a long survey's comments need no memory of their own).
final class FreeTextSheet {
    private let questionTexts: [String]
    private let series: SheetSeries
    private let unknownLanguage: String

    init(workbook: Workbook, styles: WorkbookStyles, coder: FreeTextCoder, summary: Summary, options: ExportOptions) throws {
        let text = UIText(language: summary.language).export
        questionTexts = coder.questions.map(\.text)
        let planned = coder.questions.reduce(0) { $0 + (summary.question($1.id)?.answered ?? 0) }
        unknownLanguage = text.unknownLanguage
        var headings = [text.responseNumber, text.question, text.answer, text.languageHeading]
        if coder.codebook != nil { headings.append(text.themesHeading) }
        series = try SheetSeries(workbook: workbook, styles: styles, name: text.sheetFreeText, headings: headings,
                                 plannedRows: planned, capacity: options.rowsPerSheet, asTable: false,
                                 minimumWidths: [9, 24, 60, 9, 20])
        series.measure(width: 50, column: 2)
    }

    var names: [String] { series.names }

    /// Lists a response's answers under `number`, its row on the Responses sheet.
    func add(_ entries: [FreeTextEntry], number: Int) throws {
        for entry in entries {
            try series.nextRow()
            try series.writeNumber(Double(number), column: 0)
            try series.writeString(questionTexts[entry.question], column: 1)
            try series.writeString(entry.answer, column: 2)
            try series.writeString(entry.language ?? unknownLanguage, column: 3)
            if let themes = entry.themes {
                try series.writeString(themes, column: 4)
                if series.isSampling { series.measure(themes, column: 4) }
            }
            if series.isSampling { series.measure(questionTexts[entry.question], column: 1) }
        }
    }

    func finish() throws {
        try series.finish()
    }
}

/// Themes from the codebook per free-text question: how many answers hit each, their share, and
/// quotes (from the summary, so they match every other view). Without a codebook, says how to get one.
struct ThemesSheet {
    static let quoteWidth = 80.0

    static func write(in workbook: Workbook, styles: WorkbookStyles, summary: Summary, options: ExportOptions,
                      anonymizer: Anonymizer) throws -> Worksheet {
        let text = UIText(language: summary.language).export
        let sheet = try workbook.addSummarySheet(name: text.sheetThemes)
        var fitter = ColumnFitter(columns: 4, minimum: 8, maximum: 70)
        fitter.measure(width: 28, column: 0)
        var row = 0
        try sheet.writeString(text.themesHeading, row: row, column: 0, format: styles.title)
        row += 2
        let questions = summary.questions.filter { $0.type == .text && !$0.personal && anonymizer.keeps($0) }
        var wroteAny = false
        for question in questions {
            guard let themes = question.textFigures?.themes else { continue }
            wroteAny = true
            try sheet.writeString(question.text, row: row, column: 0, format: styles.heading)
            row += 1
            try sheet.writeRow([text.theme, text.count, text.percent, text.quotes], row: row, format: styles.header)
            row += 1
            for theme in themes {
                try sheet.writeString(theme.name, row: row, column: 0, format: styles.top)
                if theme.suppressed {
                    try sheet.writeString(summary.suppression?.text ?? "", row: row, column: 1, format: styles.suppressed)
                } else {
                    try sheet.writeNumber(Double(theme.count), row: row, column: 1, format: styles.topCount)
                    try sheet.writeNumber(theme.share, row: row, column: 2, format: styles.topPercent)
                }
                let quotes = theme.quotes.map { "“\($0)”" }
                try sheet.writeString(quotes.joined(separator: "\n"), row: row, column: 3, format: styles.wrapped)
                // Readers do not size rows to wrapped text on opening, so the row is made tall enough here.
                let lines = quotes.reduce(0) { $0 + max(1, Int((Double($1.count) / (Self.quoteWidth - 4)).rounded(.up))) }
                if lines > 1 { try sheet.setRowHeight(min(409, 15 * Double(lines)), row: row) }
                fitter.measure(theme.name, column: 0)
                row += 1
            }
            if let uncoded = question.textFigures?.uncoded {
                try sheet.writeString(text.uncoded, row: row, column: 0, format: styles.note)
                try sheet.writeNumber(Double(uncoded), row: row, column: 1, format: styles.count)
                if question.answered > 0 {
                    try sheet.writeNumber(Double(uncoded) / Double(question.answered), row: row, column: 2, format: styles.percent)
                }
                row += 1
            }
            row += 1
        }
        if !wroteAny {
            try sheet.writeString(text.noCodebook, row: row, column: 0, format: styles.note)
        }
        try fitter.apply(to: sheet)
        try sheet.setColumnWidth(Self.quoteWidth, column: 3)
        return sheet
    }
}

/// The most used words and word pairs per free-text question, from the summary.
struct TermsSheet {
    static func write(in workbook: Workbook, styles: WorkbookStyles, summary: Summary, options: ExportOptions,
                      anonymizer: Anonymizer) throws -> Worksheet {
        let text = UIText(language: summary.language).export
        let sheet = try workbook.addSummarySheet(name: text.sheetTerms)
        var fitter = ColumnFitter(columns: 5, minimum: 8, maximum: 40)
        var row = 0
        try sheet.writeString(text.termsHeading, row: row, column: 0, format: styles.title)
        row += 2
        for question in summary.questions where question.type == .text && !question.personal && anonymizer.keeps(question) {
            guard let figures = question.textFigures else { continue }
            try sheet.writeString(question.text, row: row, column: 0, format: styles.heading)
            row += 1
            try sheet.writeRow([text.term, text.answersUsing, "", text.bigram, text.answersUsing], row: row, format: styles.header)
            row += 1
            for index in 0..<max(figures.terms.count, figures.bigrams.count) {
                if index < figures.terms.count {
                    try sheet.writeString(figures.terms[index].term, row: row, column: 0)
                    try sheet.writeNumber(Double(figures.terms[index].count), row: row, column: 1, format: styles.count)
                    fitter.measure(figures.terms[index].term, column: 0)
                }
                if index < figures.bigrams.count {
                    try sheet.writeString(figures.bigrams[index].term, row: row, column: 3)
                    try sheet.writeNumber(Double(figures.bigrams[index].count), row: row, column: 4, format: styles.count)
                    fitter.measure(figures.bigrams[index].term, column: 3)
                }
                row += 1
            }
            row += 1
        }
        fitter.measure(width: Double(text.answersUsing.count) + 3, column: 1)
        fitter.measure(width: Double(text.answersUsing.count) + 3, column: 4)
        fitter.measure(width: 3, column: 2)
        try fitter.apply(to: sheet)
        try sheet.setColumnWidth(3, column: 2)
        return sheet
    }
}
