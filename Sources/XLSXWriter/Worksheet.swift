import CXLSXWriter
import Foundation

/// One sheet of a ``Workbook``. Rows and columns are zero-based.
///
/// Every method throws ``XLSXError/workbookClosed`` once the workbook is closed. On a
/// constant-memory sheet rows must be written in increasing order: a row is flushed to disk as
/// soon as a later row is touched, and writing to it again throws
/// ``XLSXError/worksheetIndexOutOfRange``. Row heights and formats must therefore be set before
/// the row's cells are written past. A sheet added with `constantMemory: false` to a
/// constant-memory workbook takes writes in any order; they are checked when made and reach
/// libxlsxwriter in row order when the workbook closes (see ``Workbook/addWorksheet(name:constantMemory:)``).
///
/// Text is never interpreted: ``writeString(_:row:column:format:)`` and every other method
/// taking display text write string cells, so "=1+1" stays the four characters "=1+1". Only
/// ``writeFormula(_:row:column:format:cachedValue:)`` makes a formula.
public final class Worksheet {
    /// The name actually used (after ``SheetName/make(_:existing:)``).
    public let name: String
    /// Whether rows must be written in increasing order.
    public let isConstantMemory: Bool
    /// Whether libxlsxwriter streams the sheet (any sheet of a constant-memory workbook): no
    /// tables, inline strings, no cached values for charts drawn from it.
    public let isStreamed: Bool
    public let workbook: Workbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    private let rows: SheetRows
    private var mergedRanges: [CellRange] = []

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String, constantMemory: Bool,
         streamed: Bool, rows: SheetRows) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
        self.isConstantMemory = constantMemory
        self.isStreamed = streamed
        self.rows = rows
    }

    // MARK: - Cells

    /// Writes text as a string cell, made safe with ``CellText/safe(_:)``. An empty string
    /// writes nothing unless a format is given (then a formatted blank cell).
    public func writeString(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        let lxwFormat = try workbook.formatHandle(format)
        // libxlsxwriter writes nothing for an empty string without a format.
        if text.isEmpty && lxwFormat == nil { return }
        try rows.checkNotSpliced(row: row)
        let handle = handle
        rows.touched = true
        // The streamed path, millions of cells in a large export, makes no closure to hold.
        guard let held = rows.held else {
            try XLSXError.check(CellText.withSafeCString(text) { worksheet_write_string(handle, r, c, $0, lxwFormat) })
            return
        }
        held.hold(row: Int(r)) {
            try XLSXError.check(CellText.withSafeCString(text) { worksheet_write_string(handle, r, c, $0, lxwFormat) })
        }
    }

    /// Writes a number. NaN and infinities throw, since Excel has no cell value for them.
    public func writeNumber(_ value: Double, row: Int, column: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        guard value.isFinite else { throw XLSXError.invalidArgument("\(value) cannot be stored in a cell") }
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        try rows.checkNotSpliced(row: row)
        rows.touched = true
        guard let held = rows.held else {
            try XLSXError.check(worksheet_write_number(handle, r, c, value, lxwFormat))
            return
        }
        held.hold(row: Int(r)) { try XLSXError.check(worksheet_write_number(handle, r, c, value, lxwFormat)) }
    }

    public func writeBoolean(_ value: Bool, row: Int, column: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        try rows.perform(row: Int(r)) { try XLSXError.check(worksheet_write_boolean(handle, r, c, value ? 1 : 0, lxwFormat)) }
    }

    /// A cell with a format and no value. Without a format libxlsxwriter writes nothing.
    public func writeBlank(row: Int, column: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        if lxwFormat == nil { return }
        try rows.perform(row: Int(r)) { try XLSXError.check(worksheet_write_blank(handle, r, c, lxwFormat)) }
    }

    /// Writes a date as an Excel serial number (1900 date system) with the wall-clock time it
    /// has in `timeZone`. Give a format with a date number format, or it shows as a number.
    /// Dates before 1900-03-01 throw: Excel's serials are wrong before then.
    public func writeDate(_ date: Date, row: Int, column: Int, format: Format? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        try workbook.checkOpen()
        try writeNumber(Worksheet.serial(of: date, timeZone: timeZone), row: row, column: column, format: format)
    }

    /// The Excel serial (1900 date system) of `date`'s wall-clock time in `timeZone`.
    static func serial(of date: Date, timeZone: TimeZone) throws -> Double {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let serial = seconds / 86_400 + 25_569
        guard serial >= 61, serial < 2_958_466 else {
            throw XLSXError.invalidArgument("\(date) is outside Excel's date range (1900-03-01 to 9999-12-31)")
        }
        return serial
    }

    /// A writer of this sheet's data rows as XML, from `row` on (``SplicedRows``), when the
    /// workbook streams this sheet in order and its parts are packed by ``FastPaths``; nil
    /// otherwise, and the rows are written through this sheet. One a sheet.
    /// Nil too where this libxlsxwriter does not write a streamed sheet as the splicing expects
    /// (``SpliceProbe``).
    public func splicedRows(from row: Int) throws -> SplicedRows? {
        try workbook.checkOpen()
        // The sheet first: a workbook kept in memory never runs the probe.
        guard takesSplicedRows, SpliceProbe.shared.splicingWorks() else { return nil }
        return try makeSplicedRows(from: row)
    }

    /// Whether this sheet streams in order and its workbook's parts are packed by ``FastPaths``.
    private var takesSplicedRows: Bool { isStreamed && isConstantMemory && rows.held == nil && FastPaths.packOnEveryCore }

    /// ``splicedRows(from:)`` without asking ``SpliceProbe``, which uses it.
    func makeSplicedRows(from row: Int) throws -> SplicedRows? {
        try workbook.checkOpen()
        guard takesSplicedRows else { return nil }
        guard rows.splice == nil else { throw XLSXError.invalidArgument("the sheet \(name) already has spliced rows") }
        _ = try CellRange.cell(row, 0)
        let splice = try SheetSplice(sheet: handle, from: row, temporaryDirectory: workbook.options.temporaryDirectory,
                                     compression: workbook.options.compression)
        rows.splice = splice
        workbook.splices.append(splice)
        return SplicedRows(worksheet: self, splice: splice)
    }

    /// Writes a hyperlink cell. `url` must start with http://, https://, ftp://, ftps://,
    /// mailto:, file://, internal: (a place in this workbook, e.g. "internal:'Sheet 2'!A1") or
    /// external: (a local file). `text` is what the cell shows (the URL when nil) and is made
    /// safe like any string. Without a format libxlsxwriter uses its blue underlined style.
    public func writeURL(_ url: String, text: String? = nil, tooltip: String? = nil, row: Int, column: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        let lxwFormat = try workbook.formatHandle(format)
        try Worksheet.validateURL(url)
        var shown = text ?? url
        if text == nil, shown.hasPrefix("mailto:") { shown.removeFirst("mailto:".count) }
        let safeText = CellText.safe(shown)
        let tip = tooltip.map { String(CellText.removingIllegalCharacters($0).prefix(255)) }
        let handle = handle
        try rows.perform(row: Int(r)) {
            let arena = CStringArena()
            let cURL = try arena.copy(url)
            let cText = try arena.copy(safeText)
            let cTip = try arena.copy(tip)
            try XLSXError.check(worksheet_write_url_opt(handle, r, c, cURL, lxwFormat, cText, cTip))
        }
    }

    /// libxlsxwriter looks for "internal:" and "external:" anywhere in the URL, so a web
    /// address containing those words would turn into a local link; only the documented
    /// prefixes are let through.
    static let maxURLLength = 2_079

    static func validateURL(_ url: String) throws {
        let lower = url.lowercased()
        let schemes = ["http://", "https://", "ftp://", "ftps://", "mailto:", "file://"]
        let prefixed = schemes.contains { lower.hasPrefix($0) }
        let local = url.hasPrefix("internal:") || url.hasPrefix("external:")
        guard prefixed || local else {
            throw XLSXError.invalidArgument("unsupported URL scheme: \(url.prefix(40))")
        }
        let body = local ? String(url.dropFirst(9)) : url
        if body.contains("internal:") || body.contains("external:") {
            throw XLSXError.invalidArgument("URL contains 'internal:' or 'external:' after its start")
        }
        if url.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw XLSXError.invalidArgument("URL contains control characters")
        }
        // libxlsxwriter checks this too (after percent-escaping), but also prints the whole URL.
        if url.unicodeScalars.count > maxURLLength {
            throw XLSXError.worksheetMaxURLLengthExceeded
        }
    }

    /// Writes one of the caller's own formulas, e.g. "=SUM(B2:B10)". Never pass text that came
    /// from outside the program (answers, labels): that is what ``writeString(_:row:column:format:)``
    /// is for. `cachedValue` is what readers that do not recalculate show until Excel does.
    public func writeFormula(_ formula: String, row: Int, column: Int, format: Format? = nil, cachedValue: Double = 0) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        guard !formula.isEmpty, !formula.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw XLSXError.invalidArgument("formula is empty or contains control characters")
        }
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        try rows.perform(row: Int(r)) {
            try XLSXError.check(worksheet_write_formula_num(handle, r, c, formula, lxwFormat, cachedValue))
        }
    }

    /// Writes any ``CellValue``.
    public func write(_ value: CellValue, row: Int, column: Int, format: Format? = nil) throws {
        switch value {
        case .string(let text): try writeString(text, row: row, column: column, format: format)
        case .number(let number): try writeNumber(number, row: row, column: column, format: format)
        case .boolean(let flag): try writeBoolean(flag, row: row, column: column, format: format)
        case .date(let date): try writeDate(date, row: row, column: column, format: format)
        case .blank: try writeBlank(row: row, column: column, format: format)
        }
    }

    /// Writes `values` left to right starting at `firstColumn`.
    public func writeRow(_ values: [CellValue], row: Int, firstColumn: Int = 0, format: Format? = nil) throws {
        for (offset, value) in values.enumerated() {
            try write(value, row: row, column: firstColumn + offset, format: format)
        }
    }

    /// Writes strings left to right starting at `firstColumn`; the fast path for big exports.
    public func writeRow(_ values: [String], row: Int, firstColumn: Int = 0, format: Format? = nil) throws {
        for (offset, value) in values.enumerated() {
            try writeString(value, row: row, column: firstColumn + offset, format: format)
        }
    }

    // MARK: - Layout

    /// Column width in Excel's character units (0 hides the columns; at most 255). A column set
    /// again keeps the last width; the widths are written when the workbook closes, one range per
    /// run of equal columns, so the sheet never has overlapping column ranges.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, format: Format? = nil) throws {
        try workbook.checkOpen()
        guard width >= 0, width <= 255 else { throw XLSXError.invalidArgument("column width must be 0 to 255") }
        let (_, first) = try CellRange.cell(0, columns.lowerBound)
        let (_, last) = try CellRange.cell(0, columns.upperBound)
        let setting = Workbook.ColumnSetting(width: width, format: try workbook.formatHandle(format))
        for column in Int(first) ... Int(last) {
            workbook.columnSettings[handle, default: [:]][column] = setting
        }
    }

    public func setColumnWidth(_ width: Double, column: Int, format: Format? = nil) throws {
        try setColumnWidth(width, columns: column...column, format: format)
    }

    /// Row height in points, above 0 (libxlsxwriter hides a row of height 0) and at most 409.
    public func setRowHeight(_ height: Double, row: Int, format: Format? = nil) throws {
        try workbook.checkOpen()
        guard height > 0, height <= 409 else { throw XLSXError.invalidArgument("row height must be above 0 and at most 409 points") }
        let (r, _) = try CellRange.cell(row, 0)
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        try rows.perform(row: Int(r)) { try XLSXError.check(worksheet_set_row(handle, r, height, lxwFormat)) }
    }

    /// Keeps the rows above `row` and the columns left of `column` in view; (1, 0) freezes the
    /// header row only.
    public func freezePanes(row: Int, column: Int) throws {
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        worksheet_freeze_panes(handle, r, c)
    }

    /// Adds filter buttons to the first row of `range`. A sheet has at most one autofilter,
    /// and it must not overlap a table (tables bring their own).
    public func setAutofilter(_ range: CellRange) throws {
        try workbook.checkOpen()
        let (r1, c1, r2, c2) = try range.checked()
        try XLSXError.check(worksheet_autofilter(handle, r1, c1, r2, c2))
    }

    /// Merges `range` into one cell showing `text` (made safe like any string). Needs at least
    /// two cells; overlapping merges are refused because Excel would repair the file. On a
    /// streamed sheet the range must lie in one row (libxlsxwriter fills a merge row by row).
    public func mergeRange(_ range: CellRange, text: String, format: Format? = nil) throws {
        try workbook.checkOpen()
        let (r1, c1, r2, c2) = try range.checked()
        guard range.rowCount > 1 || range.columnCount > 1 else {
            throw XLSXError.invalidArgument("a merged range needs at least two cells")
        }
        if let clash = mergedRanges.first(where: { $0.overlaps(range) }) {
            throw XLSXError.invalidArgument("merge \(range) overlaps merge \(clash)")
        }
        if isStreamed && range.rowCount > 1 {
            throw XLSXError.constantMemoryUnsupported(feature: "A merged range over several rows")
        }
        let lxwFormat = try workbook.formatHandle(format), handle = handle
        let safeText = CellText.safe(text)
        try rows.perform(row: Int(r1)) {
            try XLSXError.check(safeText.withCString { worksheet_merge_range(handle, r1, c1, r2, c2, $0, lxwFormat) })
        }
        mergedRanges.append(range)
    }

    /// Hides the grid lines (on screen; printing them is off by default anyway).
    public func hideGridlines() throws {
        try workbook.checkOpen()
        worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue))
    }

    /// Prints (and exports to PDF) the sheet scaled to `wide` pages across, as many down as it
    /// needs, so a table and its chart are not cut into columns on separate pages.
    public func fitToPages(wide: Int, landscape: Bool = false) throws {
        try workbook.checkOpen()
        if landscape { worksheet_set_landscape(handle) }
        worksheet_fit_to_pages(handle, UInt16(clamping: wide), 0)
    }

    /// Paper for printing; ``PaperSize/a4`` is Excel's code 9.
    public func setPaper(_ paper: PaperSize) throws {
        try workbook.checkOpen()
        worksheet_set_paper(handle, paper.code)
    }

    /// Prints in landscape orientation.
    public func setLandscape() throws {
        try workbook.checkOpen()
        worksheet_set_landscape(handle)
    }

    /// Scales the print to `wide` pages across and `tall` down; 0 for as many as needed.
    public func fitToPages(wide: Int, tall: Int) throws {
        try workbook.checkOpen()
        worksheet_fit_to_pages(handle, UInt16(clamping: wide), UInt16(clamping: tall))
    }

    /// The printed page footer in Excel's header/footer codes (`&L`, `&C`, `&R` for the sections,
    /// `&A` the sheet name, `&P` the page, `&N` the pages); at most 255 characters.
    public func setFooter(_ codes: String) throws {
        try workbook.checkOpen()
        guard codes.utf8.count <= 255 else { throw XLSXError.invalidArgument("a footer holds at most 255 characters") }
        try XLSXError.check(worksheet_set_footer(handle, codes))
    }

    /// Prints `rows` at the top of every page (Excel's print titles).
    public func repeatRows(_ rows: ClosedRange<Int>) throws {
        try workbook.checkOpen()
        let (first, _) = try CellRange.cell(rows.lowerBound, 0)
        let (last, _) = try CellRange.cell(rows.upperBound, 0)
        try XLSXError.check(worksheet_repeat_rows(handle, first, last))
    }

    /// Makes this the sheet shown when the file is opened.
    public func activate() throws {
        try workbook.checkOpen()
        worksheet_activate(handle)
    }

    // MARK: - Tables and charts

    /// Turns `range` into an Excel table. `headers` name the columns, one per column of the
    /// range; they are written into the header row (replacing whatever is there) after being
    /// made unique and safe. Returns the table's final name.
    ///
    /// Throws ``XLSXError/constantMemoryUnsupported(feature:)`` on a streamed sheet (any sheet
    /// of a constant-memory workbook), where libxlsxwriter refuses tables.
    @discardableResult
    public func addTable(_ range: CellRange, headers: [String], options: TableOptions = TableOptions()) throws -> String {
        try workbook.checkOpen()
        guard !isStreamed else { throw XLSXError.constantMemoryUnsupported(feature: "An Excel table") }
        let (r1, c1, r2, c2) = try range.checked()
        guard headers.count == range.columnCount else {
            throw XLSXError.invalidArgument("table \(range) has \(range.columnCount) columns but \(headers.count) headers")
        }
        guard range.rowCount >= (options.headerRow ? 2 : 1) else {
            throw XLSXError.invalidArgument("a table needs at least one data row")
        }
        let headerFormat = try workbook.formatHandle(options.headerFormat)
        let style = try options.style.lxwValues()
        let tableName = TableName.make(options.name ?? "Table\(workbook.tableNames.count + 1)", existing: workbook.tableNames)

        let arena = CStringArena()
        let cleanHeaders = TableName.headers(headers)
        let columns = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: cleanHeaders.count)
        columns.initialize(repeating: lxw_table_column(), count: cleanHeaders.count)
        defer { columns.deinitialize(count: cleanHeaders.count); columns.deallocate() }
        // libxlsxwriter reads the column list up to a NULL entry.
        let columnList = UnsafeMutablePointer<UnsafeMutablePointer<lxw_table_column>?>.allocate(capacity: cleanHeaders.count + 1)
        defer { columnList.deallocate() }
        for (index, header) in cleanHeaders.enumerated() {
            setCString(&columns[index].header, try arena.copy(header))
            columns[index].header_format = headerFormat
            columnList[index] = columns + index
        }
        columnList[cleanHeaders.count] = nil

        var lxwOptions = lxw_table_options()
        setCString(&lxwOptions.name, try arena.copy(tableName))
        lxwOptions.no_header_row = options.headerRow ? 0 : 1
        lxwOptions.no_autofilter = options.autofilter ? 0 : 1
        lxwOptions.no_banded_rows = options.bandedRows ? 0 : 1
        lxwOptions.banded_columns = options.bandedColumns ? 1 : 0
        lxwOptions.first_column = options.emphasizeFirstColumn ? 1 : 0
        lxwOptions.last_column = options.emphasizeLastColumn ? 1 : 0
        lxwOptions.style_type = style.type
        lxwOptions.style_type_number = style.number
        lxwOptions.columns = columnList
        try XLSXError.check(worksheet_add_table(handle, r1, c1, r2, c2, &lxwOptions))
        workbook.tableNames.append(tableName)
        return tableName
    }

    /// Places `chart` with its top-left corner in cell (row, column). A chart can be inserted
    /// once. `size` is in pixels (Excel's default is 480 × 288); `altText` is the description
    /// read by screen readers.
    public func insertChart(_ chart: Chart, row: Int, column: Int, size: ChartSize? = nil, offset: (x: Int, y: Int) = (0, 0), altText: String? = nil) throws {
        try workbook.checkOpen()
        guard chart.workbook === workbook else { throw XLSXError.foreignHandle }
        let (r, c) = try CellRange.cell(row, column)
        guard !chart.isInserted else { throw XLSXError.invalidArgument("a chart can be inserted only once") }
        guard chart.seriesCount > 0 else { throw XLSXError.invalidArgument("a chart needs at least one series") }
        var lxwOptions = lxw_chart_options()
        if let size {
            guard size.width > 0, size.height > 0 else { throw XLSXError.invalidArgument("chart size must be positive") }
            lxwOptions.x_scale = Double(size.width) / Double(ChartSize.default.width)
            lxwOptions.y_scale = Double(size.height) / Double(ChartSize.default.height)
        }
        guard let x = Int32(exactly: offset.x), let y = Int32(exactly: offset.y) else {
            throw XLSXError.invalidArgument("chart offset out of range")
        }
        lxwOptions.x_offset = x
        lxwOptions.y_offset = y
        let arena = CStringArena()
        setCString(&lxwOptions.description, try arena.copy(altText.map { String(CellText.removingIllegalCharacters($0).prefix(255)) }))
        try XLSXError.check(worksheet_insert_chart_opt(handle, r, c, chart.handle, &lxwOptions))
        chart.isInserted = true
    }
}

/// A value for ``Worksheet/write(_:row:column:format:)``.
public enum CellValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case boolean(Bool)
    case date(Date)
    case blank
}

extension CellRange {
    func overlaps(_ other: CellRange) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }
}

/// Paper sizes for printing, by Excel's codes.
public enum PaperSize: Hashable, Sendable {
    case a4
    case letter
    /// Any other of Excel's paper codes.
    case code(UInt8)

    var code: UInt8 {
        switch self {
        case .a4: return 9
        case .letter: return 1
        case .code(let code): return code
        }
    }
}
