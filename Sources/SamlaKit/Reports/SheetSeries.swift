import Foundation
import XLSXWriter

/// A list too long for one sheet continued on "Name (2)", "Name (3)", …, each with the same
/// header row, frozen and filterable. The sheets are added up front from the planned row count,
/// so they sit together in the workbook; rows past the plan still get a sheet, at the end.
///
/// As a table (`asTable`, only in a workbook that keeps its sheets in memory, where libxlsxwriter
/// can build tables) or with an autofilter; in a constant-memory workbook the sheets stream, and
/// where the fast paths pack the file their data rows are written as XML by ``SplicedRows`` (on
/// this, the workbook's thread) rather than cell by cell through libxlsxwriter: the same cells.
final class SheetSeries {
    let baseName: String
    let headings: [String]
    let capacity: Int
    let asTable: Bool
    private let workbook: Workbook
    private let styles: WorkbookStyles
    private(set) var sheets: [Worksheet] = []
    /// Each sheet's data rows as XML, where they are written so.
    private var splicedRows: [SplicedRows?] = []
    /// Where the row taken last goes.
    private var sheet: Worksheet?
    private var spliced: SplicedRows?
    private var row = 0
    /// Data rows written on each sheet.
    private(set) var rowCounts: [Int] = []
    private(set) var fitter: ColumnFitter
    private var current = 0
    /// The zone date cells show their local time in (UTC unless the sheet says otherwise).
    var timeZone = TimeZone(secondsFromGMT: 0) ?? .current

    init(workbook: Workbook, styles: WorkbookStyles, name: String, headings: [String], plannedRows: Int,
         capacity: Int, asTable: Bool, minimumWidths: [Double]? = nil) throws {
        self.workbook = workbook
        self.styles = styles
        self.baseName = name
        self.headings = headings
        self.capacity = capacity
        self.asTable = asTable
        fitter = ColumnFitter(columns: headings.count, minimum: 6, maximum: 50)
        for (column, heading) in headings.enumerated() {
            // Headers wrap onto three lines, so a long question text needs only a third of its length.
            let words = heading.split(separator: " ").map(\.count).max() ?? 0
            fitter.measure(width: max(Double(words) + 2, Double(heading.count) / 3 + 2), column: column)
            if let minimumWidths, column < minimumWidths.count { fitter.measure(width: minimumWidths[column], column: column) }
        }
        let planned = max(1, (plannedRows + capacity - 1) / capacity)
        for _ in 0..<planned { try addSheet() }
    }

    var names: [String] { sheets.map(\.name) }
    private(set) var totalRows = 0

    private func addSheet() throws {
        let name = sheets.isEmpty ? baseName : "\(baseName) (\(sheets.count + 1))"
        let sheet = try workbook.addWorksheet(name: name)
        // Row height and header cells come first: a streaming sheet cannot go back to row 0.
        try sheet.setRowHeight(45, row: 0)
        for (column, heading) in headings.enumerated() {
            try sheet.writeString(heading, row: 0, column: column, format: styles.header)
        }
        try sheet.freezePanes(row: 1, column: 1)
        // Printed one page wide with the header row on every page; a list of many columns is wide.
        try sheet.preparePrint(landscape: headings.count > 5, repeatedRows: 0...0)
        splicedRows.append(try sheet.splicedRows(from: 1))
        sheets.append(sheet)
        rowCounts.append(0)
    }

    /// Takes the next data row: the ``writeString(_:column:)`` and others after it go there.
    func nextRow() throws {
        if rowCounts[current] == capacity {
            current += 1
            if current == sheets.count { try addSheet() }
        }
        rowCounts[current] += 1
        totalRows += 1
        sheet = sheets[current]
        spliced = splicedRows[current]
        row = rowCounts[current]
    }

    /// A string cell in the row taken last (nothing for empty text).
    func writeString(_ text: String, column: Int) throws {
        if let spliced {
            try spliced.writeString(text, row: row, column: column)
        } else {
            try sheet?.writeString(text, row: row, column: column)
        }
    }

    func writeNumber(_ value: Double, column: Int) throws {
        if let spliced {
            try spliced.writeNumber(value, row: row, column: column)
        } else {
            try sheet?.writeNumber(value, row: row, column: column)
        }
    }

    /// A date cell in the date style, its wall-clock time in ``timeZone``.
    func writeDate(_ date: Date, column: Int) throws {
        if let spliced {
            try spliced.writeDate(date, row: row, column: column, format: styles.date, timeZone: timeZone)
        } else {
            try sheet?.writeDate(date, row: row, column: column, format: styles.date, timeZone: timeZone)
        }
    }

    /// Writes `cells` as the next row: dates in the date style, empty cells not at all, and nothing
    /// else formatted.
    func add(_ cells: [ResponseCell]) throws {
        try nextRow()
        let sampling = isSampling
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .empty:
                continue
            case .text(let text), .label(let text):
                try writeString(text, column: column)
                if sampling { measure(text, column: column) }
            case .number(let value):
                try writeNumber(value, column: column)
            case .date(let date):
                try writeDate(date, column: column)
            }
        }
    }

    /// Whether the row just taken is among the first ones, whose widths are measured.
    var isSampling: Bool { current == 0 && rowCounts[0] <= ColumnFitter.sampleRows }

    func measure(_ text: String, column: Int) {
        fitter.measure(text, column: column)
    }

    func measure(width: Double, column: Int) {
        fitter.measure(width: width, column: column)
    }

    /// Widths, filters or tables, once every row is written.
    func finish() throws {
        let lastColumn = max(0, headings.count - 1)
        for (index, sheet) in sheets.enumerated() {
            try fitter.apply(to: sheet)
            let rows = rowCounts[index]
            if asTable && rows > 0 {
                try sheet.addTable(CellRange(firstRow: 0, firstColumn: 0, lastRow: rows, lastColumn: lastColumn),
                                   headers: headings, options: TableOptions(style: .medium(2), headerFormat: styles.header))
            } else {
                try sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: rows, lastColumn: lastColumn))
            }
        }
    }
}
