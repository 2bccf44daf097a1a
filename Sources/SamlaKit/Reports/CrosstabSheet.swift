import Foundation
import XLSXWriter

/// Every choice and scale question again within each group of `--by` (a question's choices or the
/// sessions): a count and a column percent per group, the whole selection as the last column, and
/// the test that applies (`IndependenceTests`: chi-square only with every expected count at least
/// 5, else Fisher's exact test for 2×2, else none, and never for multiple choice as a whole).
/// Each group's n is its base for that question: those in the group shown it who answered.
/// Cells whose expected count is under 5 are highlighted (why a question got no chi-square); when
/// anonymising, counts under 5 are replaced by "<5" and their percent left out, so no small group
/// of people can be picked out.
struct CrosstabSheet {
    let styles: WorkbookStyles
    let text: ExportText
    let otherLabel: String
    let anonymizer: Anonymizer

    init(styles: WorkbookStyles, language: String, anonymizer: Anonymizer) {
        self.styles = styles
        text = UIText(language: language).export
        otherLabel = UIText(language: language).other
        self.anonymizer = anonymizer
    }

    static let suppressedText = "<5"

    /// "<5", or whatever the threshold is.
    private var suppressedText: String { "<\(anonymizer.minimumCount)" }

    func write(_ crosstab: Crosstab, summary: Summary, in workbook: Workbook) throws -> Worksheet {
        let sheet = try workbook.addSummarySheet(name: text.sheetCrosstab, landscape: true)
        try sheet.writeString(text.sheetCrosstab, row: 0, column: 0, format: styles.title)
        try sheet.writeString("\(text.groupedBy): \(crosstab.byText)", row: 1, column: 0, format: styles.subtitle)
        var row = 2
        let ui = UIText(language: text.language)
        var notes = [text.columnPercentNote, text.smallCellNote, ui.testRule]
        if crosstab.groupsOverlap { notes.append(ui.overlappingGroupsNote) }
        if anonymizer.isEnabled { notes.append(text.suppressedNote) }
        for note in notes {
            try sheet.writeString(note, row: row, column: 0, format: styles.note)
            row += 1
        }
        row += 1
        var fitter = ColumnFitter(columns: 1, minimum: 10, maximum: 50)
        fitter.measure(width: 24, column: 0)
        let groups = crosstab.groups
        var groupWidths = Array(repeating: 9.0, count: groups.count + 1)
        for overall in summary.questions where overall.id != crosstab.by && !overall.personal && anonymizer.keeps(overall) {
            guard overall.type.hasChoices || overall.type == .scale else { continue }
            let perGroup = groups.map { group in group.questions.first { $0.id == overall.id } }
            try sheet.writeString(overall.text, row: row, column: 0, format: styles.heading)
            row += 1
            // Two header rows: the group over its count and percent columns, then n and %.
            try sheet.writeBlank(row: row, column: 0, format: styles.header)
            try sheet.writeString(text.label, row: row + 1, column: 0, format: styles.header)
            let questionHeads = heads(groups, perGroup: perGroup, overall: overall)
            for (index, head) in questionHeads.enumerated() {
                // Each group's heading spans its two columns, so each takes half of it.
                groupWidths[index] = max(groupWidths[index], Double(head.count) / 2 + 1.5)
                let column = 1 + 2 * index
                try sheet.mergeRange(CellRange(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column + 1),
                                     text: head, format: styles.groupHeader)
                try sheet.writeString(text.count, row: row + 1, column: column, format: styles.header)
                try sheet.writeString("%", row: row + 1, column: column + 1, format: styles.header)
            }
            row += 2
            let smallCells = Set((crosstab.smallCells[overall.id] ?? []).map { "\($0.choice)\u{1F}\($0.group)" })
            for line in lines(of: overall) {
                try sheet.writeString(line.label, row: row, column: 0)
                fitter.measure(line.label, column: 0)
                for (index, group) in groups.enumerated() {
                    let cell = perGroup[index].flatMap { line.value($0) }
                    let flagged = smallCells.contains("\(line.key)\u{1F}\(group.id)")
                    try writeCell(cell, row: row, column: 1 + 2 * index, flagged: flagged, on: sheet)
                }
                try writeCell(line.value(overall), row: row, column: 1 + 2 * groups.count, flagged: false, on: sheet)
                row += 1
            }
            if overall.type.hasChoices {
                let describe = TestDescription(ui: ui)
                try sheet.writeString(describe.line(for: overall.id, in: crosstab), row: row, column: 0, format: styles.note)
                row += 1
                for test in crosstab.choiceTests[overall.id] ?? [] {
                    let label = lines(of: overall).first { $0.key == test.choice }?.label ?? test.choice
                    let method = test.chiSquare.map {
                        text.chiSquare(statistic: ui.decimal($0.statistic), df: $0.degreesOfFreedom, p: describe.pText($0.pValue))
                    } ?? ui.fisher(p: describe.pText(test.pValue))
                    try sheet.writeString("  \(label): \(method); \(ui.adjustedP(describe.pText(test.adjustedPValue)))",
                                          row: row, column: 0, format: styles.note)
                    row += 1
                }
            }
            row += 1
        }
        try fitter.apply(to: sheet)
        for (index, width) in groupWidths.enumerated() {
            try sheet.setColumnWidth(width, columns: (1 + 2 * index)...(2 + 2 * index))
        }
        try sheet.freezePanes(row: 0, column: 1)
        return sheet
    }

    /// "Label (n = 12)" over each group's columns, then the whole selection's; n is the question's
    /// base in the group (shown it and answered).
    private func heads(_ groups: [CrosstabGroup], perGroup: [QuestionSummary?], overall: QuestionSummary) -> [String] {
        groups.indices.map { "\(groups[$0].label) (n = \(shownCount(perGroup[$0]?.answered ?? 0)))" }
            + ["\(text.total) (n = \(shownCount(overall.answered)))"]
    }

    private func shownCount(_ count: Int) -> String {
        anonymizer.suppresses(count: count) ? suppressedText : String(count)
    }

    private func writeCell(_ cell: (count: Int, share: Double, hidden: Bool)?, row: Int, column: Int, flagged: Bool, on sheet: Worksheet) throws {
        guard let cell else { return }
        if cell.hidden || anonymizer.suppresses(count: cell.count) {
            try sheet.writeString(suppressedText, row: row, column: column, format: flagged ? styles.suppressedFlagged : styles.suppressed)
            return
        }
        try sheet.writeNumber(Double(cell.count), row: row, column: column, format: flagged ? styles.flagged : styles.count)
        if cell.share.isFinite {
            try sheet.writeNumber(cell.share, row: row, column: column + 1, format: flagged ? styles.flaggedPercent : styles.percent)
        }
    }

    /// A row of the table: its label, the key small cells are reported under, and how to read its
    /// count and share from a question's figures (the whole selection's or one group's).
    private struct Line {
        let label: String
        let key: String
        let value: (QuestionSummary) -> (count: Int, share: Double, hidden: Bool)?
    }

    private func lines(of question: QuestionSummary) -> [Line] {
        if question.type == .scale {
            return question.distribution.map { point in
                Line(label: point.label.map { "\(point.value) – \($0)" } ?? "\(point.value)", key: "\(point.value)") { figures in
                    figures.distribution.first { $0.value == point.value }.map { ($0.count, $0.share, $0.suppressed) }
                }
            }
        }
        var lines = question.choices.map { choice in
            Line(label: choice.label, key: choice.id) { figures in
                figures.choices.first { $0.id == choice.id }.map { ($0.count, $0.share, $0.suppressed) }
            }
        }
        if question.other != nil {
            lines.append(Line(label: otherLabel, key: Question.otherID) { figures in
                figures.other.map { ($0.count, $0.share, $0.suppressed) } ?? (0, 0, false)
            })
        }
        return lines
    }
}
