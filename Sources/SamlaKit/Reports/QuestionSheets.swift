import XLSXWriter

/// One sheet per question: a table of label, count, percent and its 95 % Wilson interval (each
/// count in the cell right of its label), the question's statistics, and a native chart drawn
/// from that table; with `--by`, a comparison of the groups below it (`ComparisonSection`). In a
/// workbook kept in memory (up to `ExportOptions.responsesTableLimit` responses) libxlsxwriter
/// stores the chart's values with it, so viewers that do not recalculate still draw it; in a
/// streamed one the chart holds references only, which Excel and LibreOffice read from the table.
///
/// Choices keep definition order and scales keep scale order: the reader compares a question's
/// table with the survey, and re-sorting by count would hide the choices nobody picked. "Other"
/// appears only when someone chose it: an empty bar says nothing. Number questions get a
/// histogram. Personal questions get no sheet: their answers are contact details, listed on
/// Follow-up.
struct QuestionSheets {
    let styles: WorkbookStyles
    let text: ExportText
    let ui: UIText
    let otherLabel: String
    let cells: QuestionCells
    /// Set in an anonymised export: a hidden count shows as "<5" and stays out of the chart.
    let suppression: CountSuppression?

    init(styles: WorkbookStyles, language: String, suppression: CountSuppression? = nil) {
        self.styles = styles
        self.suppression = suppression
        ui = UIText(language: language)
        text = ui.export
        otherLabel = ui.other
        cells = QuestionCells(styles: styles)
    }

    /// Table rows start here (below the title, the subtitle and a blank row).
    static let headerRow = 3
    /// Label, count, percent, interval low, interval high; the chart goes right of them.
    static let tableColumns = 5
    static let chartColumn = 6
    /// Chart titles are cut (at a word) past this many characters; the full text is in A1.
    static let chartTitleLimit = 70
    /// libxlsxwriter's default row height in pixels, to place things below a chart.
    static let rowPixels = 20

    /// The names ``write(in:summary:)`` gives the sheets, in order.
    static func sheetNames(_ summary: Summary) -> [String] {
        summary.questions.enumerated().filter { !$0.element.personal }.map { sheetName($0.element.text, number: $0.offset + 1) }
    }

    /// Writes the sheets in question order; returns each question's sheet name by id.
    func write(in workbook: Workbook, summary: Summary) throws -> [String: String] {
        var names: [String: String] = [:]
        for (index, question) in summary.questions.enumerated() where !question.personal {
            let sheet = try workbook.addSummarySheet(name: Self.sheetName(question.text, number: index + 1),
                                                     landscape: true, repeatedRows: 0...1)
            names[question.id] = sheet.name
            try write(question, number: index + 1, on: sheet, in: workbook, crosstab: summary.crosstab)
        }
        return names
    }

    /// "3. Question text" within Excel's 31 characters, cut at a word with "…"; characters a sheet
    /// name may not hold are dropped rather than shown as "_". The number keeps names unique.
    static func sheetName(_ questionText: String, number: Int) -> String {
        let title = questionText.filter { !SheetName.forbiddenCharacters.contains($0) }
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let prefix = "\(number). "
        return prefix + ShortText.cut(title, limit: SheetName.maxLength - prefix.utf16.count)
    }

    func write(_ question: QuestionSummary, number: Int, on sheet: Worksheet, in workbook: Workbook,
               crosstab: Crosstab? = nil) throws {
        var fitter = ColumnFitter(columns: Self.tableColumns, minimum: 10, maximum: 60)
        fitter.measure(width: 24, column: 0)
        for column in 1 ..< Self.tableColumns { fitter.measure(width: 12, column: column) }
        try sheet.writeString(question.text, row: 0, column: 0, format: styles.title)
        var subtitle = "\(number). \(question.id) · \(text.typeName(question.type))"
        if !hidesBase(question) { subtitle += " · " + text.answeredOfShown(question.answered, question.shown) }
        if question.type == .multipleChoice { subtitle += " · " + ui.severalAnswers }
        try sheet.writeString(subtitle, row: 1, column: 0, format: styles.subtitle)
        var end = Self.headerRow
        switch question.type {
        case .singleChoice, .multipleChoice:
            end = try writeChoices(question, on: sheet, in: workbook, fitter: &fitter)
        case .scale:
            end = try writeScale(question, on: sheet, in: workbook, fitter: &fitter)
        case .number:
            end = try writeNumber(question, on: sheet, in: workbook, fitter: &fitter)
        case .text:
            end = try writeText(question, on: sheet, in: workbook, fitter: &fitter)
        }
        if let crosstab, crosstab.by != question.id, question.type.hasChoices || question.type == .scale {
            let section = ComparisonSection(styles: styles, ui: ui, cells: cells, otherLabel: otherLabel, suppression: suppression)
            try section.write(question, crosstab: crosstab, from: end + 2, on: sheet, in: workbook, fitter: &fitter)
        }
        try fitter.apply(to: sheet)
    }

    /// The chart's title: the question (cut to fit) and on a second line n, and for multiple
    /// choice that several answers were possible.
    func chartTitle(_ question: QuestionSummary, n: Int) -> String {
        var detail = suppression.map { $0.hides(n) } ?? false ? "n " + (suppression?.text ?? "") : ui.nEquals(n)
        if question.type == .multipleChoice { detail += "; " + ui.severalAnswers }
        return ShortText.cut(question.text, limit: Self.chartTitleLimit) + "\n(" + detail + ")"
    }

    /// The first row below a chart of `height` pixels placed at the header row.
    static func rowBelowChart(height: Int) -> Int {
        headerRow + (height + rowPixels - 1) / rowPixels
    }

    /// Whether an anonymised export hides the question's answered or shown count.
    func hidesBase(_ question: QuestionSummary) -> Bool {
        suppression.map { $0.hides(question.answered) || $0.hides(question.shown) } ?? false
    }

    /// A nil count is a hidden one: "<5", with no share or interval.
    struct TableRow {
        var label: String
        var count: Int?
        var share: Double?
        var interval: ClosedRange<Double>?
    }

    /// One labelled count per row, with its share and interval; returns the first and last data rows.
    private func writeTable(_ rows: [TableRow], on sheet: Worksheet, fitter: inout ColumnFitter,
                            intervals: Bool = true) throws -> ClosedRange<Int> {
        let header = Self.headerRow
        var headings = [text.label, text.count, text.percent]
        if intervals { headings += [ui.intervalLow, ui.intervalHigh] }
        try sheet.writeRow(headings, row: header, format: styles.header)
        for (offset, item) in rows.enumerated() {
            let row = header + 1 + offset
            try sheet.writeString(item.label, row: row, column: 0)
            fitter.measure(item.label, column: 0)
            guard let count = item.count else {
                try sheet.writeString(suppression?.text ?? "", row: row, column: 1, format: styles.suppressed)
                continue
            }
            try cells.count(count, row: row, column: 1, on: sheet)
            try cells.share(item.share, row: row, column: 2, on: sheet)
            if intervals, let interval = item.interval {
                try cells.share(interval.lowerBound, row: row, column: 3, on: sheet)
                try cells.share(interval.upperBound, row: row, column: 4, on: sheet)
            }
        }
        return (header + 1)...(header + max(1, rows.count))
    }

    private func writeChoices(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                              fitter: inout ColumnFitter) throws -> Int {
        var rows = question.choices.map { TableRow(label: $0.label, count: $0.suppressed ? nil : $0.count, share: $0.share, interval: $0.interval) }
        if let other = question.other, other.count > 0 || other.suppressed {
            rows.append(TableRow(label: otherLabel, count: other.suppressed ? nil : other.count, share: other.share, interval: other.interval))
        }
        let charted = rows.count
        rows += question.removedChoices.map {
            TableRow(label: "\($0.label) (\(text.removedChoicesHeading.lowercased()))", count: $0.suppressed ? nil : $0.count,
                     share: $0.share, interval: $0.interval)
        }
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter)
        var row = dataRows.upperBound + 1
        let note = question.type == .multipleChoice ? text.sharesOfRespondents : text.sharesOfAnswers
        try sheet.writeString(note, row: row, column: 0, format: styles.note)
        row += 1
        try sheet.writeString(ui.intervalNote, row: row, column: 0, format: styles.note)
        row += 1
        if let meanChoices = question.meanChoices {
            row += 1
            try sheet.writeString(text.meanChoices, row: row, column: 0)
            try cells.statistic(meanChoices, row: row, column: 1, on: sheet)
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
                try cells.count(item.count, row: row, column: 1, on: sheet)
                fitter.measure(item.text, column: 0)
            }
            row += 1
        }
        var end = row
        if charted > 0 {
            let last = dataRows.lowerBound + charted - 1
            let height = try insertBarChart(on: sheet, in: workbook, categories: dataRows.lowerBound...last,
                                            title: chartTitle(question, n: question.answered), altText: question.text)
            end = max(end, Self.rowBelowChart(height: height))
        }
        return end
    }

    private func writeScale(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                            fitter: inout ColumnFitter) throws -> Int {
        let rows = question.distribution.map { point in
            TableRow(label: Self.pointLabel(point), count: point.suppressed ? nil : point.count, share: point.share,
                     interval: point.suppressed ? nil : QuestionTally.interval(point.count, of: question.answered))
        }
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter)
        var row = dataRows.upperBound + 1
        try sheet.writeString(ui.intervalNote, row: row, column: 0, format: styles.note)
        row += 2
        try writeStatistics(question, from: &row, on: sheet)
        guard !rows.isEmpty else { return row }
        let height = 320
        try insertColumnChart(on: sheet, in: workbook, rows: dataRows, title: chartTitle(question, n: question.answered),
                              altText: question.text, size: ChartSize(width: max(480, 60 * rows.count), height: height), gap: 50)
        return max(row, Self.rowBelowChart(height: height))
    }

    static func pointLabel(_ point: PointCount) -> String {
        point.label.map { "\(point.value) – \($0)" } ?? "\(point.value)"
    }

    /// The statistics, then the answers in bins with a histogram (`Statistics.histogram` states the rule).
    private func writeNumber(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                             fitter: inout ColumnFitter) throws -> Int {
        var row = Self.headerRow
        try writeStatistics(question, from: &row, on: sheet)
        let bins = question.histogram
        guard !bins.isEmpty else { return row }
        row += 1
        let integers = bins.allSatisfy { $0.upper - $0.lower == 1 && $0.lower == $0.lower.rounded() }
        try sheet.writeString(integers ? ui.integerBinsRule : ui.freedmanDiaconisRule, row: row, column: 0, format: styles.note)
        row += 1
        try sheet.writeRow([ui.valueRange, text.count, text.percent], row: row, format: styles.header)
        let first = row + 1
        let total = Double(max(1, bins.reduce(0) { $0 + $1.count }))
        for bin in bins {
            row += 1
            let label = integers ? ui.decimal(bin.lower) : "\(ui.decimal(bin.lower))–\(ui.decimal(bin.upper))"
            try sheet.writeString(label, row: row, column: 0)
            try cells.count(bin.count, row: row, column: 1, on: sheet)
            try cells.share(Double(bin.count) / total, row: row, column: 2, on: sheet)
        }
        let height = 320
        try insertColumnChart(on: sheet, in: workbook, rows: first...row, title: chartTitle(question, n: question.answered),
                              altText: question.text, size: ChartSize(width: max(480, 40 * bins.count), height: height), gap: 5)
        return max(row + 1, Self.rowBelowChart(height: height))
    }

    /// Mean, median, top-two-box and the rest, as label and value pairs; whole values as whole numbers.
    private func writeStatistics(_ question: QuestionSummary, from row: inout Int, on sheet: Worksheet) throws {
        enum Kind { case count, statistic, share }
        var items: [(String, Double, Kind)] = []
        if let stats = question.statistics {
            items.append(("n", Double(stats.n), .count))
            if let mean = stats.mean { items.append((text.mean, mean, .statistic)) }
            if let median = stats.median { items.append((text.median, median, .statistic)) }
        }
        if let topTwo = question.topTwoBox { items.append((text.topTwoBox, topTwo, .share)) }
        if let stats = question.statistics {
            if let sd = stats.standardDeviation { items.append((text.standardDeviation, sd, .statistic)) }
            if let min = stats.min { items.append((text.minimum, min, .statistic)) }
            if let q1 = stats.lowerQuartile { items.append((text.lowerQuartile, q1, .statistic)) }
            if let q3 = stats.upperQuartile { items.append((text.upperQuartile, q3, .statistic)) }
            if let max = stats.max { items.append((text.maximum, max, .statistic)) }
        }
        for (label, value, kind) in items where value.isFinite {
            try sheet.writeString(label, row: row, column: 0)
            switch kind {
            case .count: try cells.count(Int(value), row: row, column: 1, on: sheet)
            case .statistic: try cells.statistic(value, row: row, column: 1, on: sheet)
            case .share: try cells.share(value, row: row, column: 1, on: sheet)
            }
            row += 1
        }
    }

    /// Themes when a codebook was given, else the most used words; both with a bar chart.
    private func writeText(_ question: QuestionSummary, on sheet: Worksheet, in workbook: Workbook,
                           fitter: inout ColumnFitter) throws -> Int {
        guard let figures = question.textFigures else { return Self.headerRow }
        let answered = Double(max(question.answered, 1))
        let rows: [TableRow]
        if let themes = figures.themes {
            rows = themes.map { TableRow(label: $0.name, count: $0.suppressed ? nil : $0.count, share: $0.share) }
        } else {
            rows = figures.terms.prefix(15).map { TableRow(label: $0.term, count: $0.count, share: Double($0.count) / answered) }
        }
        try sheet.writeString(figures.themes != nil ? text.themesHeading : text.termsHeading,
                              row: Self.headerRow - 1, column: 0, format: styles.heading)
        let dataRows = try writeTable(rows, on: sheet, fitter: &fitter, intervals: false)
        var row = dataRows.upperBound + 2
        if !figures.languages.isEmpty {
            try sheet.writeString(text.answersLanguages, row: row, column: 0, format: styles.heading)
            row += 1
            for (code, count) in figures.languages.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                try sheet.writeString(code == "unknown" ? text.unknownLanguage : code, row: row, column: 0)
                try cells.count(count, row: row, column: 1, on: sheet)
                row += 1
            }
            row += 1
        }
        try sheet.writeString(text.seeFreeText, row: row, column: 0, format: styles.note)
        row += 1
        guard !rows.isEmpty else { return row }
        let height = try insertBarChart(on: sheet, in: workbook, categories: dataRows.lowerBound...(dataRows.lowerBound + rows.count - 1),
                                        title: chartTitle(question, n: question.answered), altText: question.text)
        return max(row, Self.rowBelowChart(height: height))
    }

    /// Horizontal bars of the percent column, reading top-down in table order with the value
    /// axis at the bottom (Excel draws the first category at the bottom unless the category axis
    /// is reversed, and a reversed axis moves the value axis to the top unless it crosses at the
    /// maximum). Returns the chart's height in pixels.
    private func insertBarChart(on sheet: Worksheet, in workbook: Workbook, categories rows: ClosedRange<Int>, title: String,
                                altText: String) throws -> Int {
        let chart = try workbook.addChart(.bar)
        try chart.addSeries(values: .column(2, rows: rows), categories: .column(0, rows: rows), in: sheet,
                            name: text.percent, color: WorkbookStyles.accent,
                            dataLabels: DataLabels(numberFormat: "0%", position: .outsideEnd))
        try chart.setTitle(title)
        try chart.setLegend(.none)
        try chart.setCategoryAxis(ChartAxis(reversed: true, crossesAtMaximum: true))
        try chart.setValueAxis(ChartAxis(min: 0, numberFormat: "0%", majorGridlines: true))
        try chart.setGap(60)
        let height = max(280, 100 + 34 * rows.count)
        try sheet.insertChart(chart, row: Self.headerRow, column: Self.chartColumn,
                              size: ChartSize(width: 560, height: height), altText: altText)
        return height
    }

    /// Vertical columns of the percent column, categories left to right in table (scale) order.
    private func insertColumnChart(on sheet: Worksheet, in workbook: Workbook, rows: ClosedRange<Int>, title: String,
                                   altText: String, size: ChartSize, gap: Int) throws {
        let chart = try workbook.addChart(.column)
        try chart.addSeries(values: .column(2, rows: rows), categories: .column(0, rows: rows), in: sheet,
                            name: text.percent, color: WorkbookStyles.accent,
                            dataLabels: DataLabels(numberFormat: "0%", position: .outsideEnd))
        try chart.setTitle(title)
        try chart.setLegend(.none)
        try chart.setValueAxis(ChartAxis(min: 0, numberFormat: "0%", majorGridlines: true))
        try chart.setGap(gap)
        try sheet.insertChart(chart, row: Self.headerRow, column: Self.chartColumn, size: size, altText: altText)
    }
}

/// How the question sheets write a count, a share and a statistic: in one place, so a change of
/// rendering (a suppressed count, say) is made once for every table.
struct QuestionCells {
    let styles: WorkbookStyles

    func count(_ count: Int, row: Int, column: Int, on sheet: Worksheet) throws {
        try sheet.writeNumber(Double(count), row: row, column: column, format: styles.count)
    }

    /// A share (0–1) as a percent; nothing for a missing or undefined share.
    func share(_ share: Double?, row: Int, column: Int, on sheet: Worksheet) throws {
        guard let share, share.isFinite else { return }
        try sheet.writeNumber(share, row: row, column: column, format: styles.percent)
    }

    /// A mean, median or the like: a whole value as a whole number ("4", not "4.00").
    func statistic(_ value: Double, row: Int, column: Int, on sheet: Worksheet) throws {
        guard value.isFinite else { return }
        try sheet.writeNumber(value, row: row, column: column, format: value == value.rounded() ? styles.count : styles.decimal)
    }
}
