import CSVReader
import Foundation

/// Responses as CSV: wide (the Responses sheet's columns, one row per response) or tidy long
/// (one row per answer, and per chosen choice: response, session, question, value, label).
/// With `excelCSV`, fields are separated by `;` and the file starts with a byte order mark, which
/// is what Excel in a Swedish (or any comma-decimal) locale expects when a file is double-clicked.
///
/// Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
/// written with a leading `'`, which Excel shows as text. Numbers Samla writes are never touched.
public enum CSVExport {
    /// Writes the CSV file; returns the number of data rows.
    @discardableResult
    public static func write(to path: String, survey: Survey, summary: Summary, store: ResponseStore,
                             options: ExportOptions, anonymizer: Anonymizer) throws -> Int {
        let format = CSVWriter(delimiter: UInt8(ascii: options.excelCSV ? ";" : ","), lineEnding: .crlf,
                               includeBOM: options.excelCSV)
        let selection = ExportSelection(surveyID: survey.id, filters: summary.filters)
        let anonymizer = anonymizer.hidingCells(of: summary)
        return try AtomicFile.write(to: path) { temporary in
            let writer = try CSVFileWriter(url: URL(fileURLWithPath: temporary), format: format)
            var rows = 0, responses = 0
            options.progress?.begin(.writing(file: path), total: summary.responses)
            switch options.csvLayout {
            case .wide:
                let columns = ResponseColumns(survey: survey, language: summary.language, anonymizer: anonymizer)
                try writer.write(columns.headings.map(neutralized))
                var cells: [ResponseCell] = []
                var cache = JoinedLabelCache()
                try selection.forEachListed(in: store, survey: survey, anonymizer: anonymizer) { response, answers in
                    rows += 1
                    columns.fill(&cells, with: response, answers: answers, number: rows, respondent: anonymizer.name(of: response),
                                 cache: &cache)
                    try writer.write(cells.map { field($0, timeZone: columns.timeZone) })
                    responses += 1
                    options.progress?.wrote(responses)
                }
            case .long:
                let questions = survey.questions.enumerated().filter { anonymizer.keeps($0.element) }
                let otherLabel = UIText(language: summary.language).other
                try writer.write(["response", "session", "question", "value", "label"])
                try selection.forEachListed(in: store, survey: survey, anonymizer: anonymizer) { response, answers in
                    let name = anonymizer.name(of: response)
                    let session = neutralized(response.session ?? "")
                    for (position, question) in questions {
                        guard let answer = answers.value(of: question.id, at: position, in: response), answer.isAnswered else { continue }
                        for (value, label) in longValues(answer, question: question, language: summary.language, other: otherLabel) {
                            try writer.write([name, session, question.id, neutralized(value), neutralized(label)])
                            rows += 1
                        }
                    }
                    responses += 1
                    options.progress?.wrote(responses)
                }
            }
            try writer.close()
            return rows
        }
    }

    /// The (value, label) rows of one answer: ids with their labels for choices, one row per
    /// chosen choice, the text itself for "other" and free text, the number for scales and numbers.
    static func longValues(_ answer: AnswerValue, question: Question, language: String, other: String) -> [(String, String)] {
        func label(_ id: String) -> String { question.choice(id)?.label.text(language) ?? "" }
        switch answer {
        case .choice(let id): return [(id, label(id))]
        case .other(let text): return [(text, other)]
        case .choices(let ids, let otherText):
            return ids.map { ($0, label($0)) } + (otherText.map { [($0, other)] } ?? [])
        case .number(let value): return [(UIText.plain(value), "")]
        case .text(let text): return [(text, "")]
        }
    }

    /// Dates in the survey's time zone with their offset (`2025-03-12T13:12:00+01:00`), as the
    /// column heading names it.
    static func field(_ cell: ResponseCell, timeZone: TimeZone) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text), .label(let text): return neutralized(text)
        case .number(let value): return UIText.plain(value)
        case .date(let date): return SurveyTimeZone.localISO(date, in: timeZone)
        }
    }

    /// `'` before text a spreadsheet would read as a formula (OWASP's CSV injection advice).
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    static func isoDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
