import CXLSXFastPaths
import CXLSXWriter
import Foundation
import SamlaTestSupport
import XCTest
@testable import XLSXWriter

/// A streamed sheet's rows written as XML by ``SplicedRows`` and spliced into the package as it is
/// packed (`CXLSXFastPaths`' SheetRows.c and Splicing.c): the cells must read back as those written
/// through libxlsxwriter with the fast paths off, and a marker not found, or found with anything
/// else between, must fail the close rather than leave a wrong file.
final class SplicedRowsTests: XCTestCase {
    /// Text that looks like the XML around it or like the markers, formulas, white space at the
    /// ends, control characters, emoji, and texts at and past a cell's limit.
    static let texts = FastPathTests.texts + [
        "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>", "</row>", "<row ", "</sheetData>", "]]>", "&lt;", "\"'",
        "samla-rows-0123456789abcdef0123456789abcdef-0-first", "=1+1", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1",
        "\u{01}bell\u{07}", "\r\nwindows\r\n", "cr\ronly", "\u{FFFE}x", "  both  ", "\n", "🙂🙂", "_x0041__x0042_",
        String(repeating: "🙂", count: 20_000), String(repeating: "x", count: 40_000), String(repeating: "&<>", count: 12_000),
    ]

    static let specials: [Double] = [-0.0, 1e15, -1e15, 1e16, 123_456_789_012_345_680, 0.1, 1e-7, 45_728.333_333_333_33,
                                     1.0 / 3, 2.5e-300, 1e300, Double.leastNonzeroMagnitude, 0.000_1, 12_345.678_9]

    /// The same workbook on and off: the parts that are not spliced sheets hold the same bytes, the
    /// spliced sheets the same cells (and, on libxlsxwriter 1.1.4, the same bytes too, printed);
    /// openpyxl reads every cell the same, and LibreOffice the first sheet.
    func testSplicedSheetsSayWhatTheLibraryWrites() throws {
        let dir = try TemporaryDirectory()
        let on = dir.path("on.xlsx"), off = dir.path("off.xlsx")
        let splicedOn = try FastPaths.with(enabled: true) { try Self.writeWorkbook(to: on, rows: 800) }
        let splicedOff = try FastPaths.with(enabled: false) { try Self.writeWorkbook(to: off, rows: 800) }
        XCTAssertEqual(splicedOn, ["Spliced 1", "Spliced 2", "Spliced 3", "One cell", "One row"], "spliced with the fast paths on")
        XCTAssertEqual(splicedOff, [], "never spliced with them off")

        let parts = try WorkbookParts.compare(on, off)
        XCTAssertEqual(parts.problems, [])
        let sheetParts = Set((1...7).map { "xl/worksheets/sheet\($0).xml" })
        XCTAssertTrue(Set(parts.differentBytes).isSubset(of: sheetParts), "only sheets may differ in bytes: \(parts.differentBytes)")
        XCTAssertTrue(parts.sameBytes.contains("xl/styles.xml") && parts.sameBytes.contains("xl/workbook.xml"))
        print("SplicedRowsTests: with libxlsxwriter \(String(cString: lxw_version())), spliced sheets whose bytes differ: \(parts.differentBytes)")

        let book = try ReadBackWorkbook(path: on)
        let offBook = try ReadBackWorkbook(path: off)
        XCTAssertEqual(book.sheetNames, ["Spliced 1", "Plain", "Spliced 2", "Spliced 3", "One cell", "One row", "Empty"])
        XCTAssertEqual(WorkbookParts.sixteenDigits(book.json["sheets"]), WorkbookParts.sixteenDigits(offBook.json["sheets"]),
                       "openpyxl reads the same cells")
        XCTAssertEqual(book.json["decoded"] as? NSObject, offBook.json["decoded"] as? NSObject, "the same text as Excel decodes it")
        // "Spliced 1" holds text k on its row k + 1 (zero-based), but on every 17th.
        for (k, text) in Self.texts.enumerated() where (k + 1) % 17 != 0 {
            XCTAssertEqual(book.cell("Spliced 1", "B\(k + 2)")?["value"] as? String, CellText.safe(text), "text \(k)")
        }
        XCTAssertEqual(book.cell("Spliced 1", "A1")?["value"] as? String, "Number")
        XCTAssertEqual(book.cell("Spliced 1", "A801")?["value"] as? Double, 800)
        XCTAssertEqual(book.cell("One cell", "C5")?["value"] as? Double, 42)
        XCTAssertEqual(book.cell("Spliced 1", "P13")?["value"] as? Double, 1.5, "after a gap of eight columns")
        XCTAssertEqual(book.cell("Spliced 1", "P7")?["value"] as? Double, 0.75, "after a gap of nine")
        XCTAssertEqual(book.cell("Spliced 1", "AN11")?["value"] as? String, CellText.safe(Self.texts[9]), "after a long gap")
        XCTAssertEqual(book.cell("One row", "E8")?["value"] as? Double, 7)
        // Cells next to the previous one go without a reference, short gaps are filled with empty
        // cells, and the part is smaller than the library's, which names every cell.
        let spliced = book.sheetXML(index: 1), library = offBook.sheetXML(index: 1)
        XCTAssertTrue(spliced.contains("</c><c t=\"inlineStr\">") && spliced.contains("<c/>"), String(spliced.prefix(2_000)))
        XCTAssertTrue(spliced.contains(" r=\"AN11\""), "a cell after a long gap says where it is")
        let named = { (xml: String) in xml.components(separatedBy: "<c r=\"").count - 1 }
        XCTAssertLessThan(named(spliced) * 10, named(library), "\(named(spliced)) cells named against \(named(library))")
        XCTAssertLessThan(spliced.utf8.count, library.utf8.count)

        let office = try LibreOffice.csvRows(on, in: dir.path("csv-on"))
        XCTAssertEqual(office, try LibreOffice.csvRows(off, in: dir.path("csv-off")), "LibreOffice reads the same first sheet")
        XCTAssertEqual(office[1].first, "1")
        XCTAssertEqual(office.last?.first, "800", "the last row")
    }

    /// Markers registered for a workbook that does not hold them: the close fails, says why, and
    /// leaves no file; the next workbook is whole.
    /// The probe of this libxlsxwriter splices its own rows once the fast paths pack the file, says
    /// no without remembering it while they are off, and leaves nothing behind.
    func testTheProbeFindsThatThisLibrarySplicesAndLeavesNoFile() throws {
        let probes = { try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("samla-splice-probe-") } }
        let left = try probes()
        FastPaths.with(enabled: false) { XCTAssertFalse(FastPaths.splicesRows, "never with the fast paths off") }
        try FastPaths.with(enabled: true) {
            XCTAssertEqual(FastPaths.splicesRows, FastPaths.packOnEveryCore, "libxlsxwriter \(String(cString: lxw_version()))")
            let before = FastPaths.sheetsSpliced
            let dir = try TemporaryDirectory()
            let workbook = try Workbook(path: dir.path("w.xlsx"), options: WorkbookOptions(constantMemory: true, compression: .fast))
            let sheet = try workbook.addWorksheet(name: "Rows")
            try sheet.writeString("head", row: 0, column: 0)
            let rows = try sheet.splicedRows(from: 1)
            XCTAssertEqual(rows != nil, FastPaths.packOnEveryCore)
            try rows?.writeString("x", row: 1, column: 0)
            try workbook.close()
            XCTAssertEqual(FastPaths.sheetsSpliced - before, FastPaths.packOnEveryCore ? 1 : 0, "the probe's own splice is not counted")
        }
        XCTAssertEqual(try probes(), left, "the probe's workbook is removed")
    }

    func testAMarkerThatNeverAppearsFailsTheClose() throws {
        let dir = try TemporaryDirectory()
        let spool = try Spool("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>")
        try FastPaths.with(enabled: true) {
            let path = dir.path("missing.xlsx")
            let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
            let sheet = try workbook.addWorksheet(name: "Sheet")
            try sheet.writeString("no marker here", row: 0, column: 0)
            XCTAssertEqual(cxlsx_splice_register("samla-rows-never-first", "samla-rows-never-last", spool.rows), 0)
            XCTAssertThrowsError(try workbook.close()) { error in
                guard case .splicedRows(let why) = error as? XLSXError else { return XCTFail("unexpected \(error)") }
                XCTAssertTrue(why.contains("never found"), why)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "no file is left")
            try Self.writeWorkbook(to: dir.path("after.xlsx"), rows: 50)
        }
        XCTAssertEqual(try WorkbookParts.compare(dir.path("after.xlsx"), dir.path("after.xlsx")).problems, [])
    }

    /// Markers with anything else between them (another row, another cell in a marker row): the
    /// close fails rather than drop the other content.
    func testMarkersAroundOtherContentFailTheClose() throws {
        let dir = try TemporaryDirectory()
        let spool = try Spool("<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>")
        let layouts: [(String, [(Int, Int, String)])] = [
            ("a row between", [(1, 0, "T-first"), (2, 0, "between"), (3, 0, "T-last")]),
            ("a cell beside", [(1, 0, "T-first"), (1, 1, "beside"), (2, 0, "T-last")]),
            ("the last before the first", [(1, 0, "T-last"), (2, 0, "T-first")]),
        ]
        try FastPaths.with(enabled: true) {
            for (name, cells) in layouts {
                let path = dir.path("\(name).xlsx")
                let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
                let sheet = try workbook.addWorksheet(name: "Sheet")
                for (row, column, text) in cells {
                    try sheet.writeString(text.replacingOccurrences(of: "T-", with: "samla-rows-test-"), row: row, column: column)
                }
                XCTAssertEqual(cxlsx_splice_register("samla-rows-test-first", "samla-rows-test-last", spool.rows), 0)
                XCTAssertThrowsError(try workbook.close(), name) { error in
                    guard case .splicedRows = error as? XLSXError else { return XCTFail("\(name): unexpected \(error)") }
                }
                XCTAssertFalse(FileManager.default.fileExists(atPath: path), name)
            }
        }
    }

    /// minizip's calls made directly, as libxlsxwriter makes them, the markers straddling writes of
    /// every size: the entry holds the bytes around the marker rows and the spool in their place.
    func testMarkerRowsAreFoundAcrossWritesOfAnySize() throws {
        let minizip = try Minizip()
        let dir = try TemporaryDirectory()
        var spoolText = ""
        for row in 2...40_000 { spoolText += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(row)</v></c></row>" }
        let spool = try Spool(spoolText)
        let before = "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Head</t></is></c></row>"
        let markers = "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>samla-rows-x-first</t></is></c></row>"
            + "<row r=\"40000\"><c r=\"A40000\" t=\"inlineStr\"><is><t>samla-rows-x-last</t></is></c></row>"
        let after = "</sheetData>" + String(repeating: "<pageMargins left=\"0.7\"/>", count: 3_000) + "</worksheet>"
        let bytes = Array((before + markers + after).utf8)
        let expected = Array((before + spoolText + after).utf8)
        try FastPaths.with(enabled: true) {
            for chunk in [1, 3, 7, 64, 1_000, 100_000] {
                let path = dir.path("chunk-\(chunk).zip")
                XCTAssertEqual(cxlsx_splice_register("samla-rows-x-first", "samla-rows-x-last", spool.rows), 0)
                let zip = try minizip.create(path)
                try minizip.add("before.xml", Array(before.utf8), chunk: 100, level: 2, to: zip)
                try minizip.add("sheet.xml", bytes, chunk: chunk, level: 2, to: zip)
                try minizip.close(zip)
                XCTAssertNil(SplicedRowsPacking.forget(), "chunk \(chunk)")
                let read = try Python.run(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.write(z.read('sheet.xml').decode())", path])
                XCTAssertEqual(read.utf8.count, expected.count, "chunk \(chunk)")
                XCTAssertTrue(Array(read.utf8) == expected, "chunk \(chunk): the spool in place of the marker rows")
            }
            // A part that ends between the markers fails its close and the file's.
            XCTAssertEqual(cxlsx_splice_register("samla-rows-x-first", "samla-rows-x-last", spool.rows), 0)
            let zip = try minizip.create(dir.path("cut.zip"))
            try minizip.open("sheet.xml", level: 2, in: zip)
            try minizip.write(Array((before + markers.prefix(90)).utf8), to: zip)
            XCTAssertNotEqual(minizip.closeEntryFunction(zip), 0, "the entry's close fails")
            XCTAssertNotEqual(minizip.closeFile(zip, nil), 0, "and the file's")
            XCTAssertNotNil(SplicedRowsPacking.forget())
        }
    }

    /// The spooled rows are deflated as they are written, at any level, in blocks on the packing
    /// threads: the file holds a fraction of the rows' bytes when they are XML, and the rows come
    /// back whole inside the part (stream cut on byte boundaries around them, CRC joined) whether
    /// they compress or not, from one byte to several blocks, at the part's level or another.
    func testSpooledRowsAreDeflatedAndSplicedWholeAtAnyLevel() throws {
        let minizip = try Minizip()
        let dir = try TemporaryDirectory()
        var xml = ""
        for row in 2...30_000 { xml += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(row)</v></c></row>" }
        // Text that deflate cannot shrink, past a block's 512 KiB: xorshift bytes as hex-free letters.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var noise = [UInt8]()
        for _ in 0..<700_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            noise.append(UInt8(ascii: "a") + UInt8(state % 26))
        }
        let contents: [(String, String)] = [("one byte", "x"), ("xml", xml), ("noise", String(decoding: noise, as: UTF8.self) + xml)]
        let before = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
        let markers = "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>samla-rows-z-first</t></is></c></row>"
        let after = "</sheetData>" + String(repeating: "<pageMargins left=\"0.7\"/>", count: 2_000) + "</worksheet>"
        try FastPaths.with(enabled: true) {
            for (name, text) in contents {
                for level: Int32 in [1, 2, -1, 9] {
                    let spool = try Spool(text, level: level)
                    XCTAssertEqual(cxlsx_sheet_rows_length(spool.rows), UInt64(text.utf8.count), "\(name) \(level)")
                    if name == "xml" {
                        XCTAssertLessThan(cxlsx_sheet_rows_deflated_length(spool.rows), UInt64(text.utf8.count / 4),
                                          "level \(level): the file holds the rows deflated")
                    }
                    let path = dir.path("\(name)-\(level).zip")
                    XCTAssertEqual(cxlsx_splice_register("samla-rows-z-first", "samla-rows-z-first", spool.rows), 0)
                    let zip = try minizip.create(path)
                    try minizip.add("sheet.xml", Array((before + markers + after).utf8), chunk: 65_536, level: 2, to: zip)
                    try minizip.close(zip)
                    XCTAssertNil(SplicedRowsPacking.forget(), "\(name) \(level)")
                    let read = try Python.run(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.write(z.read('sheet.xml').decode())", path])
                    XCTAssertTrue(read == before + text + after, "\(name) at level \(level): the rows in place of the marker row")
                }
            }
        }
    }

    /// Two workbooks with spliced sheets closed at once on two threads: each the same as alone.
    func testTwoWorkbooksClosedAtOnceAreEachWhole() throws {
        let dir = try TemporaryDirectory()
        let (alone, together) = try ParallelPackingTests.writtenAloneAndAtOnce(in: dir) {
            try SplicedRowsTests.writeWorkbook(to: $0, rows: 800 + $1 * 300)
        }
        for i in 0..<2 {
            let parts = try WorkbookParts.compare(together[i], alone[i])
            XCTAssertEqual(parts.differentBytes, [], "workbook \(i)")
            XCTAssertEqual(parts.problems, [], "workbook \(i)")
        }
    }

    /// A workbook that cannot be written (/dev/full), and spooled rows that cannot be (the file
    /// size limit): each fails with an error, and the next workbook is whole.
    func testFailedWritesFailCleanly() throws {
        let dir = try TemporaryDirectory()
        try FastPaths.with(enabled: true) {
            XCTAssertThrowsError(try Self.writeWorkbook(to: "/dev/full", rows: 400))
            XCTAssertThrowsError(try FileSizeLimit.during(300_000) { try Self.writeWorkbook(to: dir.path("limited.xlsx"), rows: 1_500) }) { error in
                XCTAssertNotNil(error as? XLSXError, "\(error)")
            }
            try Self.writeWorkbook(to: dir.path("after.xlsx"), rows: 400)
        }
        _ = try FastPaths.with(enabled: false) { try Self.writeWorkbook(to: dir.path("after-off.xlsx"), rows: 400) }
        XCTAssertEqual(try WorkbookParts.compare(dir.path("after.xlsx"), dir.path("after-off.xlsx")).problems, [])
    }

    /// Writes `rows` rows on three spliced sheets where the fast paths allow it (through the
    /// library otherwise), beside a plain sheet, a sheet of one spliced cell, one of one row and one
    /// whose writer gets nothing; returns the names of the sheets spliced.
    @discardableResult
    static func writeWorkbook(to path: String, rows: Int) throws -> [String] {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, compression: .fast))
        try workbook.setProperties(DocumentProperties(title: "Spliced", created: Date(timeIntervalSince1970: 1_700_000_000)))
        let bold = try workbook.addFormat(CellStyle(bold: true))
        let date = try workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd hh:mm"))
        var spliced: [String] = []
        var writers: [RowWriter] = []
        for name in ["Spliced 1", "Plain", "Spliced 2", "Spliced 3", "One cell", "One row", "Empty"] {
            let sheet = try workbook.addWorksheet(name: name)
            try sheet.setRowHeight(30, row: 0)
            for (column, heading) in ["Number", "Text", "Special", "Date", "Empty", "Bold text", "Blank"].enumerated() {
                try sheet.writeString(heading, row: 0, column: column, format: bold)
            }
            try sheet.freezePanes(row: 1, column: 1)
            let rows = name == "Plain" ? nil : try sheet.splicedRows(from: 1)
            if rows != nil { spliced.append(name) }
            writers.append(RowWriter(sheet: sheet, spliced: rows))
        }
        if !spliced.isEmpty { spliced.removeAll { $0 == "Empty" } }
        let zone = TimeZone(identifier: "Europe/Stockholm")!
        for row in 1...rows {
            for (index, writer) in writers.enumerated() where [0, 1, 2, 3].contains(index) {
                if row % 17 == 0 && index != 1 { continue }
                let text = texts[(row - 1 + index) % texts.count]
                try writer.number(Double(row), row: row, column: 0)
                try writer.string(text, row: row, column: 1)
                try writer.number(specials[row % specials.count], row: row, column: 2, format: row % 5 == 0 ? bold : nil)
                try writer.date(Date(timeIntervalSince1970: 1_700_000_000 + Double(row) * 3_333.3), row: row, column: 3, format: date, zone: zone)
                try writer.string("", row: row, column: 4)
                try writer.string(text, row: row, column: 5, format: row % 3 == 0 ? bold : nil)
                if row % 4 == 0 { try writer.string("", row: row, column: 6, format: bold) }
                // Gaps of eight and nine columns (after G or F), and one of 23 to a two-letter column.
                if row % 6 == 0 { try writer.number(Double(row) / 8, row: row, column: 15) }
                if row % 10 == 0 { try writer.string(text, row: row, column: 39, format: row % 20 == 0 ? bold : nil) }
            }
        }
        try writers[4].number(42, row: 4, column: 2)
        try writers[5].string(" one row ", row: 7, column: 1)
        try writers[5].number(7, row: 7, column: 4, format: bold)
        for writer in writers { try writer.sheet.setAutofilter(CellRange(firstRow: 0, firstColumn: 0, lastRow: rows, lastColumn: 6)) }
        try workbook.close()
        return spliced
    }
}

/// Writes through a sheet's ``SplicedRows`` when it has them, through the sheet otherwise.
private struct RowWriter {
    let sheet: Worksheet
    let spliced: SplicedRows?

    func string(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        if let spliced { try spliced.writeString(text, row: row, column: column, format: format) }
        else { try sheet.writeString(text, row: row, column: column, format: format) }
    }

    func number(_ value: Double, row: Int, column: Int, format: Format? = nil) throws {
        if let spliced { try spliced.writeNumber(value, row: row, column: column, format: format) }
        else { try sheet.writeNumber(value, row: row, column: column, format: format) }
    }

    func date(_ value: Date, row: Int, column: Int, format: Format, zone: TimeZone) throws {
        if let spliced { try spliced.writeDate(value, row: row, column: column, format: format, timeZone: zone) }
        else { try sheet.writeDate(value, row: row, column: column, format: format, timeZone: zone) }
    }
}

/// A file of rows to splice, open for the test's length.
/// Rows of the test's own XML, deflated into a spool as the export's are.
private final class Spool {
    let rows: OpaquePointer

    init(_ text: String, level: Int32 = 2) throws {
        guard let rows = cxlsx_sheet_rows_new(nil, level) else { throw ReadBack.Failure(description: "no spool") }
        self.rows = rows
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cxlsx_sheet_rows_raw(rows, $0.baseAddress, $0.count) }
        }
        guard written == 0, cxlsx_sheet_rows_finish(rows) == 0 else { throw ReadBack.Failure(description: "spool not written") }
    }

    deinit { cxlsx_sheet_rows_free(rows) }
}
