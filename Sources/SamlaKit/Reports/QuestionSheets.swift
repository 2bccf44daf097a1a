import XLSXWriter

/// One sheet per question: a table of label, count and percent (each count in the cell right of
/// its label), the question's statistics, and a native chart drawn from that table. The sheets
/// are in-memory sheets, so libxlsxwriter stores the chart's values with it and viewers that do
/// not recalculate still draw it.
///
/// Choices keep definition order and scales keep scale order: the reader compares a question's
/// table with the survey, and re-sorting by count would hide the choices nobody picked.
/// Personal questions get no sheet: their answers are contact details, listed on Follow-up.
struct QuestionSheets {
    let styles: WorkbookStyles
    let text: ExportText
    let otherLabel: String
    /// Set in an anonymised export: a hidden count shows as "<5" and stays out of the chart.
    let suppression: CountSuppression?

    init(styles: WorkbookStyles, language: String, suppression: CountSuppression? = nil) {
        self.styles = styles
        text = UIText(language: language).export
        otherLabel = UIText(language: language).other
        self.suppression = suppression
    }

    /// Table rows start here (below the title, the subtitle and a blank row).
    static let headerRow = 3
    static let chartColumn = 4

    /// Writes the sheets in question order; returns each question's sheet name by id.
    func write(in workbook: Workbook, summary: Summary) throws -> [String: String] {
        var names: [String: String] = [:]
        for (index, question) in summary.questions.enumerated() where !question.personal {
            // Characters a sheet name may not hold are dropped rather than shown as "_".
            let title = question.text.filter { !SheetName.forbiddenCharacters.contains($0) }
            let sheet = try workbook.addSummarySheet(name: "\(index + 1). \(title)")
            names[question.id] = sheet.name
            try write(question, number: index + 1, on: sheet, in: workbook)
        }
        return names
    }

    func write(_ question: QuestionSummary, number: Int, on sheet: Worksheet, in workbook: Workbook) throws {
        var fitter = ColumnFitter(columns: 4, minimum: 10, maximum: 60)
        fitter.measure(width: 24, column: 0)
        try sheet.writeString(question.text, row: 0, column: 0, format: styles.title)
        let counts = suppression.map { $0.hides(question.answered) || $0.hides(question.shown) } ?? false
            ? "" : " · " + text.answeredOfShown(question.answered, question.shown)
        try sheet.writeString("\(number). \(question.id) · \(text.typeName(question.type))" + counts,
                              row: 1, column: 0, format: styles.subtitle)
        switch question.type {
        case .singleChoice, .multipleChoice:
            try writeChoices(question, on: sheet, in: workbook, fitter: &fitter)
        case .scale:
            try writeScale(question, on: sheet, in: workbook, fitter: &fitter)
        case .number:
            var row = Self.headerRow
            try writeStatistics(question, from: &row, on: sheet)
        case .text:
            try writeText(question, on: sheet, in: workbook, fitter: &fitter)
        }
        try fitter.apply(to: sheet)
        try sheet.setColumnWidth(12, columns: 1...2)
    }

    /// One labelled count per row, with its share; returns the first and last data rows. A nil
    /// count is a hidden one: "<5", and no share.
    private func writeTable(_ rows: [(label: String, count: Int?, share: Double?)], on sheet: Worksheet,
                            fitter: inout ColumnFitter) throws -> ClosedRange<Int> {
        let header = Self.headerRow
        try sheet.writeRow([text.label, text.count, text.percent], row: header, format: styles.header)
        for (offset, item) in rows.enumerated() {
            let row = header + 1 + offset
            try sheet.writeString(item.label, row: row, column: 0)
            guard let count = item.count else {
                try sheet.writeString(suppression?.text ?? "", row: row, column: 1, format: styles.suppressed)
                fitter.measure(item.label, column: 0)
                continue
            }
            try sheet.writeNumber(Double(count), row: row, column: 1, format: styles.count)
            if let share = item.share, share.isFinite {
                try sheet.writeNumber(share, row: row, column: 2, format: styles.percent)
            }
            fitter.measure(item.label, column: 0)
        }
        return (header + 1)...(header + max(1, rows.count))
    }

    private func writeChoices(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                              fitter: inout ColumnFitter) throws {
        var rows = question.choices.map { (label: $0.label, count: $0.suppressed ? nil : Optional($0.count), share: Optional($0.share)) }
        if let other = question.other {
            rows.append((label: otherLabel, count: other.suppressed ? nil : other.count, share: other.share))
        }
        let charted = rows.count
        rows += question.removedChoices.map { (label: "\($0.label) (\(text.removedChoicesHeading.lowercased()))", count: $0.suppressed ? nil : Optional($0.count), share: Optional($0.share)) }
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter)
        var row = dataRows.upperBound + 1
        let note = question.type == .multipleChoice ? text.sharesOfRespondents : text.sharesOfAnswers
        try sheet.writeString(note, row: row, column: 0, format: styles.note)
        row += 1
        if let meanChoices = question.meanChoices {
            row += 1
            try sheet.writeString(text.meanChoices, row: row, column: 0)
            try sheet.writeNumber(meanChoices, row: row, column: 1, format: styles.decimal)
            row += 1
        }
        if let other = question.other, !other.texts.isEmpty {
            row += 1
            try sheet.writeString(text.otherAnswersHeading, row: row, column: 0, format: styles.heading)
            row += 1
            try sheet.writeRow([text.answer, text.count], row: row, format: styles.header)
            for item in other.texts {
                row += 1
                try sheet.writeString(item.text, row: row, column: 0)
                try sheet.writeNumber(Double(item.count), row: row, column: 1, format: styles.count)
                fitter.measure(item.text, column: 0)
            }
        }
        if charted > 0 {
            let last = dataRows.lowerBound + charted - 1
            try insertBarChart(on: sheet, in: workbook, categories: dataRows.lowerBound...last, title: question.text)
        }
    }

    private func writeScale(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                            fitter: inout ColumnFitter) throws {
        let rows = question.distribution.map { point in
            (label: point.label.map { "\(point.value) – \($0)" } ?? "\(point.value)", count: point.suppressed ? nil : Optional(point.count),
             share: Optional(point.share))
        }
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter)
        var row = dataRows.upperBound + 2
        try writeStatistics(question, from: &row, on: sheet)
        if !rows.isEmpty {
            let chart = try workbook.addChart(.column)
            try chart.addSeries(values: .column(2, rows: dataRows), categories: .column(0, rows: dataRows), in: sheet,
                                name: text.percent, color: WorkbookStyles.accent,
                                dataLabels: DataLabels(numberFormat: "0%", position: .outsideEnd))
            try chart.setTitle(question.text)
            try chart.setLegend(.none)
            try chart.setValueAxis(ChartAxis(min: 0, numberFormat: "0%", majorGridlines: true))
            try chart.setGap(50)
            try sheet.insertChart(chart, row: Self.headerRow, column: Self.chartColumn,
                                  size: ChartSize(width: max(480, 60 * rows.count), height: 300), altText: question.text)
        }
    }

    /// Mean, median, top-two-box and the rest, as label and value pairs.
    private func writeStatistics(_ question: QuestionSummary, from row: inout Int, on sheet: Worksheet) throws {
        var items: [(String, Double, Format)] = []
        if let stats = question.statistics {
            items.append(("n", Double(stats.n), styles.count))
            if let mean = stats.mean { items.append((text.mean, mean, styles.decimal)) }
            if let median = stats.median { items.append((text.median, median, styles.decimal)) }
        }
        if let topTwo = question.topTwoBox { items.append((text.topTwoBox, topTwo, styles.percent)) }
        if let stats = question.statistics {
            if let sd = stats.standardDeviation { items.append((text.standardDeviation, sd, styles.decimal)) }
            if let min = stats.min { items.append((text.minimum, min, styles.decimal)) }
            if let q1 = stats.lowerQuartile { items.append((text.lowerQuartile, q1, styles.decimal)) }
            if let q3 = stats.upperQuartile { items.append((text.upperQuartile, q3, styles.decimal)) }
            if let max = stats.max { items.append((text.maximum, max, styles.decimal)) }
        }
        for (label, value, format) in items where value.isFinite {
            try sheet.writeString(label, row: row, column: 0)
            try sheet.writeNumber(value, row: row, column: 1, format: format)
            row += 1
        }
    }

    /// Themes when a codebook was given, else the most used words; both with a bar chart.
    private func writeText(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                           fitter: inout ColumnFitter) throws {
        guard let figures = question.textFigures else { return }
        let answered = Double(max(question.answered, 1))
        let rows: [(label: String, count: Int?, share: Double?)]
        if let themes = figures.themes {
            rows = themes.map { (label: $0.name, count: $0.suppressed ? nil : Optional($0.count), share: Optional($0.share)) }
        } else {
            rows = figures.terms.prefix(15).map { (label: $0.term, count: Optional($0.count), share: Optional(Double($0.count) / answered)) }
        }
        try sheet.writeString(figures.themes != nil ? text.themesHeading : text.termsHeading,
                              row: Self.headerRow - 1, column: 0, format: styles.heading)
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter)
        var row = dataRows.upperBound + 2
        if !figures.languages.isEmpty {
            try sheet.writeString(text.answersLanguages, row: row, column: 0, format: styles.heading)
            row += 1
            for (code, count) in figures.languages.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                try sheet.writeString(code == "unknown" ? text.unknownLanguage : code, row: row, column: 0)
                try sheet.writeNumber(Double(count), row: row, column: 1, format: styles.count)
                row += 1
            }
            row += 1
        }
        try sheet.writeString(text.seeFreeText, row: row, column: 0, format: styles.note)
        if !rows.isEmpty {
            try insertBarChart(on: sheet, in: workbook, categories: dataRows.lowerBound...(dataRows.lowerBound + rows.count - 1),
                               title: question.text)
        }
    }

    /// Horizontal bars of the percent column, first category on top.
    private func insertBarChart(on sheet: Worksheet, in workbook: Workbook, categories rows: ClosedRange<Int>, title: String) throws {
        let chart = try workbook.addChart(.bar)
        try chart.addSeries(values: .column(2, rows: rows), categories: .column(0, rows: rows), in: sheet,
                            name: text.percent, color: WorkbookStyles.accent,
                            dataLabels: DataLabels(numberFormat: "0%", position: .outsideEnd))
        try chart.setTitle(title)
        try chart.setLegend(.none)
        try chart.setCategoryAxis(ChartAxis(reversed: true))
        try chart.setValueAxis(ChartAxis(min: 0, numberFormat: "0%", majorGridlines: true))
        try chart.setGap(60)
        try sheet.insertChart(chart, row: Self.headerRow, column: Self.chartColumn,
                              size: ChartSize(width: 560, height: max(260, 80 + 34 * rows.count)), altText: title)
    }
}
