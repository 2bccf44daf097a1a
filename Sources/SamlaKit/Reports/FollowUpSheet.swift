import Foundation
import XLSXWriter

/// The organiser's list of whom to call: everyone who answered a personal question (left a name,
/// an e-mail), with those answers and what they chose. The choice question about involvement or
/// contact, when the survey has one, comes first after the contact details; the other choice
/// questions follow. Never written when anonymising.
final class FollowUpSheet {
    private let personal: [Question]
    private let choices: [Question]
    private let language: String
    private let otherLabel: String
    private let series: SheetSeries
    private let styles: WorkbookStyles

    init(workbook: Workbook, styles: WorkbookStyles, survey: Survey, summary: Summary, options: ExportOptions) throws {
        let text = options.text
        language = summary.language
        otherLabel = UIText(language: language).other
        self.styles = styles
        personal = survey.questions.filter(\.personal)
        choices = Self.orderedChoiceQuestions(survey.questions.filter { $0.type.hasChoices && !$0.personal })
        let headings = [text.respondent, text.session, text.submitted]
            + personal.map { $0.text.text(summary.language) } + choices.map { $0.text.text(summary.language) }
        // At least as many as answered the most answered personal question.
        let planned = personal.compactMap { summary.question($0.id)?.answered }.max() ?? 0
        series = try SheetSeries(workbook: workbook, styles: styles, name: text.sheetFollowUp, headings: headings,
                                 plannedRows: planned, capacity: options.rowsPerSheet, asTable: false,
                                 minimumWidths: [12, 10, 17])
    }

    var names: [String] { series.names }
    var rows: Int { series.totalRows }
    var isApplicable: Bool { !personal.isEmpty }

    /// Words in a question's id or text that mark it as the one about further contact.
    static let involvementWords = ["involve", "involv", "contact", "kontakt", "engag", "delta", "medverk", "follow", "uppfölj"]

    /// Involvement/contact questions first, then the rest, each group in definition order.
    static func orderedChoiceQuestions(_ questions: [Question]) -> [Question] {
        func isInvolvement(_ question: Question) -> Bool {
            let haystack = ([question.id] + question.text.allTexts).joined(separator: " ").lowercased()
            return involvementWords.contains { haystack.contains($0) }
        }
        return questions.filter(isInvolvement) + questions.filter { !isInvolvement($0) }
    }

    func add(_ response: Response) throws {
        guard personal.contains(where: { response.answers[$0.id]?.isAnswered ?? false }) else { return }
        let (sheet, row) = try series.nextRow()
        let sampling = series.isSampling
        func put(_ text: String, _ column: Int) throws {
            try sheet.writeString(text, row: row, column: column)
            if sampling { series.measure(text, column: column) }
        }
        try put(response.id.uuidString, 0)
        if let session = response.session { try put(session, 1) }
        if let submitted = response.submittedAt {
            try sheet.writeDate(submitted, row: row, column: 2, format: styles.date)
        }
        var column = 3
        for question in personal + choices {
            if let answer = response.answers[question.id], answer.isAnswered {
                if case .number(let value) = answer {
                    try sheet.writeNumber(value, row: row, column: column)
                } else {
                    try put(AnswerText.display(answer, of: question, language: language, other: otherLabel), column)
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
