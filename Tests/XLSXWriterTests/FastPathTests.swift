import CXLSXFastPaths
import CXLSXWriter
import Foundation
import XCTest
@testable import XLSXWriter

/// The two fast paths under libxlsxwriter (see CXLSXFastPaths.h): they must be in effect in this
/// program, and the files must say exactly what the library alone would have written.
final class FastPathTests: XCTestCase {
    // MARK: Whole-number cells

    func testWholeNumberTextIsWhatPrintfWrites() {
        var values: [Double] = [0, 1, -1, 7, 10, 99, 100, 101, 1_000_000, -2_147_483_648, 2_147_483_648,
                                4_294_967_296, 999_999_999_999_999, -999_999_999_999_999, 123_456_789_012_345]
        for power in 0...14 {
            let ten = pow(10.0, Double(power))
            values += [ten, ten - 1, ten + 1, -ten]
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            values.append(Double(Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &generator)))
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)))
        }
        for value in values {
            XCTAssertEqual(wholeNumberText(value), String(format: "%.16G", value), "\(value)")
        }
    }

    func testEverythingElseIsLeftToTheLibrary() {
        var generator = SystemRandomNumberGenerator()
        var others: [Double] = [-0.0, 0.5, -0.5, 1e15, -1e15, 1e16, 9_007_199_254_740_992, 1e300, .nan, .infinity,
                                -.infinity, .leastNonzeroMagnitude, 45_728.333_333_333_33, 0.1 + 0.2]
        for _ in 0..<10_000 { others.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for value in others where value.rounded() != value || value.isNaN || value.isInfinite || abs(value) >= 1e15
            || (value == 0 && value.sign == .minus) {
            XCTAssertNil(wholeNumberText(value), "\(value)")
        }
    }

    func testCellsAreTheBytesTheLibraryWrites() throws {
        XCTAssertEqual(cxlsx_number_fast_path_takes_effect(), 1, "libxlsxwriter's number cells do not reach the fast path")
        XCTAssertEqual(cxlsx_inline_string_fast_path_takes_effect(), 1, "libxlsxwriter's string cells do not reach the fast path")
        XCTAssertEqual(cxlsx_shared_string_fast_path_takes_effect(), 1, "libxlsxwriter's shared strings do not reach the fast path")
        XCTAssertEqual(cxlsx_cell_name_fast_path_takes_effect(), 1, "libxlsxwriter's cell names do not reach the fast path")
        let dir = try TemporaryDirectory()
        let fast = dir.path("fast.xlsx")
        let library = dir.path("library.xlsx")
        try writeCells(to: fast)
        cxlsx_set_cell_fast_paths(0)
        defer { cxlsx_set_cell_fast_paths(1) }
        try writeCells(to: library)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: fast)), try Data(contentsOf: URL(fileURLWithPath: library)))

        let book = try ReadBackWorkbook(path: fast)
        XCTAssertEqual(book.cell("Streamed", "A1")?["value"] as? Double, 0)
        XCTAssertEqual(book.cell("Streamed", "B7")?["value"] as? Double, -6)
        XCTAssertEqual(book.cell("Streamed", "C3")?["value"] as? Double, 2.25)
        XCTAssertEqual(book.cell("In memory", "A5")?["value"] as? Double, 4)
        XCTAssertEqual(book.cell("In memory", "D2")?["bold"] as? Bool, true)
        for (row, text) in Self.texts.enumerated() {
            XCTAssertEqual(book.cell("Streamed", "F\(row + 1)")?["value"] as? String, CellText.safe(text), "row \(row + 1)")
        }
    }

    /// Texts whose XML differs: escapes, white space kept at either end, line breaks, non-ASCII,
    /// `_xHHHH_`, a cell's full length.
    static let texts = [
        "plain", "a & b < c > d", "&amp; stays text", " leading space", "trailing space ", "\ttab", "tab\t",
        "two\nlines", "\nline first", "Umeå, Örnsköldsvik, Luleå", "_x0041_ as typed", "\"quoted\" 'text'",
        "=1+2", "<", ">", "&", " ", "emoji 🙂 and 中文", String(repeating: "lång text ", count: 4_000),
    ]

    /// Whole and fractional numbers, negative, -0 and large ones, and texts, with and without a
    /// format, on a streamed and an in-memory sheet.
    private func writeCells(to path: String) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        try workbook.setProperties(DocumentProperties(title: "Numbers", created: Date(timeIntervalSince1970: 1_700_000_000)))
        let streamed = try workbook.addWorksheet(name: "Streamed")
        let inMemory = try workbook.addWorksheet(name: "In memory", constantMemory: false)
        // Far columns, whose names take two and three letters (the cell-name test covers far rows).
        let far = try workbook.addWorksheet(name: "Far")
        for (row, column) in [26, 701, 702, 16_383].enumerated() {
            try far.writeNumber(Double(column), row: row, column: column)
        }
        let bold = try workbook.addFormat(CellStyle(bold: true))
        let specials: [Double] = [-0.0, 1e15, -1e15, 1e16, 123_456_789_012_345, 0.1, 1e-7, 45_728.333_333_333_33]
        for row in 0..<2_000 {
            for sheet in [streamed, inMemory] {
                try sheet.writeNumber(Double(row), row: row, column: 0)
                try sheet.writeNumber(Double(row % 3 == 0 ? -row : row), row: row, column: 1)
                try sheet.writeNumber(Double(row) + 0.25, row: row, column: 2)
                try sheet.writeNumber(Double(row % 11), row: row, column: 3, format: row % 2 == 1 ? bold : nil)
                try sheet.writeNumber(specials[row % specials.count], row: row, column: 4, format: row % 5 == 0 ? bold : nil)
                try sheet.writeString(Self.texts[row % Self.texts.count], row: row, column: 5, format: row % 3 == 0 ? bold : nil)
                if sheet === streamed {
                    try sheet.writeSharedString(Self.texts[row % 4], row: row, column: 6, format: row % 4 == 0 ? bold : nil)
                }

            }
        }
        try workbook.close()
    }

    func testCellNamesAreTheLibrarysOwn() {
        var rows: [UInt32] = [0, 1, 8, 9, 98, 99, 999_999, 1_048_574, 1_048_575]
        var columns: [UInt16] = [0, 1, 24, 25, 26, 27, 51, 52, 701, 702, 703, 18_277, 16_382, 16_383]
        rows += (0..<200).map { _ in UInt32.random(in: 0..<1_048_576) }
        columns += (0..<200).map { _ in UInt16.random(in: 0..<16_384) }
        func name(_ row: UInt32, _ column: UInt16) -> String {
            var text = [CChar](repeating: 0, count: 32)
            lxw_rowcol_to_cell(&text, row, column)
            return String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        var fast: [String] = []
        for row in rows { for column in columns { fast.append(name(row, column)) } }
        cxlsx_set_cell_fast_paths(0)
        defer { cxlsx_set_cell_fast_paths(1) }
        var library: [String] = []
        for row in rows { for column in columns { library.append(name(row, column)) } }
        XCTAssertEqual(fast, library)
        XCTAssertEqual(Array(fast.prefix(3)), ["A1", "B1", "Y1"])
        XCTAssertTrue(fast.contains("XFD1048576"))
    }

    private func wholeNumberText(_ value: Double) -> String? {
        var text = [CChar](repeating: 0, count: 24)
        let length = Int(cxlsx_whole_number_text(value, &text))
        guard length > 0 else { return nil }
        return String(decoding: text[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Packing thread

    func testThePackingThreadWritesTheSameFile() throws {
        XCTAssertEqual(cxlsx_packing_thread_takes_effect(), 1, "libxlsxwriter's packing does not reach the packing thread")
        let dir = try TemporaryDirectory()
        try writeAnswers(to: dir.path("thread.xlsx"), rows: 40_000)
        cxlsx_set_packing_thread(0)
        defer { cxlsx_set_packing_thread(1) }
        try writeAnswers(to: dir.path("here.xlsx"), rows: 40_000)
        let thread = try Data(contentsOf: URL(fileURLWithPath: dir.path("thread.xlsx")))
        XCTAssertEqual(thread, try Data(contentsOf: URL(fileURLWithPath: dir.path("here.xlsx"))))
        XCTAssertGreaterThan(try ZipParts(path: dir.path("thread.xlsx")).unpackedSize, 3 << 20,
                             "enough XML to pass through several of the packing thread's 1 MB blocks")
        XCTAssertEqual(try ReadBack.read(dir.path("thread.xlsx"), mode: "rows", extra: ["Answers"])["rows"] as? Int, 40_000)
    }

    func testAPartThatCannotBeWrittenFailsTheWorkbook() throws {
        // Writes to /dev/full fail with "no space left", partway through the parts.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "/dev/full"), "this test needs Linux's /dev/full")
        for threaded: Int32 in [1, 0] {
            cxlsx_set_packing_thread(threaded)
            defer { cxlsx_set_packing_thread(1) }
            XCTAssertThrowsError(try writeAnswers(to: "/dev/full", rows: 40_000), "packing thread \(threaded)")
        }
    }

    private func writeAnswers(to path: String, rows: Int, compression: Compression = .fast) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, compression: compression))
        try workbook.setProperties(DocumentProperties(title: "Packing", created: Date(timeIntervalSince1970: 1_700_000_000)))
        let sheet = try workbook.addWorksheet(name: "Answers")
        for row in 0..<rows {
            try sheet.writeString("Answer \(row): \(String(repeating: "växa ", count: row % 7))", row: row, column: 0)
            try sheet.writeNumber(Double(row % 5 + 1), row: row, column: 1)
        }
        try workbook.close()
    }

    // MARK: Deflate level

    func testFastCompressionPacksTheSamePartsFasterAndLarger() throws {
        XCTAssertTrue(Compression.takesEffect, "libxlsxwriter's packing does not reach the deflate level")
        let dir = try TemporaryDirectory()
        var files: [Compression: String] = [:]
        for compression in Compression.allCases {
            let path = dir.path("\(compression).xlsx")
            try writeAnswers(to: path, rows: 20_000, compression: compression)
            files[compression] = path
            XCTAssertEqual(cxlsx_deflate_level(), -1, "the level is put back after closing")
        }
        let fast = try ZipParts(path: files[.fast]!)
        let small = try ZipParts(path: files[.small]!)
        XCTAssertEqual(fast.contents, small.contents, "the same parts with the same bytes")
        XCTAssertGreaterThan(fast.packedSize, small.packedSize * 105 / 100, "level 1 packs the XML looser than level 6")
        XCTAssertEqual(try ReadBack.read(files[.fast]!, mode: "rows", extra: ["Answers"])["rows"] as? Int, 20_000)
    }
}

/// A zip file's parts (their SHA-256) and sizes, read by Python's zipfile.
private struct ZipParts {
    let contents: [String: String]
    let packedSize: Int
    let unpackedSize: Int

    init(path: String) throws {
        let json = try ReadBack.read(path, mode: "packing")
        guard let parts = json["parts"] as? [String: String], let packed = json["packed"] as? Int,
              let unpacked = json["unpacked"] as? Int else {
            throw ReadBack.Failure(description: "python3 could not read \(path) as a zip file")
        }
        contents = parts
        packedSize = packed
        unpackedSize = unpacked
    }
}
