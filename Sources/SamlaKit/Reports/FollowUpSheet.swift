import Foundation
import XLSXWriter

/// The organiser's list of whom to call: everyone who answered a personal question (left a name,
/// an e-mail), with those answers and what they chose about involvement: the choice questions whose
/// id or text is about involvement or contact, or every choice question when none is. Kept to
/// what a call needs, since in a large survey most people may leave an address. Never written
/// when anonymising.
final class FollowUpSheet {
    private let personal: [Question]
    private let choices: [Question]
    private let language: String
    private let otherLabel: String
    private let series: SheetSeries

    init(workbook: Workbook, styles: WorkbookStyles, survey: Survey, summary: Summary, options: ExportOptions) throws {
        let text = UIText(language: summary.language).export
        language = summary.language
        otherLabel = UIText(language: language).other
        personal = survey.questions.filter(\.personal)
        choices = Self.involvementQuestions(survey.questions.filter { $0.type.hasChoices && !$0.personal })
        let headings = [text.responseNumber, text.session]
            + personal.map { $0.text.text(summary.language) } + choices.map { $0.text.text(summary.language) }
        // At least as many as answered the most answered personal question.
        let planned = personal.compactMap { summary.question($0.id)?.answered }.max() ?? 0
        series = try SheetSeries(workbook: workbook, styles: styles, name: text.sheetFollowUp, headings: headings,
                                 plannedRows: planned, capacity: options.rowsPerSheet, asTable: false,
                                 minimumWidths: [9, 10])
    }

    var names: [String] { series.names }
    var rows: Int { series.totalRows }
    var isApplicable: Bool { !personal.isEmpty }

    /// Words in a question's id or text that mark it as the one about further contact.
    static let involvementWords = ["involve", "involv", "contact", "kontakt", "engag", "delta", "medverk", "follow", "uppfölj"]

    /// The involvement/contact questions, or all of them when none is.
    static func involvementQuestions(_ questions: [Question]) -> [Question] {
        let involvement = questions.filter { question in
            let haystack = ([question.id] + question.text.allTexts).joined(separator: " ").lowercased()
            return involvementWords.contains { haystack.contains($0) }
        }
        return involvement.isEmpty ? questions : involvement
    }

    /// Lists the response under `number`, its row on the Responses sheet, if it left contact details.
    func add(_ response: Response, number: Int) throws {
        guard personal.contains(where: { response.answers[$0.id]?.isAnswered ?? false }) else { return }
        let (sheet, row) = try series.nextRow()
        let sampling = series.isSampling
        // Sessions and chosen labels repeat down the list and are stored once; contact details and
        // "other" texts are one of a kind.
        func put(_ text: String, _ column: Int, repeats: Bool) throws {
            if repeats {
                try sheet.writeSharedString(text, row: row, column: column)
            } else {
                try sheet.writeString(text, row: row, column: column)
            }
            if sampling { series.measure(text, column: column) }
        }
        try sheet.writeNumber(Double(number), row: row, column: 0)
        if let session = response.session { try put(session, 1, repeats: true) }
        var column = 2
        for question in personal + choices {
            if let answer = response.answers[question.id], answer.isAnswered {
                if case .number(let value) = answer {
                    try sheet.writeNumber(value, row: row, column: column)
                } else {
                    try put(AnswerText.display(answer, of: question, language: language, other: otherLabel), column,
                            repeats: !question.personal && AnswerText.isChoicesOnly(answer))
                }
            }
            column += 1
        }
    }

    func finish() throws {
        try series.finish()
    }
}

/// An answer as one line of text in the export's language: choice labels, "Other: …", numbers.
enum AnswerText {
    /// Whether the answer is only chosen choices, with no text of the respondent's own.
    static func isChoicesOnly(_ answer: AnswerValue) -> Bool {
        switch answer {
        case .choice: return true
        case .choices(_, let other): return other == nil
        case .other, .number, .text: return false
        }
    }

    static func display(_ answer: AnswerValue, of question: Question?, language: String, other: String) -> String {
        func label(_ id: String) -> String { question?.choice(id)?.label.text(language) ?? id }
        switch answer {
        case .choice(let id): return label(id)
        case .other(let text): return "\(other): \(text)"
        case .choices(let ids, let otherText):
            var parts = ids.map(label)
            if let otherText { parts.append("\(other): \(otherText)") }
            return parts.joined(separator: "; ")
        case .number(let value): return UIText.plain(value)
        case .text(let text): return text
        }
    }
}
