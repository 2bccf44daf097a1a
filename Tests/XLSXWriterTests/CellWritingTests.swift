import CXLSXWriter
import Foundation
import XCTest
@testable import XLSXWriter

final class CellWritingTests: XCTestCase {
    func testValuesKeepTheirTypes() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("values.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Values")
        let dateFormat = try workbook.addFormat(CellStyle(numberFormat: "yyyy-mm-dd"))
        try sheet.writeString("text", row: 0, column: 0)
        try sheet.writeNumber(3.25, row: 0, column: 1)
        try sheet.writeBoolean(true, row: 0, column: 2)
        try sheet.writeBlank(row: 0, column: 3, format: dateFormat)
        try sheet.writeDate(Date(timeIntervalSince1970: 1_700_000_000), row: 0, column: 4, format: dateFormat)
        try sheet.writeURL("https://example.org/a?b=c", text: "link", row: 0, column: 5)
        try sheet.writeRow([.string("s"), .number(-1), .boolean(false), .blank], row: 1)
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.cell("Values", "A1")?["value"] as? String, "text")
        XCTAssertEqual(book.cell("Values", "A1")?["type"] as? String, "s")
        XCTAssertEqual(book.cell("Values", "B1")?["value"] as? Double, 3.25)
        XCTAssertEqual(book.cell("Values", "B1")?["type"] as? String, "n")
        XCTAssertEqual(book.cell("Values", "C1")?["value"] as? Bool, true)
        XCTAssertEqual(book.cell("Values", "C1")?["type"] as? String, "b")
        XCTAssertTrue(book.cell("Values", "D1")?["value"] is NSNull)
        XCTAssertEqual(book.cell("Values", "D1")?["numberFormat"] as? String, "yyyy-mm-dd")
        XCTAssertEqual(book.cell("Values", "E1")?["value"] as? String, "2023-11-14T22:13:20")
        XCTAssertEqual(book.cell("Values", "F1")?["value"] as? String, "link")
        XCTAssertEqual(book.cell("Values", "F1")?["hyperlink"] as? String, "https://example.org/a?b=c")
        XCTAssertEqual(book.cell("Values", "A2")?["value"] as? String, "s")
        XCTAssertEqual(book.cell("Values", "B2")?["value"] as? Double, -1)
        XCTAssertEqual(book.cell("Values", "C2")?["value"] as? Bool, false)
    }

    /// Text that looks like a formula must stay text on every path that takes text.
    func testFormulaLookingTextIsNeverAFormula() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("formulas.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Answers")
        let hostile = ["=1+1", "=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "=cmd|' /C calc'!A0", "{=1}"]
        for (row, text) in hostile.enumerated() {
            try sheet.writeString(text, row: row, column: 0)
            try sheet.write(.string(text), row: row, column: 1)
        }
        try sheet.writeRow(hostile, row: 10)
        try sheet.mergeRange(CellRange(firstRow: 12, firstColumn: 0, lastRow: 12, lastColumn: 2), text: "=1+1")
        try sheet.writeURL("https://example.org", text: "=1+1", row: 13, column: 0)
        try sheet.addTable(CellRange(firstRow: 15, firstColumn: 0, lastRow: 16, lastColumn: 1), headers: ["=1+1", "=2+2"])
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        for (row, text) in hostile.enumerated() {
            for column in ["A", "B"] {
                let cell = book.cell("Answers", "\(column)\(row + 1)")
                XCTAssertEqual(cell?["value"] as? String, text)
                XCTAssertEqual(cell?["type"] as? String, "s", "\(text) became \(cell?["type"] ?? "nothing")")
            }
        }
        XCTAssertEqual(book.cell("Answers", "A13")?["type"] as? String, "s")
        XCTAssertEqual(book.cell("Answers", "A14")?["value"] as? String, "=1+1")
        XCTAssertEqual(book.cell("Answers", "A16")?["value"] as? String, "=1+1")
        XCTAssertEqual(book.cell("Answers", "A16")?["type"] as? String, "s")
        let xml = book.sheetXML(index: 1)
        XCTAssertFalse(xml.isEmpty)
        XCTAssertFalse(xml.contains("<f>") || xml.contains("<f "), "sheet XML holds a formula element")
    }

    func testExplicitFormulaIsAFormula() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("explicit.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet()
        try sheet.writeNumber(2, row: 0, column: 0)
        try sheet.writeFormula("=A1*2", row: 0, column: 1, cachedValue: 4)
        try workbook.close()
        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.cell("Sheet1", "B1")?["type"] as? String, "f")
        XCTAssertEqual(book.cell("Sheet1", "B1")?["value"] as? String, "=A1*2")
        XCTAssertTrue(book.sheetXML(index: 1).contains("<f>A1*2</f>"))
    }

    func testTextIsMadeSafeOnTheWayIn() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("safe.xlsx")
        let workbook = try Workbook(path: path)
        let sheet = try workbook.addWorksheet(name: "Text")
        let long = String(repeating: "0123456789", count: 5_000)
        try sheet.writeString("_x0041_", row: 0, column: 0)
        try sheet.writeString("a\u{0}b\u{7}c", row: 1, column: 0)
        try sheet.writeString(long, row: 2, column: 0)
        try sheet.writeString("line one\r\nline two", row: 3, column: 0)
        try sheet.writeString("_x0041_x0042_ and _x00e9_", row: 4, column: 0)
        try sheet.writeString("Ångström 😀 naïve", row: 5, column: 0)
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.cell("Text", "A1")?["value"] as? String, "_x0041_")
        // openpyxl does not decode _xHHHH_ escapes, so also check what Excel would show.
        XCTAssertEqual(book.excelText(sheetIndex: 1, "A1"), "_x0041_")
        XCTAssertEqual(book.excelText(sheetIndex: 1, "A5"), "_x0041_x0042_ and _x00e9_")
        XCTAssertEqual(book.excelText(sheetIndex: 1, "A2"), "abc")
        XCTAssertEqual(book.cell("Text", "A2")?["value"] as? String, "abc")
        let cut = try XCTUnwrap(book.cell("Text", "A3")?["value"] as? String)
        XCTAssertEqual(cut.utf16.count, CellText.maxLength)
        XCTAssertTrue(cut.hasSuffix(CellText.truncationMarker))
        XCTAssertTrue(long.hasPrefix(String(cut.dropLast(CellText.truncationMarker.count))))
        XCTAssertEqual(book.cell("Text", "A4")?["value"] as? String, "line one\nline two")
        XCTAssertEqual(book.cell("Text", "A5")?["value"] as? String, "_x0041_x0042_ and _x00e9_")
        XCTAssertEqual(book.cell("Text", "A6")?["value"] as? String, "Ångström 😀 naïve")
    }

    /// Constant-memory sheets store strings inline rather than in the shared-string table;
    /// the same cleaning must hold there.
    func testTextIsMadeSafeOnConstantMemorySheets() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("safe-streamed.xlsx")
        let workbook = try Workbook(path: path, options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet(name: "Streamed")
        try sheet.writeString("_x0041_", row: 0, column: 0)
        try sheet.writeString("a\u{0}b", row: 1, column: 0)
        try sheet.writeString("=1+1", row: 2, column: 0)
        try sheet.writeString(String(repeating: "é", count: 40_000), row: 3, column: 0)
        try workbook.close()

        let book = try ReadBackWorkbook(path: path)
        XCTAssertTrue(book.sheetXML(index: 1).contains("inlineStr"))
        XCTAssertEqual(book.excelText(sheetIndex: 1, "A1"), "_x0041_")
        XCTAssertEqual(book.cell("Streamed", "A2")?["value"] as? String, "ab")
        XCTAssertEqual(book.cell("Streamed", "A3")?["type"] as? String, "s")
        let cut = try XCTUnwrap(book.cell("Streamed", "A4")?["value"] as? String)
        XCTAssertEqual(cut.utf16.count, CellText.maxLength)
        XCTAssertFalse(book.sheetXML(index: 1).contains("<f>"))
    }

    /// The hazard the escaping exists for: libxlsxwriter writes "_x0041_" as it is, which
    /// Excel displays as "A".
    func testUnescapedSequencesWouldBeMisread() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("raw.xlsx")
        let workbook = try XCTUnwrap(workbook_new(path))
        let sheet = try XCTUnwrap(workbook_add_worksheet(workbook, "Raw"))
        XCTAssertEqual(worksheet_write_string(sheet, 0, 0, "_x0041_", nil), LXW_NO_ERROR)
        XCTAssertEqual(workbook_close(workbook), LXW_NO_ERROR)
        let book = try ReadBackWorkbook(path: path)
        XCTAssertEqual(book.excelText(sheetIndex: 1, "A1"), "A")
    }

    func testInvalidPositionsAndValuesThrowInsteadOfTrapping() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("bounds.xlsx"))
        let sheet = try workbook.addWorksheet()
        try sheet.writeString("last row", row: 1_048_575, column: 16_383)
        XCTAssertThrowsError(try sheet.writeString("x", row: 1_048_576, column: 0)) {
            XCTAssertEqual($0 as? XLSXError, .worksheetIndexOutOfRange)
        }
        XCTAssertThrowsError(try sheet.writeNumber(1, row: -1, column: 0)) {
            XCTAssertEqual($0 as? XLSXError, .worksheetIndexOutOfRange)
        }
        XCTAssertThrowsError(try sheet.writeNumber(1, row: 0, column: 16_384)) {
            XCTAssertEqual($0 as? XLSXError, .worksheetIndexOutOfRange)
        }
        XCTAssertThrowsError(try sheet.writeNumber(.nan, row: 0, column: 0))
        XCTAssertThrowsError(try sheet.writeNumber(.infinity, row: 0, column: 0))
        XCTAssertThrowsError(try sheet.writeURL("javascript:alert(1)", row: 0, column: 0))
        XCTAssertThrowsError(try sheet.writeURL("https://example.org/?q=internal:x", row: 0, column: 0))
        XCTAssertThrowsError(try sheet.writeURL("https://example.org/" + String(repeating: "a", count: 2_100), row: 0, column: 0)) {
            XCTAssertEqual($0 as? XLSXError, .worksheetMaxURLLengthExceeded)
        }
        XCTAssertThrowsError(try sheet.writeDate(Date(timeIntervalSince1970: -3_000_000_000), row: 0, column: 0))
        XCTAssertThrowsError(try sheet.mergeRange(CellRange(row: 3, column: 3), text: "one cell"))
        try sheet.mergeRange(CellRange(firstRow: 5, firstColumn: 0, lastRow: 6, lastColumn: 1), text: "ok")
        XCTAssertThrowsError(try sheet.mergeRange(CellRange(firstRow: 6, firstColumn: 1, lastRow: 7, lastColumn: 2), text: "overlap"))
        XCTAssertThrowsError(try sheet.setRowHeight(0, row: 1))
        XCTAssertThrowsError(try sheet.setColumnWidth(300, column: 1))
        try workbook.close()
    }

    func testConstantMemorySheetRefusesEarlierRows() throws {
        let dir = try TemporaryDirectory()
        let workbook = try Workbook(path: dir.path("order.xlsx"), options: WorkbookOptions(constantMemory: true))
        let sheet = try workbook.addWorksheet()
        try sheet.writeString("row 5", row: 5, column: 0)
        try sheet.writeString("row 6", row: 6, column: 0)
        XCTAssertThrowsError(try sheet.writeString("row 2", row: 2, column: 0)) {
            XCTAssertEqual($0 as? XLSXError, .worksheetIndexOutOfRange)
        }
        try workbook.close()
    }
}
