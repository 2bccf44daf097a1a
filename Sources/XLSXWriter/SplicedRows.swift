import CXLSXFastPaths
import CXLSXWriter
import Foundation

/// The data rows of a streamed sheet, written as the sheet's XML by this wrapper instead of cell by
/// cell through libxlsxwriter, and spliced into libxlsxwriter's file as it is packed.
///
/// In a large export most of libxlsxwriter's time goes to its work per cell: a `printf` or two, the
/// cell's temporary file, copying that file into the package at close. Here a row's cells are laid
/// into one reusable buffer in the shapes libxlsxwriter writes but for the cells' references
/// (`CXLSXFastPaths`' SheetRows.c: `<row r="5"><c s="2"><v>12</v></c><c t="inlineStr"><is><t>…</t></is></c></row>`,
/// the same escaping, the same style index for a ``Format``; a cell names itself, `r="B5"`, only
/// where a reader could not tell its place from the cell before it), deflated as they come in blocks of
/// 512 KiB on the packing threads, at the workbook's level, and written to an unlinked temporary
/// file: memory stays flat, and the deflate overlaps the export's reading instead of following it.
/// When the workbook closes, two marker cells go through libxlsxwriter's public API, random tokens
/// in the first and last data rows, so the library writes the sheet's dimension, panes, filter and
/// columns as ever; the packing under it (`CXLSXFastPaths`' Splicing.c) replaces the two marker
/// rows with these rows' deflated bytes (the part's deflate stream cut on a byte boundary around
/// them, their CRC joined) and fails the close when it does not find them, or finds anything else
/// between them.
///
/// Only where the parts are packed by `CXLSXFastPaths` (``FastPaths/packOnEveryCore``) and only on
/// a streamed, in-order sheet: ``Worksheet/splicedRows(from:)`` returns nil otherwise, and the
/// caller writes through ``Worksheet`` as before. Text is made safe exactly as by
/// ``Worksheet/writeString(_:row:column:format:)``: a string cell never becomes a formula.
///
/// Rows must increase and a row's cells go left to right. The sheet takes no writes through
/// ``Worksheet`` on the rows from the first spliced one on. Spliced cells take only their own
/// format (no row or column format), as every cell of a streamed sheet whose columns are set at close.
public final class SplicedRows {
    public let worksheet: Worksheet
    let splice: SheetSplice

    init(worksheet: Worksheet, splice: SheetSplice) {
        self.worksheet = worksheet
        self.splice = splice
    }

    /// Writes text as a string cell, made safe with ``CellText/safe(_:)``. An empty string writes
    /// nothing unless a format is given (then a formatted blank cell), as through ``Worksheet``.
    public func writeString(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        let workbook = worksheet.workbook
        if text.isEmpty {
            // A blank cell for a format, nothing without one.
            if format == nil { return }
            try splice.cell(row: row, column: column, format: format, in: workbook) { cxlsx_sheet_rows_blank($0, $1, $2) }
            return
        }
        try splice.cell(row: row, column: column, format: format, in: workbook) { rows, column, style in
            CellText.withSafeUTF8(text) { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cxlsx_sheet_rows_string(rows, column, style, $0.baseAddress, $0.count) }
            }
        }
    }

    /// Writes a number. NaN and infinities throw, since Excel has no cell value for them.
    public func writeNumber(_ value: Double, row: Int, column: Int, format: Format? = nil) throws {
        guard value.isFinite else { throw XLSXError.invalidArgument("\(value) cannot be stored in a cell") }
        try splice.cell(row: row, column: column, format: format, in: worksheet.workbook) { cxlsx_sheet_rows_number($0, $1, $2, value) }
    }

    /// Writes a date as ``Worksheet/writeDate(_:row:column:format:timeZone:)`` does: the same serial.
    public func writeDate(_ date: Date, row: Int, column: Int, format: Format? = nil,
                          timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws {
        try writeNumber(Worksheet.serial(of: date, timeZone: timeZone), row: row, column: column, format: format)
    }
}

/// What the workbook keeps of a sheet's spliced rows: the C writer, and where the rows lie, for the
/// markers it writes at close. Holds no ``Worksheet`` (which would hold the workbook).
final class SheetSplice {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    /// Rows before this one are the library's; from it on, only this writer's.
    let firstAllowedRow: Int
    private var rows: OpaquePointer?
    private(set) var firstRow = -1
    private(set) var lastRow = -1
    private var lastColumn = -1
    private(set) var firstColumn = Int.max
    private(set) var widestColumn = -1
    /// The last format's xf index, looked up again only when the format changes.
    private var lastFormat: UnsafeMutablePointer<lxw_format>?
    private var lastStyle: Int32 = 0

    /// `compression`: the workbook's, at which the rows are deflated as they are written.
    init(sheet: UnsafeMutablePointer<lxw_worksheet>, from row: Int, temporaryDirectory: String?,
         compression: Compression) throws {
        self.sheet = sheet
        firstAllowedRow = row
        guard let rows = cxlsx_sheet_rows_new(temporaryDirectory, compression.zlibLevel) else {
            throw XLSXError.splicedRows("no temporary file for the rows in \(temporaryDirectory ?? "the temporary folder"): \(String(cString: strerror(errno)))")
        }
        self.rows = rows
    }

    deinit {
        if let rows { cxlsx_sheet_rows_free(rows) }
    }

    /// The index libxlsxwriter writes as `s=` for `format`: the one it gives it the first time any
    /// cell uses it, through the library's public `lxw_format_get_xf_index`; 0 for no format.
    private func style(of format: Format?, in workbook: Workbook) throws -> Int32 {
        guard let handle = try workbook.formatHandle(format) else { return 0 }
        if handle != lastFormat {
            lastStyle = lxw_format_get_xf_index(handle)
            lastFormat = handle
        }
        return lastStyle
    }

    /// Opens `row` when it is a new one, checks the place, and runs `write` on the C writer with the
    /// column and the format's style index.
    func cell(row: Int, column: Int, format: Format?, in workbook: Workbook,
              _ write: (OpaquePointer, UInt32, Int32) -> Int32) throws {
        guard let rows else { throw XLSXError.workbookClosed }
        try workbook.checkOpen()
        let (r, c) = try CellRange.cell(row, column)
        if row != lastRow {
            guard row > lastRow, row >= firstAllowedRow else {
                throw XLSXError.invalidArgument("spliced rows must increase (row \(row) after \(lastRow))")
            }
            if firstRow < 0 {
                // Through the library, writing this row would first flush the row before it and give
                // that row's formats their style indices: touched here in the same way (an empty row
                // of default height changes nothing that shows; its marker comes at close), so the
                // formats are numbered in the same order either way.
                try XLSXError.check(worksheet_set_row(sheet, r, LXW_DEF_ROW_HEIGHT, nil))
            }
            try check(cxlsx_sheet_rows_begin_row(rows, UInt32(r)))
            if firstRow < 0 { firstRow = row }
            lastRow = row
            lastColumn = -1
        }
        guard column > lastColumn else {
            throw XLSXError.invalidArgument("spliced cells of a row go left to right (column \(column) after \(lastColumn))")
        }
        try check(write(rows, UInt32(c), try style(of: format, in: workbook)))
        lastColumn = column
        firstColumn = min(firstColumn, column)
        widestColumn = max(widestColumn, column)
    }

    private func check(_ status: Int32) throws {
        if status != 0 {
            throw XLSXError.splicedRows("writing them to a temporary file failed: \(String(cString: strerror(status)))")
        }
    }

    /// At close: ends the last row, deflates the rest into the file, writes the two marker cells
    /// through the library; registers the rows for the packing on this thread. Nothing when no row
    /// came.
    func finish(token: String) throws {
        guard let rows, firstRow >= 0 else { return }
        try check(cxlsx_sheet_rows_end_row(rows))
        try check(cxlsx_sheet_rows_finish(rows))
        let first = token + "-first", last = token + "-last"
        let oneCell = firstRow == lastRow && firstColumn == widestColumn
        try XLSXError.check(worksheet_write_string(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), first, nil))
        if !oneCell {
            try XLSXError.check(worksheet_write_string(sheet, lxw_row_t(lastRow), lxw_col_t(widestColumn), last, nil))
        }
        guard cxlsx_splice_register(first, oneCell ? first : last, rows) == 0 else {
            throw XLSXError.memoryMallocFailed
        }
    }

    /// Frees the writer and its file (once the workbook is closed).
    func release() {
        if let rows { cxlsx_sheet_rows_free(rows) }
        rows = nil
    }
}

extension SheetSplice {
    /// Whether any row was written.
    var hasRows: Bool { firstRow >= 0 }
}

/// The registrations of spliced rows on the thread that closes a workbook (`CXLSXFastPaths`).
enum SplicedRowsPacking {
    /// Forgets this thread's registrations; nil when every one was placed, otherwise why not, and
    /// whether the splicing failed by itself (`definite`) rather than because the packing stopped.
    @discardableResult
    static func forget() -> (message: String, definite: Bool)? {
        var message = [CChar](repeating: 0, count: 512)
        let outcome = cxlsx_splice_finish(&message, message.count)
        guard outcome != 0 else { return nil }
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (text, outcome == 2)
    }
}
