import CXLSXWriter
import Foundation

/// An .xlsx file being built. Owns the libxlsxwriter workbook and everything made from it.
///
/// Life cycle: create, add sheets/formats/charts, write, then ``close()`` exactly once. Nothing
/// reaches the disk before `close()`. After `close()` (whether it succeeded or threw) every
/// ``Worksheet``, ``Format`` and ``Chart`` of this workbook throws ``XLSXError/workbookClosed``
/// instead of touching the freed C objects; they keep the workbook object alive, so no handle
/// can outlive the state it checks.
///
/// A workbook that is never closed writes nothing: its deinit frees the C memory and temporary
/// files without producing a file. Writing from deinit would have nowhere to report failure,
/// and a half-built workbook (an error midway) should not appear on disk as if it were whole.
///
/// Not thread-safe and not `Sendable`: use one workbook from one task at a time.
public final class Workbook {
    public let path: String
    public let options: WorkbookOptions

    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var sheets: [SheetRecord] = []
    // Formats are cached by raw pointer, not as `Format` objects, because a `Format` holds its
    // workbook strongly and the cache would otherwise form a retain cycle.
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    var tableNames: [String] = []
    /// Column widths by sheet, written at close as one `<col>` per run of equal columns: a
    /// column set twice keeps its last setting, and no two ranges overlap (which the format forbids
    /// and libxlsxwriter would write for overlapping calls).
    var columnSettings: [UnsafeMutablePointer<lxw_worksheet>: [Int: ColumnSetting]] = [:]
    /// Sheets whose data rows are written as XML (``SplicedRows``), in the order they were made.
    var splices: [SheetSplice] = []
    /// 128 random bits in hex, the stem of this workbook's marker tokens: no text a sheet holds
    /// can be taken for one.
    private let markerStem: String = {
        var generator = SystemRandomNumberGenerator()
        return "samla-rows-" + (0..<2).map { _ in
            let word = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }()

    struct ColumnSetting: Equatable {
        var width: Double
        var format: UnsafeMutablePointer<lxw_format>?
    }

    /// Sheets added ahead of the code that writes them (``reserveWorksheet(name:constantMemory:)``).
    /// They hold an index into `sheets`, not a `Worksheet`, which would hold this workbook.
    private var reservations: [Reservation] = []

    private struct Reservation {
        let requested: String
        let inOrder: Bool
        let record: Int
    }

    struct SheetRecord {
        let name: String
        let handle: UnsafeMutablePointer<lxw_worksheet>
        /// Whether libxlsxwriter streams the sheet (every sheet of a constant-memory workbook).
        let streamed: Bool
        let rows: SheetRows
    }

    /// Prepares a workbook to be written to `path` when closed. The path is only opened by
    /// `close()`, so an unwritable location is reported there as ``XLSXError/creatingXLSXFile``.
    public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws {
        self.path = path
        self.options = options
        let arena = CStringArena()
        var lxwOptions = lxw_workbook_options()
        lxwOptions.constant_memory = options.constantMemory ? 1 : 0
        setCString(&lxwOptions.tmpdir, try arena.copy(options.temporaryDirectory))
        lxwOptions.use_zip64 = options.zip64 ? 1 : 0
        guard let workbook = workbook_new_opt(path, &lxwOptions) else {
            throw XLSXError.memoryMallocFailed
        }
        handle = workbook
    }

    deinit {
        guard let handle else { return }
        lxw_workbook_free(handle)
    }

    /// True once ``close()`` has been called.
    public var isClosed: Bool { handle == nil }

    /// Names of the worksheets added so far, in order.
    public var worksheetNames: [String] { sheets.map(\.name) }

    /// Sets title, author, creation date and the other document properties.
    public func setProperties(_ properties: DocumentProperties) throws {
        let workbook = try liveHandle()
        let arena = CStringArena()
        var lxwProperties = lxw_doc_properties()
        let texts = try properties.textFields.map { text in
            try arena.copy(text.map { CellText.removingIllegalCharacters($0) })
        }
        setCString(&lxwProperties.title, texts[0])
        setCString(&lxwProperties.subject, texts[1])
        setCString(&lxwProperties.author, texts[2])
        setCString(&lxwProperties.manager, texts[3])
        setCString(&lxwProperties.company, texts[4])
        setCString(&lxwProperties.category, texts[5])
        setCString(&lxwProperties.keywords, texts[6])
        setCString(&lxwProperties.comments, texts[7])
        setCString(&lxwProperties.status, texts[8])
        lxwProperties.created = time_t(properties.createdTimestamp)
        try XLSXError.check(workbook_set_properties(workbook, &lxwProperties))
    }

    /// Adds a worksheet.
    ///
    /// - Parameters:
    ///   - name: Any text; it is made valid and unique with ``SheetName/make(_:existing:)``, so
    ///     read the final name from ``Worksheet/name``. Nil gives "Sheet1", "Sheet2", ….
    ///   - constantMemory: Nil follows ``WorkbookOptions/constantMemory``. `true` needs a workbook
    ///     opened with `constantMemory: true`: the sheet streams, rows in increasing order. `false`
    ///     in a constant-memory workbook gives a sheet written in any order: its writes are held
    ///     here and handed to libxlsxwriter row by row when the workbook closes (`HeldRows`), so
    ///     its memory is its own cells. libxlsxwriter still streams it, so it takes no table, its
    ///     strings are inline and charts drawn from it carry no cached values (Excel and LibreOffice
    ///     read them from the cells). libxlsxwriter chooses per workbook; nothing under it is
    ///     changed per sheet.
    @discardableResult
    public func addWorksheet(name: String? = nil, constantMemory: Bool? = nil) throws -> Worksheet {
        let inOrder = constantMemory ?? options.constantMemory
        if let name, let index = reservations.firstIndex(where: { $0.requested == name }) {
            _ = try liveHandle()
            let reservation = reservations[index]
            guard reservation.inOrder == inOrder else {
                throw XLSXError.invalidArgument("the sheet \"\(name)\" was reserved \(reservation.inOrder ? "streaming" : "written in any order")")
            }
            reservations.remove(at: index)
            let record = sheets[reservation.record]
            return Worksheet(workbook: self, handle: record.handle, name: record.name, constantMemory: inOrder,
                             streamed: record.streamed, rows: record.rows)
        }
        return try makeWorksheet(name: name, inOrder: inOrder)
    }

    private func makeWorksheet(name: String?, inOrder: Bool) throws -> Worksheet {
        let workbook = try liveHandle()
        if inOrder && !options.constantMemory {
            throw XLSXError.invalidArgument(
                "a constant-memory worksheet needs a workbook opened with WorkbookOptions(constantMemory: true)")
        }
        let finalName = SheetName.make(name ?? "Sheet\(sheets.count + 1)", existing: sheets.map(\.name))
        guard let sheet = workbook_add_worksheet(workbook, finalName) else {
            // The name was checked above, so NULL means libxlsxwriter could not allocate, or in
            // constant-memory mode could not create the sheet's temporary file.
            throw options.constantMemory ? XLSXError.creatingTmpfile : XLSXError.memoryMallocFailed
        }
        let rows = SheetRows(held: options.constantMemory && !inOrder ? HeldRows() : nil)
        sheets.append(SheetRecord(name: finalName, handle: sheet, streamed: options.constantMemory, rows: rows))
        return Worksheet(workbook: self, handle: sheet, name: finalName, constantMemory: inOrder,
                         streamed: options.constantMemory, rows: rows)
    }

    /// Adds a worksheet now, so that it takes its place in the workbook's order, for code that
    /// writes it later: the next ``addWorksheet(name:constantMemory:)`` asking for the same `name`
    /// (and the same `constantMemory`) gets this sheet back instead of a new one. The name is made
    /// valid and unique now, as a sheet added now would be.
    public func reserveWorksheet(name: String, constantMemory: Bool? = nil) throws {
        let inOrder = constantMemory ?? options.constantMemory
        _ = try makeWorksheet(name: name, inOrder: inOrder)
        reservations.append(Reservation(requested: name, inOrder: inOrder, record: sheets.count - 1))
    }

    /// The names asked for by reserved sheets that no ``addWorksheet(name:constantMemory:)`` has taken.
    public var unclaimedReservations: [String] { reservations.map(\.requested) }

    /// Registers a style. Equal styles share one libxlsxwriter format.
    public func addFormat(_ style: CellStyle) throws -> Format {
        let workbook = try liveHandle()
        if let cached = formats[style] {
            return Format(style: style, workbook: self, handle: cached)
        }
        try style.validate()
        guard let format = workbook_add_format(workbook) else { throw XLSXError.memoryMallocFailed }
        style.apply(to: format)
        formats[style] = format
        return Format(style: style, workbook: self, handle: format)
    }

    /// Creates a chart; it appears once inserted with ``Worksheet/insertChart(_:row:column:size:offset:altText:)``.
    public func addChart(_ type: ChartType) throws -> Chart {
        let workbook = try liveHandle()
        guard let chart = workbook_add_chart(workbook, type.lxwValue) else {
            throw XLSXError.memoryMallocFailed
        }
        return Chart(workbook: self, handle: chart, type: type)
    }

    /// Writes the file and frees everything. Call once: a second call throws
    /// ``XLSXError/workbookClosed``. libxlsxwriter frees the workbook even when writing fails,
    /// so after a thrown error the workbook is closed too and the file may be missing or partial.
    public func close() throws {
        let workbook = try liveHandle()
        let splices = splices
        do {
            try writeColumnSettings()
            // The marker cells of spliced rows go in before an untouched sheet gets its empty row.
            for (index, splice) in splices.enumerated() {
                try splice.finish(token: "\(markerStem)-\(index)")
            }
            for sheet in sheets {
                try sheet.rows.held?.replay()
                // libxlsxwriter 1.1 closes a streamed sheet's temporary file only while copying its
                // rows into the package, so a sheet that never got a row would keep it open; an
                // empty first row of default height gives it one and changes nothing that shows.
                if sheet.streamed && !sheet.rows.touched && !(sheet.rows.splice?.hasRows ?? false) {
                    try XLSXError.check(worksheet_set_row(sheet.handle, 0, LXW_DEF_ROW_HEIGHT, nil))
                }
            }
        } catch {
            handle = nil
            sheets = []
            reservations = []
            formats = [:]
            lxw_workbook_free(workbook)
            SplicedRowsPacking.forget()
            releaseSplices()
            throw error
        }
        handle = nil
        sheets = []
        reservations = []
        formats = [:]
        defer { releaseSplices() }
        // libxlsxwriter packs the file inside workbook_close, on this thread; the spliced rows
        // registered on it by `finish` are placed there, or the close fails.
        let status = options.compression.during { workbook_close(workbook) }
        let failure = SplicedRowsPacking.forget()
        if let failure, failure.definite || status == LXW_NO_ERROR {
            // What libxlsxwriter left is not the workbook asked for: never left as if it were.
            removeUnfinishedFile()
            throw XLSXError.splicedRows(failure.message)
        }
        try XLSXError.check(status)
    }

    /// Removes the file at ``path`` when it is a regular file (never a device such as /dev/full).
    private func removeUnfinishedFile() {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if type == .typeRegular { try? FileManager.default.removeItem(atPath: path) }
    }

    private func releaseSplices() {
        for splice in splices { splice.release() }
        splices = []
    }

    // MARK: - Internal

    private func writeColumnSettings() throws {
        for (sheet, settings) in columnSettings {
            var runStart: Int?
            var previous: (column: Int, setting: ColumnSetting)?
            func flush() throws {
                guard let start = runStart, let last = previous else { return }
                try XLSXError.check(worksheet_set_column(sheet, lxw_col_t(start), lxw_col_t(last.column), last.setting.width,
                                                         last.setting.format))
            }
            for column in settings.keys.sorted() {
                let setting = settings[column]!
                if let last = previous, last.column == column - 1, last.setting == setting {
                    previous = (column, setting)
                    continue
                }
                try flush()
                runStart = column
                previous = (column, setting)
            }
            try flush()
        }
        columnSettings = [:]
    }

    func liveHandle() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XLSXError.workbookClosed }
        return handle
    }

    func checkOpen() throws {
        if handle == nil { throw XLSXError.workbookClosed }
    }

    /// The C format for a write, after checking it belongs here.
    func formatHandle(_ format: Format?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let format else { return nil }
        guard format.workbook === self else { throw XLSXError.foreignHandle }
        return format.handle
    }

}
