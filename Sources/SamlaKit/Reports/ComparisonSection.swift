import XLSXWriter

/// The groups of `--by` (a question's choices, or the sessions) side by side on a question's
/// sheet: a table with one column per group holding the share of that group's respondents to
/// the question (n per group in the heading: those in the group who were shown the question and
/// answered it), the whole selection last, the test that applies, and a clustered column chart
/// with one series per group, categories in the survey's (or the scale's) order.
struct ComparisonSection {
    let styles: WorkbookStyles
    let ui: UIText
    let cells: QuestionCells
    let otherLabel: String
    /// Set in an anonymised export: a group's hidden cell shows as "<5", a small n is not shown.
    var suppression: CountSuppression? = nil

    private struct Line {
        let id: String
        let label: String
        let share: (QuestionSummary) -> Double?
        /// Whether the group's (or the whole selection's) cell is hidden in an anonymised export.
        let hidden: (QuestionSummary) -> Bool
    }

    /// "n = 12", or "n <5" where an anonymised export hides the count.
    private func nText(_ n: Int) -> String {
        if let suppression, suppression.hides(n) { return "n " + suppression.text }
        return ui.nEquals(n)
    }

    private func writeShare(_ line: Line, of figures: QuestionSummary?, row: Int, column: Int, on sheet: Worksheet) throws {
        if let figures, let suppression, line.hidden(figures) {
            try sheet.writeString(suppression.text, row: row, column: column, format: styles.suppressed)
            return
        }
        try cells.share(figures.flatMap(line.share), row: row, column: column, on: sheet)
    }

    /// Writes the section from `firstRow` down; returns the first row below it.
    @discardableResult
    func write(_ question: QuestionSummary, crosstab: Crosstab, from firstRow: Int, on sheet: Worksheet, in workbook: Workbook,
               fitter: inout ColumnFitter) throws -> Int {
        let groups = crosstab.groups
        guard !groups.isEmpty else { return firstRow }
        let perGroup = groups.map { group in group.questions.first { $0.id == question.id } }
        // Figures made elsewhere may leave a question out of the groups: then there is nothing to compare.
        guard perGroup.allSatisfy({ $0 != nil }) else { return firstRow }
        let lines = lines(of: question, perGroup: perGroup)
        guard !lines.isEmpty else { return firstRow }
        let text = ui.export
        var row = firstRow
        try sheet.writeString(ui.comparisonHeading(crosstab.byText), row: row, column: 0, format: styles.heading)
        row += 1
        let heads = groups.enumerated().map { index, group in
            "\(group.label) (\(nText(perGroup[index]?.answered ?? 0)))"
        } + ["\(text.total) (\(nText(question.answered)))"]
        let choiceTests = crosstab.choiceTests[question.id] ?? []
        let pColumn = heads.count + 1
        var headings = [text.label] + heads
        if !choiceTests.isEmpty { headings.append(ui.adjustedPHeading) }
        try sheet.writeRow(headings, row: row, format: styles.header)
        for (index, head) in heads.enumerated() {
            // Headings wrap, so a column needs about half of a long one, and its longest word.
            let longestWord = head.split(separator: " ").map(\.count).max() ?? 0
            fitter.measure(width: max(10, Double(longestWord) + 2, Double(head.count) / 2 + 2), column: index + 1)
        }
        try sheet.setRowHeight(32, row: row)
        let headerRow = row
        for line in lines {
            row += 1
            try sheet.writeString(line.label, row: row, column: 0)
            fitter.measure(line.label, column: 0)
            for (index, figures) in perGroup.enumerated() {
                try writeShare(line, of: figures, row: row, column: index + 1, on: sheet)
            }
            try writeShare(line, of: question, row: row, column: heads.count, on: sheet)
            if let test = choiceTests.first(where: { $0.choice == line.id }) {
                try sheet.writeNumber(test.adjustedPValue, row: row, column: pColumn, format: styles.pValue)
            }
        }
        let dataRows = (headerRow + 1)...row
        row += 1
        var notes = [ui.groupSharesNote]
        if question.type == .multipleChoice { notes.append(ui.groupSharesSeveralNote) }
        if crosstab.groupsOverlap { notes.append(ui.overlappingGroupsNote) }
        notes.append(TestDescription(ui: ui).line(for: question.id, in: crosstab))
        for note in notes {
            try sheet.writeString(note, row: row, column: 0, format: styles.note)
            row += 1
        }

        // Choices as horizontal bars reading top-down in the survey's order (long labels stay
        // readable), scale points as columns left to right in scale order.
        let horizontal = question.type != .scale
        let chart = try workbook.addChart(horizontal ? .bar : .column)
        for (index, head) in heads.dropLast().enumerated() {
            try chart.addSeries(values: .column(index + 1, rows: dataRows), categories: .column(0, rows: dataRows), in: sheet,
                                name: head, color: Self.palette[index % Self.palette.count])
        }
        var detail = nText(question.answered)
        if question.type == .multipleChoice { detail += "; " + ui.severalAnswers }
        try chart.setTitle(ShortText.cut(question.text, limit: QuestionSheets.chartTitleLimit) + "\n(" + detail + ")")
        try chart.setLegend(.bottom)
        if horizontal { try chart.setCategoryAxis(ChartAxis(reversed: true, crossesAtMaximum: true)) }
        try chart.setValueAxis(ChartAxis(min: 0, numberFormat: "0%", majorGridlines: true))
        try chart.setGap(60)
        let bars = lines.count * groups.count
        let height = horizontal ? max(320, min(1000, 130 + 13 * bars + 12 * lines.count)) : 340
        let width = horizontal ? 620 : max(560, min(1000, 22 * bars + 140))
        try sheet.insertChart(chart, row: firstRow, column: QuestionSheets.chartColumn, size: ChartSize(width: width, height: height),
                              altText: ui.comparisonHeading(crosstab.byText) + ": " + question.text)
        return max(row, firstRow + (height + QuestionSheets.rowPixels - 1) / QuestionSheets.rowPixels) + 1
    }

    /// Choices in definition order and "other" when anyone chose it, or scale points in scale order.
    private func lines(of question: QuestionSummary, perGroup: [QuestionSummary?]) -> [Line] {
        if question.type == .scale {
            return question.distribution.map { point in
                Line(id: "\(point.value)", label: QuestionSheets.pointLabel(point),
                     share: { figures in figures.distribution.first { $0.value == point.value }?.share },
                     hidden: { figures in figures.distribution.first { $0.value == point.value }?.suppressed ?? false })
            }
        }
        var lines = question.choices.map { choice in
            Line(id: choice.id, label: choice.label,
                 share: { figures in figures.choices.first { $0.id == choice.id }?.share },
                 hidden: { figures in figures.choices.first { $0.id == choice.id }?.suppressed ?? false })
        }
        func chosen(_ figures: QuestionSummary?) -> Bool { (figures?.other?.count ?? 0) > 0 || figures?.other?.suppressed == true }
        if chosen(question) || perGroup.contains(where: chosen) {
            lines.append(Line(id: Question.otherID, label: otherLabel,
                              share: { figures in figures.other?.share ?? 0 },
                              hidden: { figures in figures.other?.suppressed ?? false }))
        }
        return lines
    }

    /// Distinct fills for the groups' series, the accent first.
    static let palette = [WorkbookStyles.accent, Color(rgb: 0xED7D31), Color(rgb: 0x70AD47), Color(rgb: 0xFFC000),
                          Color(rgb: 0x5B9BD5), Color(rgb: 0xA5A5A5), Color(rgb: 0x9E480E), Color(rgb: 0x264478)]
}

/// The test line under a comparison, in the survey language's number notation: which test was
/// run and its result, or why none applies.
struct TestDescription {
    let ui: UIText

    func line(for question: String, in crosstab: Crosstab) -> String {
        let text = ui.export
        if let test = crosstab.tests[question] {
            return text.chiSquare(statistic: ui.decimal(test.statistic), df: test.degreesOfFreedom, p: pText(test.pValue))
        }
        if let exact = crosstab.exactTests[question] {
            return ui.fisher(p: pText(exact.pValue))
        }
        if let tests = crosstab.choiceTests[question], !tests.isEmpty {
            return ui.choiceTestsNote
        }
        if let reason = crosstab.untested[question] {
            return ui.untested(reason)
        }
        return ui.untested(.tooFewAnswers)
    }

    /// "< 0,001" or "0,042" (Swedish), "< 0.001" or "0.042" (English).
    func pText(_ p: Double) -> String {
        p < 0.001 ? "< " + ui.decimal(0.001, decimals: 3) : ui.decimal(p, decimals: 3)
    }
}
