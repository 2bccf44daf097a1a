import CXLSXFastPaths
import Foundation
import XCTest
@testable import XLSXWriter

/// The fast path under libxlsxwriter, the deflate level (see CXLSXFastPaths.h and `FastPaths`): it
/// must be in effect in this program when on, and the files must hold exactly the parts the library
/// alone writes.
final class FastPathTests: XCTestCase {
    // MARK: The switch

    /// The same cells, with the fast paths on and off: every part of the file holds the same bytes,
    /// and openpyxl reads the same workbook; only the packing differs.
    func testTheWorkbookSaysTheSameWithTheFastPathsOnAndOff() throws {
        XCTAssertEqual(cxlsx_deflate_level_takes_effect(), 1, "libxlsxwriter's packing does not reach the deflate level")
        let dir = try TemporaryDirectory()
        let on = dir.path("on.xlsx")
        let off = dir.path("off.xlsx")
        XCTAssertEqual(cxlsx_parallel_packing_takes_effect(), 1, "libxlsxwriter's writes do not reach the packing threads")
        try FastPaths.with(enabled: true) {
            XCTAssertTrue(Compression.takesEffect)
            XCTAssertTrue(FastPaths.packOnEveryCore)
            try writeCells(to: on, compression: .fast)
        }
        try FastPaths.with(enabled: false) {
            XCTAssertFalse(Compression.takesEffect, "with the fast paths off the level is zlib's default")
            XCTAssertFalse(FastPaths.packOnEveryCore, "with the fast paths off minizip deflates on one thread")
            try writeCells(to: off, compression: .fast)
        }
        let onParts = try ZipParts(path: on)
        let offParts = try ZipParts(path: off)
        XCTAssertEqual(onParts.contents, offParts.contents, "the same parts with the same bytes")
        XCTAssertGreaterThan(onParts.packedSize, offParts.packedSize, "packed at level 2 with them on, at zlib's default off")

        let book = try ReadBackWorkbook(path: on)
        let offBook = try ReadBackWorkbook(path: off)
        XCTAssertEqual(book.sheets.count, 3)
        for key in ["sheets", "decoded", "properties"] {
            XCTAssertEqual(book.json[key] as? NSObject, offBook.json[key] as? NSObject, "\(key) differ with the fast paths off")
        }
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

    /// Whole and fractional numbers, negative, -0 and large ones, and texts, with and
    /// without a format, on a streamed and an in-memory sheet.
    private func writeCells(to path: String, compression: Compression) throws {
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true, compression: compression))
        try workbook.setProperties(DocumentProperties(title: "Numbers", created: Date(timeIntervalSince1970: 1_700_000_000)))
        let streamed = try workbook.addWorksheet(name: "Streamed")
        let inMemory = try workbook.addWorksheet(name: "In memory", constantMemory: false)
        // Far columns, whose names take two and three letters.
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
            }
        }
        try workbook.close()
    }

    // MARK: Packing

    func testAPartThatCannotBeWrittenFailsTheWorkbook() throws {
        // Writes to /dev/full fail with "no space left", partway through the parts.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "/dev/full"), "this test needs Linux's /dev/full")
        for fast in [true, false] {
            try FastPaths.with(enabled: fast) {
                XCTAssertThrowsError(try writeAnswers(to: "/dev/full", rows: 40_000), "fast paths \(fast)")
            }
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
        let dir = try TemporaryDirectory()
        var files: [String: String] = [:]
        for enabled in [true, false] {
            try FastPaths.with(enabled: enabled) {
                XCTAssertEqual(Compression.takesEffect, enabled, "libxlsxwriter's packing reaches the deflate level only with the fast paths on")
                for compression in Compression.allCases {
                    let path = dir.path("\(compression)-\(enabled).xlsx")
                    try writeAnswers(to: path, rows: 20_000, compression: compression)
                    files["\(compression)-\(enabled)"] = path
                    XCTAssertEqual(cxlsx_deflate_level(), -1, "the level is put back after closing")
                }
            }
        }
        let fast = try ZipParts(path: files["fast-true"]!)
        let small = try ZipParts(path: files["small-true"]!)
        XCTAssertEqual(fast.contents, small.contents, "the same parts with the same bytes")
        XCTAssertGreaterThan(fast.packedSize, small.packedSize * 105 / 100, "level 2 packs the XML looser than level 6")
        XCTAssertEqual(try ReadBack.read(files["fast-true"]!, mode: "rows", extra: ["Answers"])["rows"] as? Int, 20_000)
        // Off, `.fast` is packed as libxlsxwriter packs everything: at zlib's default level.
        let fastOff = try ZipParts(path: files["fast-false"]!)
        XCTAssertEqual(fastOff.contents, small.contents)
        XCTAssertEqual(fastOff.packedSize, try ZipParts(path: files["small-false"]!).packedSize)
        // On, `.small` is the same level deflated in blocks: a few bytes a block more than in one stream.
        XCTAssertLessThan(abs(small.packedSize - fastOff.packedSize), (fastOff.unpackedSize / (512 * 1024) + 1) * 64,
                          "a block's sync flush and restarted Huffman codes cost bytes, not a worse ratio")
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
