import Foundation
import XLSXWriter

/// The organiser's list of whom to call: everyone who answered a personal question (left a name,
/// an e-mail), with those answers and what they chose about involvement: the choice questions whose
/// id or text is about involvement or contact, or every choice question when none is. Kept to
/// what a call needs, since in a large survey most people may leave an address. Never written
/// when anonymising.
final class FollowUpSheet {
    let rows: FollowUpRows
    private let series: SheetSeries

    init(workbook: Workbook, styles: WorkbookStyles, survey: Survey, summary: Summary, options: ExportOptions) throws {
        let text = UIText(language: summary.language).export
        rows = FollowUpRows(survey: survey, language: summary.language)
        let headings = [text.responseNumber, text.session]
            + (rows.personal + rows.choices).map { $0.text.text(summary.language) }
        // At least as many as answered the most answered personal question.
        let planned = rows.personal.compactMap { summary.question($0.id)?.answered }.max() ?? 0
        series = try SheetSeries(workbook: workbook, styles: styles, name: text.sheetFollowUp, headings: headings,
                                 plannedRows: planned, capacity: options.rowsPerSheet, asTable: false,
                                 minimumWidths: [9, 10])
    }

    var names: [String] { series.names }

    /// Writes the next row: `cells` from ``FollowUpRows/cells(of:number:)``.
    func add(_ cells: [ResponseCell]) throws {
        try series.add(cells)
    }

    func finish() throws {
        try series.finish()
    }
}

/// What the Follow-up sheet shows of a response, worked out where the responses are read.
struct FollowUpRows: Sendable {
    let personal: [Question]
    let choices: [Question]
    private let language: String
    private let otherLabel: String

    init(survey: Survey, language: String) {
        self.language = language
        otherLabel = UIText(language: language).other
        personal = survey.questions.filter(\.personal)
        choices = Self.involvementQuestions(survey.questions.filter { $0.type.hasChoices && !$0.personal })
    }

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

    /// The row of the response under `number` (its row on the Responses sheet), or nil when it left
    /// no contact details.
    func cells(of response: Response, number: Int) -> [ResponseCell]? {
        guard personal.contains(where: { response.answers[$0.id]?.isAnswered ?? false }) else { return nil }
        var cells: [ResponseCell] = [.number(Double(number)), response.session.map(ResponseCell.label) ?? .empty]
        cells.reserveCapacity(2 + personal.count + choices.count)
        for question in personal + choices {
            guard let answer = response.answers[question.id], answer.isAnswered else {
                cells.append(.empty)
                continue
            }
            if case .number(let value) = answer {
                cells.append(.number(value))
                continue
            }
            // Chosen labels repeat down the list and are stored once; contact details and "other"
            // texts are one of a kind.
            let text = AnswerText.display(answer, of: question, language: language, other: otherLabel)
            cells.append(!question.personal && AnswerText.isChoicesOnly(answer) ? .label(text) : .text(text))
        }
        return cells
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
