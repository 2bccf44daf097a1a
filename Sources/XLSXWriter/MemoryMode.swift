import CXLSXWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-sheet memory mode on top of libxlsxwriter 1.1.4, which only knows a per-workbook
/// `constant_memory` option.
///
/// Findings from the 1.1.4 sources (worksheet.c, workbook.c, packager.c):
/// - `workbook_add_worksheet` copies `options.constant_memory` into the sheet's `optimize`
///   field and, when set, allocates two things: `array` (one row of cell pointers) and
///   `optimize_tmpfile` (also stored in `file`), into which finished rows are streamed.
/// - Every later decision reads the sheet's own `optimize`, never the workbook option:
///   `_get_row`/`_insert_cell` (row tree vs. single streamed row), `_check_dimensions` (the
///   in-order rule), string writes (shared-string table vs. inline strings),
///   `worksheet_add_table` (refused when set), `_populate_range`/chart caches (skipped when set),
///   and `lxw_worksheet_assemble_xml_file` (row tree vs. copying the temporary file).
/// - The shared-string table exists in every workbook and is written whenever it holds strings,
///   so an in-memory sheet inside a constant-memory workbook has somewhere to put its strings.
/// - The packager calls `lxw_worksheet_write_single_row` on every sheet; it returns at once
///   unless the streamed row was touched, which only happens through the `optimize` branch.
/// - `lxw_worksheet_free` frees `array` whatever `optimize` says, but never closes
///   `optimize_tmpfile`; only the copy into the package does, and only if the sheet has rows.
///
/// So clearing `optimize` right after the sheet is created, before anything is written to it,
/// gives a sheet that behaves exactly like one from a normal workbook, provided its temporary
/// file is closed here (nothing else would close it) and `file` is cleared (the packager sets
/// it before assembling).
enum MemoryMode {
    static func makeInMemory(_ sheet: UnsafeMutablePointer<lxw_worksheet>) {
        sheet.pointee.optimize = 0
        if let file = sheet.pointee.optimize_tmpfile {
            fclose(file)
        }
        sheet.pointee.optimize_tmpfile = nil
        sheet.pointee.file = nil
    }

    /// Closes a streaming sheet's temporary file when libxlsxwriter will not. With
    /// `evenIfUsed` false (before `workbook_close`) only files the packager would skip are
    /// closed: those of sheets with no rows and no pending row. With `evenIfUsed` true (the
    /// workbook is being freed without being written) every one is.
    static func closeUnusedTemporaryFile(_ sheet: UnsafeMutablePointer<lxw_worksheet>, evenIfUsed: Bool) {
        guard sheet.pointee.optimize != 0, let file = sheet.pointee.optimize_tmpfile else { return }
        if !evenIfUsed {
            let noRows = sheet.pointee.dim_rowmin == lxw_row_t(LXW_ROW_MAX)
            let pendingRow = sheet.pointee.optimize_row.map {
                $0.pointee.row_changed != 0 || $0.pointee.data_changed != 0
            } ?? false
            guard noRows && !pendingRow else { return }
        }
        fclose(file)
        sheet.pointee.optimize_tmpfile = nil
        sheet.pointee.file = nil
    }
}
