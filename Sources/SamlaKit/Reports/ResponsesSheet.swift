import XLSXWriter

/// Every response, one row each, one column per question (see ``ResponseColumns``), written in
/// one streaming pass. Numbers stay numbers and dates dates, so filters and sums work; answers are
/// always string cells, never formulas.
final class ResponsesSheet {
    let series: SheetSeries

    init(workbook: Workbook, styles: WorkbookStyles, columns: ResponseColumns, name: String, plannedRows: Int,
         options: ExportOptions) throws {
        let asTable = !workbook.options.constantMemory
        series = try SheetSeries(workbook: workbook, styles: styles, name: name, headings: columns.headings,
                                 plannedRows: plannedRows, capacity: options.rowsPerSheet, asTable: asTable,
                                 minimumWidths: columns.columns.map(\.minimumWidth))
        series.timeZone = columns.timeZone
    }

    var usesTable: Bool { series.asTable }

    /// Writes the next row: `cells` from ``ResponseColumns/cells(of:number:respondent:cache:)``.
    func add(_ cells: [ResponseCell]) throws {
        try series.add(cells)
    }

    func finish() throws {
        try series.finish()
    }
}
