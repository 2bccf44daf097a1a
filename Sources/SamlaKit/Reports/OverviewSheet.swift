import Foundation
import XLSXWriter

/// What the workbook covers, on its first sheet: the survey, how many responses, from which
/// sessions (workshops, with the responses of each) and files, when it was made, and the headline
/// result of each question (how much it was answered and its top answers), with a link to each
/// question's sheet. Written last (a sheet written in any order, see `addSummarySheet`) so it can say how the long
/// lists came out, e.g. that the responses had to be split over several sheets.
struct OverviewSheet {
    struct Facts {
        var sessions: [SessionSummary]
        var sourceFiles: [SourceFile]
        var questionSheets: [String: String]
        var notes: [String]
    }

    let styles: WorkbookStyles
    let text: ExportText
    let options: ExportOptions
    let anonymizer: Anonymizer

    /// A count, or "<5" where an anonymised export hides it.
    private func writeCount(_ count: Int, row: Int, column: Int, on sheet: Worksheet) throws {
        if anonymizer.suppresses(count: count) {
            try sheet.writeString("<\(anonymizer.minimumCount)", row: row, column: column, format: styles.suppressed)
        } else {
            try sheet.writeNumber(Double(count), row: row, column: column, format: styles.count)
        }
    }

    func write(on sheet: Worksheet, summary: Summary, facts: Facts, made: Date) throws {
        var fitter = ColumnFitter(columns: 7, minimum: 10, maximum: 60)
        fitter.measure(width: 22, column: 0)
        for column in 1...4 { fitter.measure(width: 16, column: column) }
        let ui = UIText(language: summary.language)
        try sheet.writeString(summary.title, row: 0, column: 0, format: styles.title)
        var row = 2
        func fact(_ label: String, _ write: (Int) throws -> Void) throws {
            try sheet.writeString(label, row: row, column: 0, format: styles.heading)
            try write(row)
            row += 1
        }
        try fact(text.surveyID) { try sheet.writeString(summary.surveyID, row: $0, column: 1) }
        try fact(text.responsesHeading) { try writeCount(summary.responses, row: $0, column: 1, on: sheet) }
        try fact(text.madeAt) {
            try sheet.writeDate(made, row: $0, column: 1, format: styles.date)
            try sheet.writeString("UTC", row: $0, column: 2)
        }
        try fact(text.languageHeading) { try sheet.writeString(LanguageNames.name(of: summary.language), row: $0, column: 1) }
        try fact(text.filtersHeading) {
            try sheet.writeString(FilterDescription.text(summary.filters, all: text.allResponses), row: $0, column: 1)
        }
        if !facts.notes.isEmpty {
            row += 1
            try sheet.writeString(text.notesHeading, row: row, column: 0, format: styles.heading)
            row += 1
            for note in facts.notes {
                try sheet.writeString(note, row: row, column: 0, format: styles.note)
                row += 1
            }
        }

        row += 1
        try sheet.writeString(text.sessionsHeading, row: row, column: 0, format: styles.heading)
        row += 1
        try sheet.writeRow([text.session, text.source, text.responsesHeading, text.first, text.last], row: row, format: styles.header)
        row += 1
        // The sessions add up to the responses shown above: one hidden session would come back.
        let sessionCounts = facts.sessions.map(\.responses)
        let hiddenSessions = anonymizer.isEnabled
            ? CountSuppression(threshold: anonymizer.minimumCount).hiding(sessionCounts, alreadyHidden: sessionCounts.map(anonymizer.suppresses))
            : sessionCounts.map { _ in false }
        for (index, session) in facts.sessions.enumerated() {
            let name = session.name ?? text.noSession
            try sheet.writeString(name, row: row, column: 0)
            fitter.measure(name, column: 0)
            try sheet.writeString(session.sourceKind == "imported" ? text.imported : text.collected, row: row, column: 1)
            if hiddenSessions[index] {
                try sheet.writeString("<\(anonymizer.minimumCount)", row: row, column: 2, format: styles.suppressed)
            } else {
                try writeCount(session.responses, row: row, column: 2, on: sheet)
            }
            if let first = session.first { try sheet.writeDate(first, row: row, column: 3, format: styles.date) }
            if let last = session.last { try sheet.writeDate(last, row: row, column: 4, format: styles.date) }
            row += 1
        }

        if !facts.sourceFiles.isEmpty {
            row += 1
            try sheet.writeString(text.sourceFiles, row: row, column: 0, format: styles.heading)
            row += 1
            try sheet.writeRow([text.file, text.layout, text.newRows, text.importedAt, text.knownRows], row: row, format: styles.header)
            row += 1
            for file in facts.sourceFiles {
                let name = (file.path as NSString).lastPathComponent
                try sheet.writeString(name, row: row, column: 0)
                fitter.measure(name, column: 0)
                try sheet.writeString(file.layout, row: row, column: 1)
                try writeCount(file.rowsNew, row: row, column: 2, on: sheet)
                try sheet.writeDate(file.importedAt, row: row, column: 3, format: styles.date)
                try writeCount(file.rowsExisting, row: row, column: 4, on: sheet)
                row += 1
            }
        }

        row += 1
        try sheet.writeString(text.questionsHeading, row: row, column: 0, format: styles.heading)
        row += 1
        try sheet.writeRow([text.question, text.type, text.answered, text.shown, text.answeredShare, ui.topChoices, text.sheet],
                           row: row, format: styles.header)
        row += 1
        for question in summary.questions where anonymizer.keeps(question) {
            try sheet.writeString(question.text, row: row, column: 0)
            fitter.measure(question.text, column: 0)
            try sheet.writeString(text.typeName(question.type), row: row, column: 1)
            try writeCount(question.answered, row: row, column: 2, on: sheet)
            try writeCount(question.shown, row: row, column: 3, on: sheet)
            let hidden = anonymizer.suppresses(count: question.answered) || anonymizer.suppresses(count: question.shown)
            if question.shown > 0 && !hidden {
                try sheet.writeNumber(Double(question.answered) / Double(question.shown), row: row, column: 4, format: styles.percent)
            }
            let top = Self.headline(question, ui: ui)
            if !top.isEmpty {
                try sheet.writeString(top, row: row, column: 5, format: styles.wrapped)
                fitter.measure(top, column: 5)
                // Readers do not grow a wrapped row by themselves: give it the lines it needs.
                let lines = (top.count + Int(fitter.maximum) - 3) / (Int(fitter.maximum) - 2)
                if lines > 1 { try sheet.setRowHeight(15 * Double(lines), row: row) }
            }
            if let name = facts.questionSheets[question.id] {
                try sheet.writeURL("internal:\(Self.reference(to: name))", text: name, row: row, column: 6, format: styles.link)
                fitter.measure(name, column: 6)
            }
            row += 1
        }

        if !summary.removedQuestions.isEmpty {
            row += 1
            try sheet.writeString(text.removedQuestionsHeading, row: row, column: 0, format: styles.heading)
            row += 1
            try sheet.writeRow([text.question, text.answered, text.examples], row: row, format: styles.header)
            row += 1
            for removed in summary.removedQuestions {
                try sheet.writeString(removed.id, row: row, column: 0)
                try writeCount(removed.answered, row: row, column: 1, on: sheet)
                if !anonymizer.isEnabled {
                    try sheet.writeString(removed.examples.joined(separator: "; "), row: row, column: 2)
                }
                row += 1
            }
        }
        try fitter.apply(to: sheet)
        try sheet.activate()
    }

    /// The headline of a question in the survey language's notation: its three most chosen
    /// answers with their shares ("Kommun 50 %; Region 25 %"), a scale's or number's mean and
    /// median, a text question's most used words.
    static func headline(_ question: QuestionSummary, ui: UIText, top: Int = 3) -> String {
        switch question.type {
        case .singleChoice, .multipleChoice:
            var answers = question.choices.map { (label: $0.label, count: $0.count, share: $0.share) }
            if let other = question.other, other.count > 0 { answers.append((ui.other, other.count, other.share)) }
            // Stable: ties keep the survey's order.
            let ranked = answers.enumerated().filter { $0.element.count > 0 }
                .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            return ranked.prefix(top).map { "\($0.element.label) \(ui.percent($0.element.share))" }.joined(separator: "; ")
        case .scale, .number:
            guard let stats = question.statistics, let mean = stats.mean else { return "" }
            var parts = ["\(ui.export.mean.lowercased()) \(ui.decimal(mean))"]
            if let median = stats.median { parts.append("\(ui.export.median.lowercased()) \(ui.decimal(median))") }
            return parts.joined(separator: ", ")
        case .text:
            if let themes = question.textFigures?.themes, !themes.isEmpty {
                return themes.filter { $0.count > 0 }.prefix(top).map { "\($0.name) \(ui.percent($0.share))" }.joined(separator: "; ")
            }
            return (question.textFigures?.terms ?? []).prefix(top).map(\.term).joined(separator: ", ")
        }
    }

    /// `'Sheet name'!A1`, with apostrophes in the name doubled as Excel requires.
    static func reference(to sheet: String) -> String {
        "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!A1"
    }
}

/// The filters of a summary in one line, e.g. `session: Umeå; role = municipality; by: city`.
enum FilterDescription {
    static func text(_ filters: SummaryFilters, all: String) -> String {
        var parts: [String] = []
        if !filters.sessions.isEmpty { parts.append("session: " + filters.sessions.joined(separator: ", ")) }
        parts += filters.conditions.map { "\($0.question) = \($0.choice)" }
        if let by = filters.groupBy { parts.append("by: \(by)") }
        return parts.isEmpty ? all : parts.joined(separator: "; ")
    }
}
