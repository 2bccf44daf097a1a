import XLSXWriter

/// Every response, one row each, one column per question (see ``ResponseColumns``), written in
/// one streaming pass. Numbers stay numbers and dates dates, so filters and sums work; answers are
/// always string cells, never formulas.
final class ResponsesSheet {
    let columns: ResponseColumns
    let series: SheetSeries
    private let styles: WorkbookStyles
    private var row: [ResponseCell] = []
    private var cache = JoinedLabelCache()

    init(workbook: Workbook, styles: WorkbookStyles, columns: ResponseColumns, name: String, plannedRows: Int,
         options: ExportOptions) throws {
        self.columns = columns
        self.styles = styles
        let asTable = plannedRows <= options.responsesTableLimit
        series = try SheetSeries(workbook: workbook, styles: styles, name: name, headings: columns.headings,
                                 plannedRows: plannedRows, capacity: options.rowsPerSheet, asTable: asTable,
                                 minimumWidths: columns.columns.map(\.minimumWidth))
    }

    var usesTable: Bool { series.asTable }

    /// Writes the response as row `number` of the list (1 for the first), named `respondent`.
    func add(_ response: Response, number: Int, respondent: String) throws {
        let (sheet, rowIndex) = try series.nextRow()
        columns.fill(&row, with: response, number: number, respondent: respondent, cache: &cache)
        let sampling = series.isSampling
        for (column, cell) in row.enumerated() {
            switch cell {
            case .empty:
                continue
            case .text(let text):
                try sheet.writeString(text, row: rowIndex, column: column)
                if sampling { series.measure(text, column: column) }
            case .label(let text):
                try sheet.writeSharedString(text, row: rowIndex, column: column)
                if sampling { series.measure(text, column: column) }
            case .number(let value):
                try sheet.writeNumber(value, row: rowIndex, column: column)
            case .date(let date):
                try sheet.writeDate(date, row: rowIndex, column: column, format: styles.date)
            }
        }
    }

    func finish() throws {
        try series.finish()
    }
}
